"""Reads of step 10's follow-up: what falls due when, who owes it, and how the coalition is
keeping up. Every function takes `today` so that tests pass a frozen date."""

from __future__ import annotations

import calendar
import datetime
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import User
from django.db.models import Max, Q
from django.urls import NoReverseMatch, reverse

from followup.models import (
    Cadence,
    DigestFrequency,
    DigestSend,
    FollowupSettings,
    ReminderPreference,
)
from plans.models import Membership, Plan
from results.freshness import Freshness
from results.models import MeasureValue
from results.selectors import measure_freshness
from strategy.models import ActionStatus, Frequency, Measure, StrategicAction
from strategy.selectors import member_label
from tracking.models import Milestone, ProgressUpdate, ReviewState

UPDATE, MILESTONE, VALUE = "update", "milestone", "value"
KIND_LABELS = {UPDATE: "Progress update", MILESTONE: "Milestone", VALUE: "Measure value"}
OVERDUE, DUE, UPCOMING, DONE = "overdue", "due", "upcoming", "done"
STATE_LABELS = {OVERDUE: "Overdue", DUE: "Due soon", UPCOMING: "Coming up", DONE: "Done"}
CLOSED_STATUSES = (ActionStatus.COMPLETED, ActionStatus.DROPPED)
FREQUENCY_MONTHS: dict[str, int] = {
    Frequency.MONTHLY: 1,
    Frequency.QUARTERLY: 3,
    Frequency.YEARLY: 12,
    Frequency.BIENNIAL: 24,
}
RECENT_DAYS = 30
RELEASE_OWNER = "The Mobility Metrics release"


# -- dates ---------------------------------------------------------------------------------


def months_add(day: datetime.date, months: int) -> datetime.date:
    """The same day of the month `months` later (the month's last day when it is shorter)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return datetime.date(year, month + 1, min(day.day, last))


def date_words(day: datetime.date, *, today: datetime.date | None = None) -> str:
    """ "March 3, 2027"; the year is left out when it is today's year."""
    if today is not None and day.year == today.year:
        return f"{day:%B} {day.day}"
    return f"{day:%B} {day.day}, {day.year}"


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


# -- settings ------------------------------------------------------------------------------


def followup_settings_for(*, plan: Plan) -> FollowupSettings:
    """The plan's settings, or the defaults (unsaved) when nobody has set them."""
    found = FollowupSettings.objects.filter(plan=plan).first()
    return found or FollowupSettings(plan=plan)


def followup_start(*, plan: Plan, settings: FollowupSettings) -> datetime.date:
    """When follow-through started: the setting, else the plan's release, else its creation."""
    if settings.started_on:
        return settings.started_on
    release = getattr(plan, "release", None)
    published = getattr(release, "published_at", None)
    if published is not None:
        return published.date()
    return plan.created_at.date()


def reminder_preference_for(*, user: User) -> ReminderPreference:
    """The person's preference, or the default (weekly on Mondays, every plan) unsaved."""
    found = ReminderPreference.objects.filter(user=user).first()
    return found or ReminderPreference(user=user, frequency=DigestFrequency.WEEKLY)


# -- due items -----------------------------------------------------------------------------


@dataclass(frozen=True)
class DueItem:
    """One thing somebody owes the plan on a date."""

    kind: str  # UPDATE, MILESTONE or VALUE
    uid: str  # stable while the due date stands (calendar feeds rely on it)
    subject: str  # the action or measure
    detail: str  # the milestone's title, the measure's last value...
    plan_code: str
    plan_title: str
    due_on: datetime.date
    state: str
    state_text: str
    url: str
    owner: str  # who owes it, in words (with the others who share it)
    lead: str  # the one person or organisation who owes it first
    organisation: str
    user_ids: tuple[int, ...]
    membership_uuids: tuple[str, ...]
    repeat: bool = False  # a later repetition of a recurring item

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]

    @property
    def state_label(self) -> str:
        return STATE_LABELS[self.state]

    @property
    def title(self) -> str:
        if self.kind == MILESTONE:
            return f"Milestone: {self.detail} ({self.subject})"
        return f"{self.kind_label}: {self.subject}"


