"""Reporting periods written the way people write them: a year ("2026"), a quarter
("2026-Q3") or a month ("2026-03"). Each parses into a label, a first and a last day."""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass

YEAR_MIN, YEAR_MAX = 1900, 2100

_YEAR = re.compile(r"^(\d{4})$")
_QUARTER = re.compile(r"^(\d{4})-?[Qq]([1-4])$")
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")


class PeriodError(ValueError):
    """A period that cannot be read; the message says what to write instead."""


@dataclass(frozen=True)
class Period:
    label: str  # canonical: "2026", "2026-Q3", "2026-03"
    kind: str  # "year", "quarter", "month"
    start: datetime.date
    end: datetime.date

    @property
    def year(self) -> int:
        return self.start.year

    def words(self) -> str:
        """The period as a sentence would say it: "2026", "the third quarter of 2026",
        "March 2026"."""
        if self.kind == "year":
            return self.label
        if self.kind == "quarter":
            nth = ("first", "second", "third", "fourth")[(self.start.month - 1) // 3]
            return f"the {nth} quarter of {self.year}"
        return self.start.strftime("%B %Y")


def _year_check(year: int, text: str) -> None:
    if not YEAR_MIN <= year <= YEAR_MAX:
        raise PeriodError(f"“{text}”: the year must be between {YEAR_MIN} and {YEAR_MAX}.")


def month_end(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def period_parse(*, text: str) -> Period:
    """Read "2026", "2026-Q3" (or "2026Q3") or "2026-03"; PeriodError with a clear sentence
    otherwise."""
    cleaned = (text or "").strip()
    if not cleaned:
        raise PeriodError("Give a period: a year (2026), a quarter (2026-Q3) or a month (2026-03).")
    if m := _YEAR.match(cleaned):
        year = int(m.group(1))
        _year_check(year, cleaned)
        return Period(str(year), "year", datetime.date(year, 1, 1), datetime.date(year, 12, 31))
    if m := _QUARTER.match(cleaned):
        year, quarter = int(m.group(1)), int(m.group(2))
        _year_check(year, cleaned)
        first = 3 * (quarter - 1) + 1
        return Period(
            f"{year}-Q{quarter}",
            "quarter",
            datetime.date(year, first, 1),
            month_end(year, first + 2),
        )
    if m := _MONTH.match(cleaned):
        year, month = int(m.group(1)), int(m.group(2))
        _year_check(year, cleaned)
        if not 1 <= month <= 12:
            raise PeriodError(f"“{cleaned}”: the month must be between 01 and 12.")
        return Period(
            f"{year}-{month:02d}", "month", datetime.date(year, month, 1), month_end(year, month)
        )
    raise PeriodError(
        f"“{cleaned[:40]}” is not a period we can read: write a year (2026), "
        "a quarter (2026-Q3) or a month (2026-03)."
    )


def months_add(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later, clipped to the month's last day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return datetime.date(year, month + 1, min(day.day, last))
