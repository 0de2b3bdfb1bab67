"""Charts of local indicators, built like `metrics.charts.trend_spec` so a local figure and
a Mobility Metric look alike on the page and in the plan document; the source line names
the coalition's own source instead of the Urban Institute."""

from __future__ import annotations

from typing import Any

from lib.numbers import axis_format
from localdata.selectors import ALL_RESIDENTS, IndicatorView
from metrics.charts import BLUE, _base, comparison_spec

# Groups are told apart by shape as well as colour.
GROUP_COLOURS = [BLUE, "#c2850c", "#00bde3", "#b50909", "#538200", "#71767a", "#8168b3"]
GROUP_SHAPES = ["circle", "square", "triangle-up", "diamond", "cross", "triangle-down", "wedge"]


def _source_line(indicator: IndicatorView) -> str:
    return f"Source: {indicator.source_name} (local data)"


def _rows(indicator: IndicatorView, *, groups: bool) -> list[dict[str, Any]]:
    points = indicator.points if groups else indicator.series
    return [
        {
            "year": p.year,
            "group": p.group_label,
            "value": p.value,
            "lb": p.lb,
            "ub": p.ub,
            "text": p.text,
            "interval": p.interval or "none given",
        }
        for p in points
    ]


def indicator_trend_spec(*, indicator: IndicatorView, place: str) -> dict[str, Any]:
    """A line across the years with its interval as a band. With no figure for all
    residents, one line per group (colour and shape) instead."""
    by_group = not indicator.series and bool(indicator.points)
    rows = _rows(indicator, groups=by_group)
    years = sorted({row["year"] for row in rows})
    if rows:
        last = rows[-1]
        description = (
            f"Line chart of {indicator.name} in {place} from {years[0]} to {years[-1]}, "
            f"{len(years)} years. Latest: {last['text']} in {last['year']}"
            + (f" ({last['group']})." if by_group else ".")
        )
    else:
        description = f"No figures of {indicator.name} for {place} yet."
    band = (
        "Shaded: interval given with the figures." if any(r["lb"] is not None for r in rows) else ""
    )
    spec = _base(
        title=indicator.name,
        subtitle=f"{place}. {band}".strip(),
        description=description,
        height=200,
    )
    spec["title"]["subtitle"] = [spec["title"]["subtitle"][0], _source_line(indicator)]
    y = {
        "field": "value",
        "type": "quantitative",
        "title": indicator.unit_label,
        "axis": {"format": axis_format(unit=indicator.unit)},
        "scale": {"zero": False},
    }
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
        {"field": "group", "title": "Group"},
        {"field": "text", "title": "Value"},
        {"field": "interval", "title": "Interval"},
    ]
    group_names = sorted({row["group"] for row in rows})
    split: dict[str, Any] = {}
    if by_group:
        split = {
            "color": {
                "field": "group",
                "type": "nominal",
                "title": "Group",
                "scale": {"domain": group_names, "range": GROUP_COLOURS},
            },
            "shape": {
                "field": "group",
                "type": "nominal",
                "title": "Group",
                "scale": {"domain": group_names, "range": GROUP_SHAPES},
            },
        }
    line = {"type": "line", "strokeWidth": 2} | ({} if by_group else {"color": BLUE})
    point = {"type": "point", "filled": True, "size": 80, "opacity": 1}
    spec["layer"] = [
        {
            "transform": [{"filter": "isValid(datum.lb) && isValid(datum.ub)"}],
            "mark": {"type": "area", "color": BLUE, "opacity": 0.18},
            "encoding": {"y": {**y, "field": "lb"}, "y2": {"field": "ub"}}
            | ({"detail": {"field": "group"}} if by_group else {}),
        },
        {"mark": line, "encoding": {"y": y} | {k: v for k, v in split.items() if k == "color"}},
        {
            "mark": point | ({} if by_group else {"color": BLUE}),
            "encoding": {"y": y, "tooltip": tooltip} | split,
        },
    ]
    return spec


def indicator_groups_spec(*, indicator: IndicatorView, place: str) -> dict[str, Any] | None:
    """Bars for the groups in the latest year that has them, all residents first."""
    if not indicator.groups:
        return None
    rows: list[dict[str, Any]] = []
    reference = next((p for p in indicator.series if p.year == indicator.groups_year), None)
    if reference is not None:
        rows.append(_bar(ALL_RESIDENTS, reference, role="self"))
    rows += [_bar(g.name, g.point, role="peer") for g in indicator.groups]
    spec = comparison_spec(
        metric_name=indicator.name,
        unit=indicator.unit,
        rows=rows,
        title=f"{indicator.name} by group, {indicator.groups_year}",
        subtitle=f"{place}. Lines: intervals where given.",
        unit_label=indicator.unit_label,
    )
    spec["title"]["subtitle"] = [spec["title"]["subtitle"][0], _source_line(indicator)]
    return spec


def _bar(label: str, point: Any, *, role: str) -> dict[str, Any]:
    return {
        "label": label,
        "value": point.value,
        "lb": point.lb,
        "ub": point.ub,
        "text": point.text,
        "role": role,
    }


def chart_data_uri(*, spec: dict[str, Any]) -> str:
    """The chart as an SVG data address for an <img>: drawn on the server, so a printed
    page shows every chart, and nothing in it can run in the page."""
    import base64

    from metrics.charts import chart_render

    svg = chart_render(spec=spec, fmt="svg")
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")