@dataclass(frozen=True)
class _Who:
    owner: str
    lead: str
    organisation: str
    user_ids: tuple[int, ...]
    membership_uuids: tuple[str, ...]


@dataclass(frozen=True)
class _Rules:
    today: datetime.date
    grace: int
    lead: int
    until: datetime.date


def person_name(membership: Membership | None) -> str:
    return member_label(membership)


def _who(members: Sequence[Membership | None], org: str = "") -> _Who:
    present = [m for m in members if m is not None]
    unique = list({m.pk: m for m in present}.values())
    lead = owner = person_name(unique[0]) if unique else "Nobody yet"
    if len(unique) > 1:
        owner += " (with " + ", ".join(person_name(m) for m in unique[1:]) + ")"
    organisation = org or next(
        (m.organisation.name for m in unique if m.organisation is not None), ""
    )
    return _Who(
        owner=owner,
        lead=lead,
        organisation=organisation,
        user_ids=tuple(m.user_id for m in unique),
        membership_uuids=tuple(str(m.uuid) for m in unique),
    )


def state_of(*, due_on: datetime.date, rules: _Rules, overdue: bool | None = None) -> str:
    if overdue or (overdue is None and rules.today > due_on + datetime.timedelta(rules.grace)):
        return OVERDUE
    if due_on <= rules.today + datetime.timedelta(rules.lead):
        return DUE
    return UPCOMING


def state_words(*, state: str, due_on: datetime.date, today: datetime.date) -> str:
    when = date_words(due_on, today=today)
    if state == OVERDUE:
        return f"Overdue since {when}"
    if state == DUE:
        days = (due_on - today).days
        if days < 0:
            return f"Was due {when}: please send it now"
        if days == 0:
            return "Due today"
        return f"Due in {plural(days, 'day')}, {when}"
    return f"Due {when}"


def _url(names: Sequence[str], *args: object) -> str:
    """The first of these pages that exists (the step-10 apps grow their pages as we go)."""
    for name in names:
        try:
            return reverse(name, args=args)
        except NoReverseMatch:
            continue
    return ""


def _item(
    *, kind: str, key: str, subject: str, detail: str, plan: Plan, due_on: datetime.date,
    rules: _Rules, url: str, who: _Who, overdue: bool | None = None, repeat: bool = False,
) -> DueItem:  # fmt: skip
    state = UPCOMING if repeat else state_of(due_on=due_on, rules=rules, overdue=overdue)
    return DueItem(
        kind=kind,
        uid=f"{kind}-{key}-{due_on:%Y%m%d}@upward",
        subject=subject,
        detail=detail,
        plan_code=plan.code,
        plan_title=plan.title,
        due_on=due_on,
        state=state,
        state_text=state_words(state=state, due_on=due_on, today=rules.today),
        url=url,
        owner=who.owner,
        lead=who.lead,
        organisation=who.organisation,
        user_ids=who.user_ids,
        membership_uuids=who.membership_uuids,
        repeat=repeat,
    )


def _action_who(action: StrategicAction) -> _Who:
    """The owner (or the owning partner organisation and its contact), with the backup."""
    org = action.owner_organisation or action.lead_organisation
    who = _who([action.owner, action.backup], org=org.name if org else "")
    if action.owner is not None or action.owner_organisation is None:
        return who
    name = action.owner_organisation.name
    if action.owner_contact:
        name += f" ({action.owner_contact})"
    if action.backup is not None:
        name += f" (with {person_name(action.backup)})"
    lead = name.split(" (with ")[0]
    return _Who(name, lead, who.organisation, who.user_ids, who.membership_uuids)


def _actions(plan: Plan) -> list[StrategicAction]:
    return list(
        StrategicAction.objects.filter(plan=plan)
        .exclude(status__in=CLOSED_STATUSES)
        .select_related(
            "owner__user",
            "owner__organisation",
            "backup__user",
            "backup__organisation",
            "owner_organisation",
            "lead_organisation",
        )
    )


