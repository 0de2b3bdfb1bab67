"""What the values say: where the line goes if nothing changes, whether the measure is on
track for its next target, and whether a change is more than noise. Pure functions on
plain points, no database, so the rules are easy to test and to state on the page."""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass

from lib.numbers import value_format

FORECAST_LAST = 5  # values the line is fitted through
FORECAST_BAND_MIN = 3  # values needed before a band is drawn
PARITY = 1.0

FORECAST_METHOD = (
    "Where the line goes if nothing changes: a straight line fitted by least squares through "
    f"the last {FORECAST_LAST} values (or all of them when there are fewer), drawn dashed. "
    f"With {FORECAST_BAND_MIN} or more values, the shaded band around it is the line plus or "
    "minus twice the typical distance of the values from the line. With only two values the "
    "line is drawn with no band: two points say little about a trend. With one value there "
    "is no line."
)
STATUS_RULE = (
    "On track when the line of where things go if nothing changes meets the next target by "
    "its date (for a gap target: when the gap is as small as the target); off track when it "
    "does not; not enough data with fewer than two values."
)
CHANGE_RULE = "A change between two values counts as real only when their intervals do not overlap."


@dataclass(frozen=True)
class Point:
    when: datetime.date
    value: float
    lb: float | None = None
    ub: float | None = None
    label: str = ""  # the period: "2023", "2026-Q3"
    start: datetime.date | None = None  # the period's first day, where a chart places it


@dataclass(frozen=True)
class Fit:
    slope: float  # per year
    intercept: float
    count: int
    spread: float | None  # typical distance of the values from the line; None: no band
    first: datetime.date
    last: datetime.date

    def at(self, when: datetime.date) -> float:
        return self.intercept + self.slope * decimal_year(when)

    def band(self, when: datetime.date) -> tuple[float, float] | None:
        if self.spread is None:
            return None
        centre = self.at(when)
        return centre - 2 * self.spread, centre + 2 * self.spread


def decimal_year(day: datetime.date) -> float:
    start = datetime.date(day.year, 1, 1)
    length = (datetime.date(day.year + 1, 1, 1) - start).days
    return day.year + (day - start).days / length


def forecast_fit(*, points: list[Point]) -> Fit | None:
    """The least-squares line through the last values; None with fewer than two."""
    recent = sorted(points, key=lambda p: p.when)[-FORECAST_LAST:]
    if len(recent) < 2:
        return None
    xs = [decimal_year(p.when) for p in recent]
    ys = [p.value for p in recent]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    sxx = sum((x - mx) ** 2 for x in xs)
    slope = 0.0 if sxx == 0 else sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sxx
    intercept = my - slope * mx
    spread = None
    if len(recent) >= FORECAST_BAND_MIN:
        residuals = [y - (intercept + slope * x) for x, y in zip(xs, ys, strict=True)]
        spread = math.sqrt(sum(r * r for r in residuals) / (len(recent) - 2 or 1))
    return Fit(slope, intercept, len(recent), spread, recent[0].when, recent[-1].when)


def meets(*, value: float, target: float, direction: str, gap: bool = False) -> bool:
    """Whether a value is at least as good as the target, the way the measure counts good."""
    if gap:
        return abs(value) <= abs(target) + 1e-12
    if direction == "lower":
        return value <= target + 1e-12
    if direction == "parity":
        return abs(value - PARITY) <= abs(target - PARITY) + 1e-12
    return value >= target - 1e-12


@dataclass(frozen=True)
class Status:
    code: str  # "on-track", "off-track", "no-data", "no-target"
    label: str
    sentence: str


NO_TARGET = Status(
    "no-target", "No target", "No target is set, so there is nothing to be on track for."
)


def status_for(
    *,
    points: list[Point],
    target_value: float,
    target_date: datetime.date,
    direction: str,
    unit: str,
    gap: bool = False,
) -> Status:
    """On track, off track or not enough data, against one target."""
    goal = value_format(value=target_value, unit=unit)
    by = target_date.strftime("%B %Y")
    what = "the gap" if gap else "the line"
    fit = forecast_fit(points=points)
    if fit is None:
        held = ""
        if points:
            latest = points[-1]
            ok = meets(value=latest.value, target=target_value, direction=direction, gap=gap)
            held = (
                f" The one value so far ({value_format(value=latest.value, unit=unit)} in "
                f"{latest.label}) {'already meets' if ok else 'does not yet meet'} it."
            )
        return Status(
            "no-data",
            "Not enough data",
            f"Two values are needed to see where {what} goes against the target of {goal} by "
            f"{by}.{held}",
        )
    reached = fit.at(target_date)
    text = value_format(value=reached, unit=unit)
    if meets(value=reached, target=target_value, direction=direction, gap=gap):
        return Status(
            "on-track",
            "On track",
            f"If nothing changes, {what} reaches about {text} by {by}: "
            f"the target of {goal} is met.",
        )
    return Status(
        "off-track",
        "Off track",
        f"If nothing changes, {what} reaches about {text} by {by}, short of the target of {goal}.",
    )


def _overlap(a: Point, b: Point) -> bool | None:
    if None in (a.lb, a.ub, b.lb, b.ub):
        return None
    assert a.lb is not None and a.ub is not None and b.lb is not None and b.ub is not None
    return a.lb <= b.ub and b.lb <= a.ub


def change_words(*, points: list[Point], direction: str) -> str:
    """The latest change in words, and whether it is more than noise."""
    ordered = sorted(points, key=lambda p: p.when)
    if len(ordered) < 2:
        return ""
    before, after = ordered[-2], ordered[-1]
    if after.value == before.value:
        return f"The {after.label} value is the same as in {before.label}."
    up = after.value > before.value
    head = f"The {after.label} value is {'higher' if up else 'lower'} than {before.label}"
    better = {"higher": up, "lower": not up}.get(direction)
    if direction == "parity":
        better = abs(after.value - PARITY) < abs(before.value - PARITY)
    tone = "" if better is None else (" (better)" if better else " (worse)")
    overlap = _overlap(before, after)
    if overlap is None:
        return (
            f"{head}{tone}; without an interval for both values we cannot tell whether the "
            "change is more than noise."
        )
    if overlap:
        return f"{head}{tone}, but their intervals overlap, so the change may be noise."
    return f"{head}{tone}, and their intervals do not overlap: the change is real."
