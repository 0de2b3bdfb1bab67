"""Reads for continuity: how exposed each action is to a change of administration."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.apps import apps
from django.utils import timezone

from continuity.models import Election, SeatKind, Snapshot, Tenure
from plans.models import Membership, Plan
from strategy.models import ActionStatus, StrategicAction
from strategy.selectors import member_label

HORIZON_DAYS = 365
MANY_ACTIONS = 4  # a person leading this many open actions is a single point of failure
HIGH, MEDIUM, LOW = "high", "medium", "low"
LEVEL_LABELS = {HIGH: "High", MEDIUM: "Medium", LOW: "Low"}
CLOSED = (ActionStatus.COMPLETED, ActionStatus.DROPPED)

# The rule, as the page states it. Points add up; 5 or more is high, 2 to 4 medium.
RULES = [
    ("No owner, neither a member nor a partner organisation", 3),
    ("Led by an elected official", 3),
    ("Led by an appointed official", 2),
    ("The lead's kind of position is not recorded", 1),
    ("No backup", 2),
    ("The backup is also an elected or appointed official", 1),
    (f"Its lead leads {MANY_ACTIONS} or more open actions", 1),
    ("Its lead's seat is up for election, or their term ends, within the horizon", 2),
    ("A partner organisation owns it with no named contact", 1),
    ("No money is committed to it for now (funding ledger)", 1),
]
HIGH_FROM, MEDIUM_FROM = 5, 2


@dataclass
class Person:
    uuid: str
    name: str
    role: str
    kind: str  # SeatKind value, or "" when not recorded
    kind_label: str
    seat: str
    term_ends_on: dt.date | None
    notes: str
    version: int
    leads: int  # open actions they own
    backs: int  # open actions they back up
    next_vote: dt.date | None = None


@dataclass
class Reason:
    text: str
    points: int


@dataclass
class ActionRisk:
    uuid: str
    title: str
    status: str
    owner: str  # a person's name, or "<organisation> (contact: ...)"
    owner_kind: str
    backup: str
    reasons: list[Reason] = field(default_factory=list)

    @property
    def points(self) -> int:
        return sum(reason.points for reason in self.reasons)

    @property
    def level(self) -> str:
        return HIGH if self.points >= HIGH_FROM else MEDIUM if self.points >= MEDIUM_FROM else LOW

    @property
    def level_label(self) -> str:
        return LEVEL_LABELS[self.level]


@dataclass
class CalendarEntry:
    date: dt.date
    what: str  # "Election: ..." or "Term ends: ..."
    uuid: str  # the election's UUID, or "" for a term end
    people: list[str]
    actions: list[str]  # open actions those people lead or back up
    outcome: str = ""
    past: bool = False


@dataclass
class Overview:
    today: dt.date
    horizon_days: int
    actions: list[ActionRisk]
    people: list[Person]
    calendar: list[CalendarEntry]
    counts: dict[str, int]  # by level
    reasons: list[tuple[str, int]]  # how many actions each reason touches, most first
    rules: list[tuple[str, int]] = field(default_factory=lambda: list(RULES))

    @property
    def open_count(self) -> int:
        return len(self.actions)

    @property
    def exposure(self) -> str:
        """The plan's overall exposure, in one word: the level most of its weight sits at."""
        if not self.actions:
            return "none"
        high_share = self.counts[HIGH] / len(self.actions)
        if high_share >= 0.25:
            return HIGH
        if high_share > 0 or self.counts[MEDIUM] / len(self.actions) >= 0.5:
            return MEDIUM
        return LOW

    @property
    def warnings(self) -> list[CalendarEntry]:
        return [entry for entry in self.calendar if not entry.past and entry.actions]


def _tenures(plan: Plan) -> dict[int, Tenure]:
    return {t.membership_id: t for t in Tenure.objects.filter(membership__plan=plan)}


def _next_votes(plan: Plan, today: dt.date) -> dict[int, dt.date]:
    """For each membership, the date of the next election that puts their seat at stake."""
    votes: dict[int, dt.date] = {}
    for election in Election.objects.filter(plan=plan, held_on__gte=today).prefetch_related(
        "members"
    ):
        for membership in election.members.all():
            current = votes.get(membership.pk)
            if current is None or election.held_on < current:
                votes[membership.pk] = election.held_on
    return votes