def _update_items(
    plan: Plan, settings: FollowupSettings, rules: _Rules, actions: list[StrategicAction]
) -> list[DueItem]:
    last = dict(
        ProgressUpdate.objects.filter(action__in=actions, review_state=ReviewState.PUBLISHED)
        .values("action_id")
        .annotate(last=Max("written_on"))
        .values_list("action_id", "last")
    )
    start = followup_start(plan=plan, settings=settings)
    months = settings.cadence_months()
    items: list[DueItem] = []
    for action in actions:
        base = last.get(action.pk) or max(start, action.starts_on or start)
        due = months_add(base, months)
        url = _url(
            ("tracking:update-new", "tracking:action", "strategy:action"), plan.code, action.uuid
        )
        who = _action_who(action)
        repeat = False
        while due <= rules.until:
            if not repeat or due > rules.today:
                items.append(
                    _item(
                        kind=UPDATE,
                        key=str(action.uuid),
                        subject=action.title,
                        detail="",
                        plan=plan,
                        due_on=due,
                        rules=rules,
                        url=url,
                        who=who,
                        repeat=repeat,
                    )
                )
            due, repeat = months_add(due, months), True
    return items


def _milestone_items(plan: Plan, rules: _Rules, actions: list[StrategicAction]) -> list[DueItem]:
    by_id = {a.pk: a for a in actions}
    items = []
    for milestone in Milestone.objects.filter(
        action__in=actions, completed_on__isnull=True, due_on__lte=rules.until
    ):
        action = by_id[milestone.action_id]
        url = _url(("tracking:action", "strategy:action"), plan.code, action.uuid)
        items.append(
            _item(
                kind=MILESTONE,
                key=str(milestone.uuid),
                subject=action.title,
                detail=milestone.title,
                plan=plan,
                due_on=milestone.due_on,
                rules=rules,
                url=url,
                who=_action_who(action),
            )
        )
    return items


def _measures(plan: Plan) -> list[Measure]:
    return list(
        Measure.objects.filter(plan=plan).select_related(
            "reporter__user",
            "reporter__organisation",
            "owner__user",
            "owner__organisation",
            "collector__user",
            "collector__organisation",
        )
    )


def _value_items(
    plan: Plan, rules: _Rules, measures: list[Measure], fresh: dict[int, Freshness]
) -> list[DueItem]:
    items = []
    for measure in measures:
        expected = fresh[measure.pk].next_expected
        if expected is None:
            continue
        url = _url(
            ("results:value-new", "results:measure", "strategy:measure"), plan.code, measure.uuid
        )
        who = _who([measure.reporter, measure.owner, measure.collector])
        if not fresh[measure.pk].by_hand:  # the release brings it; nobody is asked for it
            who = _Who(RELEASE_OWNER, RELEASE_OWNER, "", (), ())
        months = FREQUENCY_MONTHS.get(measure.frequency)
        due, repeat = expected, False
        while due <= rules.until:
            if not repeat or due > rules.today:
                overdue = False if repeat else fresh[measure.pk].overdue
                items.append(
                    _item(
                        kind=VALUE,
                        key=str(measure.uuid),
                        subject=measure.name,
                        detail=fresh[measure.pk].sentence,
                        plan=plan,
                        due_on=due,
                        rules=rules,
                        url=url,
                        who=who,
                        overdue=overdue,
                        repeat=repeat,
                    )
                )
            if months is None:
                break
            due, repeat = months_add(due, months), True
    return items


@dataclass
class PlanDue:
    plan: Plan
    settings: FollowupSettings
    items: list[DueItem]
    actions: list[StrategicAction]
    measures: list[Measure]
    freshness: dict[int, Freshness]


def plan_due(
    *, plan: Plan, today: datetime.date, months_ahead: int = 12, lead_days: int | None = None
) -> PlanDue:
    """Everything the plan's people owe from now to `months_ahead` months on, overdue first
    by date; an action's update repeats at the plan's cadence, a measure's at its frequency."""
    settings = followup_settings_for(plan=plan)
    lead = settings.lead_days if lead_days is None else lead_days
    rules = _Rules(today, settings.grace_days, lead, months_add(today, months_ahead))
    actions, measures = _actions(plan), _measures(plan)
    fresh = {m.pk: measure_freshness(measure=m, today=today) for m in measures}
    items = (
        _update_items(plan, settings, rules, actions)
        + _milestone_items(plan, rules, actions)
        + _value_items(plan, rules, measures, fresh)
    )
    items.sort(key=lambda i: (i.due_on, i.kind, i.subject, i.uid))
    return PlanDue(plan, settings, items, actions, measures, fresh)


