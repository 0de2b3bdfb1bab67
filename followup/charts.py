"""Vega-Lite specs of the accountability view (drawn in the page by static/js/charts.js;
the same numbers are in a table beside each chart)."""

from __future__ import annotations

from typing import Any

from metrics.charts import FONT, SCHEMA

RED = "#b50909"


def overdue_spec(*, rows: list[dict[str, Any]], group: str, title: str) -> dict[str, Any]:
    """Horizontal bars: overdue items per owner (or organisation), most first."""
    values = [{"who": r["who"], "overdue": r["overdue"]} for r in rows if r["group"] == group]
    return {
        "$schema": SCHEMA,
        "description": f"{title}. The table below the chart has the same numbers.",
        "title": {"text": title, "anchor": "start", "fontSize": 15},
        "width": "container",
        "height": {"step": 24},
        "autosize": {"type": "fit-x", "contains": "padding"},
        "background": "white",
        "data": {"values": values},
        "mark": {"type": "bar", "color": RED},
        "encoding": {
            "y": {"field": "who", "type": "nominal", "sort": "-x", "title": None},
            "x": {
                "field": "overdue",
                "type": "quantitative",
                "title": "Overdue items",
                "axis": {"tickMinStep": 1, "format": "d"},
            },
            "tooltip": [
                {"field": "who", "title": group},
                {"field": "overdue", "title": "Overdue items"},
            ],
        },
        "config": {"font": FONT, "view": {"stroke": None}, "axis": {"labelLimit": 220}},
    }
