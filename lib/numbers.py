"""Numbers in words a reader expects: every value is written with its unit.

The units are the ones of `metrics.models.Unit` (kept as plain strings here so this module
stays free of models): dollars, share (a fraction 0-1 shown as a percentage), rate (per
100,000 people), ratio, index, count, grades, per_10k and people (per physician).
"""

from __future__ import annotations

import math

MISSING = "No data"

# d3-format strings for chart axes, so a chart's ticks read like the text beside it.
AXIS_FORMATS: dict[str, str] = {
    "dollars": "$,.0f",
    "share": ".1~%",
    "rate": ",.0f",
    "ratio": ".2f",
    "index": ",.1~f",
    "count": ",.0f",
    "grades": ".2f",
    "per_10k": ",.1f",
    "people": ",.0f",
}

_SUFFIXES: dict[str, str] = {
    "rate": " per 100,000",
    "grades": " grade levels per year",
    "per_10k": " per 10,000 people",
    "people": " people per physician",
}

_DIFFERENCE_SUFFIXES: dict[str, str] = {
    "share": " points",
    "rate": " per 100,000",
    "index": " points",
    "grades": " grade levels",
    "per_10k": " per 10,000 people",
    "people": " people per physician",
}


def _is_missing(value: float | None) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _plain(value: float, unit: str) -> str:
    """The number alone, rounded as its unit deserves, without sign handling for dollars."""
    if unit == "dollars":
        return f"${abs(value):,.0f}"
    if unit == "share":
        return f"{abs(value) * 100:,.1f}%"
    if unit in ("rate", "per_10k"):
        return f"{abs(value):,.1f}"
    if unit in ("count", "people"):
        return f"{abs(value):,.0f}"
    if unit == "index":
        text = f"{abs(value):,.1f}"
        return text[:-2] if text.endswith(".0") else text
    return f"{abs(value):,.2f}"


def value_format(
    *,
    value: float | None,
    unit: str,
    numerator: float | None = None,
    denominator: float | None = None,
) -> str:
    """`$53,447`, `72.3%`, `76.8 per 100,000`, `0.70 (0.19 : 0.27)`; "No data" when missing."""
    if _is_missing(value):
        return MISSING
    assert value is not None
    sign = "-" if value < 0 and _plain(value, unit).strip("$%0.,") else ""
    text = sign + _plain(value, unit) + _SUFFIXES.get(unit, "")
    if unit == "ratio" and not _is_missing(numerator) and not _is_missing(denominator):
        text += f" ({numerator:.2f} : {denominator:.2f})"
    return text


def interval_format(*, lb: float | None, ub: float | None, unit: str) -> str:
    """`$50,120 to $56,003`, or "" when the release gives no interval."""
    if _is_missing(lb) or _is_missing(ub):
        return ""
    return f"{value_format(value=lb, unit=unit)} to {value_format(value=ub, unit=unit)}"


def difference_format(*, value: float, unit: str) -> str:
    """The size of a difference, without its sign: `12.3 points`, `$1,204`, `0.12`."""
    text = _plain(value, unit)
    if unit == "share":
        text = text.removesuffix("%")
    return text + _DIFFERENCE_SUFFIXES.get(unit, "")


def ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st, 101st."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n:,}{suffix}"


def axis_format(*, unit: str) -> str:
    return AXIS_FORMATS.get(unit, ",.2~f")
