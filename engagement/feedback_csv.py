"""Feedback from a CSV file in three steps: read (bytes to rows), validate (rows to
problems, each naming its line and column), load (all rows in one transaction, or none).

Columns: `activity` (the activity's title, or its UUID when two share a title), `text`,
and optionally `themes` (theme names separated by ";").
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction

from engagement.models import Activity, FeedbackItem, FeedbackSource, Theme
from plans.models import Plan

MAX_BYTES = 2_000_000
MAX_ROWS = 5000
MAX_TEXT = 5000
REQUIRED = ("activity", "text")
OPTIONAL = ("themes",)


@dataclass
class Problem:
    line: int  # 1 is the header
    column: str  # "" when it concerns the whole file or line
    message: str

    def __str__(self) -> str:
        where = f"Line {self.line}" + (f", column “{self.column}”" if self.column else "")
        return f"{where}: {self.message}"


@dataclass
class Row:
    line: int
    activity: str
    text: str
    themes: list[str] = field(default_factory=list)


@dataclass
class ReadResult:
    rows: list[Row]
    problems: list[Problem]


def feedback_csv_read(*, data: bytes) -> ReadResult:
    """Rows of the file, or the problems that keep it from being read at all."""
    if len(data) > MAX_BYTES:
        size = MAX_BYTES // 1_000_000
        return ReadResult([], [Problem(0, "", f"The file is larger than {size} MB.")])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return ReadResult(
            [], [Problem(line, "", "This line is not UTF-8 text; save the file as CSV UTF-8.")]
        )
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [name.strip().lower() for name in next(reader, [])]
    except csv.Error as exc:
        return ReadResult([], [Problem(1, "", f"The header cannot be read ({exc}).")])
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        names = ", ".join(f"“{name}”" for name in missing)
        return ReadResult([], [Problem(1, "", f"The header has no column {names}.")])
    return _rows(reader, header)


def _rows(reader: Any, header: list[str]) -> ReadResult:
    rows: list[Row] = []
    problems: list[Problem] = []
    index = {name: header.index(name) for name in (*REQUIRED, *OPTIONAL) if name in header}
    try:
        start = reader.line_num + 1
        for cells in reader:
            line, start = start, reader.line_num + 1
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) != len(header):
                problems.append(
                    Problem(line, "", f"{len(cells)} cells where the header has {len(header)}.")
                )
                continue

            def cell(name: str, cells: list[str] = cells) -> str:
                return cells[index[name]].strip() if name in index else ""

            themes = [t.strip() for t in cell("themes").split(";") if t.strip()]
            rows.append(Row(line, cell("activity"), cell("text"), themes))
    except csv.Error as exc:
        problems.append(Problem(start, "", f"This line cannot be read ({exc})."))
    return ReadResult(rows, problems)


def feedback_csv_validate(*, plan: Plan, rows: list[Row], create_themes: bool) -> list[Problem]:
    problems: list[Problem] = []
    if not rows:
        return [Problem(2, "", "The file has no rows of feedback.")]
    if len(rows) > MAX_ROWS:
        return [Problem(rows[MAX_ROWS].line, "", f"More than {MAX_ROWS} rows; split the file.")]
    finder = _ActivityFinder(plan)
    themes = {t.name.lower() for t in Theme.objects.filter(plan=plan)}
    for row in rows:
        problem = finder.problem(row.activity)
        if problem:
            problems.append(Problem(row.line, "activity", problem))
        if not row.text:
            problems.append(Problem(row.line, "text", "The feedback is empty."))
        elif len(row.text) > MAX_TEXT:
            problems.append(
                Problem(row.line, "text", f"The feedback is longer than {MAX_TEXT} characters.")
            )
        unknown = [name for name in row.themes if name.lower() not in themes]
        if unknown and not create_themes:
            names = ", ".join(f"“{name}”" for name in unknown)
            problems.append(
                Problem(row.line, "themes", f"No theme of this plan is called {names}.")
            )
        if any(len(name) > 120 for name in row.themes):
            problems.append(Problem(row.line, "themes", "A theme name is over 120 characters."))
    return problems


class _ActivityFinder:
    """Activities of a plan by title (case and spaces ignored) or by UUID."""

    def __init__(self, plan: Plan) -> None:
        self.by_uuid: dict[str, Activity] = {}
        self.by_title: dict[str, list[Activity]] = {}
        for activity in Activity.objects.filter(plan=plan):
            self.by_uuid[str(activity.uuid)] = activity
            self.by_title.setdefault(_key(activity.title), []).append(activity)

    def problem(self, value: str) -> str:
        if not value:
            return "The activity is empty."
        if value.lower() in self.by_uuid:
            return ""
        found = self.by_title.get(_key(value), [])
        if not found:
            return f"No activity of this plan is called “{value}”."
        if len(found) > 1:
            return f"{len(found)} activities are called “{value}”; give its UUID instead."
        return ""

    def get(self, value: str) -> Activity:
        return self.by_uuid.get(value.lower()) or self.by_title[_key(value)][0]


def _key(title: str) -> str:
    return " ".join(title.lower().split())


@transaction.atomic
def feedback_csv_load(
    *, plan: Plan, rows: list[Row], user: User | None, create_themes: bool
) -> int:
    """Load validated rows; returns how many feedback items were added."""
    finder = _ActivityFinder(plan)
    themes = {t.name.lower(): t for t in Theme.objects.filter(plan=plan)}
    for row in rows:
        for name in row.themes:
            if name.lower() not in themes and create_themes:
                themes[name.lower()] = Theme.objects.create(plan=plan, name=name)
    items = FeedbackItem.objects.bulk_create(
        FeedbackItem(
            plan=plan,
            source=FeedbackSource.ACTIVITY,
            activity=finder.get(row.activity),
            text=row.text,
            created_by=user,
        )
        for row in rows
    )
    links = [
        FeedbackItem.themes.through(feedbackitem_id=item.pk, theme_id=themes[name.lower()].pk)
        for item, row in zip(items, rows, strict=True)
        for name in dict.fromkeys(n.lower() for n in row.themes)
    ]
    FeedbackItem.themes.through.objects.bulk_create(links)
    return len(items)


def feedback_csv_import(
    *, plan: Plan, data: bytes, user: User | None, create_themes: bool = False
) -> tuple[int, list[Problem]]:
    """Read, validate and load: (items added, []) or (0, problems) with nothing loaded."""
    result = feedback_csv_read(data=data)
    if result.problems:
        return 0, result.problems
    problems = feedback_csv_validate(plan=plan, rows=result.rows, create_themes=create_themes)
    if problems:
        return 0, problems
    count = feedback_csv_load(plan=plan, rows=result.rows, user=user, create_themes=create_themes)
    return count, []