def items_for_user(items: Iterable[DueItem], user_id: int) -> list[DueItem]:
    return [i for i in items if user_id in i.user_ids]


# -- the plan's reporting calendar -----------------------------------------------------------


@dataclass
class CalendarMonth:
    label: str  # "March 2027"
    anchor: str  # "2027-03"
    items: list[DueItem]

    @property
    def overdue_count(self) -> int:
        return sum(1 for i in self.items if i.state == OVERDUE)


@dataclass
class Option:
    value: str
    label: str
    selected: bool


@dataclass
class PlanCalendar:
    months: list[CalendarMonth]
    people: list[Option]
    organisations: list[Option]
    filtered_by: str  # in words, "" when not filtered
    counts: dict[str, int]
    cadence_text: str
    settings: FollowupSettings
    start: datetime.date
    months_ahead: int


def _months_of(items: list[DueItem]) -> list[CalendarMonth]:
    grouped: dict[tuple[int, int], list[DueItem]] = defaultdict(list)
    for item in items:
        grouped[(item.due_on.year, item.due_on.month)].append(item)
    return [
        CalendarMonth(f"{calendar.month_name[m]} {y}", f"{y}-{m:02d}", grouped[(y, m)])
        for (y, m) in sorted(grouped)
    ]


def cadence_words(settings: FollowupSettings) -> str:
    cadence = "every month" if settings.action_cadence == Cadence.MONTHLY else "every quarter"
    return (
        f"Each action's owner posts a progress update {cadence}, counted from their last "
        f"update. Items are flagged overdue {plural(settings.grace_days, 'day')} after "
        f"their date; reminders list what falls due in the next "
        f"{plural(settings.lead_days, 'day')}."
    )


def _options(plan: Plan, person: str, organisation: str) -> tuple[list[Option], list[Option]]:
    members = Membership.objects.filter(plan=plan).select_related("user")
    people = sorted(
        (Option(str(m.uuid), person_name(m), str(m.uuid) == person) for m in members),
        key=lambda o: o.label.lower(),
    )
    orgs = [
        Option(o.name, o.name, o.name == organisation) for o in plan.organisations.order_by("name")
    ]
    return people, orgs


def plan_calendar(
    *, plan: Plan, today: datetime.date, person: str = "", organisation: str = "",
    months_ahead: int = 12,
) -> PlanCalendar:  # fmt: skip
    """The plan's reporting calendar month by month, optionally for one member (by their
    membership's UUID) or one organisation (by name)."""
    due = plan_due(plan=plan, today=today, months_ahead=months_ahead)
    items = due.items
    people, orgs = _options(plan, person, organisation)
    words = []
    if person:
        items = [i for i in items if person in i.membership_uuids]
        words += [o.label for o in people if o.selected] or ["nobody in this plan"]
    if organisation:
        items = [i for i in items if i.organisation == organisation]
        words.append(organisation)
    counts = Counter(i.state for i in items)
    return PlanCalendar(
        months=_months_of(items),
        people=people,
        organisations=orgs,
        filtered_by=" and ".join(words),
        counts={s: counts.get(s, 0) for s in (OVERDUE, DUE, UPCOMING)},
        cadence_text=cadence_words(due.settings),
        settings=due.settings,
        start=followup_start(plan=plan, settings=due.settings),
        months_ahead=months_ahead,
    )


# -- one person's updates across plans ------------------------------------------------------


@dataclass(frozen=True)
class DoneItem:
    kind: str
    subject: str
    detail: str
    plan_title: str
    done_on: datetime.date
    url: str

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]


@dataclass
class MyUpdates:
    overdue: list[DueItem]
    due: list[DueItem]
    upcoming: list[DueItem]
    done: list[DoneItem]
    plan_count: int


