"""Reads of step 10: the implementation board, an action's follow-through, the roll-up."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q, QuerySet

from lib.people import person_name, reporter_name
from plans.access import PlanAccess
from plans.models import Membership, Plan
from strategy.models import ActionStatus, Priority, StrategicAction
from strategy.selectors import member_label
from tracking.models import (
    ActionWeight,
    Evidence,
    Milestone,
    ProgressUpdate,
    ReviewState,
)
from tracking.services import tracking_settings_get

STATUS_LABELS: dict[str, str] = {k: str(v) for k, v in ActionStatus.choices}
STATUS_ORDER = list(ActionStatus.values)
# Tag colours (the status is always written too, so colour is never the only signal).
STATUS_CLASSES = {
    "on-track": "bg-success-darker",
    "at-risk": "bg-accent-warm-darker",
    "off-track": "bg-secondary-darker",
    "completed": "bg-primary-dark",
    "dropped": "bg-ink",
}
ROLLUP_RULE = (
    "Percent complete is the weighted mean of each action's latest reported percent complete "
    "(from its latest shown update that gives one; a completed action counts as 100%, an "
    "action with no percent yet as 0%). Each action weighs 1 unless an editor set another "
    "weight; a weight of 0 leaves the action out of the percent. Status counts each action "
    "once under its current status, which is the status of its latest shown update (not "
    "started when it has none). An action counts under every pillar of its priority."
)


def member_name(membership: Membership | None) -> str:
    """A member's full name, or their username (the strategy pages' rule)."""
    return member_label(membership)


def owner_text(action: StrategicAction) -> str:
    """The owner in words: a member, or a partner organisation and who to ask there."""
    parts = []
    if action.owner_id:
        parts.append(member_name(action.owner))
    if action.owner_organisation_id and action.owner_organisation is not None:
        organisation = action.owner_organisation.name
        contact = f" (contact: {action.owner_contact})" if action.owner_contact else ""
        parts.append(organisation + contact)
    return "; ".join(parts)


def may_post_update(*, access: PlanAccess, action: StrategicAction) -> bool:
    """Editors post on every action; a contributor on those they own or back up; a partner
    organisation's key on those the organisation owns."""
    if access.organisation is not None:
        return action.plan_id == access.plan.pk and (
            action.owner_organisation_id == access.organisation.pk
        )
    return access.may_change(assigned_to=action.owner) or access.may_change(
        assigned_to=action.backup
    )


def updates_visible(*, access: PlanAccess, prefix: str = "") -> Q:
    """Shown updates for everyone; waiting and returned ones for editors and their author.
    `prefix` reaches the update from another model ("update__" from Evidence)."""
    if access.can_edit:
        return Q()
    shown = Q(**{f"{prefix}review_state": ReviewState.PUBLISHED})
    if access.organisation is not None:
        return shown | Q(**{f"{prefix}author_organisation_id": access.organisation.pk})
    return shown | Q(**{f"{prefix}author_id": access.membership.user_id})


@dataclass(frozen=True)
class EvidenceItem:
    uuid: str
    name: str
    size_text: str
    content_type: str


@dataclass
class UpdateItem:
    uuid: str
    action_uuid: str
    action_title: str
    written_on: dt.date
    status: str
    status_label: str
    percent_complete: int | None
    narrative: str
    blockers: str
    next_steps: str
    links: list[str]
    author: str
    author_id: int | None
    review_state: str
    review_label: str
    review_comment: str
    reviewer: str
    created_at: dt.datetime
    evidence: list[EvidenceItem] = field(default_factory=list)
    replaces: str = ""
    resubmitted: bool = False

    @property
    def shown(self) -> bool:
        return self.review_state == ReviewState.PUBLISHED

    @property
    def pending(self) -> bool:
        return self.review_state == ReviewState.PENDING

    @property
    def returned(self) -> bool:
        return self.review_state == ReviewState.RETURNED


@dataclass(frozen=True)
class MilestoneItem:
    uuid: str
    title: str
    due_on: dt.date
    completed_on: dt.date | None
    version: int
    overdue: bool

    @property
    def state(self) -> str:
        if self.completed_on:
            done = self.completed_on
            return f"Completed {done:%b} {done.day}, {done.year}"
        return "Overdue" if self.overdue else "Open"


