"""The readiness scorecard as a Vega-Lite spec, in the style of metrics.charts."""

from __future__ import annotations

from typing import Any

from metrics.charts import GRAY, _config
from readiness.selectors import RATING_LABELS, RATING_ORDER, Scorecard

SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"
# Worst to best in a red-to-blue ramp; unknown and not rated in greys. Every bar also
# names its rating in the tooltip and the table behind the chart gives every number.
RATING_COLOURS = ["#b50909", "#e66f0e", "#73b3e7", "#005ea2", GRAY, "#dfe1e2"]


def scorecard_spec(*, scorecard: Scorecard, title: str, subtitle: str) -> dict[str, Any]:
    """One stacked bar per domain: the share of its items at each rating."""
    rows = []
    labels = []
    for domain in scorecard.domains:
        label = f"{domain.title} ({domain.score_text})"
        labels.append(label)
        for order, rating in enumerate(RATING_ORDER):
            if domain.counts[rating]:
                rows.append(
                    {
                        "domain": label,
                        "rating": RATING_LABELS[rating],
                        "order": order,
                        "share": domain.shares[rating],
                        "count": domain.counts[rating],
                    }
                )
    description = "Stacked bar chart of readiness by domain: " + "; ".join(
        f"{d.title}, score {d.score_text}, "
        + ", ".join(
            f"{d.counts[r]} {RATING_LABELS[r].lower()}" for r in RATING_ORDER if d.counts[r]
        )
        for d in scorecard.domains
    )
    return {
        "$schema": SCHEMA,
        "description": description + ".",
        "title": {"text": title, "subtitle": [subtitle]},
        "width": "container",
        "height": max(80, 34 * len(labels)),
        "autosize": {"type": "fit-x", "contains": "padding"},
        "background": "white",
        "config": _config(),
        "data": {"values": rows},
        "mark": {"type": "bar", "height": {"band": 0.7}, "stroke": "white", "strokeWidth": 1},
        "encoding": {
            "y": {"field": "domain", "type": "nominal", "title": None, "sort": labels},
            "x": {
                "field": "share",
                "type": "quantitative",
                "stack": "zero",
                "title": "Share of the domain's items",
                "axis": {"format": ".0%"},
                "scale": {"domain": [0, 1]},
            },
            "color": {
                "field": "rating",
                "type": "nominal",
                "title": "Rating",
                "scale": {
                    "domain": [RATING_LABELS[r] for r in RATING_ORDER],
                    "range": RATING_COLOURS,
                },
            },
            "order": {"field": "order", "type": "quantitative"},
            "tooltip": [
                {"field": "domain", "title": "Domain"},
                {"field": "rating", "title": "Rating"},
                {"field": "count", "title": "Items"},
                {"field": "share", "title": "Share", "format": ".0%"},
            ],
        },
    }