def user_plans(*, user: User) -> list[Plan]:
    return list(
        Plan.objects.filter(memberships__user=user).select_related("release").order_by("title")
    )


def _done_for(user: User, plans: list[Plan], today: datetime.date) -> list[DoneItem]:
    since = today - datetime.timedelta(days=RECENT_DAYS)
    mine = Membership.objects.filter(user=user, plan__in=plans)
    done: list[DoneItem] = []
    actions = StrategicAction.objects.filter(plan__in=plans).filter(
        Q(owner__in=mine) | Q(backup__in=mine)
    )
    for update in ProgressUpdate.objects.filter(
        action__in=actions, written_on__gte=since, written_on__lte=today
    ).select_related("action__plan"):
        url = _url(
            ("tracking:action", "strategy:action"), update.action.plan.code, update.action.uuid
        )
        detail = update.get_status_display()
        if not update.is_shown():
            detail += f" ({update.get_review_state_display().lower()})"
        done.append(
            DoneItem(
                UPDATE,
                update.action.title,
                detail,
                update.action.plan.title,
                update.written_on,
                url,
            )
        )
    for milestone in Milestone.objects.filter(
        action__in=actions, completed_on__gte=since, completed_on__lte=today
    ).select_related("action__plan"):
        url = _url(
            ("tracking:action", "strategy:action"),
            milestone.action.plan.code,
            milestone.action.uuid,
        )
        done.append(
            DoneItem(
                MILESTONE,
                milestone.action.title,
                milestone.title,
                milestone.action.plan.title,
                milestone.completed_on or today,
                url,
            )
        )
    done += _values_done(mine, plans, since, today)
    done.sort(key=lambda d: (d.done_on, d.subject), reverse=True)
    return done


def _values_done(
    mine: Any, plans: list[Plan], since: datetime.date, today: datetime.date
) -> list[DoneItem]:
    values = MeasureValue.objects.filter(
        Q(measure__reporter__in=mine) | Q(measure__owner__in=mine) | Q(measure__collector__in=mine),
        measure__plan__in=plans,
        created_at__date__gte=since,
        created_at__date__lte=today,
    ).select_related("measure__plan")
    done = []
    for value in values.distinct():
        measure = value.measure
        url = _url(("results:measure", "strategy:measure"), measure.plan.code, measure.uuid)
        done.append(
            DoneItem(
                VALUE,
                measure.name,
                f"Value for {value.period}",
                measure.plan.title,
                value.created_at.date(),
                url,
            )
        )
    return done


def my_updates(*, user: User, today: datetime.date) -> MyUpdates:
    """What the person owes across every plan they belong to: overdue, due within the plan's
    lead days, the next ones after that, and what they did in the last 30 days."""
    plans = user_plans(user=user)
    items: list[DueItem] = []
    for plan in plans:
        items += items_for_user(plan_due(plan=plan, today=today, months_ahead=3).items, user.pk)
    return MyUpdates(
        overdue=[i for i in items if i.state == OVERDUE],
        due=[i for i in items if i.state == DUE],
        upcoming=[i for i in items if i.state == UPCOMING][:20],
        done=_done_for(user, plans, today),
        plan_count=len(plans),
    )


# -- accountability --------------------------------------------------------------------------


@dataclass(frozen=True)
class OverdueRow:
    name: str
    count: int
    items: tuple[str, ...]


@dataclass
class Share:
    part: int
    whole: int

    @property
    def percent(self) -> int | None:
        return round(100 * self.part / self.whole) if self.whole else None

    @property
    def text(self) -> str:
        if not self.whole:
            return "None to count yet"
        return f"{self.part} of {self.whole} ({self.percent}%)"


@dataclass
class Accountability:
    measures: Share
    actions: Share
    period_text: str
    by_owner: list[OverdueRow]
    by_organisation: list[OverdueRow]
    overdue_total: int
    chart_rows: list[dict[str, Any]] = field(default_factory=list)