def _size_text(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / 1024 / 1024:.1f} MB"
    return f"{max(1, round(size / 1024))} KB"


def _update_items(queryset: QuerySet[ProgressUpdate]) -> list[UpdateItem]:
    updates = list(
        queryset.select_related(
            "author", "author_organisation", "reviewer", "action", "replaces"
        ).order_by("-written_on", "-created_at", "-id")
    )
    evidence: dict[int, list[EvidenceItem]] = defaultdict(list)
    for item in Evidence.objects.filter(update__in=updates).order_by("id"):
        evidence[item.update_id].append(
            EvidenceItem(str(item.uuid), item.name, _size_text(item.size), item.content_type)
        )
    resubmitted = set(
        ProgressUpdate.objects.filter(replaces__in=updates).values_list("replaces_id", flat=True)
    )
    reviews = dict(ReviewState.choices)
    return [
        UpdateItem(
            uuid=str(u.uuid),
            action_uuid=str(u.action.uuid),
            action_title=u.action.title,
            written_on=u.written_on,
            status=u.status,
            status_label=STATUS_LABELS.get(u.status, u.status),
            percent_complete=u.percent_complete,
            narrative=u.narrative,
            blockers=u.blockers,
            next_steps=u.next_steps,
            links=list(u.links or []),
            author=reporter_name(u.author, u.author_organisation),
            author_id=u.author_id,
            review_state=u.review_state,
            review_label=str(reviews.get(u.review_state, u.review_state)),
            review_comment=u.review_comment,
            reviewer=person_name(u.reviewer),
            created_at=u.created_at,
            evidence=evidence.get(u.pk, []),
            replaces=str(u.replaces.uuid) if u.replaces else "",
            resubmitted=u.pk in resubmitted,
        )
        for u in updates
    ]


def _milestone_item(m: Milestone, today: dt.date) -> MilestoneItem:
    overdue = m.completed_on is None and m.due_on < today
    return MilestoneItem(str(m.uuid), m.title, m.due_on, m.completed_on, m.version, overdue)


# -- The board -----------------------------------------------------------------------------


@dataclass
class BoardRow:
    uuid: str
    title: str
    priority: str
    lead: str
    owner: str
    backup: str
    status: str
    status_label: str
    status_class: str
    percent: int | None
    last_update: dt.date | None
    next_milestone: MilestoneItem | None
    waiting: int
    weight: Decimal
    may_post: bool


@dataclass
class Board:
    rows: list[BoardRow]
    counts: list[tuple[str, str, int]]  # status, label, number of actions
    review_on: bool
    waiting: int  # updates waiting for review that this person may see


def _latest_shown(plan: Plan) -> tuple[dict[int, int], dict[int, dt.date]]:
    """Each action's percent complete from its latest shown update that reports one, and
    the date of its latest shown update (one pass over the shown updates, newest first)."""
    percents: dict[int, int] = {}
    dates: dict[int, dt.date] = {}
    rows = (
        ProgressUpdate.objects.filter(action__plan=plan, review_state=ReviewState.PUBLISHED)
        .order_by("action_id", "-written_on", "-created_at", "-id")
        .values_list("action_id", "written_on", "percent_complete")
    )
    for action_id, written_on, percent in rows.iterator(chunk_size=2000):
        dates.setdefault(action_id, written_on)
        if percent is not None:
            percents.setdefault(action_id, percent)
    return percents, dates


def _next_milestones(plan: Plan, today: dt.date) -> dict[int, MilestoneItem]:
    found: dict[int, MilestoneItem] = {}
    rows = (
        Milestone.objects.filter(action__plan=plan, completed_on__isnull=True)
        .order_by("action_id", "due_on", "order", "id")
        .values_list("action_id", "uuid", "title", "due_on", "version")
    )
    for action_id, uuid, title, due_on, version in rows:
        if action_id not in found:
            found[action_id] = MilestoneItem(
                str(uuid), title, due_on, None, version, due_on < today
            )
    return found


