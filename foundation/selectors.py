"""Reads for the foundation pages: the charter and its history with word-level
differences, the RACI matrix, the learning agenda, the gap finder and the home's counts."""

from __future__ import annotations

import csv
import datetime
import difflib
import io
import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth.models import User
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse

from coalition.models import WorkingGroup
from foundation.models import (
    CHARTER_SECTIONS,
    CharterRevision,
    LearningQuestion,
    QuestionStatus,
    RaciEntry,
    RaciRole,
    Reflection,
)
from foundation.questions import QUESTIONS
from lib.spreadsheet import csv_cell
from plans.models import Membership, Organisation, Plan
from results.models import MeasureValue
from strategy.models import ActionStatus, Measure, StrategicAction
from tracking.models import ProgressUpdate, ReviewState

DEFAULT_DAYS = 90
LABELS = (("mission", "Mission"), *((name, label) for name, label, _ in CHARTER_SECTIONS))


def person_label(user: User | None) -> str:
    if user is None:
        return "someone no longer on the plan"
    return str(user.get_full_name() or user.get_username())


# -- charter ---------------------------------------------------------------------------------


@dataclass
class CharterPart:
    name: str
    label: str
    text: str


@dataclass
class CharterView:
    version: int  # 0 when nothing is written yet
    uuid: str
    parts: list[CharterPart]
    note: str
    author: str
    created_at: datetime.datetime | None


def charter_current(*, plan: Plan) -> CharterView:
    revision = (
        CharterRevision.objects.filter(plan=plan)
        .select_related("author")
        .order_by("-number")
        .first()
    )
    return charter_view(revision=revision)


def charter_view(*, revision: CharterRevision | None) -> CharterView:
    parts = [
        CharterPart(name, label, getattr(revision, name) if revision else "")
        for name, label in LABELS
    ]
    if revision is None:
        return CharterView(0, "", parts, "", "", None)
    return CharterView(
        revision.number, str(revision.uuid), parts, revision.note,
        person_label(revision.author), revision.created_at,
    )  # fmt: skip


@dataclass
class RevisionRow:
    number: int
    uuid: str
    note: str
    author: str
    created_at: datetime.datetime
    restored_from: int | None


def charter_history(*, plan: Plan) -> list[RevisionRow]:
    found = CharterRevision.objects.filter(plan=plan).select_related("author", "restored_from")
    return [
        RevisionRow(
            r.number,
            str(r.uuid),
            r.note,
            person_label(r.author),
            r.created_at,
            r.restored_from.number if r.restored_from else None,
        )
        for r in found.order_by("-number")
    ]


@dataclass
class SectionDiff:
    label: str
    changed: bool
    segments: list[tuple[str, str]]  # ("same" | "added" | "removed", text)


_TOKENS = re.compile(r"\s+|[^\s]+")


