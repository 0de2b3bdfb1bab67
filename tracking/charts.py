"""The roll-up as a Vega-Lite chart (drawn in the page, rendered to SVG/PNG for documents).

Status is shown by colour and by the status's name in the legend, the tooltip and the
table beside the chart; percent complete is written at the end of each bar."""

from __future__ import annotations

from typing import Any

from metrics.charts import FONT, SCHEMA
from tracking.selectors import STATUS_LABELS, STATUS_ORDER, RollupGroup

SOURCE = "Source: the plan's progress updates"
STATUS_COLOURS = {
    "not-started": "#a9aeb1",
    "on-track": "#00a91c",
    "at-risk": "#c2850c",
    "off-track": "#b50909",
    "completed": "#005ea2",
    "paused": "#71767a",
    "dropped": "#1b1b1b",
}


def rollup_spec(*, groups: list[RollupGroup], by: str, place: str) -> dict[str, Any]:
    """Stacked bars of actions by status for each group, percent complete written beside."""
    rows = [
        {"group": g.name, "status": STATUS_LABELS[s], "order": i, "actions": n}
        for g in groups
        for i, (s, n) in enumerate((s, g.counts.get(s, 0)) for s in STATUS_ORDER)
        if n
    ]
    labels = [
        {
            "group": g.name,
            "actions": g.actions,
            "percent": "no weight" if g.percent is None else f"{g.percent:.0f}% complete",
        }
        for g in groups
    ]
    present = [STATUS_LABELS[s] for s in STATUS_ORDER if any(g.counts.get(s) for g in groups)]
    colours = [STATUS_COLOURS[s] for s in STATUS_ORDER if any(g.counts.get(s) for g in groups)]
    summary = "; ".join(f"{g.name}: {g.status_text}" for g in groups)
    most = max((g.actions for g in groups), default=1) or 1
    # Whole-number ticks, and room on the right for the percent written after each bar.
    x_scale = {"domain": [0, most + max(1.0, most * 0.45)]}
    y = {"field": "group", "type": "nominal", "title": None, "sort": [g.name for g in groups]}
    return {
        "$schema": SCHEMA,
        "description": f"Bar chart of the actions of {place} by status, by {by}. {summary}.",
        "title": {"text": f"Actions by status, by {by}", "subtitle": [place, SOURCE]},
        "width": "container",
        "height": max(60, 34 * len(groups)),
        "autosize": {"type": "fit-x", "contains": "padding"},
        "background": "white",
        "config": {
            "font": FONT,
            "axis": {"labelFontSize": 12, "titleFontSize": 12, "labelLimit": 260},
            "legend": {"labelFontSize": 12, "titleFontSize": 12, "orient": "bottom"},
            "title": {"fontSize": 15, "subtitleFontSize": 12, "anchor": "start"},
            "view": {"stroke": None},
        },
        "layer": [
            {
                "data": {"values": rows},
                "mark": {"type": "bar", "stroke": "white", "strokeWidth": 1},
                "encoding": {
                    "y": y,
                    "x": {
                        "field": "actions",
                        "type": "quantitative",
                        "stack": "zero",
                        "title": "Actions",
                        "axis": {"values": list(range(most + 1)), "format": "d"},
                        "scale": x_scale,
                    },
                    "color": {
                        "field": "status",
                        "type": "nominal",
                        "title": "Status",
                        "scale": {"domain": present, "range": colours},
                    },
                    "order": {"field": "order"},
                    "tooltip": [
                        {"field": "group", "title": by.capitalize()},
                        {"field": "status", "title": "Status"},
                        {"field": "actions", "title": "Actions"},
                    ],
                },
            },
            {
                "data": {"values": labels},
                "mark": {"type": "text", "align": "left", "dx": 6, "fontSize": 12},
                "encoding": {
                    "y": y,
                    "x": {"field": "actions", "type": "quantitative", "scale": x_scale},
                    "text": {"field": "percent"},
                },
            },
        ],
    }
