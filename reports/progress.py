"""Reads for progress reporting (step 10): the progress report of a period as a Document,
the issued reports of a plan, and the public progress page.

Only progress updates that are shown (review state "published") count anywhere here. An
action's status for a period is the status of its latest shown update written by the end of
the period (its current status when it has no update at all). Measures are charted from
their values for everyone (no subgroup) against their baseline and targets.

No personal data goes into a report: actions carry their lead organisation, never a
person's name or e-mail. The public page names people only when the owner allows it.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from lib.numbers import interval_format, value_format
from metrics.selectors.geographies import geography_label
from plans.models import Plan
from reports.blocks import BulletList, Chart, Heading, Paragraph, Section, Table
from reports.models import ProgressPublicSettings, ProgressReport
from reports.periods import Period
from reports.progress_charts import CHART_KEY, chart_caption, measure_spec
from reports.selectors import Document
from strategy.models import (
    ActionStatus,
    Measure,
    MeasureTarget,
    StrategicAction,
    TargetKind,
)
from tracking.models import Milestone, ProgressUpdate, ReviewState

STATUS_ORDER = [
    ActionStatus.OFF_TRACK,
    ActionStatus.AT_RISK,
    ActionStatus.ON_TRACK,
    ActionStatus.COMPLETED,
    ActionStatus.NOT_STARTED,
    ActionStatus.PAUSED,
    ActionStatus.DROPPED,
]
STATUS_LABELS = dict(ActionStatus.choices)
GOOD = {ActionStatus.ON_TRACK, ActionStatus.COMPLETED}
NO_RANGE = "Not reported"
SHARE_RULE = (
    "Share on track: actions on track or completed, out of all actions except dropped ones."
)
NO_PEOPLE = (
    "This report names organizations, not people: ask the lead organization of an action "
    "who to contact."
)


# -- the pieces --------------------------------------------------------------------------


@dataclass
class UpdateItem:
    written_on: date
    status: str
    status_label: str
    percent: int | None
    narrative: str
    next_steps: str

    @property
    def heading(self) -> str:
        done = f", {self.percent}% complete" if self.percent is not None else ""
        return f"Update of {self.written_on.isoformat()}: {self.status_label}{done}"


@dataclass
class ActionItem:
    uuid: str
    title: str
    priority: str
    lead: str  # the lead or owning organisation
    owner_name: str  # a person's name: shown on the public page only when allowed
    status: str
    status_label: str
    update: UpdateItem | None  # the latest shown update in the period (or ever, in public)


@dataclass
class MilestoneItem:
    action: str
    title: str
    due_on: date
    completed_on: date | None


@dataclass
class ValueItem:
    key: str  # "measure-uuid|period|subgroup": what "new since the last report" compares
    period: str
    period_end: date
    value: float
    lb: float | None
    ub: float | None
    text: str
    interval: str


@dataclass
class MeasureItem:
    uuid: str
    name: str
    action: str
    unit: str
    direction: str
    values: list[ValueItem]
    baseline: str
    targets: list[str]
    status_text: str
    chart: Chart


@dataclass
class ProgressData:
    plan: Plan
    end: date
    actions: list[ActionItem]
    measures: list[MeasureItem]
    counts: dict[str, int] = field(default_factory=dict)
    milestones_done: list[MilestoneItem] = field(default_factory=list)
    milestones_due: list[MilestoneItem] = field(default_factory=list)

    @property
    def share_on_track(self) -> float | None:
        counted = len(self.actions) - self.counts.get(ActionStatus.DROPPED, 0)
        if counted <= 0:
            return None
        return sum(self.counts.get(s, 0) for s in GOOD) / counted


def _person(membership: Any) -> str:
    user = getattr(membership, "user", None)
    if user is None:
        return ""
    return user.get_full_name() or ""  # never the user name or e-mail address


def _actions(plan: Plan, start: date | None, end: date) -> list[ActionItem]:
    actions = list(
        StrategicAction.objects.filter(plan=plan).select_related(
            "priority", "lead_organisation", "owner_organisation", "owner__user"
        )
    )
    latest: dict[int, ProgressUpdate] = {}
    latest_by_end: dict[int, ProgressUpdate] = {}
    updates = ProgressUpdate.objects.filter(
        action__plan=plan, review_state=ReviewState.PUBLISHED, written_on__lte=end
    ).order_by("action_id", "-written_on", "-created_at", "-id")
    ever: set[int] = set(
        ProgressUpdate.objects.filter(action__plan=plan, review_state=ReviewState.PUBLISHED)
        .values_list("action_id", flat=True)
        .distinct()
    )
    for row in updates.only(
        "action_id", "written_on", "status", "percent_complete", "narrative", "next_steps"
    ):
        latest_by_end.setdefault(row.action_id, row)
        if start is None or row.written_on >= start:
            latest.setdefault(row.action_id, row)
    items = []
    for action in actions:
        last = latest_by_end.get(action.pk)
        if last is not None:
            status = last.status
        elif action.pk in ever:
            status = ActionStatus.NOT_STARTED  # its first update came after the period
        else:
            status = action.status
        shown = latest.get(action.pk)
        update: UpdateItem | None = None
        if shown is not None:
            update = UpdateItem(
                shown.written_on,
                shown.status,
                str(STATUS_LABELS.get(shown.status, "")),
                shown.percent_complete,
                shown.narrative.strip(),
                shown.next_steps.strip(),
            )
        organisation = action.owner_organisation or action.lead_organisation
        owner_name = _person(action.owner) or action.owner_contact.strip()
        items.append(
            ActionItem(
                str(action.uuid),
                action.title,
                action.priority.title,
                str(organisation or ""),
                owner_name,
                status,
                str(STATUS_LABELS.get(status, status)),
                update,
            )
        )
    return items


def _milestones(plan: Plan, period: Period) -> tuple[list[MilestoneItem], list[MilestoneItem]]:
    rows = Milestone.objects.filter(action__plan=plan).select_related("action")
    done, due = [], []
    for m in rows:
        item = MilestoneItem(m.action.title, m.title, m.due_on, m.completed_on)
        if m.completed_on is not None and period.contains(m.completed_on):
            done.append(item)
        elif period.contains(m.due_on) or (
            m.due_on < period.start and (m.completed_on is None or m.completed_on > period.end)
        ):
            due.append(item)  # due in the period, or overdue at its start, and not done in it
    done.sort(key=lambda i: (i.completed_on or i.due_on, i.title))
    due.sort(key=lambda i: (i.due_on, i.title))
    return done, due


def _changed(previous: ValueItem, latest: ValueItem) -> str:
    """How the latest value compares with the one before, honest about the intervals."""
    overlap = None not in (previous.lb, previous.ub, latest.lb, latest.ub) and not (
        latest.lb > previous.ub or latest.ub < previous.lb  # type: ignore[operator]
    )
    if latest.value == previous.value:
        return f"unchanged from {previous.text} ({previous.period})"
    way = "up" if latest.value > previous.value else "down"
    said = f"{way} from {previous.text} ({previous.period})"
    if overlap:
        return said + ", but the ranges overlap, so the change may not be real"
    return said


def _status_text(values: list[ValueItem], overview: Any | None) -> str:
    """The latest value and how it moved (honest about the ranges), then where the measure
    stands against its next target and whether its data are up to date, in the words of
    results.selectors (the same as on the measure's own page)."""
    if not values:
        words = "No value reported yet."
    else:
        latest = values[-1]
        words = f"Latest: {latest.text} for {latest.period}"
        if len(values) > 1:
            words += ", " + _changed(values[-2], latest)
        words += "."
    if overview is not None:
        words += f" {overview.status.label}: {overview.status.sentence}"
        words += f" {overview.freshness.sentence}."
    return words


def _measures(plan: Plan, end: date, today: date | None = None) -> list[MeasureItem]:
    from results.models import MeasureValue
    from results.selectors import measures_overview

    overview = {row.uuid: row for row in measures_overview(plan=plan, today=today)}

    measures = list(
        Measure.objects.filter(plan=plan)
        .select_related("element__action")
        .prefetch_related("targets")
    )
    by_measure: dict[int, list[ValueItem]] = defaultdict(list)
    found = MeasureValue.objects.filter(
        measure__plan=plan, subgroup="", period_end__lte=end
    ).values_list("measure_id", "measure__uuid", "period", "period_end", "value", "lb", "ub")
    units = {m.pk: m.unit for m in measures}
    for mid, muuid, period, period_end, value, lb, ub in found.order_by("measure_id", "period_end"):
        unit = units.get(mid, "count")
        by_measure[mid].append(
            ValueItem(
                f"{muuid}|{period}|",
                period,
                period_end,
                value,
                lb,
                ub,
                value_format(value=value, unit=unit),
                interval_format(lb=lb, ub=ub, unit=unit)
                if lb is not None and ub is not None
                else "",
            )
        )
    items = []
    for measure in measures:
        values = by_measure.get(measure.pk, [])
        targets = list(measure.targets.all())
        unit_label = str(measure.get_unit_display())
        target_texts = []
        target_marks = []
        for t in targets:
            size = value_format(value=t.value, unit=measure.unit)
            if t.kind == TargetKind.GAP:
                target_texts.append(
                    f"Gap between {t.group_a} and {t.group_b}: {size} by {t.target_date}"
                )
            else:
                target_texts.append(f"{size} by {t.target_date.isoformat()}")
                target_marks.append(
                    {"date": t.target_date.isoformat(), "value": t.value, "text": size}
                )
        baseline_mark = None
        baseline = "No baseline yet"
        if measure.has_baseline():
            text = value_format(value=measure.baseline_value, unit=measure.unit)
            baseline = f"{text} ({measure.baseline_year})"
            baseline_mark = {
                "date": f"{measure.baseline_year}-12-31",
                "value": measure.baseline_value,
                "text": text,
            }
        rows: list[list[str]] = [[v.period, v.text, v.interval or NO_RANGE] for v in values]
        rows += [[f"Target for {t['date']}", str(t["text"]), ""] for t in target_marks]
        if baseline_mark is not None:
            rows.append([f"Baseline {measure.baseline_year}", text, ""])
        spec = measure_spec(
            name=measure.name,
            unit=measure.unit,
            unit_label=unit_label,
            values=[
                {
                    "date": v.period_end.isoformat(),
                    "period": v.period,
                    "value": v.value,
                    "lb": v.lb,
                    "ub": v.ub,
                    "text": v.text,
                    "interval": v.interval,
                }
                for v in values
            ],
            targets=target_marks,
            baseline=baseline_mark,
            source=f"Source: {measure.data_source}" if measure.data_source else "",
        )
        table = Table(
            caption=f"{measure.name}: every value reported",
            header=["Period", "Value", "Range reported"],
            rows=rows,
        )
        caption = chart_caption(
            name=measure.name,
            source=f"Source: {measure.data_source}" if measure.data_source else "",
        )
        chart = Chart(spec=spec, caption=caption, table=table)
        items.append(
            MeasureItem(
                str(measure.uuid),
                measure.name,
                measure.element.action.title,
                measure.unit,
                measure.direction,
                values,
                baseline,
                target_texts,
                _status_text(values, overview.get(str(measure.uuid))),
                chart,
            )
        )
    return items


def progress_data(*, plan: Plan, period: Period, today: date | None = None) -> ProgressData:
    actions = _actions(plan, period.start, period.end)
    done, due = _milestones(plan, period)
    data = ProgressData(plan, period.end, actions, _measures(plan, period.end, today))
    data.counts = dict(Counter(a.status for a in actions))
    data.milestones_done, data.milestones_due = done, due
    return data


# -- the report as a document --------------------------------------------------------------


def last_issued(*, plan: Plan) -> ProgressReport | None:
    return (
        ProgressReport.objects.filter(plan=plan)
        .defer("pdf", "docx", "content")
        .order_by("-issued_at", "-id")
        .first()
    )


def _percent(share: float | None) -> str:
    return "no actions yet" if share is None else f"{share * 100:.0f}%"


def _overall(data: ProgressData, period: Period) -> Section:
    total = len(data.actions)
    good = sum(data.counts.get(s, 0) for s in GOOD)
    blocks: list = [
        Paragraph(
            f"This report covers {period.label}. Of the plan's {total} strategic "
            f"action{'s' if total != 1 else ''}, {good} {'is' if good == 1 else 'are'} on "
            f"track or completed: {_percent(data.share_on_track)}."
        ),
        Paragraph(SHARE_RULE, emphasis=True),
        Table(
            caption=f"Strategic actions by status at the end of {period.key}",
            header=["Status", "Actions"],
            rows=[[str(STATUS_LABELS[s]), str(data.counts.get(s, 0))] for s in STATUS_ORDER],
        ),
    ]
    done, due = len(data.milestones_done), len(data.milestones_due)
    blocks.append(
        Paragraph(
            f"Milestones: {done} completed in the period; {due} due in it or overdue "
            "and not completed."
        )
    )
    return Section("overall", "Overall status", 10, blocks)


def _actions_section(data: ProgressData, period: Period) -> Section:
    blocks: list = [Paragraph(NO_PEOPLE)]
    for status in STATUS_ORDER:
        group = [a for a in data.actions if a.status == status]
        if not group:
            continue
        blocks.append(Heading(f"{STATUS_LABELS[status]} ({len(group)})"))
        for action in group:
            blocks.append(Heading(action.title, level=4))
            lead = f" Led by {action.lead}." if action.lead else ""
            blocks.append(Paragraph(f"Priority: {action.priority}.{lead}"))
            if action.update is None:
                blocks.append(Paragraph(f"No update was shown for {period.key}."))
                continue
            blocks.append(Paragraph(action.update.heading, emphasis=True))
            blocks.extend(Paragraph(p) for p in _paragraph_texts(action.update.narrative))
    if not data.actions:
        blocks.append(Paragraph("The plan has no strategic actions yet."))
    return Section("actions", "Actions by status", 20, blocks)


def _paragraph_texts(text: str) -> list[str]:
    parts = [" ".join(chunk.split()) for chunk in text.replace("\r\n", "\n").split("\n\n")]
    return [p for p in parts if p]


def _milestone_rows(items: list[MilestoneItem]) -> list[list[str]]:
    return [
        [
            m.title,
            m.action,
            m.due_on.isoformat(),
            m.completed_on.isoformat() if m.completed_on else "Not yet",
        ]
        for m in items
    ]


def _milestones_section(data: ProgressData, period: Period) -> Section:
    header = ["Milestone", "Action", "Due", "Completed"]
    blocks: list = []
    if data.milestones_done:
        blocks.append(
            Table(
                f"Milestones completed in {period.key}",
                header,
                _milestone_rows(data.milestones_done),
            )
        )
    else:
        blocks.append(Paragraph(f"No milestone was completed in {period.key}."))
    if data.milestones_due:
        blocks.append(
            Table(
                f"Milestones due by the end of {period.key} and not completed in it",
                header,
                _milestone_rows(data.milestones_due),
            )
        )
    else:
        blocks.append(Paragraph("No milestone is due or overdue."))
    return Section("milestones", "Milestones", 30, blocks)


def _measures_section(data: ProgressData) -> Section:
    blocks: list = [
        Paragraph(
            "Each measure is charted against its baseline and targets, with the range "
            "reported with each value where there is one. A change counts as real only when "
            "the ranges of the two values do not overlap."
        ),
        Paragraph(CHART_KEY),
    ]
    for measure in data.measures:
        blocks.append(Heading(measure.name))  # a level 3: no level-3 heading before it
        blocks.append(Paragraph(f"For the action: {measure.action}. {measure.status_text}"))
        if measure.values or measure.targets:
            blocks.append(measure.chart)
    if not data.measures:
        blocks.append(Paragraph("The plan has no measures yet."))
    return Section("measures", "Measures against targets", 40, blocks)


def _changes_section(data: ProgressData, previous: ProgressReport | None) -> Section:
    if previous is None:
        return Section(
            "changes",
            "Changes since the last report",
            50,
            [Paragraph("This is the first progress report of the plan.")],
        )
    when = previous.issued_at.date().isoformat()
    blocks: list = [Paragraph(f"Compared with the report for {previous.period} issued on {when}.")]
    before: dict[str, str] = previous.statuses or {}
    moved = []
    for action in data.actions:
        old = before.get(action.uuid)
        if old is None:
            moved.append([action.title, "New action", action.status_label])
        elif old != action.status:
            moved.append([action.title, str(STATUS_LABELS.get(old, old)), action.status_label])
    if moved:
        blocks.append(Table("Actions whose status changed", ["Action", "Before", "Now"], moved))
    else:
        blocks.append(Paragraph("No action changed status."))
    known = set(previous.value_keys or [])
    new = [
        [m.name, v.period, v.text] for m in data.measures for v in m.values if v.key not in known
    ]
    if new:
        blocks.append(Table("New values of measures", ["Measure", "Period", "Value"], new))
    else:
        blocks.append(Paragraph("No new value of any measure."))
    return Section("changes", "Changes since the last report", 50, blocks)


def _next_steps_section(data: ProgressData) -> Section:
    items = [
        f"{a.title}: {' '.join(a.update.next_steps.split())}"
        for a in data.actions
        if a.update is not None and a.update.next_steps
    ]
    blocks: list = (
        [BulletList(items)] if items else [Paragraph("No update in the period named next steps.")]
    )
    return Section("next-steps", "Next steps", 60, blocks)


@dataclass
class ProgressReportBuild:
    document: Document
    statuses: dict[str, str]
    value_keys: list[str]


def progress_report_build(
    *, plan: Plan, period: Period, today: date | None = None
) -> ProgressReportBuild:
    """The progress report of a period from the data as it is now."""
    today = today or date.today()
    data = progress_data(plan=plan, period=period, today=today)
    previous = last_issued(plan=plan)
    lead = str(plan.lead_organisation or "")
    place = geography_label(plan.geography)
    document = Document(
        kind="progress",
        title=f"{plan.title}: {period.title[0].lower()}{period.title[1:]}",
        subtitle=f"Progress on the Mobility Action Plan for {place}"
        + (f", led by {lead}" if lead else ""),
        place=place,
        lead=lead,
        date=f"{today:%B} {today.day}, {today.year}",
        sections=[
            _overall(data, period),
            _actions_section(data, period),
            _milestones_section(data, period),
            _measures_section(data),
            _changes_section(data, previous),
            _next_steps_section(data),
        ],
    )
    return ProgressReportBuild(
        document,
        {a.uuid: a.status for a in data.actions},
        [v.key for m in data.measures for v in m.values],
    )


# -- issued reports ------------------------------------------------------------------------


@dataclass
class IssuedItem:
    uuid: str
    period: str
    number: int
    issued_on: date
    title: str


def issued_list(*, plan: Plan) -> list[IssuedItem]:
    rows = (
        ProgressReport.objects.filter(plan=plan)
        .order_by("-issued_at", "-id")
        .values_list("uuid", "period", "number", "issued_at", "content__title")
    )
    return [IssuedItem(str(u), p, n, at.date(), str(t or "")) for u, p, n, at, t in rows]


def issued_get(*, plan: Plan, uuid: str) -> ProgressReport | None:
    return ProgressReport.objects.filter(plan=plan, uuid=uuid).first()


# -- the public progress page --------------------------------------------------------------


def public_settings(*, plan: Plan) -> ProgressPublicSettings:
    """The plan's choices, or the defaults (nothing public) when it has made none."""
    found = ProgressPublicSettings.objects.filter(plan=plan).first()
    return found or ProgressPublicSettings(plan=plan)


@dataclass
class PublicProgress:
    settings: ProgressPublicSettings
    actions: list[ActionItem]
    measures: list[MeasureItem]
    counts: list[tuple[str, int]]
    report: IssuedItem | None
    chart_key: str = CHART_KEY


def public_progress(*, plan: Plan, today: date | None = None) -> PublicProgress:
    """What anyone may read about progress: only what the owner chose to show."""
    today = today or date.today()
    chosen = public_settings(plan=plan)
    actions = _actions(plan, None, today) if chosen.show_actions else []
    if actions and not chosen.show_names:
        for action in actions:
            action.owner_name = ""
    measures = _measures(plan, today, today) if chosen.show_measures else []
    counted = Counter(a.status for a in actions)
    counts = [(str(STATUS_LABELS[s]), counted[s]) for s in STATUS_ORDER if counted.get(s)]
    report = None
    if chosen.show_report:
        report = next(iter(issued_list(plan=plan)), None)
    return PublicProgress(chosen, actions, measures, counts, report)


def public_progress_fingerprint(*, plan: Plan, today: date | None = None) -> str:
    """A short text that changes whenever anything the public progress page shows may have
    changed (updates, statuses, actions, measures, values, targets, reports, the owner's
    choices, the plan): the page is kept in the cache under it."""
    from django.db.models import Count, Max, Sum

    from results.models import MeasureValue

    parts: list[Any] = [plan.pk, plan.updated_at, plan.published, today or date.today()]
    parts += ProgressPublicSettings.objects.filter(plan=plan).values_list("version", "updated_at")
    queries = [
        StrategicAction.objects.filter(plan=plan).aggregate(
            n=Count("id"), at=Max("updated_at"), top=Max("id")
        ),
        ProgressUpdate.objects.filter(action__plan=plan).aggregate(
            n=Count("id"), at=Max("created_at"), rev=Max("reviewed_at"), top=Max("id")
        ),
        Measure.objects.filter(plan=plan).aggregate(
            n=Count("id"), at=Max("updated_at"), top=Max("id")
        ),
        MeasureValue.objects.filter(measure__plan=plan).aggregate(
            n=Count("id"),
            at=Max("updated_at"),
            top=Max("id"),
            total=Sum("value"),
            low=Sum("lb"),
            high=Sum("ub"),
        ),  # sums too: a bulk update() leaves updated_at as it was
        MeasureTarget.objects.filter(measure__plan=plan).aggregate(
            n=Count("id"), top=Max("id"), total=Sum("value"), last=Max("target_date")
        ),
        ProgressReport.objects.filter(plan=plan).aggregate(n=Count("id"), at=Max("issued_at")),
    ]
    parts += [sorted(q.items()) for q in queries]
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:24]
