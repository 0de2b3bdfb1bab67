"""When a measure's next value is due, from its cadence. Pure rules, no database.

Rules (shown on the pages too):
- monthly, quarterly, yearly, every two years: the next value covers the period after the
  last one; it is due at the end of that period plus a grace period for collecting it
  (monthly 30 days, quarterly 45 days, yearly and every two years 90 days). With no value
  and no baseline yet, the first value is due at the end of the period the measure was set
  up in, plus the grace period.
- as the Mobility Metrics are released (irregular years): the release has published this
  metric for some years (say 2014, 2016, 2018, 2021). The next data year is the last one
  plus the longest gap seen between them (2021 + 3 = 2024; a gap of 2 when only one year
  is known); the release for a data year comes out about a year later, so the value is
  expected by the end of the year after that (2025).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from itertools import pairwise

from results.periods import Period, month_end, months_add

# Frequency value -> (months from one period to the next, grace days to collect a value)
CADENCE: dict[str, tuple[int, int]] = {
    "monthly": (1, 30),
    "quarterly": (3, 45),
    "yearly": (12, 90),
    "biennial": (24, 90),
}
RELEASE = "release"
RELEASE_DEFAULT_GAP = 2  # years, when the release has only one year of a metric
RELEASE_LAG = 1  # years from a data year to its release

RULES = {
    "monthly": "a month's value is due 30 days after the month ends",
    "quarterly": "a quarter's value is due 45 days after the quarter ends",
    "yearly": "a year's value is due 90 days after the year ends",
    "biennial": "a value is due every two years, 90 days after its year ends",
    RELEASE: (
        "the next data year is the last one plus the longest gap between the years the "
        "Mobility Metrics have published so far; its release is expected by the end of the "
        "following year"
    ),
}


@dataclass(frozen=True)
class Freshness:
    last_period: str | None  # "2021", "2026-Q3", "2026-03"
    last_end: datetime.date | None
    next_expected: datetime.date | None  # the day by which the next value should be in
    overdue: bool
    sentence: str  # "Last value from 2021; next expected in 2025"
    rule: str = ""  # the cadence rule in words
    by_hand: bool = True  # False when values come from the Mobility Metrics release


def _month_year(day: datetime.date) -> str:
    return day.strftime("%B %Y")


def freshness_periodic(
    *,
    frequency: str,
    last: Period | None,
    started_on: datetime.date,
    today: datetime.date,
) -> Freshness:
    """Freshness of a measure entered by people on a regular cadence."""
    step, grace = CADENCE.get(frequency, CADENCE["yearly"])
    if last is None:
        period_start = datetime.date(started_on.year, 1, 1)
        if step < 12:
            first_month = (started_on.month - 1) // step * step + 1
            period_start = datetime.date(started_on.year, first_month, 1)
        period_end = months_add(period_start, step) - datetime.timedelta(days=1)
        expected = period_end + datetime.timedelta(days=grace)
        overdue = today > expected
        sentence = (
            f"Overdue since {_month_year(expected)}: no value yet"
            if overdue
            else f"No value yet; the first is expected by {_month_year(expected)}"
        )
        return Freshness(None, None, expected, overdue, sentence, RULES.get(frequency, ""))
    following = months_add(last.end.replace(day=1), step)
    next_end = month_end(following.year, following.month)
    expected = next_end + datetime.timedelta(days=grace)
    overdue = today > expected
    if overdue:
        sentence = f"Overdue since {_month_year(expected)} (last value from {last.words()})"
    else:
        sentence = f"Last value from {last.words()}; next expected by {_month_year(expected)}"
    return Freshness(last.label, last.end, expected, overdue, sentence, RULES.get(frequency, ""))


def release_next_year(years: list[int]) -> int | None:
    """The next data year the release should publish, from the years it has published."""
    known = sorted(set(years))
    if not known:
        return None
    gaps = [b - a for a, b in pairwise(known)]
    return known[-1] + (max(gaps) if gaps else RELEASE_DEFAULT_GAP)


def freshness_release(
    *, years: list[int], today: datetime.date, by_hand: bool = False
) -> Freshness:
    """Freshness of a measure that follows the Mobility Metrics' irregular years."""
    rule = RULES[RELEASE]
    next_year = release_next_year(years)
    if next_year is None:
        return Freshness(
            None,
            None,
            None,
            False,
            "No value yet in the Mobility Metrics for this place",
            rule,
            by_hand,
        )
    last = max(years)
    expected = datetime.date(next_year + RELEASE_LAG, 12, 31)
    overdue = today > expected
    if overdue:
        sentence = (
            f"Overdue since {_month_year(expected)}: a {next_year} value was expected "
            f"(last value from {last})"
        )
    else:
        sentence = f"Last value from {last}; next expected in {expected.year}"
    return Freshness(
        str(last), datetime.date(last, 12, 31), expected, overdue, sentence, rule, by_hand
    )