def _unfunded(plan: Plan, today: dt.date) -> set[str]:
    """UUIDs of actions with no money running today, when the funding ledger is in use."""
    if not apps.is_installed("funding"):
        return set()
    from funding.models import FundingEntry
    from funding.selectors import actions_unfunded

    if not FundingEntry.objects.filter(action__plan=plan).exists():
        return set()  # a plan that keeps no ledger here is not told every action lacks money
    return actions_unfunded(plan=plan, today=today)


def continuity_overview(
    *, plan: Plan, today: dt.date | None = None, horizon_days: int = HORIZON_DAYS
) -> Overview:
    """Every open action with the reasons it could stall when leadership changes."""
    today = today or timezone.localdate()
    horizon = today + dt.timedelta(days=horizon_days)
    members = {
        m.pk: m for m in Membership.objects.filter(plan=plan).select_related("user", "organisation")
    }
    tenures = _tenures(plan)
    votes = _next_votes(plan, today)
    actions = list(
        StrategicAction.objects.filter(plan=plan)
        .exclude(status__in=CLOSED)
        .select_related("owner_organisation")
    )
    unfunded = _unfunded(plan, today)
    leads = Counter(a.owner_id for a in actions if a.owner_id)
    backs = Counter(a.backup_id for a in actions if a.backup_id)

    def at_stake(membership_id: int) -> dt.date | None:
        tenure = tenures.get(membership_id)
        dates = [votes.get(membership_id)]
        if tenure and tenure.term_ends_on and today <= tenure.term_ends_on:
            dates.append(tenure.term_ends_on)
        upcoming = [d for d in dates if d is not None and d <= horizon]
        return min(upcoming) if upcoming else None

    risks = [
        _action_risk(
            a,
            members=members,
            tenures=tenures,
            leads=leads,
            at_stake=at_stake,
            unfunded=str(a.uuid) in unfunded,
        )
        for a in actions
    ]
    risks.sort(key=lambda r: (-r.points, r.title.lower()))
    counts = Counter(r.level for r in risks)
    reasons = Counter(reason.text.split(" (")[0] for r in risks for reason in r.reasons)
    people = [
        _person(m, tenures.get(pk), leads[pk], backs[pk], votes.get(pk))
        for pk, m in members.items()
        if pk in tenures or leads[pk] or backs[pk]
    ]
    people.sort(key=lambda p: (-p.leads, -p.backs, p.name.lower()))
    return Overview(
        today=today,
        horizon_days=horizon_days,
        actions=risks,
        people=people,
        calendar=_calendar(plan, today, members, tenures, actions),
        counts={level: counts.get(level, 0) for level in (HIGH, MEDIUM, LOW)},
        reasons=reasons.most_common(),
    )


def _action_risk(
    action: StrategicAction,
    *,
    members: dict[int, Membership],
    tenures: dict[int, Tenure],
    leads: Counter[int],
    at_stake: object,
    unfunded: bool,
) -> ActionRisk:
    owner = members.get(action.owner_id) if action.owner_id else None
    backup = members.get(action.backup_id) if action.backup_id else None
    tenure = tenures.get(owner.pk) if owner else None
    reasons: list[Reason] = []
    owner_text = member_label(owner)
    if owner is None:
        if action.owner_organisation is None:
            reasons.append(Reason(RULES[0][0], RULES[0][1]))
        else:
            contact = action.owner_contact.strip()
            owner_text = str(action.owner_organisation) + (
                f" (contact: {contact})" if contact else ""
            )
            if not contact:
                reasons.append(Reason(RULES[8][0], RULES[8][1]))
    elif tenure is None:
        reasons.append(Reason(RULES[3][0], RULES[3][1]))
    elif tenure.kind == SeatKind.ELECTED:
        reasons.append(Reason(RULES[1][0], RULES[1][1]))
    elif tenure.kind == SeatKind.APPOINTED:
        reasons.append(Reason(RULES[2][0], RULES[2][1]))
    if backup is None or (owner is not None and backup.pk == owner.pk):
        reasons.append(Reason(RULES[4][0], RULES[4][1]))
    else:
        backup_tenure = tenures.get(backup.pk)
        if backup_tenure is not None and backup_tenure.is_political():
            reasons.append(Reason(RULES[5][0], RULES[5][1]))
    if owner is not None and leads[owner.pk] >= MANY_ACTIONS:
        reasons.append(Reason(f"{RULES[6][0]} ({leads[owner.pk]})", RULES[6][1]))
    if owner is not None:
        when = at_stake(owner.pk)  # type: ignore[operator]
        if when is not None:
            reasons.append(Reason(f"{RULES[7][0]} ({when:%-d %B %Y})", RULES[7][1]))
    if unfunded:
        reasons.append(Reason(RULES[9][0], RULES[9][1]))
    return ActionRisk(
        uuid=str(action.uuid),
        title=action.title,
        status=action.get_status_display(),
        owner=owner_text,
        owner_kind=tenure.get_kind_display() if tenure else "",
        backup=member_label(backup),
        reasons=reasons,
    )