def text_diff(*, old: str, new: str) -> list[tuple[str, str]]:
    """Word by word: what stayed, what was removed and what was added (plain text; the
    template escapes it)."""
    a, b = _TOKENS.findall(old), _TOKENS.findall(new)
    segments: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            segments.append(("same", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            segments.append(("removed", "".join(a[i1:i2])))
        if j2 > j1:
            segments.append(("added", "".join(b[j1:j2])))
    return segments


def charter_diff(*, old: CharterRevision, new: CharterRevision) -> list[SectionDiff]:
    diffs = []
    for name, label in LABELS:
        before, after = getattr(old, name), getattr(new, name)
        diffs.append(SectionDiff(label, before != after, text_diff(old=before, new=after)))
    return diffs


# -- RACI ------------------------------------------------------------------------------------


@dataclass
class Column:
    key: str  # "o<pk>" for an organisation, "m<uuid>" for a member
    label: str
    kind: str  # "organisation" | "member"


@dataclass
class Cell:
    column: Column
    role: str


@dataclass
class MatrixRow:
    kind: str  # "action" | "measure"
    uuid: str
    title: str
    context: str  # the priority, or the measure's action
    cells: list[Cell]
    accountable: int

    @property
    def warning(self) -> str:
        if self.accountable == 1:
            return ""
        if self.accountable == 0:
            return "Nobody is accountable: name exactly one."
        return f"{self.accountable} are accountable: keep exactly one."


@dataclass
class Matrix:
    columns: list[Column]
    actions: list[MatrixRow]
    measures: list[MatrixRow]
    entries: int

    @property
    def warnings(self) -> int:
        return sum(1 for row in self.actions + self.measures if row.warning)


def raci_columns(*, plan: Plan) -> list[Column]:
    columns = [
        Column(f"o{o.pk}", o.name, "organisation")
        for o in Organisation.objects.filter(plan=plan).order_by("name")
    ]
    members = Membership.objects.filter(plan=plan).select_related("user").order_by("created_at")
    columns += [Column(f"m{m.uuid}", person_label(m.user), "member") for m in members]
    return columns


def _entry_key(entry: RaciEntry, members: dict[int, str]) -> tuple[str, str]:
    subject = f"a{entry.action_id}" if entry.action_id else f"s{entry.measure_id}"
    party = f"o{entry.organisation_id}" if entry.organisation_id else members[entry.member_id or 0]
    return subject, party


def raci_matrix(*, plan: Plan) -> Matrix:
    columns = raci_columns(plan=plan)
    members = {m.pk: f"m{m.uuid}" for m in Membership.objects.filter(plan=plan)}
    roles: dict[tuple[str, str], str] = {}
    entries = list(RaciEntry.objects.filter(plan=plan))
    for entry in entries:
        roles[_entry_key(entry, members)] = entry.role

    def row(kind: str, key: str, uuid: str, title: str, context: str) -> MatrixRow:
        held = [roles.get((key, c.key), "") for c in columns]
        cells = [Cell(c, r) for c, r in zip(columns, held, strict=True)]
        count = sum(1 for c in cells if c.role == RaciRole.ACCOUNTABLE)
        return MatrixRow(kind, uuid, title, context, cells, count)

    actions = [
        row("action", f"a{a.pk}", str(a.uuid), a.title, a.priority.title)
        for a in StrategicAction.objects.filter(plan=plan).select_related("priority")
    ]
    measures = [
        row("measure", f"s{m.pk}", str(m.uuid), m.name, m.element.action.title)
        for m in Measure.objects.filter(plan=plan).select_related("element__action")
    ]
    return Matrix(columns, actions, measures, len(entries))


def raci_csv(*, plan: Plan) -> str:
    """The matrix as CSV: one line per action or measure, one column per party."""
    matrix = raci_matrix(plan=plan)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["kind", "title", "context", *(csv_cell(c.label) for c in matrix.columns),
                     "accountable check"])  # fmt: skip
    for row in matrix.actions + matrix.measures:
        writer.writerow(
            [row.kind, csv_cell(row.title), csv_cell(row.context),
             *(cell.role for cell in row.cells), row.warning or "ok"]
        )  # fmt: skip
    return out.getvalue()


# -- learning agenda -------------------------------------------------------------------------


@dataclass
class QuestionRow:
    uuid: str
    question: str
    why: str
    helpers: list[str]
    status: str
    status_label: str
    learned: str
    learned_from: str
    learned_on: datetime.date | None
    what_changed: str
    linked: str  # the action's or measure's title
    linked_url: str
    author: str
    author_id: int | None
    version: int


def question_row(question: LearningQuestion, code: str) -> QuestionRow:
    linked, url = "", ""
    if question.action is not None:
        linked = question.action.title
        url = reverse("strategy:action", args=[code, question.action.uuid])
    elif question.measure is not None:
        linked = question.measure.name
        url = reverse("results:measure", args=[code, question.measure.uuid])
    return QuestionRow(
        str(question.uuid), question.question, question.why, question.helper_labels(),
        question.status, question.get_status_display(), question.learned,
        question.learned_from, question.learned_on, question.what_changed, linked, url,
        person_label(question.created_by) if question.created_by_id else "",
        question.created_by_id, question.version,
    )  # fmt: skip


def learning_agenda(*, plan: Plan, status: str = "") -> list[QuestionRow]:
    found = LearningQuestion.objects.filter(plan=plan).select_related(
        "action", "measure", "created_by"
    )
    if status:
        found = found.filter(status=status)
    return [question_row(q, plan.code) for q in found]


# -- gaps ------------------------------------------------------------------------------------


@dataclass
class Gap:
    kind: str  # what is missing, in a few words
    subject: str  # the action, measure, group or organisation
    detail: str
    fix_url: str
    fix_label: str


@dataclass
class Gaps:
    days: int
    actions: list[Gap] = field(default_factory=list)
    measures: list[Gap] = field(default_factory=list)
    groups: list[Gap] = field(default_factory=list)
    organisations: list[Gap] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.actions) + len(self.measures) + len(self.groups) + len(self.organisations)