def _overdue_rows(items: list[DueItem], key: str) -> list[OverdueRow]:
    grouped: dict[str, list[str]] = defaultdict(list)
    for item in items:
        name = getattr(item, key) or "No organisation named"
        grouped[name].append(f"{item.title}: {item.state_text}")
    rows = [OverdueRow(n, len(v), tuple(v)) for n, v in grouped.items()]
    return sorted(rows, key=lambda r: (-r.count, r.name.lower()))


def plan_accountability(*, plan: Plan, today: datetime.date) -> Accountability:
    """How the coalition keeps up: measures whose values are current, actions updated within
    the last cadence period, and who has overdue items."""
    due = plan_due(plan=plan, today=today, months_ahead=0)
    current = sum(1 for m in due.measures if not due.freshness[m.pk].overdue)
    since = months_add(today, -due.settings.cadence_months())
    updated = set(
        ProgressUpdate.objects.filter(
            action__in=due.actions,
            review_state=ReviewState.PUBLISHED,
            written_on__gt=since,
            written_on__lte=today,
        ).values_list("action_id", flat=True)
    )
    overdue = [i for i in due.items if i.state == OVERDUE]
    by_owner = _overdue_rows(overdue, "lead")
    by_org = _overdue_rows(overdue, "organisation")
    return Accountability(
        measures=Share(current, len(due.measures)),
        actions=Share(len(updated), len(due.actions)),
        period_text=f"since {date_words(since)}",
        by_owner=by_owner,
        by_organisation=by_org,
        overdue_total=len(overdue),
        chart_rows=[{"who": r.name, "group": "Owner", "overdue": r.count} for r in by_owner]
        + [{"who": r.name, "group": "Organization", "overdue": r.count} for r in by_org],
    )


# -- reminder digests ------------------------------------------------------------------------


@dataclass
class Digest:
    user: User
    period: str
    overdue: list[DueItem]
    due: list[DueItem]

    @property
    def summary_words(self) -> str:
        parts = []
        if self.overdue:
            parts.append(f"{len(self.overdue)} overdue")
        if self.due:
            parts.append(f"{len(self.due)} due soon")
        return " and ".join(parts)

    @property
    def subject(self) -> str:
        return f"Upward: {self.summary_words}"


def digest_period(*, preference: ReminderPreference, today: datetime.date) -> str | None:
    """The period a digest sent today belongs to, or None when none is due today: daily
    digests by date; weekly ones by ISO week, from the person's weekday on."""
    if preference.frequency == DigestFrequency.DAILY:
        return today.isoformat()
    if preference.frequency == DigestFrequency.WEEKLY and today.weekday() >= preference.weekday:
        year, week, _ = today.isocalendar()
        return f"{year}-W{week:02d}"
    return None


def _recipients() -> list[User]:
    return list(
        User.objects.filter(is_active=True, memberships__isnull=False)
        .exclude(email="")
        .distinct()
        .order_by("username")
    )


def digests_due(*, today: datetime.date) -> list[Digest]:
    """The digests to send today: one per person whose preference calls for one in today's
    period, who has not had it yet, and who has something overdue or due soon."""
    preferences = {p.user_id: p for p in ReminderPreference.objects.prefetch_related("plans")}
    cache: dict[int, PlanDue] = {}
    digests = []
    for user in _recipients():
        preference = preferences.get(user.pk) or ReminderPreference(user=user)
        period = digest_period(preference=preference, today=today)
        if period is None or DigestSend.objects.filter(user=user, period=period).exists():
            continue
        chosen = {p.pk for p in preference.plans.all()} if preference.pk else set()
        overdue: list[DueItem] = []
        due: list[DueItem] = []
        for plan in user_plans(user=user):
            if chosen and plan.pk not in chosen:
                continue
            if plan.pk not in cache:
                cache[plan.pk] = plan_due(plan=plan, today=today, months_ahead=4)
            found = cache[plan.pk]
            lead = preference.lead_days
            until = today + datetime.timedelta(found.settings.lead_days if lead is None else lead)
            for item in items_for_user(found.items, user.pk):
                if item.state == OVERDUE:
                    overdue.append(item)
                elif not item.repeat and item.due_on <= until:
                    due.append(item)
        if overdue or due:
            digests.append(Digest(user, period, overdue, due))
    return digests
