"""Reporting periods of progress reports: a quarter ("2026-Q3") or a year ("2026")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

QUARTER_MONTHS = {
    1: ("January", "March"),
    2: ("April", "June"),
    3: ("July", "September"),
    4: ("October", "December"),
}
_PERIOD = re.compile(r"^\s*(\d{4})(?:-[Qq](\d+))?\s*$")


class PeriodError(ValueError):
    """A period that cannot be read; its message says what to write instead."""


@dataclass(frozen=True)
class Period:
    key: str  # "2026-Q3" or "2026"
    start: date
    end: date  # the last day of the period

    @property
    def is_quarter(self) -> bool:
        return "-Q" in self.key

    @property
    def label(self) -> str:
        if not self.is_quarter:
            return f"the year {self.start.year}"
        first, last = QUARTER_MONTHS[(self.start.month - 1) // 3 + 1]
        return f"{first} to {last} {self.start.year} ({self.key})"

    @property
    def title(self) -> str:
        kind = "Quarterly" if self.is_quarter else "Annual"
        return f"{kind} progress report, {self.key}"

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end


def period_parse(*, text: str) -> Period:
    """ "2026-Q3" or "2026" as a Period; anything else raises PeriodError with a sentence."""
    found = _PERIOD.match(text or "")
    example = "write a year such as 2026 or a quarter such as 2026-Q3"
    if found is None:
        raise PeriodError(f"{text!r} is not a reporting period: {example}.")
    year = int(found.group(1))
    if not 2000 <= year <= 2100:
        raise PeriodError(f"{year} is outside the years a plan can report on (2000 to 2100).")
    if found.group(2) is None:
        return Period(str(year), date(year, 1, 1), date(year, 12, 31))
    quarter = int(found.group(2))
    if not 1 <= quarter <= 4:
        raise PeriodError(
            f"{text.strip()!r} has no quarter {quarter}: a year has quarters Q1 to Q4 ({example})."
        )
    first_month = 3 * (quarter - 1) + 1
    start = date(year, first_month, 1)
    end = date(year + 1, 1, 1) if quarter == 4 else date(year, first_month + 3, 1)
    return Period(f"{year}-Q{quarter}", start, date.fromordinal(end.toordinal() - 1))


def period_current(*, today: date | None = None) -> Period:
    """The quarter that holds today."""
    today = today or date.today()
    return period_parse(text=f"{today.year}-Q{(today.month - 1) // 3 + 1}")


def period_previous(*, today: date | None = None) -> Period:
    """The last whole quarter before today (what a coalition usually reports on)."""
    current = period_current(today=today)
    return period_current(today=date.fromordinal(current.start.toordinal() - 1))
