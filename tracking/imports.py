"""Bulk CSV of progress updates: read (bytes to rows), validate (rows to problems with line,
column and a sentence), load (one transaction, all or nothing).

Columns: action (its id or exact title), date (YYYY-MM-DD), status, percent_complete,
narrative, blockers, next_steps, link (several separated by spaces or semicolons).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import uuid
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError

from lib.spreadsheet import csv_cell, csv_cell_read
from plans.access import PlanAccess
from plans.models import Membership, Organisation, Plan
from strategy.models import ActionStatus, StrategicAction
from tracking.models import ProgressUpdate
from tracking.selectors import may_post_update
from tracking.services import UpdateInput, links_clean, progress_updates_append

COLUMNS = (
    "action",
    "date",
    "status",
    "percent_complete",
    "narrative",
    "blockers",
    "next_steps",
    "link",
)
REQUIRED = ("action", "date", "status", "narrative")
MAX_ROWS = 5000


@dataclass(frozen=True)
class Problem:
    line: int  # the file's line (the header is line 1)
    column: str
    message: str

    def __str__(self) -> str:
        where = f"line {self.line}" + (f", column {self.column}" if self.column else "")
        return f"{where}: {self.message}"


@dataclass
class UpdateRow:
    line: int
    action: StrategicAction
    written_on: dt.date
    status: str
    percent_complete: int | None
    narrative: str
    blockers: str
    next_steps: str
    links: list[str]


@dataclass
class ImportOutcome:
    problems: list[Problem] = field(default_factory=list)
    loaded: int = 0
    checked: int = 0  # rows that passed validation
    dry_run: bool = False
    kind: str = "progress updates"

    @property
    def ok(self) -> bool:
        return not self.problems


def count_words(count: int, kind: str) -> str:
    """“1 progress update”, “3 measure values”: kind is given in the plural."""
    return f"{count:,} {kind if count != 1 else kind.removesuffix('s')}"


def csv_header(content: bytes) -> list[str]:
    """The header of a CSV file, lower-cased (empty when it cannot be read)."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return []
    first = next(csv.reader(io.StringIO(text)), [])
    return [c.strip().lower() for c in first]


def is_values_file(content: bytes) -> bool:
    """A measure-values file has a `measure` and a `value` column."""
    header = csv_header(content)
    return "measure" in header and "value" in header