def _weights(plan: Plan) -> dict[int, Decimal]:
    return dict(ActionWeight.objects.filter(action__plan=plan).values_list("action_id", "weight"))


def plan_actions(*, plan: Plan) -> list[StrategicAction]:
    return list(
        StrategicAction.objects.filter(plan=plan).select_related(
            "priority", "lead_organisation", "owner__user", "backup__user", "owner_organisation"
        )
    )


def board_for(*, access: PlanAccess, today: dt.date | None = None) -> Board:
    """The plan's actions with their status and progress (a partner's reporting key: only
    the actions its organisation owns)."""
    today = today or dt.date.today()
    plan = access.plan
    actions = plan_actions(plan=plan)
    if access.organisation is not None:
        actions = [a for a in actions if a.owner_organisation_id == access.organisation.pk]
    percents, dates = _latest_shown(plan)
    milestones, weights = _next_milestones(plan, today), _weights(plan)
    waiting_rows = ProgressUpdate.objects.filter(
        updates_visible(access=access), action__plan=plan, review_state=ReviewState.PENDING
    ).values_list("action_id", flat=True)
    waiting: dict[int, int] = defaultdict(int)
    for action_id in waiting_rows:
        waiting[action_id] += 1
    rows = [
        BoardRow(
            uuid=str(a.uuid),
            title=a.title,
            priority=a.priority.title,
            lead=a.lead_organisation.name if a.lead_organisation else "",
            owner=owner_text(a),
            backup=member_name(a.backup),
            status=a.status,
            status_label=STATUS_LABELS.get(a.status, a.status),
            status_class=STATUS_CLASSES.get(a.status, "bg-base-dark"),
            percent=100 if a.status == ActionStatus.COMPLETED else percents.get(a.pk),
            last_update=dates.get(a.pk),
            next_milestone=milestones.get(a.pk),
            waiting=waiting.get(a.pk, 0),
            weight=weights.get(a.pk, Decimal(1)),
            may_post=may_post_update(access=access, action=a),
        )
        for a in actions
    ]
    counts = [
        (s, STATUS_LABELS[s], sum(1 for r in rows if r.status == s))
        for s in STATUS_ORDER
        if any(r.status == s for r in rows)
    ]
    review_on = tracking_settings_get(plan=plan).review_contributor_updates
    return Board(rows, counts, review_on, sum(waiting.values()))


# -- One action ----------------------------------------------------------------------------


@dataclass
class FollowThrough:
    action: StrategicAction
    owner: str
    backup: str
    lead: str
    status_label: str
    percent: int | None
    weight: Decimal
    milestones: list[MilestoneItem]
    updates: list[UpdateItem]
    may_post: bool


def action_follow_through(
    *, access: PlanAccess, action: StrategicAction, today: dt.date | None = None
) -> FollowThrough:
    today = today or dt.date.today()
    updates = _update_items(
        ProgressUpdate.objects.filter(updates_visible(access=access), action=action)
    )
    shown = [u for u in updates if u.shown and u.percent_complete is not None]
    percent = (
        100
        if action.status == ActionStatus.COMPLETED
        else (shown[0].percent_complete if shown else None)
    )
    weight = ActionWeight.objects.filter(action=action).values_list("weight", flat=True).first()
    return FollowThrough(
        action=action,
        owner=owner_text(action),
        backup=member_name(action.backup),
        lead=action.lead_organisation.name if action.lead_organisation else "",
        status_label=STATUS_LABELS.get(action.status, action.status),
        percent=percent,
        weight=weight if weight is not None else Decimal(1),
        milestones=[_milestone_item(m, today) for m in action.milestones.all()],
        updates=updates,
        may_post=may_post_update(access=access, action=action),
    )


def updates_waiting(*, access: PlanAccess) -> list[UpdateItem]:
    """Updates waiting for review (all for editors, their own for a contributor)."""
    return _update_items(
        ProgressUpdate.objects.filter(
            updates_visible(access=access),
            action__plan=access.plan,
            review_state=ReviewState.PENDING,
        )
    )