_PLACEHOLDER = "00000000-0000-4000-8000-000000000000"


def _links(name: str, code: str) -> Callable[[object], str]:
    """Links to one page per record, reversed once: a plan has hundreds of gaps."""
    pattern = reverse(name, args=[code, _PLACEHOLDER])
    return lambda key: pattern.replace(_PLACEHOLDER, str(key))


def _action_gaps(plan: Plan, since: datetime.date, days: int) -> list[Gap]:
    recent = ProgressUpdate.objects.filter(
        action=OuterRef("pk"), review_state=ReviewState.PUBLISHED, written_on__gte=since
    )
    found = StrategicAction.objects.filter(plan=plan).annotate(recent=Exists(recent))
    gaps = []
    ownership = _links("tracking:ownership", plan.code)
    update_new = _links("tracking:update-new", plan.code)
    for a in found:
        owners = ownership(a.uuid)
        if a.owner_id is None and a.owner_organisation_id is None:
            gaps.append(Gap("No owner", a.title, "Nobody owns this action.", owners,
                            "Name an owner"))  # fmt: skip
        if a.backup_id is None:
            gaps.append(Gap("No backup", a.title, "Nobody would step in if the owner left.",
                            owners, "Name a backup"))  # fmt: skip
        if not a.recent and a.status not in (ActionStatus.COMPLETED, ActionStatus.DROPPED):
            gaps.append(Gap(
                "No recent update", a.title,
                f"No progress update has been shown in the last {days} days.",
                update_new(a.uuid), "Post an update",
            ))  # fmt: skip
    return gaps


def _measure_gaps(plan: Plan) -> list[Gap]:
    values = MeasureValue.objects.filter(measure=OuterRef("pk"))
    found = Measure.objects.filter(plan=plan).annotate(has_values=Exists(values))
    gaps = []
    value_new = _links("results:value-new", plan.code)
    measure_page = _links("strategy:measure", plan.code)
    for m in found:
        if not m.has_values:
            gaps.append(Gap("No data", m.name, "No value has been recorded for this measure.",
                            value_new(m.uuid),
                            "Add a value"))  # fmt: skip
        if m.collector_id is None:
            gaps.append(Gap("No collector", m.name, "Nobody is named to collect its data.",
                            measure_page(m.uuid),
                            "Name a collector"))  # fmt: skip
    return gaps


def _group_gaps(plan: Plan) -> list[Gap]:
    return [
        Gap(
            "No chair",
            g.name,
            "This working group has no chair.",
            reverse("coalition:group-edit", args=[plan.code, g.uuid]),
            "Name a chair",
        )
        for g in WorkingGroup.objects.filter(plan=plan, chair__isnull=True)
    ]


