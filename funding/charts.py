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


def measure_spec(
    *,
    name: str,
    points: list[tuple[str, str, float]],
    baseline: tuple[str, float] | None,
    target: tuple[str, float] | None,
) -> dict[str, Any]:
    """A measure's values over time (period label, ISO date, value), with its baseline and
    target as labelled points, so the line is read against where it started and where it
    should go."""
    values = [
        {"date": day, "value": value, "label": label, "kind": "Value"}
        for label, day, value in points
    ]
    marks = list(values)
    if baseline:
        marks.append(
            {"date": baseline[0], "value": baseline[1], "label": "Baseline", "kind": "Baseline"}
        )
    if target:
        marks.append({"date": target[0], "value": target[1], "label": "Target", "kind": "Target"})
    said = ", ".join(f"{label} {value:g}" for label, _, value in points) or "no values yet"
    description = f"Line chart of {name}: {said}"
    if baseline:
        description += f"; baseline {baseline[1]:g}"
    if target:
        description += f"; target {target[1]:g} by {target[0]}"
    return {
        "$schema": SCHEMA,
        "description": description + ".",
        "title": {"text": name, "subtitle": ["Values reported by the coalition"]},
        "width": "container",
        "height": 180,
        "autosize": {"type": "fit-x", "contains": "padding"},
        "background": "white",
        "layer": [
            {
                "data": {"values": values},
                "mark": {"type": "line", "color": BLUE, "point": True},
                "encoding": {
                    "x": {"field": "date", "type": "temporal", "title": None},
                    "y": {
                        "field": "value",
                        "type": "quantitative",
                        "title": None,
                        "scale": {"zero": False},
                    },
                },
            },
            {
                "data": {"values": marks},
                "mark": {"type": "point", "filled": True, "size": 70},
                "encoding": {
                    "x": {"field": "date", "type": "temporal"},
                    "y": {"field": "value", "type": "quantitative"},
                    "shape": {
                        "field": "kind",
                        "type": "nominal",
                        "title": None,
                        "scale": {
                            "domain": ["Value", "Baseline", "Target"],
                            "range": ["circle", "square", "triangle-up"],
                        },
                    },
                    "color": {
                        "field": "kind",
                        "type": "nominal",
                        "title": None,
                        "scale": {
                            "domain": ["Value", "Baseline", "Target"],
                            "range": [BLUE, "#71767a", GOLD],
                        },
                    },
                },
            },
        ],
        "config": {
            "font": FONT,
            "axis": {"labelFontSize": 12, "titleFontSize": 12},
            "legend": {"labelFontSize": 12, "orient": "bottom"},
            "title": {"fontSize": 15, "subtitleFontSize": 12, "anchor": "start"},
            "view": {"stroke": None},
        },
    }