def updates_returned_to(*, access: PlanAccess) -> list[UpdateItem]:
    """This person's (or this organisation's system's) updates returned with a comment and
    not yet sent again."""
    mine = (
        Q(author_organisation_id=access.organisation.pk)
        if access.organisation is not None
        else Q(author_id=access.membership.user_id)
    )
    return _update_items(
        ProgressUpdate.objects.filter(
            mine,
            action__plan=access.plan,
            review_state=ReviewState.RETURNED,
            resubmissions__isnull=True,
        )
    )


def updates_for_plan(
    *, access: PlanAccess, since: dt.date | None = None, until: dt.date | None = None
) -> list[UpdateItem]:
    queryset = ProgressUpdate.objects.filter(
        updates_visible(access=access), action__plan=access.plan
    )
    if access.organisation is not None:  # a partner's key: its organisation's actions only
        queryset = queryset.filter(action__owner_organisation=access.organisation)
    if since:
        queryset = queryset.filter(written_on__gte=since)
    if until:
        queryset = queryset.filter(written_on__lte=until)
    return _update_items(queryset)


def update_items_for_action(*, access: PlanAccess, action: StrategicAction) -> list[UpdateItem]:
    return _update_items(
        ProgressUpdate.objects.filter(updates_visible(access=access), action=action)
    )


# -- Roll-up -------------------------------------------------------------------------------


@dataclass
class RollupGroup:
    name: str
    actions: int
    percent: float | None  # None when every action in it weighs 0
    counts: dict[str, int]

    @property
    def status_text(self) -> str:
        parts = [f"{n} {STATUS_LABELS[s].lower()}" for s, n in self.counts.items() if n]
        return ", ".join(parts) or "no actions"


@dataclass
class Rollup:
    overall: RollupGroup
    by_priority: list[RollupGroup]
    by_pillar: list[RollupGroup]
    by_lead: list[RollupGroup]
    rule: str = ROLLUP_RULE
    weighted: bool = False  # some action carries a weight other than 1


def _group(name: str, members: list[tuple[StrategicAction, int, Decimal]]) -> RollupGroup:
    counts = {s: 0 for s in STATUS_ORDER}
    total = Decimal(0)
    weighted = Decimal(0)
    for action, percent, weight in members:
        counts[action.status] = counts.get(action.status, 0) + 1
        total += weight
        weighted += weight * percent
    percent_value = float(weighted / total) if total else None
    return RollupGroup(name, len(members), percent_value, counts)


def rollup_for(*, plan: Plan) -> Rollup:
    actions = plan_actions(plan=plan)
    (percents, _), weights = _latest_shown(plan), _weights(plan)
    rows = []
    for a in actions:
        percent = 100 if a.status == ActionStatus.COMPLETED else percents.get(a.pk, 0)
        rows.append((a, percent, weights.get(a.pk, Decimal(1))))
    by_priority: dict[str, list] = {}
    by_pillar: dict[str, list] = defaultdict(list)
    by_lead: dict[str, list] = defaultdict(list)
    pillars: dict[int, list[str]] = defaultdict(list)
    priority_ids = {a.priority_id for a in actions}
    through = Priority.pillars.through
    for priority_id, name in (
        through.objects.filter(priority_id__in=priority_ids)
        .values_list("priority_id", "pillar__name")
        .order_by("pillar__name")
    ):
        pillars[priority_id].append(name)
    for row in rows:
        action = row[0]
        by_priority.setdefault(action.priority.title, []).append(row)
        for name in pillars.get(action.priority_id) or ["No pillar chosen"]:
            by_pillar[name].append(row)
        lead = action.lead_organisation.name if action.lead_organisation else "No lead organization"
        by_lead[lead].append(row)
    return Rollup(
        overall=_group("All actions", rows),
        by_priority=[_group(k, v) for k, v in by_priority.items()],
        by_pillar=[_group(k, by_pillar[k]) for k in sorted(by_pillar)],
        by_lead=[_group(k, by_lead[k]) for k in sorted(by_lead)],
        weighted=any(w != 1 for _, _, w in rows),
    )
