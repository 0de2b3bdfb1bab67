"""Measure values from a CSV file, in three steps: read (bytes to rows with their line
numbers), validate (rows to problems naming line and column), load (one transaction, all
or nothing). The upload page, the API's batch and `upward tracking import` share it.

Columns: measure (its UUID or its exact name), period (2026, 2026-Q3 or 2026-03), value,
lb, ub (both or neither), subgroup (blank: everyone), source, note.
"""

from __future__ import annotations

import csv
import io
import uuid
from dataclasses import dataclass, field

from django.contrib.auth.models import User

from lib.spreadsheet import csv_cell, csv_cell_read
from plans.access import PlanAccess
from plans.models import Membership, Plan
from results.models import ValueOrigin
from results.services import ValueInput, ValuesRejected, value_may_enter, values_add_many
from strategy.models import Measure

COLUMNS = ("measure", "period", "value", "lb", "ub", "subgroup", "source", "note")
REQUIRED = ("measure", "period", "value")
MAX_BYTES = 2_000_000
MAX_ROWS = 10_000


@dataclass(frozen=True)
class Problem:
    line: int
    column: str  # "" when the problem is not about one column
    message: str

    def __str__(self) -> str:
        where = f"line {self.line}" + (f", column “{self.column}”" if self.column else "")
        return f"{where}: {self.message}"


@dataclass
class Outcome:
    filename: str
    dry_run: bool
    rows: int = 0
    loaded: int = 0  # values written (0 on a dry run or when anything is wrong)
    problems: list[Problem] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)  # columns we do not read

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        if self.problems:
            return (
                f"{self.filename}: {len(self.problems)} problem(s); nothing was loaded. "
                "Fix them and upload the file again."
            )
        if self.dry_run:
            return f"{self.filename}: all {self.rows} value(s) check; nothing loaded (check only)."
        return f"{self.filename}: {self.loaded} value(s) loaded."


@dataclass(frozen=True)
class Row:
    line: int
    cells: dict[str, str]


def _decode(content: bytes, outcome: Outcome) -> str | None:
    if len(content) > MAX_BYTES:
        outcome.problems.append(Problem(1, "", "The file is larger than 2 MB; split it."))
        return None
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = content[: exc.start].count(b"\n") + 1
        outcome.problems.append(
            Problem(line, "", "This is not UTF-8 text; save the file as CSV UTF-8 and try again.")
        )
        return None


def values_csv_read(*, content: bytes, outcome: Outcome) -> list[Row]:
    """The file's rows keyed by lower-case column name, each with the line it starts on."""
    text = _decode(content, outcome)
    if text is None:
        return []
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [h.strip().lower() for h in next(reader, [])]
        if not any(header):
            outcome.problems.append(Problem(1, "", "The file is empty: it needs a header line."))
            return []
        missing = [c for c in REQUIRED if c not in header]
        for name in missing:
            outcome.problems.append(Problem(1, name, f"The header has no “{name}” column."))
        if len(set(header)) != len(header):
            outcome.problems.append(Problem(1, "", "A column name appears twice in the header."))
        outcome.ignored = [h for h in header if h and h not in COLUMNS]
        if outcome.problems:
            return []
        rows: list[Row] = []
        for cells in reader:
            line = reader.line_num
            if not any(c.strip() for c in cells):
                continue
            if len(rows) >= MAX_ROWS:
                outcome.problems.append(
                    Problem(line, "", f"More than {MAX_ROWS:,} rows; split the file.")
                )
                return []
            if len(cells) > len(header):
                outcome.problems.append(
                    Problem(line, "", f"{len(cells)} cells where the header has {len(header)}.")
                )
            row = {h: csv_cell_read(c.strip()) for h, c in zip(header, cells, strict=False)}
            rows.append(Row(line, {c: row.get(c, "") for c in COLUMNS}))
    except csv.Error as exc:
        outcome.problems.append(Problem(reader.line_num, "", f"The CSV cannot be read: {exc}."))
        return []
    if not rows and not outcome.problems:
        outcome.problems.append(Problem(2, "", "The file has a header but no values."))
    return rows


def measure_keys(plan: Plan) -> tuple[dict[str, Measure], dict[str, list[Measure]]]:
    measures = list(Measure.objects.filter(plan=plan).select_related("plan"))
    by_uuid = {str(m.uuid): m for m in measures}
    by_name: dict[str, list[Measure]] = {}
    for m in measures:
        by_name.setdefault(m.name.strip(), []).append(m)
    return by_uuid, by_name


