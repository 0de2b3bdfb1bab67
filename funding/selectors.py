"""Reads for the funding ledger: an action's ledger, the plan's gaps (needed minus committed)
by action, priority and pillar, funding about to end with no renewal, and the funders.

Rules, shown on the pages too:
- committed money is what entries that are committed, received or ended promised; proposed
  and declined entries do not count (proposed ones are listed as pending);
- an action's gap is what it needs minus what is committed; a shortfall is a gap above zero.
  Totals add shortfalls, so money beyond one action's need does not hide another's gap;
- an action counts under every pillar of its priority, so pillar totals may overlap;
- funding ends "soon" when it is committed or received and its end date falls between today
  and the horizon, and nobody expects it to be renewed (no, or not known yet).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.text import slugify

from funding.models import (
    RUNNING,
    ActionFundingNeed,
    FundingEntry,
    FundingSettings,
    FundingStatus,
    Renewal,
)
from plans.models import Plan
from strategy.models import StrategicAction

DEFAULT_HORIZON = 180
NO_PILLAR = "No pillar chosen"
ZERO = Decimal("0")


def money(value: Decimal | None) -> str:
    """Dollars as people read them: $1,200 or $1,200.50; a dash when unknown."""
    if value is None:
        return "—"
    whole = value == value.to_integral_value()
    return f"${value:,.0f}" if whole else f"${value:,.2f}"


def funder_slug(label: str) -> str:
    return slugify(label) or "funder"


@dataclass
class EntryRow:
    uuid: str
    action_uuid: str
    action_title: str
    funder: str
    funder_slug: str
    source: str
    status: str
    status_label: str
    committed: Decimal
    received: Decimal
    spent: Decimal
    starts_on: datetime.date | None
    ends_on: datetime.date | None
    renewal: str
    renewal_label: str
    restrictions: str
    people_reached: int | None
    notes: str
    version: int
    overspent: bool
    counts: bool

    @property
    def period(self) -> str:
        return period_text(self.starts_on, self.ends_on)


def period_text(starts: datetime.date | None, ends: datetime.date | None) -> str:
    if starts and ends:
        return f"{starts:%b} {starts.day}, {starts.year} to {ends:%b} {ends.day}, {ends.year}"
    if starts:
        return f"from {starts:%b} {starts.day}, {starts.year}"
    if ends:
        return f"until {ends:%b} {ends.day}, {ends.year}"
    return "no dates"


def entry_row(entry: FundingEntry) -> EntryRow:
    label = entry.funder_label()
    return EntryRow(
        uuid=str(entry.uuid),
        action_uuid=str(entry.action.uuid),
        action_title=entry.action.title,
        funder=label,
        funder_slug=funder_slug(label),
        source=entry.get_source_type_display(),
        status=entry.status,
        status_label=entry.get_status_display(),
        committed=entry.committed,
        received=entry.received,
        spent=entry.spent,
        starts_on=entry.starts_on,
        ends_on=entry.ends_on,
        renewal=entry.renewal_expected,
        renewal_label=entry.get_renewal_expected_display(),
        restrictions=entry.restrictions,
        people_reached=entry.people_reached,
        notes=entry.notes,
        version=entry.version,
        overspent=entry.overspent(),
        counts=entry.counts(),
    )


@dataclass
class ActionFunding:
    uuid: str
    title: str
    priority: str
    pillars: list[str]
    owner_id: int | None
    needed: Decimal | None
    need_period: str = ""
    committed: Decimal = ZERO
    received: Decimal = ZERO
    spent: Decimal = ZERO
    pending: Decimal = ZERO  # proposed, not yet committed
    funders: list[str] = field(default_factory=list)
    entries: list[EntryRow] = field(default_factory=list)

    @property
    def gap(self) -> Decimal | None:
        return None if self.needed is None else self.needed - self.committed

    @property
    def shortfall(self) -> Decimal:
        gap = self.gap
        return gap if gap is not None and gap > 0 else ZERO


@dataclass
class GapRow:
    label: str
    needed: Decimal = ZERO
    committed: Decimal = ZERO
    shortfall: Decimal = ZERO
    actions: int = 0
    unknown: int = 0  # actions with no need recorded

    def add(self, action: ActionFunding) -> None:
        self.actions += 1
        self.committed += action.committed
        if action.needed is None:
            self.unknown += 1
        else:
            self.needed += action.needed
            self.shortfall += action.shortfall


@dataclass
class ExpiryWarning:
    entry: EntryRow
    days_left: int


@dataclass
class FunderRow:
    label: str
    slug: str
    committed: Decimal
    actions: int
    entries: int


@dataclass
class FundingOverview:
    plan: Plan
    today: datetime.date
    horizon: int
    actions: list[ActionFunding]
    by_action: list[GapRow]
    by_priority: list[GapRow]
    by_pillar: list[GapRow]
    total: GapRow
    warnings: list[ExpiryWarning]
    funders: list[FunderRow]
    public: bool


def _entries(plan: Plan) -> list[FundingEntry]:
    return list(
        FundingEntry.objects.filter(action__plan=plan).select_related(
            "action", "funder_organisation"
        )
    )


def actions_funding(*, plan: Plan) -> list[ActionFunding]:
    """Every action of the plan with what it needs, what is committed and by whom."""
    pillars: dict[int, list[str]] = defaultdict(list)
    actions = list(StrategicAction.objects.filter(plan=plan).select_related("priority"))
    for priority_id, name in (
        StrategicAction.objects.filter(plan=plan)
        .values_list("priority_id", "priority__pillars__name")
        .distinct()
        .order_by("priority_id", "priority__pillars__name")
    ):
        if name and name not in pillars[priority_id]:
            pillars[priority_id].append(name)
    needs = {n.action_id: n for n in ActionFundingNeed.objects.filter(action__plan=plan)}
    by_id: dict[int, ActionFunding] = {}
    for action in actions:
        need = needs.get(action.pk)
        by_id[action.pk] = ActionFunding(
            uuid=str(action.uuid), title=action.title, priority=action.priority.title,
            pillars=pillars.get(action.priority_id) or [NO_PILLAR],
            owner_id=action.owner_id,
            needed=need.amount if need else None,
            need_period=_need_period(need),
        )  # fmt: skip
    for entry in _entries(plan):
        _entry_add(by_id[entry.action_id], entry)
    return list(by_id.values())


def _need_period(need: ActionFundingNeed | None) -> str:
    if need is None or not (need.period_start or need.period_end):
        return ""
    return period_text(need.period_start, need.period_end)


def _entry_add(item: ActionFunding, entry: FundingEntry) -> None:
    row = entry_row(entry)
    item.entries.append(row)
    if row.counts:
        item.committed += entry.committed
        item.received += entry.received
        item.spent += entry.spent
        if row.funder not in item.funders:
            item.funders.append(row.funder)
    elif entry.status == FundingStatus.PROPOSED:
        item.pending += entry.committed


def gaps_group(*, actions: list[ActionFunding], by: str) -> list[GapRow]:
    """Gap rows by "action", "priority" or "pillar", in the plan's order."""
    rows: dict[str, GapRow] = {}
    for action in actions:
        keys = {"action": [action.title], "priority": [action.priority]}.get(by, action.pillars)
        for key in keys:
            rows.setdefault(key, GapRow(key)).add(action)
    return list(rows.values())


