"""Charts as Vega-Lite specifications: one definition for the page and for the files.

The browser draws a spec with vega-embed (static/js/charts.js); `chart_render` turns the
very same spec into SVG or PNG on the server with vl-convert, so a downloaded chart never
differs from the one on the page. Every spec carries a `description` that screen readers
announce; the page also puts the numbers in a table behind each chart.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from lib.numbers import axis_format

if TYPE_CHECKING:
    from metrics.selectors.profiles import MetricEntry, SubgroupSet

SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"
VEGALITE_VERSION = "6.4"
RENDER_WIDTH = 640  # the width of a server-rendered chart that is "container" wide on a page
SOURCE = "Source: Urban Institute, Mobility Metrics"
FORMATS = ("svg", "png")

# USWDS colours. Quality is shown by shape and in words as well as by colour.
BLUE, GOLD, RED, GRAY, DARK = "#005ea2", "#c2850c", "#b50909", "#71767a", "#1b1b1b"
QUALITY_DOMAIN = ["Strong", "Marginal", "Weak", "Not rated"]
QUALITY_COLOURS = [BLUE, GOLD, RED, GRAY]
QUALITY_SHAPES = ["circle", "square", "triangle-up", "diamond"]
FONT = "Source Sans Pro, Helvetica Neue, Helvetica, Arial, sans-serif"


def _config() -> dict[str, Any]:
    return {
        "font": FONT,
        "axis": {"labelFontSize": 12, "titleFontSize": 12, "labelLimit": 220},
        "legend": {"labelFontSize": 12, "titleFontSize": 12, "orient": "bottom"},
        "title": {"fontSize": 15, "subtitleFontSize": 12, "anchor": "start"},
        "view": {"stroke": None},
    }


def _base(*, title: str, subtitle: str, description: str, height: int) -> dict[str, Any]:
    return {
        "$schema": SCHEMA,
        "description": description,
        "title": {"text": title, "subtitle": [subtitle, SOURCE]},
        "width": "container",
        "height": height,
        "autosize": {"type": "fit-x", "contains": "padding"},
        "background": "white",
        "config": _config(),
    }


def _quality_scale(kind: str) -> dict[str, Any]:
    values = QUALITY_SHAPES if kind == "shape" else QUALITY_COLOURS
    return {"domain": QUALITY_DOMAIN, "range": values}


def _quality_legend(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """A legend that names only the qualities the chart shows (the colours stay fixed)."""
    present = {row["quality"] for row in rows}
    return {"values": [q for q in QUALITY_DOMAIN if q in present], "orient": "bottom"}


def trend_spec(*, entry: MetricEntry, place: str) -> dict[str, Any]:
    """A line across the years with its 95% interval as a band; Weak years stand out by
    shape (a triangle) and colour."""
    rows = [
        {
            "year": point.year,
            "value": point.value,
            "lb": point.lb,
            "ub": point.ub,
            "quality": point.quality or "Not rated",
            "text": point.text,
            "interval": point.interval or "none published",
        }
        for point in entry.series
    ]
    years = [row["year"] for row in rows]
    fmt = axis_format(unit=entry.unit)
    y = {
        "field": "value",
        "type": "quantitative",
        "title": entry.unit_label,
        "axis": {"format": fmt},
        "scale": {"zero": False},
    }
    if rows:
        latest = entry.series[-1]
        description = (
            f"Line chart of {entry.name} in {place} from {years[0]} to {years[-1]}, "
            f"{len(rows)} years. Latest: {latest.text} in {latest.year}."
        )
    else:
        description = f"No figures of {entry.name} for {place}."
    spec = _base(
        title=entry.short_name,
        subtitle=f"{place}. Shaded: 95% confidence interval.",
        description=description,
        height=200,
    )
    spec["data"] = {"values": rows}
    spec["encoding"] = {
        "x": {
            "field": "year",
            "type": "quantitative",
            "title": "Year",
            "axis": {"format": "d", "values": years, "labelAngle": 0},
            "scale": {"zero": False, "nice": False, "padding": 12},
        }
    }
    tooltip = [
        {"field": "year", "title": "Year", "format": "d"},
        {"field": "text", "title": "Value"},
        {"field": "interval", "title": "95% interval"},
        {"field": "quality", "title": "Quality"},
    ]
    spec["layer"] = [
        {
            "transform": [{"filter": "isValid(datum.lb) && isValid(datum.ub)"}],
            "mark": {"type": "area", "color": BLUE, "opacity": 0.18},
            "encoding": {"y": {**y, "field": "lb"}, "y2": {"field": "ub"}},
        },
        {"mark": {"type": "line", "color": BLUE, "strokeWidth": 2}, "encoding": {"y": y}},
        {
            "mark": {"type": "point", "filled": True, "size": 80, "opacity": 1},
            "encoding": {
                "y": y,
                "shape": {
                    "field": "quality",
                    "type": "nominal",
                    "title": "Quality",
                    "scale": _quality_scale("shape"),
                    "legend": _quality_legend(rows),
                },
                "color": {
                    "field": "quality",
                    "type": "nominal",
                    "title": "Quality",
                    "scale": _quality_scale("colour"),
                    "legend": _quality_legend(rows),
                },
                "tooltip": tooltip,
            },
        },
    ]
    return spec


def _bar_layers(
    *, unit: str, colour: dict[str, Any], title: str, y: dict[str, Any]
) -> list[dict[str, Any]]:
    x = {
        "field": "value",
        "type": "quantitative",
        "title": title,
        "axis": {"format": axis_format(unit=unit)},
    }
    tooltip = [
        {"field": "label", "title": "Group"},
        {"field": "text", "title": "Value"},
        {"field": "interval", "title": "95% interval"},
        {"field": "quality", "title": "Quality"},
    ]
    return [
        {
            "mark": {"type": "bar", "height": {"band": 0.7}},
            "encoding": {"x": x, "y": y, "color": colour, "tooltip": tooltip},
        },
        {
            "transform": [{"filter": "isValid(datum.lb) && isValid(datum.ub)"}],
            "mark": {"type": "rule", "color": DARK, "strokeWidth": 1.5},
            "encoding": {"x": {**x, "field": "lb"}, "x2": {"field": "ub"}, "y": y},
        },
    ]


def _bar_row(
    label: str, point: Any, *, role: str = "group", year: int | None = None
) -> dict[str, Any]:
    weak = getattr(point, "quality", None) == "Weak"
    return {
        "label": f"{label} (Weak)" if weak else label,
        "value": getattr(point, "value", None),
        "lb": getattr(point, "lb", None),
        "ub": getattr(point, "ub", None),
        "quality": getattr(point, "quality", None) or "Not rated",
        "text": getattr(point, "text", ""),
        "interval": getattr(point, "interval", "") or "none published",
        "role": role,
        "year": year,
    }


def subgroup_spec(*, entry: MetricEntry, subgroups: SubgroupSet, place: str) -> dict[str, Any]:
    """Horizontal bars, one per group, with interval whiskers and the value for all residents
    as a dashed rule."""
    rows = [_bar_row(group.name, group.point) for group in subgroups.groups]
    labels = [row["label"] for row in rows]
    everyone = subgroups.all
    reference = f" All residents: {everyone.text}." if everyone and everyone.value else ""
    description = (
        f"Bar chart of {entry.name} in {place} by {subgroups.label.lower()}, "
        f"{subgroups.year}: "
        + "; ".join(f"{row['label']} {row['text']}" for row in rows)
        + f".{reference}"
    )
    spec = _base(
        title=f"{entry.short_name} by {subgroups.label.lower()}, {subgroups.year}",
        subtitle=f"{place}. Lines: 95% confidence intervals; dashed: all residents.",
        description=description,
        height=max(60, 34 * len(rows)),
    )
    colour = {
        "field": "quality",
        "type": "nominal",
        "title": "Quality",
        "scale": _quality_scale("colour"),
        "legend": _quality_legend(rows),
    }
    spec["data"] = {"values": rows}
    y = {"field": "label", "type": "nominal", "title": None, "sort": labels}
    spec["layer"] = _bar_layers(unit=entry.unit, colour=colour, title=entry.unit_label, y=y)
    if everyone is not None and everyone.value is not None:
        spec["layer"].append(
            {
                "data": {"values": [{"value": everyone.value, "text": everyone.text}]},
                "mark": {"type": "rule", "color": DARK, "strokeDash": [6, 4], "strokeWidth": 2},
                "encoding": {
                    "x": {"field": "value", "type": "quantitative"},
                    "tooltip": [{"field": "text", "title": "All residents"}],
                },
            }
        )
    return spec


def comparison_spec(
    *,
    metric_name: str,
    unit: str,
    rows: Sequence[Any],
    title: str | None = None,
    subtitle: str = "",
    unit_label: str = "",
) -> dict[str, Any]:
    """Bars for several geographies on one metric.

    rows: objects (or dicts) with `label`, `value`, `lb`, `ub`, `quality` ("Strong",
    "Marginal", "Weak" or None), `role` ("self" is highlighted; "state" and "nation" medians
    are drawn grey) and optionally `year` and `text` (the formatted value).
    """
    from lib.numbers import interval_format, value_format

    data = []
    for row in rows:
        item = row if isinstance(row, dict) else vars(row)
        point = _Point(
            value=item.get("value"),
            lb=item.get("lb"),
            ub=item.get("ub"),
            quality=item.get("quality"),
            text=item.get("text") or value_format(value=item.get("value"), unit=unit),
            interval=interval_format(lb=item.get("lb"), ub=item.get("ub"), unit=unit),
        )
        label = str(item.get("label", ""))
        if item.get("year"):
            label = f"{label} ({item['year']})"
        data.append(
            _bar_row(label, point, role=str(item.get("role", "peer")), year=item.get("year"))
        )
    shown = [row for row in data if row["value"] is not None]
    description = f"Bar chart comparing {metric_name}: " + "; ".join(
        f"{row['label']} {row['text']}" for row in shown
    )
    spec = _base(
        title=title or metric_name,
        subtitle=subtitle or "Lines: 95% confidence intervals where published.",
        description=description + ".",
        height=max(60, 30 * len(shown)),
    )
    colour = {
        "field": "role",
        "type": "nominal",
        "title": None,
        "scale": {
            "domain": ["self", "peer", "state", "nation"],
            "range": [BLUE, "#73b3e7", GRAY, "#a9aeb1"],
        },
        "legend": None,
    }
    spec["data"] = {"values": shown}
    y = {"field": "label", "type": "nominal", "title": None, "sort": None}
    spec["layer"] = _bar_layers(unit=unit, colour=colour, title=unit_label or metric_name, y=y)
    return spec


class _Point:
    def __init__(self, **values: Any) -> None:
        self.__dict__.update(values)


def chart_render(*, spec: dict[str, Any], fmt: str) -> bytes:
    """The chart as an SVG or PNG file, drawn by the same Vega-Lite as the page."""
    import vl_convert

    if fmt not in FORMATS:
        raise ValueError(f"Charts come as {' or '.join(FORMATS)}, not {fmt!r}.")
    fixed = copy.deepcopy(spec)
    if fixed.get("width") == "container":
        fixed["width"] = RENDER_WIDTH
        fixed["autosize"] = {"type": "fit-x", "contains": "padding"}
    if fmt == "svg":
        return vl_convert.vegalite_to_svg(fixed, vl_version=VEGALITE_VERSION).encode("utf-8")
    return bytes(vl_convert.vegalite_to_png(fixed, vl_version=VEGALITE_VERSION, scale=2))