def measure_find(
    text: str, by_uuid: dict[str, Measure], by_name: dict[str, list[Measure]]
) -> tuple[Measure | None, str]:
    if not text:
        return None, "Name the measure (its exact name or its UUID)."
    try:
        key = str(uuid.UUID(text))
    except ValueError:
        key = ""
    if key:
        found = by_uuid.get(key)
        return (found, "") if found else (None, "No measure of this plan has this UUID.")
    named = by_name.get(text, [])
    if len(named) > 1:
        return None, f"Several measures are named “{text[:80]}”: use the UUID instead."
    if not named:
        return None, f"No measure of this plan is named “{text[:80]}” (names must match exactly)."
    return named[0], ""


def values_csv_validate(
    *, plan: Plan, access: PlanAccess | None, rows: list[Row], outcome: Outcome
) -> list[tuple[Measure, ValueInput]]:
    """The rows as (measure, value) pairs; problems for measures not found, not open to the
    person loading, or taken from the Mobility Metrics release. Values are checked at load."""
    by_uuid, by_name = measure_keys(plan)
    items = []
    for row in rows:
        measure, problem = measure_find(row.cells["measure"], by_uuid, by_name)
        if measure is not None and measure.is_mobility_metric():
            problem = (
                f"{measure.name} is a Mobility Metric: its values come from the release and "
                "cannot be loaded by hand."
            )
        elif (
            measure is not None
            and access is not None
            and not value_may_enter(access=access, measure=measure)
        ):
            problem = f"Your role does not let you enter values of {measure.name}."
        if problem:
            outcome.problems.append(Problem(row.line, "measure", problem))
            continue
        assert measure is not None
        cells = row.cells
        items.append(
            (
                measure,
                ValueInput(
                    period=cells["period"], value=cells["value"], lb=cells["lb"],
                    ub=cells["ub"], subgroup=cells["subgroup"], source=cells["source"],
                    note=cells["note"],
                ),
            )
        )  # fmt: skip
    return items


def _access_of(plan: Plan, user: User | None) -> PlanAccess | None:
    """The loading person's access; None for a command run by the operator (no user)."""
    if user is None:
        return None
    membership = Membership.objects.filter(plan=plan, user_id=user.pk).first()
    if membership is None:
        return PlanAccess(plan=plan, membership=Membership(plan=plan, user=user, role="viewer"))
    return PlanAccess(plan=plan, membership=membership)


def values_csv_import(
    *, plan: Plan, user: User | None, content: bytes, filename: str, dry_run: bool = False
) -> Outcome:
    """Read, validate and (unless dry_run) load a CSV of measure values; nothing is loaded
    when any line has a problem. A user loads only the measures they may enter values of;
    user=None (the operator's command line) may load any measure entered by hand."""
    outcome = Outcome(filename=filename, dry_run=dry_run)
    rows = values_csv_read(content=content, outcome=outcome)
    outcome.rows = len(rows)
    if outcome.problems:
        return outcome
    items = values_csv_validate(
        plan=plan, access=_access_of(plan, user), rows=rows, outcome=outcome
    )
    lines = [row.line for row in rows if row.line not in {p.line for p in outcome.problems}]
    check_only = dry_run or bool(outcome.problems)
    try:
        made = values_add_many(
            measure_items=items, user=user, origin=ValueOrigin.CSV, dry_run=check_only
        )
    except ValuesRejected as exc:
        outcome.problems.extend(Problem(lines[i], column, msg) for i, column, msg in exc.problems)
    else:
        outcome.loaded = 0 if check_only else len(made)
    order = {name: i for i, name in enumerate(COLUMNS)}
    outcome.problems.sort(key=lambda p: (p.line, order.get(p.column, 99)))
    return outcome


def values_csv_template(*, plan: Plan) -> str:
    """A CSV to fill in: the header, then one example line per measure entered by hand."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for measure in Measure.objects.filter(plan=plan).order_by("name"):
        if measure.is_mobility_metric():
            continue
        writer.writerow([csv_cell(measure.name), "2026", "", "", "", "", "", ""])
    return out.getvalue()


def values_csv_export(*, plan: Plan) -> str:
    """Every value people gave the plan's measures, in the import's columns (plus where each
    came from), so a file downloaded, corrected and uploaded again loads the same way. The
    Mobility Metrics measures are left out: their values come from the release."""
    from results.models import MeasureValue

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([*COLUMNS, "origin"])
    rows = (
        MeasureValue.objects.filter(measure__plan=plan)
        .exclude(origin=ValueOrigin.RELEASE)
        .select_related("measure")
        .order_by("measure__name", "subgroup", "period_end")
    )
    for v in rows:
        cells = [v.measure.name, v.period, v.value, v.lb, v.ub, v.subgroup, v.source, v.note]
        writer.writerow([csv_cell(c) for c in cells] + [v.origin])
    return out.getvalue()