def _busy_organisations(plan: Plan) -> set[int]:
    busy: set[int] = set()
    actions = StrategicAction.objects.filter(plan=plan)
    for lead, owner in actions.values_list("lead_organisation_id", "owner_organisation_id"):
        busy.update(v for v in (lead, owner) if v)
    busy.update(
        StrategicAction.partners.through.objects.filter(strategicaction__plan=plan).values_list(
            "organisation_id", flat=True
        )
    )
    member_orgs = Membership.objects.filter(plan=plan, organisation__isnull=False)
    roles = Q()
    for name in ("collector", "reporter", "owner"):
        ids = Measure.objects.filter(plan=plan).values_list(f"{name}_id", flat=True)
        roles |= Q(pk__in=[i for i in ids if i])
    busy.update(member_orgs.filter(roles).values_list("organisation_id", flat=True))
    raci = RaciEntry.objects.filter(plan=plan)
    busy.update(raci.filter(organisation__isnull=False).values_list("organisation_id", flat=True))
    busy.update(
        raci.filter(member__organisation__isnull=False).values_list(
            "member__organisation_id", flat=True
        )
    )
    return busy


def _organisation_gaps(plan: Plan) -> list[Gap]:
    busy = _busy_organisations(plan)
    raci = reverse("foundation:raci", args=[plan.code])
    return [
        Gap(
            "Nothing assigned",
            o.name,
            "Not a lead, owner or partner of any action, no role on a measure, no RACI entry.",
            raci,
            "Give them a role",
        )
        for o in Organisation.objects.filter(plan=plan).exclude(pk__in=busy).order_by("name")
    ]


def gaps_find(*, plan: Plan, days: int = DEFAULT_DAYS, today: datetime.date | None = None) -> Gaps:
    """What the plan is missing to carry on: each gap with a link to where it is fixed."""
    today = today or datetime.date.today()
    since = today - datetime.timedelta(days=days)
    return Gaps(
        days=days,
        actions=_action_gaps(plan, since, days),
        measures=_measure_gaps(plan),
        groups=_group_gaps(plan),
        organisations=_organisation_gaps(plan),
    )


# -- reflections and home --------------------------------------------------------------------


@dataclass
class ReflectionRow:
    key: str
    question: str
    answer: str
    version: int
    author: str
    updated_at: datetime.datetime | None


def reflections_for(*, plan: Plan) -> list[ReflectionRow]:
    saved = {r.key: r for r in Reflection.objects.filter(plan=plan).select_related("updated_by")}
    rows = []
    for key, question in QUESTIONS.items():
        r = saved.get(key)
        rows.append(
            ReflectionRow(key, question, r.answer if r else "", r.version if r else 0,
                          person_label(r.updated_by) if r else "", r.updated_at if r else None)
        )  # fmt: skip
    return rows


@dataclass
class FoundationHome:
    charter: CharterView
    revisions: int
    raci_entries: int
    raci_rows: int
    raci_warnings: int
    questions: dict[str, int]
    gaps: Gaps
    reflections: list[ReflectionRow]

    @property
    def answered(self) -> int:
        return sum(1 for r in self.reflections if r.answer)


def foundation_home(*, plan: Plan, today: datetime.date | None = None) -> FoundationHome:
    matrix = raci_matrix(plan=plan)
    counts = Counter(LearningQuestion.objects.filter(plan=plan).values_list("status", flat=True))
    questions: dict[str, int] = defaultdict(int)
    questions.update({s: counts.get(s, 0) for s in QuestionStatus.values})
    return FoundationHome(
        charter=charter_current(plan=plan),
        revisions=CharterRevision.objects.filter(plan=plan).count(),
        raci_entries=matrix.entries,
        raci_rows=len(matrix.actions) + len(matrix.measures),
        raci_warnings=matrix.warnings,
        questions=dict(questions),
        gaps=gaps_find(plan=plan, today=today),
        reflections=reflections_for(plan=plan),
    )
