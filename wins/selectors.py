"""Reads for early wins: the register, suggestions drawn from milestones reached and
measures that improved for real, the coalition's reflections and what the public sees."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Q

from lib.numbers import value_format
from plans.access import PlanAccess
from plans.models import Plan, Role
from results.analysis import PARITY, Point, _overlap
from results.models import MeasureValue
from results.selectors import _points
from results.services import main_subgroup
from strategy.models import Measure
from tracking.models import Milestone
from wins.models import SuggestionDismissal, Win, WinKind, WinMessage, WinReflection, WinsSettings
from wins.questions import QUESTIONS

MILESTONE_MONTHS = 12  # milestones reached in the last year are proposed
MEASURE_MONTHS = 36  # released data lag: a real improvement in the last three years counts
SUGGESTION_RULE = (
    f"Upward proposes a milestone reached in the last {MILESTONE_MONTHS} months, and a measure "
    "whose latest value is better than the one before it in the measure's own direction, "
    "with intervals that do not overlap (a change that is more than noise), for a period "
    f"that ended in the last {MEASURE_MONTHS} months."
)


def _months_before(day: dt.date, months: int) -> dt.date:
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    return dt.date(year, month + 1, min(day.day, 28))


def win_may_change(*, access: PlanAccess, win: Win) -> bool:
    """Editors change any win; a contributor the wins they recorded or on actions they own."""
    if access.can_edit:
        return True
    if access.membership.role != Role.CONTRIBUTOR:
        return False
    if win.created_by_id == access.membership.user_id:
        return True
    return win.action is not None and access.may_change(assigned_to=win.action.owner)


@dataclass
class MessageRow:
    uuid: str
    messenger: str
    channel: str
    on: dt.date | None
    status: str
    status_label: str
    note: str


@dataclass
class WinRow:
    uuid: str
    title: str
    what_happened: str
    happened_on: dt.date
    kind: str
    kind_label: str
    action: str
    action_uuid: str
    made_by: str
    organisations: list[str]
    audience: str
    evidence_link: str
    evidence_name: str
    public: bool
    version: int
    may_change: bool
    messages: list[MessageRow] = field(default_factory=list)


def _message_row(m: WinMessage) -> MessageRow:
    return MessageRow(
        str(m.uuid), m.messenger, m.get_channel_display(), m.on, m.status,
        m.get_status_display(), m.note,
    )  # fmt: skip


def _win_row(win: Win, may_change: bool) -> WinRow:
    return WinRow(
        uuid=str(win.uuid),
        title=win.title,
        what_happened=win.what_happened,
        happened_on=win.happened_on,
        kind=win.kind,
        kind_label=WinKind(win.kind).label if win.kind in WinKind.values else win.kind,
        action=win.action.title if win.action else "",
        action_uuid=str(win.action.uuid) if win.action else "",
        made_by=win.made_by,
        organisations=[o.name for o in win.organisations.all()],
        audience=win.audience,
        evidence_link=win.evidence_link,
        evidence_name=win.evidence_name,
        public=win.public,
        version=win.version,
        may_change=may_change,
        messages=[_message_row(m) for m in win.messages.all()],
    )


def _wins(plan: Plan) -> list[Win]:
    return list(
        Win.objects.filter(plan=plan)
        .select_related("action__owner")
        .prefetch_related("organisations", "messages")
    )


def wins_list(*, plan: Plan, access: PlanAccess | None = None) -> list[WinRow]:
    """The plan's wins, newest first."""
    return [
        _win_row(w, access is not None and win_may_change(access=access, win=w))
        for w in _wins(plan)
    ]


def win_detail(*, win: Win, access: PlanAccess | None = None) -> WinRow:
    return _win_row(win, access is not None and win_may_change(access=access, win=win))


# -- suggestions ----------------------------------------------------------------------------


@dataclass
class Suggestion:
    key: str
    source: str  # "milestone" or "measure"
    title: str
    what_happened: str
    happened_on: dt.date
    kind: str
    action_uuid: str
    action: str
    reason: str


def _better(before: Point, after: Point, direction: str) -> bool:
    """Whether `after` is better than `before` the way the measure counts good (as in
    results.analysis.change_words)."""
    if direction == "parity":
        return abs(after.value - PARITY) < abs(before.value - PARITY)
    if direction == "lower":
        return after.value < before.value
    return after.value > before.value


