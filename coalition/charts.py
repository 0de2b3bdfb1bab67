"""The stakeholder map as a Vega-Lite spec, in the style of metrics.charts: the page draws
it with vega-embed and the plan document renders the same spec to an image."""

from __future__ import annotations

import math
from typing import Any

from coalition.selectors import HIGH, QUADRANTS, MapPoint
from metrics.charts import BLUE, DARK, FONT, GOLD, GRAY, SCHEMA

SOURCE = "Source: the coalition's own ratings, recorded in Upward"
KINDS = ["Person", "Organization"]


def _spread(points: list[MapPoint]) -> list[tuple[float, float]]:
    """Where to draw each point: those sharing a cell are set around it in a small circle,
    so none hides another (the table and tooltip keep the recorded values)."""
    cells: dict[tuple[int, int], list[int]] = {}
    for i, p in enumerate(points):
        cells.setdefault((p.interest, p.influence), []).append(i)
    placed: list[tuple[float, float]] = [(0.0, 0.0)] * len(points)
    for (x, y), members in cells.items():
        n = len(members)
        for k, i in enumerate(members):
            if n == 1:
                placed[i] = (float(x), float(y))
                continue
            angle = 2 * math.pi * k / n
            placed[i] = (x + 0.28 * math.cos(angle), y + 0.28 * math.sin(angle))
    return placed


def stakeholder_map_spec(*, points: list[MapPoint], place: str) -> dict[str, Any]:
    rows = [
        {
            "name": p.name,
            "kind": p.kind,
            "influence": p.influence,
            "interest": p.interest,
            "quadrant": p.quadrant,
            "x": round(x, 3),
            "y": round(y, 3),
        }
        for p, (x, y) in zip(points, _spread(points), strict=True)
    ]
    counts = {q: sum(p.quadrant == q for p in points) for q in QUADRANTS.values()}
    description = (
        f"Scatter chart of {len(points)} people and organizations in the coalition for "
        f"{place}, by interest (across) and influence (up). "
        + "; ".join(f"{q}: {n}" for q, n in counts.items())
        + "."
    )
    scale = {"domain": [0.4, 5.6], "nice": False, "zero": False}
    axis = {"values": [1, 2, 3, 4, 5], "format": "d", "grid": False}
    corners = [
        {
            "x": 5.55,
            "y": 5.55,
            "align": "right",
            "baseline": "top",
            "text": QUADRANTS[(True, True)],
        },
        {
            "x": 0.45,
            "y": 5.55,
            "align": "left",
            "baseline": "top",
            "text": QUADRANTS[(True, False)],
        },
        {
            "x": 5.55,
            "y": 0.45,
            "align": "right",
            "baseline": "bottom",
            "text": QUADRANTS[(False, True)],
        },
        {
            "x": 0.45,
            "y": 0.45,
            "align": "left",
            "baseline": "bottom",
            "text": QUADRANTS[(False, False)],
        },
    ]
    layers: list[dict[str, Any]] = [
        {
            "data": {"values": [{"at": HIGH - 0.5}]},
            "mark": {"type": "rule", "color": GRAY, "strokeDash": [4, 4]},
            "encoding": {"x": {"field": "at", "type": "quantitative", "scale": scale}},
        },
        {
            "data": {"values": [{"at": HIGH - 0.5}]},
            "mark": {"type": "rule", "color": GRAY, "strokeDash": [4, 4]},
            "encoding": {"y": {"field": "at", "type": "quantitative", "scale": scale}},
        },
    ]
    for corner in corners:
        layers.append(
            {
                "data": {"values": [corner]},
                "mark": {
                    "type": "text",
                    "align": corner["align"],
                    "baseline": corner["baseline"],
                    "color": DARK,
                    "fontSize": 11,
                    "fontStyle": "italic",
                },
                "encoding": {
                    "x": {"field": "x", "type": "quantitative", "scale": scale},
                    "y": {"field": "y", "type": "quantitative", "scale": scale},
                    "text": {"field": "text"},
                },
            }
        )
    layers.append(
        {
            "data": {"values": rows},
            "mark": {"type": "point", "filled": True, "size": 110, "opacity": 0.9},
            "encoding": {
                "x": {
                    "field": "x",
                    "type": "quantitative",
                    "scale": scale,
                    "axis": axis,
                    "title": "Interest in the plan (1 low, 5 high)",
                },
                "y": {
                    "field": "y",
                    "type": "quantitative",
                    "scale": scale,
                    "axis": axis,
                    "title": "Influence (1 low, 5 high)",
                },
                "color": {
                    "field": "kind",
                    "type": "nominal",
                    "title": None,
                    "scale": {"domain": KINDS, "range": [BLUE, GOLD]},
                },
                "shape": {
                    "field": "kind",
                    "type": "nominal",
                    "title": None,
                    "scale": {"domain": KINDS, "range": ["circle", "square"]},
                },
                "tooltip": [
                    {"field": "name", "title": "Name"},
                    {"field": "kind", "title": "Kind"},
                    {"field": "influence", "title": "Influence"},
                    {"field": "interest", "title": "Interest"},
                    {"field": "quadrant", "title": "Where"},
                ],
            },
        }
    )
    return {
        "$schema": SCHEMA,
        "description": description,
        "title": {"text": "Stakeholder map", "subtitle": [place, SOURCE], "anchor": "start"},
        "width": "container",
        "height": 380,
        "autosize": {"type": "fit-x", "contains": "padding"},
        "background": "white",
        "config": {
            "font": FONT,
            "axis": {"labelFontSize": 12, "titleFontSize": 12},
            "legend": {"labelFontSize": 12, "orient": "bottom"},
            "title": {"fontSize": 15, "subtitleFontSize": 12},
            "view": {"stroke": None},
        },
        "layer": layers,
    }