def updates_csv_read(*, content: bytes) -> tuple[list[dict[str, Any]], list[Problem]]:
    """The rows as dicts keyed by column (with their line), or the problems reading it."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return [], [Problem(1, "", "The file is not UTF-8 text: save it as “CSV UTF-8”.")]
    reader = csv.reader(io.StringIO(text, newline=""))
    header = [c.strip().lower() for c in next(reader, [])]
    if not header or header == [""]:
        return [], [Problem(1, "", "The file is empty: it needs a header row and updates.")]
    problems = [
        Problem(1, name, f"The column “{name}” is missing.")
        for name in REQUIRED
        if name not in header
    ]
    unknown = [h for h in header if h and h not in COLUMNS and h != "links"]
    problems += [Problem(1, h, f"“{h}” is not a column we know; remove it.") for h in unknown]
    if problems:
        return [], problems
    rows = []
    for number, cells in enumerate(reader, start=2):
        if not any(c.strip() for c in cells):
            continue
        if len(cells) > len(header):
            problems.append(Problem(number, "", "This line has more cells than the header."))
            continue
        row: dict[str, Any] = {
            name: csv_cell_read(c.strip()) for name, c in zip(header, cells, strict=False)
        }
        row.setdefault("link", row.pop("links", ""))
        row["_line"] = number
        rows.append(row)
    if not rows and not problems:
        problems.append(Problem(2, "", "The file has a header but no updates."))
    if len(rows) > MAX_ROWS:
        problems.append(Problem(MAX_ROWS + 2, "", f"At most {MAX_ROWS} updates a file."))
    return rows, problems


def _status_value(text: str) -> str | None:
    wanted = text.strip().lower().replace("_", "-")
    for value, label in ActionStatus.choices:
        if wanted in (value, str(label).lower(), value.replace("-", " ")):
            return value
    return None


def _date_value(text: str) -> dt.date | None:
    for pattern in ("%Y-%m-%d", "%m/%d/%Y"):
        try:
            return dt.datetime.strptime(text.strip(), pattern).date()
        except ValueError:
            continue
    return None


class _Actions:
    """Finds an action of the plan by its id or its exact title."""

    def __init__(self, plan: Plan) -> None:
        actions = list(StrategicAction.objects.filter(plan=plan).select_related("owner", "backup"))
        self.by_uuid = {str(a.uuid): a for a in actions}
        self.by_title: dict[str, list[StrategicAction]] = {}
        for a in actions:
            self.by_title.setdefault(a.title.strip(), []).append(a)

    def find(self, text: str) -> StrategicAction | str:
        try:
            found = self.by_uuid.get(str(uuid.UUID(text)))
        except ValueError:
            found = None
        if found is not None:
            return found
        matches = self.by_title.get(text.strip(), [])
        if len(matches) == 1:
            return matches[0]
        if matches:
            return "Several actions have this title: use the action's id instead."
        return f"No action of this plan has the id or exact title “{text[:80]}”."


def _row_check(
    row: dict[str, Any], actions: _Actions, access: PlanAccess, today: dt.date
) -> tuple[UpdateRow | None, list[Problem]]:
    line = row["_line"]
    problems = []

    def bad(column: str, message: str) -> None:
        problems.append(Problem(line, column, message))

    action = actions.find(row.get("action", "")) if row.get("action") else "Name the action."
    if isinstance(action, str):
        bad("action", action)
    elif not may_post_update(access=access, action=action):
        if access.organisation is not None:
            bad("action", f"This key posts only on the actions {access.organisation.name} owns.")
        else:
            bad("action", "You may post updates only on actions you own or back up.")
    written_on = _date_value(row.get("date", ""))
    if written_on is None:
        bad("date", "Write the date as YYYY-MM-DD, for example 2026-03-31.")
    elif written_on > today + dt.timedelta(days=1):
        bad("date", "The date is in the future: an update speaks for a day that has come.")
    status = _status_value(row.get("status", ""))
    if status is None:
        bad("status", f"Use one of: {', '.join(ActionStatus.values)}.")
    percent: int | None = None
    raw_percent = (row.get("percent_complete") or "").strip().rstrip("%").strip()
    if raw_percent:
        if not re.fullmatch(r"\d{1,3}", raw_percent) or int(raw_percent) > 100:
            bad("percent_complete", "Write a whole number from 0 to 100, or leave it empty.")
        else:
            percent = int(raw_percent)
    narrative = (row.get("narrative") or "").strip()
    if not narrative:
        bad("narrative", "Write what happened: the narrative is required.")
    elif len(narrative) > 10000:
        bad("narrative", "At most 10,000 characters.")
    links: list[str] = []
    try:
        links = links_clean(links=re.split(r"[\s;]+", row.get("link") or ""))
    except ValidationError as exc:
        bad("link", " ".join(exc.messages))
    if problems:
        return None, problems
    assert isinstance(action, StrategicAction) and written_on and status
    return UpdateRow(
        line, action, written_on, status, percent, narrative,
        (row.get("blockers") or "").strip(), (row.get("next_steps") or "").strip(), links,
    ), []  # fmt: skip


def updates_csv_validate(
    *, rows: list[dict[str, Any]], access: PlanAccess, today: dt.date | None = None
) -> tuple[list[UpdateRow], list[Problem]]:
    actions = _Actions(access.plan)
    checked, problems = [], []
    for row in rows:
        result, found = _row_check(row, actions, access, today or dt.date.today())
        problems += found
        if result is not None:
            checked.append(result)
    return checked, problems


def updates_csv_load(
    *,
    plan: Plan,
    rows: list[UpdateRow],
    user: User | None,
    organisation: Organisation | None = None,
) -> list[ProgressUpdate]:
    """Load the checked rows in one transaction (oldest first, so among updates of the same
    day the later line counts as the later update). `organisation`: a partner's system
    posting with its reporting key (then `user` is None)."""
    items = [
        UpdateInput(
            action=row.action,
            written_on=row.written_on,
            status=row.status,
            narrative=row.narrative,
            percent_complete=row.percent_complete,
            blockers=row.blockers,
            next_steps=row.next_steps,
            links=tuple(row.links),
        )
        for row in sorted(rows, key=lambda r: (r.written_on, r.line))
    ]
    return progress_updates_append(
        plan=plan, author=user, updates=items, author_organisation=organisation
    )


def access_for(*, plan: Plan, user: User) -> PlanAccess | None:
    membership = Membership.objects.filter(plan=plan, user=user).select_related("user").first()
    if membership is None or not membership.can_contribute():
        return None
    return PlanAccess(plan=plan, membership=membership)


def updates_csv_import(
    *, plan: Plan, user: User, content: bytes, dry_run: bool = False, today: dt.date | None = None
) -> ImportOutcome:
    """Read, check and (unless dry_run or a problem was found) load a CSV of updates."""
    outcome = ImportOutcome(dry_run=dry_run)
    access = access_for(plan=plan, user=user)
    if access is None:
        outcome.problems.append(Problem(1, "", "Only members who post updates may load them."))
        return outcome
    rows, outcome.problems = updates_csv_read(content=content)
    if outcome.problems:
        return outcome
    checked, outcome.problems = updates_csv_validate(rows=rows, access=access, today=today)
    outcome.checked = len(checked)
    if outcome.problems or dry_run:
        return outcome
    outcome.loaded = len(updates_csv_load(plan=plan, rows=checked, user=user))
    return outcome


def updates_csv_template(*, plan: Plan) -> str:
    """A CSV with the columns and a line per action of the plan (title and today's date
    filled in; the rest for the partner to write). Loaded unchanged it is refused."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    today = dt.date.today().isoformat()
    actions: list[StrategicAction | None] = list(StrategicAction.objects.filter(plan=plan)[:50])
    for action in actions or [None]:
        writer.writerow([
            csv_cell(action.title if action else "Exact title of the action, or its id"),
            today, "", "", "", "", "", "",
        ])  # fmt: skip
    return out.getvalue()