def _person(
    membership: Membership,
    tenure: Tenure | None,
    leads: int,
    backs: int,
    next_vote: dt.date | None,
) -> Person:
    return Person(
        uuid=str(membership.uuid),
        name=member_label(membership),
        role=membership.get_role_display(),
        kind=tenure.kind if tenure else "",
        kind_label=tenure.get_kind_display() if tenure else "Not recorded",
        seat=tenure.seat if tenure else "",
        term_ends_on=tenure.term_ends_on if tenure else None,
        notes=tenure.notes if tenure else "",
        version=tenure.version if tenure else 0,
        leads=leads,
        backs=backs,
        next_vote=next_vote,
    )


def _held_actions(membership_ids: set[int], actions: list[StrategicAction]) -> list[str]:
    return [
        a.title for a in actions if a.owner_id in membership_ids or a.backup_id in membership_ids
    ]


def _calendar(
    plan: Plan,
    today: dt.date,
    members: dict[int, Membership],
    tenures: dict[int, Tenure],
    actions: list[StrategicAction],
) -> list[CalendarEntry]:
    entries: list[CalendarEntry] = []
    for election in Election.objects.filter(plan=plan).prefetch_related("members"):
        ids = {m.pk for m in election.members.all()}
        entries.append(
            CalendarEntry(
                date=election.held_on,
                what=f"Election: {election.title}",
                uuid=str(election.uuid),
                people=sorted(member_label(members[i]) for i in ids if i in members),
                actions=_held_actions(ids, actions),
                outcome=election.outcome,
                past=election.held_on < today,
            )
        )
    for tenure in tenures.values():
        if tenure.term_ends_on is None:
            continue
        seat = f" ({tenure.seat})" if tenure.seat else ""
        entries.append(
            CalendarEntry(
                date=tenure.term_ends_on,
                what=f"Term ends: {member_label(members[tenure.membership_id])}{seat}",
                uuid="",
                people=[member_label(members[tenure.membership_id])],
                actions=_held_actions({tenure.membership_id}, actions),
                past=tenure.term_ends_on < today,
            )
        )
    entries.sort(key=lambda e: (e.date, e.what))
    return entries


def tenure_for(*, plan: Plan, member_uuid: str) -> tuple[Membership, Tenure | None]:
    """The member (404 when not in this plan) and their tenure, if recorded."""
    from django.shortcuts import get_object_or_404

    membership = get_object_or_404(
        Membership.objects.select_related("user"), plan=plan, uuid=member_uuid
    )
    return membership, Tenure.objects.filter(membership=membership).first()


def snapshots_list(*, plan: Plan) -> list[Snapshot]:
    return list(Snapshot.objects.filter(plan=plan).select_related("taken_by").defer("content"))


def latest_shown_updates(*, plan: Plan) -> dict[int, tuple[dt.date, str, int | None]]:
    """Each action's latest shown progress update: date, narrative, percent complete."""
    if not apps.is_installed("tracking"):
        return {}
    from tracking.models import ProgressUpdate, ReviewState

    latest: dict[int, tuple[dt.date, str, int | None]] = {}
    rows = (
        ProgressUpdate.objects.filter(action__plan=plan, review_state=ReviewState.PUBLISHED)
        .order_by("action_id", "-written_on", "-created_at", "-id")
        .values_list("action_id", "written_on", "narrative", "percent_complete")
    )
    for action_id, written_on, narrative, percent in rows:
        latest.setdefault(action_id, (written_on, narrative, percent))
    return latest
