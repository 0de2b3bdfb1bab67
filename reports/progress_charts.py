"""The chart of a measure against its targets, as a Vega-Lite spec: the same spec is drawn
in the page and rendered to SVG/PNG for the PDF and Word files.

The chart has no title or legend of its own: the heading above it names the measure,
CHART_KEY says once, above the charts, what the line, band, diamonds and dashed line are,
and `chart_caption` names the measure and its source under each. A report charts every
measure of a plan, often a hundred: the title and legend were half of the time vl-convert
took to draw each one, and a long caption under each chart a good part of WeasyPrint's.

results.charts draws a richer chart for a measure's own page (with the line it follows if
nothing changes), but its spec is built per measure (about eight queries each); a report
builds all of its specs from one query.
"""

from __future__ import annotations

from typing import Any

from lib.numbers import axis_format
from metrics.charts import BLUE, DARK, FONT, GOLD, GRAY, SCHEMA

LOCAL_SOURCE = "Source: values reported by the coalition's partners"


CHART_KEY = (
    "In each chart the blue line and round dots are the values reported, the shaded band the "
    "range reported with each value, the gold diamonds the targets and the dashed line the "
    "baseline."
)


def chart_caption(*, name: str, source: str = "") -> str:
    """One line under each chart (CHART_KEY, said once above the charts, explains them)."""
    return f"{name}. {source or LOCAL_SOURCE}."


def measure_spec(
    *,
    name: str,
    unit: str,
    unit_label: str,
    values: list[dict[str, Any]],
    targets: list[dict[str, Any]],
    baseline: dict[str, Any] | None,
    source: str = "",
) -> dict[str, Any]:
    """values: {"date", "period", "value", "lb", "ub", "text", "interval"} by date;
    targets: {"date", "value", "text"}; baseline: {"date", "value", "text"} or None."""
    fmt = axis_format(unit=unit)
    y = {
        "field": "value",
        "type": "quantitative",
        "title": unit_label,
        "axis": {"format": fmt},
        "scale": {"zero": False},
    }
    x = {
        "field": "date",
        "type": "temporal",
        "title": "Period ending",
        "axis": {"format": "%b %Y", "labelAngle": 0, "tickCount": 6},
    }
    marks = [{"kind": "Measured", **row} for row in values]
    marks += [{"kind": "Target", **row} for row in targets]
    if baseline is not None:
        marks.append({"kind": "Baseline", **baseline})
    if values:
        latest = values[-1]
        description = (
            f"Line chart of {name}: {len(values)} values from {values[0]['period']} to "
            f"{latest['period']}, latest {latest['text']}."
        )
    else:
        description = f"No values of {name} yet."
    if targets:
        description += " Targets: " + "; ".join(f"{t['text']} by {t['date']}" for t in targets)
    if baseline is not None:
        description += f" Baseline: {baseline['text']}."
    kinds = ["Measured", "Target", "Baseline"]
    legend = {
        "field": "kind",
        "type": "nominal",
        "title": None,
        "scale": {"domain": kinds, "range": [BLUE, GOLD, GRAY]},
        "legend": None,  # the caption says it in words: drawing a legend doubles the cost
    }
    shape = {**legend, "scale": {"domain": kinds, "range": ["circle", "diamond", "square"]}}
    tooltip = [
        {"field": "kind", "title": "What"},
        {"field": "date", "type": "temporal", "title": "Date", "format": "%b %d, %Y"},
        {"field": "text", "title": "Value"},
    ]
    return {
        "$schema": SCHEMA,
        "description": description,
        "width": "container",
        "height": 150,
        "autosize": {"type": "fit-x", "contains": "padding"},
        "background": "white",
        "config": {
            "font": FONT,
            "view": {"stroke": None},
            "axis": {"labelFontSize": 11, "titleFontSize": 11},
        },
        "data": {"values": marks},
        "layer": [
            {
                "transform": [
                    {"filter": "datum.kind == 'Measured' && isValid(datum.lb) && isValid(datum.ub)"}
                ],
                "mark": {"type": "area", "color": BLUE, "opacity": 0.18, "aria": False},
                "encoding": {"x": x, "y": {**y, "field": "lb"}, "y2": {"field": "ub"}},
            },
            {
                "transform": [{"filter": "datum.kind == 'Measured'"}],
                "mark": {"type": "line", "color": BLUE, "strokeWidth": 2},
                "encoding": {"x": x, "y": y},
            },
            {
                "transform": [{"filter": "datum.kind == 'Baseline'"}],
                "mark": {"type": "rule", "color": DARK, "strokeDash": [4, 3]},
                "encoding": {"y": y},
            },
            {
                "mark": {"type": "point", "filled": True, "size": 70, "opacity": 1},
                "encoding": {"x": x, "y": y, "color": legend, "shape": shape, "tooltip": tooltip},
            },
        ],
    }
