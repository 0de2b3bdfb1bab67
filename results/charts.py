"""A measure's chart as a Vega-Lite spec: its values with their intervals, the baseline,
the level targets, and where the line goes if nothing changes. The page draws it with
static/js/charts.js; documents render the same spec with metrics.charts.chart_render."""

from __future__ import annotations

import datetime
from typing import Any

from lib.numbers import axis_format, interval_format, value_format
from metrics.charts import BLUE, DARK, FONT, GRAY, RED, SCHEMA
from results.analysis import Fit, Point
from results.periods import PeriodError, period_parse

SOURCE_RELEASE = "Source: Urban Institute, Mobility Metrics"


def chart_x(day: datetime.date) -> datetime.date:
    """Where a date goes on the time axis: a date that closes a year (a target "by the end
    of 2028") stands at that year's tick, like the values of that year."""
    if (day.month, day.day) == (12, 31):
        return datetime.date(day.year, 1, 1)
    return day


def point_x(point: Point) -> datetime.date:
    """A value stands at the start of its period (read from its label when not given)."""
    if point.start is not None:
        return point.start
    try:
        return period_parse(text=point.label).start
    except PeriodError:
        return chart_x(point.when)


def _row(kind: str, when: datetime.date, value: float, unit: str, **extra: Any) -> dict[str, Any]:
    return {
        "kind": kind,
        "date": when.isoformat(),
        "value": value,
        "text": value_format(value=value, unit=unit),
        **extra,
    }


def chart_rows(
    *,
    points: list[Point],
    unit: str,
    fit: Fit | None,
    horizon: datetime.date | None,
    baseline: tuple[int, float] | None,
    targets: list[tuple[datetime.date, float]],
) -> list[dict[str, Any]]:
    """One list of rows, each with its kind: value, forecast, baseline, target."""
    rows = [
        _row(
            "value",
            point_x(p),
            p.value,
            unit,
            period=p.label,
            lb=p.lb,
            ub=p.ub,
            interval=interval_format(lb=p.lb, ub=p.ub, unit=unit) or "none given",
        )
        for p in points
    ]
    if fit is not None and points and horizon is not None and horizon > points[-1].when:
        last = points[-1]
        for when, x in ((last.when, point_x(last)), (horizon, chart_x(horizon))):
            band = fit.band(when)
            rows.append(
                _row(
                    "forecast",
                    x,
                    fit.at(when),
                    unit,
                    period=when.isoformat(),
                    lb=band[0] if band else None,
                    ub=band[1] if band else None,
                )
            )
    if baseline is not None:
        year, value = baseline
        rows.append(_row("baseline", datetime.date(year, 1, 1), value, unit, period=str(year)))
    for when, value in targets:
        rows.append(_row("target", chart_x(when), value, unit, period=f"by {when.isoformat()}"))
    return rows


X = {
    "field": "date",
    "type": "temporal",
    "title": "Period",
    "axis": {"format": "%Y", "labelAngle": 0, "tickCount": "year"},
}


def _with_x(layer: dict[str, Any]) -> dict[str, Any]:
    """Every layer but the baseline's rule is placed in time; the rule spans the chart."""
    if layer["mark"]["type"] == "rule":
        return layer
    return {**layer, "encoding": {"x": X, **layer["encoding"]}}


def measure_spec(
    *,
    name: str,
    unit: str,
    unit_label: str,
    place: str,
    rows: list[dict[str, Any]],
    from_release: bool,
    description: str,
) -> dict[str, Any]:
    """The chart: blue line and shaded interval for the values, a dashed grey line (and
    band) for where it goes if nothing changes, a dotted line for the baseline, red
    diamonds for targets. Each is labelled in words, so colour is never the only sign."""
    y = {
        "field": "value",
        "type": "quantitative",
        "title": unit_label,
        "axis": {"format": axis_format(unit=unit)},
        "scale": {"zero": False},
    }
    tooltip = [
        {"field": "period", "title": "Period"},
        {"field": "text", "title": "Value"},
    ]
    subtitle = [
        f"{place}. Each value at the start of its period. Shaded: its interval. "
        "Dashed: if nothing changes."
    ]
    if from_release:
        subtitle.append(SOURCE_RELEASE)

    def only(kind: str) -> list[dict[str, Any]]:
        return [{"filter": f"datum.kind === '{kind}'"}]

    def bounded(kind: str) -> list[dict[str, Any]]:
        return [*only(kind), {"filter": "isValid(datum.lb) && isValid(datum.ub)"}]

    layer: list[dict[str, Any]] = [
        {
            "transform": bounded("value"),
            "mark": {"type": "area", "color": BLUE, "opacity": 0.18, "aria": False},
            "encoding": {"y": {**y, "field": "lb"}, "y2": {"field": "ub"}},
        },
        {
            "transform": bounded("forecast"),
            "mark": {"type": "area", "color": GRAY, "opacity": 0.15, "aria": False},
            "encoding": {"y": {**y, "field": "lb"}, "y2": {"field": "ub"}},
        },
        {
            "transform": only("forecast"),
            "mark": {"type": "line", "color": GRAY, "strokeDash": [6, 4], "strokeWidth": 2},
            "encoding": {"y": y},
        },
        {
            "transform": only("value"),
            "mark": {"type": "line", "color": BLUE, "strokeWidth": 2, "point": {"filled": True}},
            "encoding": {"y": y, "tooltip": [*tooltip, {"field": "interval", "title": "Interval"}]},
        },
        {
            "transform": only("baseline"),
            "mark": {"type": "rule", "color": DARK, "strokeDash": [2, 3]},
            "encoding": {"y": y, "tooltip": tooltip},
        },
        {
            "transform": only("baseline"),
            "mark": {"type": "text", "align": "left", "dy": -8, "color": DARK},
            "encoding": {"y": y, "text": {"value": "Baseline"}},
        },
        {
            "transform": only("target"),
            "mark": {
                "type": "point",
                "shape": "diamond",
                "filled": True,
                "size": 140,
                "color": RED,
            },
            "encoding": {"y": y, "tooltip": tooltip},
        },
        {
            "transform": only("target"),
            "mark": {"type": "text", "align": "left", "dx": 9, "color": RED},
            "encoding": {"y": y, "text": {"value": "Target"}},
        },
    ]
    return {
        "$schema": SCHEMA,
        "description": description,
        "title": {"text": name, "subtitle": subtitle},
        "width": "container",
        "height": 240,
        "autosize": {"type": "fit-x", "contains": "padding"},
        "background": "white",
        "config": {
            "font": FONT,
            "axis": {"labelFontSize": 12, "titleFontSize": 12},
            "title": {"fontSize": 15, "subtitleFontSize": 12, "anchor": "start"},
            "view": {"stroke": None},
        },
        "data": {"values": rows},
        "layer": [_with_x(one) for one in layer],
    }