def expiry_warnings(
    *, plan: Plan, today: datetime.date | None = None, horizon: int = DEFAULT_HORIZON
) -> list[ExpiryWarning]:
    """Running funding that ends between today and today + horizon days, not to be renewed."""
    today = today or datetime.date.today()
    found = (
        FundingEntry.objects.filter(
            action__plan=plan,
            status__in=RUNNING,
            ends_on__gte=today,
            ends_on__lte=today + datetime.timedelta(days=horizon),
        )
        .exclude(renewal_expected=Renewal.YES)
        .select_related("action", "funder_organisation")
        .order_by("ends_on", "id")
    )
    return [ExpiryWarning(entry_row(e), (e.ends_on - today).days) for e in found if e.ends_on]


def funders_list(*, plan: Plan) -> list[FunderRow]:
    """Every funder named in the ledger, the largest commitment first."""
    rows: dict[str, FunderRow] = {}
    actions: dict[str, set[int]] = defaultdict(set)
    for entry in _entries(plan):
        label = entry.funder_label()
        slug = funder_slug(label)
        row = rows.setdefault(slug, FunderRow(label, slug, ZERO, 0, 0))
        row.entries += 1
        if entry.counts():
            row.committed += entry.committed
        actions[slug].add(entry.action_id)
    for slug, row in rows.items():
        row.actions = len(actions[slug])
    return sorted(rows.values(), key=lambda r: (-r.committed, r.label.lower()))


def funding_overview(
    *, plan: Plan, today: datetime.date | None = None, horizon: int = DEFAULT_HORIZON
) -> FundingOverview:
    today = today or datetime.date.today()
    actions = actions_funding(plan=plan)
    total = GapRow("All actions")
    for action in actions:
        total.add(action)
    settings = FundingSettings.objects.filter(plan=plan).first()
    return FundingOverview(
        plan=plan, today=today, horizon=horizon, actions=actions,
        by_action=gaps_group(actions=actions, by="action"),
        by_priority=gaps_group(actions=actions, by="priority"),
        by_pillar=gaps_group(actions=actions, by="pillar"),
        total=total,
        warnings=expiry_warnings(plan=plan, today=today, horizon=horizon),
        funders=funders_list(plan=plan),
        public=bool(settings and settings.public),
    )  # fmt: skip


def action_funding(*, plan: Plan, action: StrategicAction) -> ActionFunding:
    return next(a for a in actions_funding(plan=plan) if a.uuid == str(action.uuid))


def funder_entries(*, plan: Plan, funder: str) -> list[FundingEntry]:
    """The entries of one funder, found by its slug or its name (any case)."""
    wanted = funder_slug(funder.strip())
    return [e for e in _entries(plan) if funder_slug(e.funder_label()) == wanted]


def public_funding(*, plan: Plan) -> list[ActionFunding] | None:
    """Funding per action for the public page, or None when the owner has not chosen to
    show it."""
    settings = FundingSettings.objects.filter(plan=plan).first()
    if not (plan.published and settings and settings.public):
        return None
    return [a for a in actions_funding(plan=plan) if a.needed is not None or a.entries]


def actions_unfunded(*, plan: Plan, today: datetime.date | None = None) -> set[str]:
    """UUIDs of the plan's actions with no committed or received money running today (no
    end date, or one not yet passed): for the continuity view's risk of no funding."""
    today = today or datetime.date.today()
    funded = set(
        FundingEntry.objects.filter(action__plan=plan, status__in=RUNNING)
        .exclude(ends_on__lt=today)
        .values_list("action__uuid", flat=True)
    )
    every = set(StrategicAction.objects.filter(plan=plan).values_list("uuid", flat=True))
    return {str(u) for u in every - funded}