def _measure_suggestions(plan: Plan, since: dt.date) -> list[Suggestion]:
    found = []
    measures = Measure.objects.filter(plan=plan).select_related("element__action")
    values_by: dict[int, list[MeasureValue]] = {}
    for value in MeasureValue.objects.filter(measure__plan=plan).order_by("period_end", "id"):
        values_by.setdefault(value.measure_id, []).append(value)
    for measure in measures:
        values = values_by.get(measure.pk, [])
        if len(values) < 2:
            continue
        points = _points(measure, values, main_subgroup(measure))
        if len(points) < 2:
            continue
        before, after = points[-2], points[-1]
        if after.when < since or _overlap(before, after) is not False:
            continue
        if not _better(before, after, measure.direction):
            continue
        action = measure.element.action
        was = value_format(value=before.value, unit=measure.unit)
        now = value_format(value=after.value, unit=measure.unit)
        found.append(
            Suggestion(
                key=f"measure:{measure.uuid}:{after.label}"[:120],
                source="measure",
                title=f"{measure.name} improved",
                what_happened=(
                    f"{measure.name} went from {was} in {before.label} to {now} in "
                    f"{after.label}, and the two values' intervals do not overlap."
                ),
                happened_on=after.when,
                kind=WinKind.OUTCOME,
                action_uuid=str(action.uuid),
                action=action.title,
                reason="A measure improved beyond its intervals",
            )
        )
    return found


def suggestions_list(
    *, plan: Plan, today: dt.date | None = None, months: int = MILESTONE_MONTHS
) -> list[Suggestion]:
    """Candidate wins not yet made wins or set aside, newest first."""
    today = today or dt.date.today()
    since = _months_before(today, months)
    taken = set(
        Win.objects.filter(plan=plan).exclude(source_key="").values_list("source_key", flat=True)
    )
    taken |= set(SuggestionDismissal.objects.filter(plan=plan).values_list("key", flat=True))
    found: list[Suggestion] = []
    milestones = Milestone.objects.filter(
        action__plan=plan, completed_on__isnull=False, completed_on__gte=since,
        completed_on__lte=today,
    ).select_related("action")  # fmt: skip
    for m in milestones:
        assert m.completed_on is not None
        found.append(
            Suggestion(
                key=f"milestone:{m.uuid}",
                source="milestone",
                title=m.title,
                what_happened=f"The milestone “{m.title}” of {m.action.title} was reached.",
                happened_on=m.completed_on,
                kind=WinKind.OTHER,
                action_uuid=str(m.action.uuid),
                action=m.action.title,
                reason="A milestone was reached",
            )
        )
    found += _measure_suggestions(plan, _months_before(today, MEASURE_MONTHS))
    found = [s for s in found if s.key not in taken]
    return sorted(found, key=lambda s: (s.happened_on, s.key), reverse=True)


def suggestion_find(*, plan: Plan, key: str, today: dt.date | None = None) -> Suggestion | None:
    return next((s for s in suggestions_list(plan=plan, today=today) if s.key == key), None)


@dataclass
class DismissedRow:
    key: str
    title: str
    dismissed_at: dt.datetime


def dismissed_list(*, plan: Plan) -> list[DismissedRow]:
    return [
        DismissedRow(d.key, d.title, d.dismissed_at)
        for d in SuggestionDismissal.objects.filter(plan=plan).order_by("-dismissed_at")
    ]


# -- reflections, settings, public ---------------------------------------------------------


@dataclass
class ReflectionRow:
    key: str
    question: str
    answer: str
    version: int


def reflections_list(*, plan: Plan) -> list[ReflectionRow]:
    saved = {r.question: r for r in WinReflection.objects.filter(plan=plan)}
    return [
        ReflectionRow(
            key,
            text,
            saved[key].answer if key in saved else "",
            saved[key].version if key in saved else 0,
        )
        for key, text in QUESTIONS.items()
    ]


def wins_public(*, plan: Plan) -> bool:
    """Whether the plan shows its wins to anyone: published plan and the owner's choice."""
    if not plan.published:
        return False
    return WinsSettings.objects.filter(plan=plan, public=True).exists()


@dataclass
class PublicWin:
    uuid: str
    title: str
    what_happened: str
    happened_on: dt.date
    kind_label: str
    action: str
    organisations: list[str]
    audience: str
    updated_at: dt.datetime


def public_wins(*, plan: Plan, limit: int | None = None) -> list[PublicWin]:
    """The wins anyone may read: none unless the plan shows them; never who made them
    happen in person, messengers or files (people's names stay inside the coalition)."""
    if not wins_public(plan=plan):
        return []
    found = (
        Win.objects.filter(Q(plan=plan) & Q(public=True))
        .select_related("action")
        .prefetch_related("organisations")
    )
    if limit is not None:
        found = found[:limit]
    return [
        PublicWin(
            str(w.uuid),
            w.title,
            w.what_happened,
            w.happened_on,
            WinKind(w.kind).label if w.kind in WinKind.values else "",
            w.action.title if w.action else "",
            [o.name for o in w.organisations.all()],
            w.audience,
            w.updated_at,
        )
        for w in found
    ]
