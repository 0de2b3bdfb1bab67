"""The chart of step 6: how much feedback each theme gathered (a Vega-Lite spec drawn by
static/js/charts.js, the same way as the metrics charts)."""

from __future__ import annotations

from typing import Any

from metrics.charts import BLUE, FONT, SCHEMA

SOURCE = "Source: feedback recorded by the coalition"


def theme_counts_spec(*, counts: list[tuple[str, int]], scope: str) -> dict[str, Any]:
    """Horizontal bars, one per theme, most feedback first; the count is written at the end
    of each bar so the figure does not rest on length alone."""
    rows = [{"theme": name, "count": count} for name, count in counts]
    described = "; ".join(f"{name}: {count}" for name, count in counts)
    bar_y = {"field": "theme", "type": "nominal", "title": None, "sort": [n for n, _ in counts]}
    x = {
        "field": "count",
        "type": "quantitative",
        "title": "Feedback items",
        "axis": {"format": "d", "tickMinStep": 1},
    }
    return {
        "$schema": SCHEMA,
        "description": f"Bar chart of feedback items per theme, {scope}. {described}.",
        "title": {"text": "Feedback by theme", "subtitle": [scope, SOURCE]},
        "width": "container",
        "height": max(60, 30 * len(rows)),
        "autosize": {"type": "fit-x", "contains": "padding"},
        "background": "white",
        "config": {
            "font": FONT,
            "axis": {"labelFontSize": 12, "titleFontSize": 12, "labelLimit": 220},
            "title": {"fontSize": 15, "subtitleFontSize": 12, "anchor": "start"},
            "view": {"stroke": None},
        },
        "data": {"values": rows},
        "encoding": {"y": bar_y, "x": x},
        "layer": [
            {
                "mark": {"type": "bar", "color": BLUE, "height": {"band": 0.7}},
                "encoding": {
                    "tooltip": [
                        {"field": "theme", "title": "Theme"},
                        {"field": "count", "title": "Feedback items"},
                    ]
                },
            },
            {
                "mark": {"type": "text", "align": "left", "dx": 4},
                "encoding": {"text": {"field": "count", "type": "quantitative"}},
            },
        ],
    }
