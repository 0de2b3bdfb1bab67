"""A local indicator's values from a CSV file, in three steps: read (bytes to rows with
their line numbers), validate (rows to problems, each naming its line and column), and the
load in `services.indicator_values_import` (all or nothing).

Columns: year, subgroup (optional; blank = all residents), value, lb and ub (optional).
"""

from __future__ import annotations

import csv
import datetime
import io
import math
from dataclasses import dataclass, field

COLUMNS = ("year", "subgroup", "value", "lb", "ub")
REQUIRED = ("year", "value")
MAX_BYTES = 1_000_000
MAX_ROWS = 5_000
FIRST_YEAR = 1900
ALL_WORDS = {"", "all", "all residents", "total"}
TEMPLATE = (
    "year,subgroup,value,lb,ub\n"
    "2019,,0.412,0.398,0.426\n"
    "2019,Black residents,0.351,0.322,0.380\n"
    "2020,,0.405,,\n"
)


@dataclass(frozen=True)
class Problem:
    line: int
    column: str  # "" when the problem is not about one column
    message: str

    def __str__(self) -> str:
        where = f"line {self.line}" + (f", column “{self.column}”" if self.column else "")
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class Row:
    line: int
    cells: dict[str, str]


@dataclass
class ReadResult:
    rows: list[Row] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)  # columns we do not read
    problems: list[Problem] = field(default_factory=list)


@dataclass(frozen=True)
class ValueRow:
    year: int
    subgroup: str  # "" = all residents
    value: float
    lb: float | None
    ub: float | None


def values_read(*, data: bytes) -> ReadResult:
    """Rows of the file, keyed by lower-case column name, each with the line it starts on."""
    result = ReadResult()
    if len(data) > MAX_BYTES:
        result.problems.append(Problem(1, "", "The file is larger than 1 MB; split it."))
        return result
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        result.problems.append(
            Problem(line, "", "This is not UTF-8 text; save the file as CSV UTF-8 and try again.")
        )
        return result
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
        if header is None:
            result.problems.append(Problem(1, "", "The file is empty."))
            return result
        result.columns = [name.strip().lower() for name in header]
        result.ignored = [c for c in result.columns if c and c not in COLUMNS]
        for name in REQUIRED:
            if name not in result.columns:
                result.problems.append(Problem(1, name, f"The “{name}” column is missing."))
        start = reader.line_num + 1
        for cells in reader:
            if any(cell.strip() for cell in cells):
                _row_add(result, start, cells)
            start = reader.line_num + 1
    except csv.Error as exc:
        result.problems.append(Problem(reader.line_num, "", f"The file cannot be read: {exc}."))
    return result


def _row_add(result: ReadResult, line: int, cells: list[str]) -> None:
    if len(cells) > len(result.columns):
        result.problems.append(
            Problem(line, "", f"{len(cells)} cells but {len(result.columns)} column names.")
        )
        return
    named = dict(zip(result.columns, (c.strip() for c in cells), strict=False))
    result.rows.append(Row(line, {name: named.get(name, "") for name in COLUMNS}))


def _number(row: Row, column: str, problems: list[Problem]) -> float | None:
    text = row.cells[column]
    if not text:
        return None
    try:
        number = float(text)
    except ValueError:
        problems.append(
            Problem(row.line, column, f"“{text[:40]}” is not a number (write 1234.5, no symbols).")
        )
        return None
    if not math.isfinite(number):
        problems.append(Problem(row.line, column, f"“{text[:40]}” is not a finite number."))
        return None
    return number


def _year(row: Row, problems: list[Problem], last_year: int) -> int | None:
    text = row.cells["year"]
    if not text:
        problems.append(Problem(row.line, "year", "The year is missing."))
        return None
    if not text.isdigit():
        problems.append(Problem(row.line, "year", f"“{text[:40]}” is not a year like 2021."))
        return None
    year = int(text)
    if not FIRST_YEAR <= year <= last_year:
        problems.append(
            Problem(row.line, "year", f"{year} is not between {FIRST_YEAR} and {last_year}.")
        )
        return None
    return year


def value_row_check(
    row: Row, *, unit: str, last_year: int, problems: list[Problem]
) -> ValueRow | None:
    count = len(problems)
    year = _year(row, problems, last_year)
    subgroup = row.cells["subgroup"]
    if len(subgroup) > 120:
        problems.append(Problem(row.line, "subgroup", "A group's name is at most 120 characters."))
    value = _number(row, "value", problems)
    if value is None and not row.cells["value"]:
        problems.append(Problem(row.line, "value", "The value is missing."))
    lb, ub = _number(row, "lb", problems), _number(row, "ub", problems)
    if (row.cells["lb"] == "") != (row.cells["ub"] == ""):
        missing = "lb" if row.cells["lb"] == "" else "ub"
        problems.append(Problem(row.line, missing, "Give both bounds (lb and ub) or neither."))
    if value is not None and lb is not None and lb > value:
        problems.append(Problem(row.line, "lb", f"The lower bound {lb:g} is above the value."))
    if value is not None and ub is not None and ub < value:
        problems.append(Problem(row.line, "ub", f"The upper bound {ub:g} is below the value."))
    if unit == "share" and value is not None and not 0 <= value <= 1:
        problems.append(
            Problem(
                row.line,
                "value",
                f"A share is a fraction from 0 to 1 (0.45 for 45%), not {value:g}.",
            )
        )
    if len(problems) > count or year is None or value is None:
        return None
    group = "" if subgroup.lower() in ALL_WORDS else subgroup
    return ValueRow(year, group, value, lb, ub)


def values_validate(
    *, read: ReadResult, unit: str, today: datetime.date | None = None
) -> tuple[list[ValueRow], list[Problem]]:
    """The rows as values, and every problem found (the values are only good with none)."""
    problems = list(read.problems)
    if not read.rows and not problems:
        problems.append(Problem(2, "", "The file has a header but no values."))
    if len(read.rows) > MAX_ROWS:
        problems.append(Problem(1, "", f"At most {MAX_ROWS:,} rows at a time."))
        return [], problems
    last_year = (today or datetime.date.today()).year
    values: list[ValueRow] = []
    seen: dict[tuple[int, str], int] = {}
    for row in read.rows:
        checked = value_row_check(row, unit=unit, last_year=last_year, problems=problems)
        if checked is None:
            continue
        key = (checked.year, checked.subgroup.casefold())
        if key in seen:
            who = f"“{checked.subgroup}”" if checked.subgroup else "all residents"
            problems.append(
                Problem(
                    row.line, "year", f"{checked.year} for {who} is already on line {seen[key]}."
                )
            )
            continue
        seen[key] = row.line
        values.append(checked)
    problems.sort(key=lambda p: (p.line, COLUMNS.index(p.column) if p.column in COLUMNS else -1))
    return values, problems
