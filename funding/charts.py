"""Vega-Lite specs for funding: one definition drawn in the page and rendered into the
documents (metrics.charts.chart_render)."""

from __future__ import annotations

from typing import Any

from funding.selectors import GapRow, money
from metrics.charts import BLUE, FONT, GOLD, SCHEMA

PARTS = ["Committed", "Still needed"]


def gaps_spec(*, rows: list[GapRow], by: str, place: str) -> dict[str, Any]:
    """Stacked bars: what is committed and what is still needed, one bar per row."""
    values = [
        {"label": row.label, "part": part, "amount": float(amount), "text": money(amount)}
        for row in rows
        for part, amount in (("Committed", row.committed), ("Still needed", row.shortfall))
    ]
    description = f"Bar chart of funding committed and still needed by {by} for {place}: " + (
        "; ".join(
            f"{row.label}: {money(row.committed)} committed, {money(row.shortfall)} still needed"
            for row in rows
        )
        or "no actions yet"
    )
    return {
        "$schema": SCHEMA,
        "description": description + ".",
        "title": {
            "text": f"Funding committed and still needed, by {by}",
            "subtitle": [f"{place}; source: the coalition's funding ledger"],
        },
        "width": "container",
        "height": {"step": 26},
        "autosize": {"type": "fit-x", "contains": "padding"},
        "background": "white",
        "data": {"values": values},
        "mark": {"type": "bar", "tooltip": True},
        "encoding": {
            "y": {"field": "label", "type": "nominal", "sort": None, "title": None},
            "x": {
                "field": "amount",
                "type": "quantitative",
                "stack": "zero",
                "title": "Dollars",
                "axis": {"format": "$,.0f"},
            },
            "color": {
                "field": "part",
                "type": "nominal",
                "title": None,
                "scale": {"domain": PARTS, "range": [BLUE, GOLD]},
            },
            "order": {"field": "part", "sort": "ascending"},
            "tooltip": [
                {"field": "label", "title": by.capitalize()},
                {"field": "part", "title": "Part"},
                {"field": "text", "title": "Amount"},
            ],
        },
        "config": {
            "font": FONT,
            "axis": {"labelFontSize": 12, "titleFontSize": 12, "labelLimit": 260},
            "legend": {"labelFontSize": 12, "orient": "bottom"},
            "title": {"fontSize": 15, "subtitleFontSize": 12, "anchor": "start"},
            "view": {"stroke": None},
        },
    }
