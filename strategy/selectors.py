"""Reads of step 7 for the pages, the documents and the API: the vision, priorities and
their theories of change, actions with their logic models and line of sight, the matrix."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Exists, OuterRef, Prefetch

from lib.numbers import interval_format, value_format
from lib.people import person_name
from localdata.models import Indicator
from metrics.models import Pillar, Predictor
from metrics.selectors.catalog import framework_current
from metrics.selectors.profiles import MetricEntry, Point, profile_for
from plans.models import Membership, Plan
from strategy.models import (
    OUTCOME_KINDS,
    Approval,
    BaselineSource,
    Criterion,
    Decision,
    ElementKind,
    EvaluationQuestion,
    LogicElement,
    Measure,
    MeasureTarget,
    Priority,
    ReportingItem,
    StrategicAction,
    SustainabilityArea,
    SustainabilityItem,
    TargetKind,
    VisionVersion,
)


def member_label(membership: Membership | None) -> str:
    return person_name(membership.user) if membership is not None else ""


def pillars_current() -> list[Pillar]:
    framework = framework_current()
    return list(Pillar.objects.filter(framework=framework)) if framework else []


def predictors_current() -> list[Predictor]:
    framework = framework_current()
    if framework is None:
        return []
    return list(Predictor.objects.filter(pillar__framework=framework).select_related("pillar"))


# -- vision and priorities ---------------------------------------------------------------


@dataclass
class VisionItem:
    text: str
    written_on: str
    written_by: str


def vision_history(*, plan: Plan) -> list[VisionItem]:
    """Every version, the current one first."""
    versions = VisionVersion.objects.filter(plan=plan).select_related("written_by")
    return [
        VisionItem(
            text=v.text,
            written_on=v.written_on.isoformat(),
            written_by=v.written_by.get_username() if v.written_by else "",
        )
        for v in versions
    ]


@dataclass
class ActionCard:
    uuid: str
    title: str
    owner: str
    lead: str
    kinds: list[str]
    elements: int
    approved: bool
    status: str


@dataclass
class PriorityItem:
    uuid: str
    title: str
    description: str
    pillars: list[str]
    problem: str
    root_causes: str
    pathway: str
    assumptions: str
    has_theory: bool
    actions: list[ActionCard] = field(default_factory=list)


@dataclass
class StrategyOverview:
    vision: VisionItem | None
    vision_versions: int
    priorities: list[PriorityItem]
    action_count: int
    criteria_count: int


def _action_card(action: StrategicAction) -> ActionCard:
    approvals = list(action.approvals.all())
    return ActionCard(
        uuid=str(action.uuid),
        title=action.title,
        owner=member_label(action.owner),
        lead=action.lead_organisation.name if action.lead_organisation else "",
        kinds=action.change_kind_labels(),
        elements=len(action.elements.all()),
        approved=bool(approvals) and approvals[0].decision == Decision.APPROVE,
        status=action.get_status_display(),
    )


def priorities_for(*, plan: Plan) -> list[PriorityItem]:
    actions = StrategicAction.objects.select_related(
        "owner__user", "lead_organisation"
    ).prefetch_related("elements", "approvals")
    priorities = Priority.objects.filter(plan=plan).prefetch_related(
        "pillars", Prefetch("actions", queryset=actions)
    )
    return [
        PriorityItem(
            uuid=str(p.uuid),
            title=p.title,
            description=p.description,
            pillars=[pl.name for pl in p.pillars.all()],
            problem=p.problem,
            root_causes=p.root_causes,
            pathway=p.pathway,
            assumptions=p.assumptions,
            has_theory=p.has_theory_of_change(),
            actions=[_action_card(a) for a in p.actions.all()],
        )
        for p in priorities
    ]


def strategy_overview(*, plan: Plan) -> StrategyOverview:
    history = vision_history(plan=plan)
    priorities = priorities_for(plan=plan)
    return StrategyOverview(
        vision=history[0] if history else None,
        vision_versions=len(history),
        priorities=priorities,
        action_count=sum(len(p.actions) for p in priorities),
        criteria_count=Criterion.objects.filter(plan=plan).count(),
    )


# -- one action ----------------------------------------------------------------------------


@dataclass
class MeasureLink:
    uuid: str
    name: str


@dataclass
class ElementItem:
    uuid: str
    kind: str
    kind_label: str
    text: str
    order: int
    measures: list[MeasureLink] = field(default_factory=list)


@dataclass
class LogicColumn:
    kind: str
    label: str
    elements: list[ElementItem]


@dataclass
class MetricSight:
    slug: str
    name: str
    latest: str  # "62% (2021), 58% to 66%, Strong" or why there is none
    weak: bool


@dataclass
class PredictorSight:
    name: str
    pillar: str
    metrics: list[MetricSight]


@dataclass
class CommentItem:
    uuid: str
    author: str
    text: str
    resolved: bool
    created_at: str


@dataclass
class ApprovalItem:
    reviewer: str
    decision: str
    decision_label: str
    note: str
    decided_at: str


@dataclass
class ActionDetail:
    action: StrategicAction
    priority: str
    kinds: list[str]
    lead: str
    partners: list[str]
    owner: str
    backup: str
    timeframe: str
    logic: list[LogicColumn]
    sight: list[PredictorSight]
    comments: list[CommentItem]
    approvals: list[ApprovalItem]
    place: str


def logic_model(*, action: StrategicAction) -> list[LogicColumn]:
    """The six columns of an action's logic model, in order, each with its elements."""
    elements = list(action.elements.prefetch_related("measures"))
    return [
        LogicColumn(
            kind=kind.value,
            label=str(kind.label),
            elements=[
                ElementItem(
                    str(e.uuid),
                    e.kind,
                    str(kind.label),
                    e.text,
                    e.order,
                    [MeasureLink(str(m.uuid), m.name) for m in e.measures.all()],
                )
                for e in elements
                if e.kind == kind.value
            ],
        )
        for kind in ElementKind
    ]


def _latest_words(entry: MetricEntry) -> str:
    if not entry.available:
        return entry.missing_text or "Not measured for this kind of place."
    point = entry.latest
    if point is None:
        return entry.missing_text or "No value published for this place."
    words = f"{point.text} ({point.year})"
    if point.interval:
        words += f", 95% interval {point.interval}"
    if point.quality:
        words += f", {point.quality} data"
    return words


def line_of_sight(*, plan: Plan, predictors: list[Predictor]) -> list[PredictorSight]:
    """The predictors an action should move, each with its Mobility Metrics' latest values
    for the plan's jurisdiction."""
    if not predictors:
        return []
    profile = profile_for(geoid=plan.geography.geoid)
    wanted = {(p.pillar.slug, p.slug): p for p in predictors}
    sight = []
    for pillar in profile.pillars:
        for entry in pillar.predictors:
            if (pillar.slug, entry.slug) not in wanted:
                continue
            metrics = [MetricSight(m.slug, m.name, _latest_words(m), m.weak) for m in entry.metrics]
            sight.append(PredictorSight(entry.name, pillar.name, metrics))
            del wanted[(pillar.slug, entry.slug)]
    sight += [PredictorSight(p.name, p.pillar.name, []) for p in wanted.values()]
    return sight


def _timeframe(action: StrategicAction) -> str:
    start = action.starts_on.isoformat() if action.starts_on else ""
    end = action.ends_on.isoformat() if action.ends_on else ""
    if start and end:
        return f"{start} to {end}"
    if start:
        return f"From {start}"
    return f"Until {end}" if end else ""


def _approval_item(a: Approval) -> ApprovalItem:
    return ApprovalItem(
        reviewer=a.reviewer.get_username() if a.reviewer else "",
        decision=a.decision,
        decision_label=a.get_decision_display(),
        note=a.note,
        decided_at=a.decided_at.strftime("%Y-%m-%d %H:%M"),
    )


def action_detail(*, action: StrategicAction) -> ActionDetail:
    plan = action.plan
    predictors = list(action.predictors.select_related("pillar"))
    comments = action.comments.select_related("author")
    return ActionDetail(
        action=action,
        priority=action.priority.title,
        kinds=action.change_kind_labels(),
        lead=action.lead_organisation.name if action.lead_organisation else "",
        partners=[o.name for o in action.partners.all()],
        owner=member_label(action.owner),
        backup=member_label(action.backup),
        timeframe=_timeframe(action),
        logic=logic_model(action=action),
        sight=line_of_sight(plan=plan, predictors=predictors),
        comments=[
            CommentItem(
                str(c.uuid),
                c.author.get_username() if c.author else "",
                c.text,
                c.resolved,
                c.created_at.strftime("%Y-%m-%d %H:%M"),
            )
            for c in comments
        ],
        approvals=[_approval_item(a) for a in action.approvals.select_related("reviewer")],
        place=plan.geography.name,
    )


# -- prioritisation matrix ---------------------------------------------------------------


@dataclass
class MatrixCell:
    criterion_uuid: str
    criterion: str
    score: int | None


@dataclass
class MatrixRow:
    uuid: str
    title: str
    priority: str
    scores: list[int | None]  # in the order of the criteria
    total: Decimal  # sum of weight x score over the scored criteria
    average: Decimal | None  # total / sum of the weights scored: back on the 1-5 scale
    complete: bool
    cells: list[MatrixCell] = field(default_factory=list)
    rank: int = 0


@dataclass
class CriterionItem:
    uuid: str
    name: str
    weight: Decimal


@dataclass
class Matrix:
    criteria: list[CriterionItem]
    rows: list[MatrixRow]  # ranked, highest weighted total first
    weight_total: Decimal


def matrix_for(*, plan: Plan) -> Matrix:
    criteria = list(Criterion.objects.filter(plan=plan))
    actions = StrategicAction.objects.filter(plan=plan).select_related("priority")
    actions = actions.prefetch_related("scores")
    rows = []
    for action in actions:
        given = {s.criterion_id: s.score for s in action.scores.all()}
        scores = [given.get(c.pk) for c in criteria]
        total = sum((c.weight * given[c.pk] for c in criteria if c.pk in given), Decimal(0))
        weights = sum((c.weight for c in criteria if c.pk in given), Decimal(0))
        rows.append(
            MatrixRow(
                uuid=str(action.uuid),
                title=action.title,
                priority=action.priority.title,
                scores=scores,
                total=total,
                average=(total / weights).quantize(Decimal("0.01")) if weights else None,
                complete=bool(criteria) and all(s is not None for s in scores),
                cells=[MatrixCell(str(c.uuid), c.name, given.get(c.pk)) for c in criteria],
            )
        )
    rows.sort(key=lambda r: (-r.total, r.title.lower()))
    for position, row in enumerate(rows, start=1):
        # Equal totals share a rank.
        tied = position > 1 and rows[position - 2].total == row.total
        row.rank = rows[position - 2].rank if tied else position
    return Matrix(
        criteria=[CriterionItem(str(c.uuid), c.name, c.weight) for c in criteria],
        rows=rows,
        weight_total=sum((c.weight for c in criteria), Decimal(0)),
    )


# -- Step 8: the Measurement Plan ----------------------------------------------------------


@dataclass
class BaselineOption:
    key: str
    label: str
    group: str  # the metric's name, for <optgroup>
    metric_slug: str
    subgroup_type: str
    subgroup_name: str
    year: int
    value: float
    unit: str
    direction: str


def baseline_options(*, plan: Plan) -> list[BaselineOption]:
    """Every published value of the plan jurisdiction's Mobility Metrics that can serve as a
    baseline: each year for all residents, and the latest year for each group of residents."""
    profile = profile_for(geoid=plan.geography.geoid)
    options = []

    def add(entry: MetricEntry, kind: str, kind_label: str, name: str, point: Point) -> None:
        if point.value is None:
            return
        who = "All residents" if kind == "all" else f"{kind_label}: {name}"
        options.append(
            BaselineOption(
                key=f"{entry.slug}|{kind}|{name}|{point.year}",
                label=f"{who}, {point.year}: {point.text}"
                + (f" ({point.quality} data)" if point.quality else ""),
                group=entry.name,
                metric_slug=entry.slug,
                subgroup_type=kind,
                subgroup_name=name,
                year=point.year,
                value=point.value,
                unit=entry.unit,
                direction=entry.direction,
            )
        )

    for entry in profile.metrics():
        for point in reversed(entry.series):
            add(entry, "all", "", "All", point)
        for subgroup_set in entry.subgroups:
            for group in subgroup_set.groups:
                add(entry, subgroup_set.type, subgroup_set.label, group.name, group.point)
    return options


@dataclass
class LocalBaselineOption:
    """One of the plan's local indicators (step 5) for one group, with the values by year."""

    key: str  # "<indicator uuid>|<subgroup>"
    label: str
    group: str  # the indicator's name, for <optgroup>
    indicator: Indicator
    subgroup: str  # "" = all residents
    values: dict[int, tuple[float, float | None, float | None]]  # year: (value, lb, ub)

    def years_text(self) -> str:
        return ", ".join(str(y) for y in sorted(self.values))


def local_baseline_options(*, plan: Plan) -> list[LocalBaselineOption]:
    """Each local indicator of the plan with values, for all residents and for each group it
    has, with the years it has a value for."""
    options: dict[str, LocalBaselineOption] = {}
    indicators = Indicator.objects.filter(plan=plan).prefetch_related("values").order_by("name")
    for indicator in indicators:
        for v in sorted(indicator.values.all(), key=lambda v: (v.subgroup != "", v.subgroup)):
            key = f"{indicator.uuid}|{v.subgroup}"
            if key not in options:
                options[key] = LocalBaselineOption(
                    key=key,
                    label=v.subgroup or "All residents",
                    group=indicator.name,
                    indicator=indicator,
                    subgroup=v.subgroup,
                    values={},
                )
            options[key].values[v.year] = (v.value, v.lb, v.ub)
    for option in options.values():
        option.label += f" ({option.years_text()})"
    return list(options.values())


def measure_value_text(*, value: float | None, unit: str) -> str:
    return value_format(value=value, unit=unit) if value is not None else "—"


@dataclass
class TargetItem:
    uuid: str
    kind: str
    date: str
    text: str  # "70.0% by 2030-12-31" / "gap Black minus White: 5.0 points by ..."


@dataclass
class MeasureItem:
    uuid: str
    name: str
    definition: str
    unit: str
    direction: str
    element_uuid: str
    element: str  # "Short-term outcome: more residents hired"
    element_kind: str
    action: str
    action_uuid: str
    baseline: str
    has_baseline: bool
    targets: list[TargetItem]
    data_source: str
    method: str
    frequency: str
    collector: str
    reporter: str
    owner: str
    breakdowns: list[str]


def _target_item(target: MeasureTarget, unit: str) -> TargetItem:
    if target.kind == TargetKind.GAP:
        size = measure_value_text(value=target.value, unit=unit)
        text = f"Gap between {target.group_a} and {target.group_b}: {size}"
    else:
        text = measure_value_text(value=target.value, unit=unit)
    return TargetItem(
        str(target.uuid),
        target.kind,
        target.target_date.isoformat(),
        f"{text} by {target.target_date.isoformat()}",
    )


def baseline_text(measure: Measure) -> str:
    if not measure.has_baseline():
        return "No baseline yet"
    value = measure_value_text(value=measure.baseline_value, unit=measure.unit)
    text = f"{value} ({measure.baseline_year})"
    if measure.is_mobility_metric():
        who = (
            "all residents"
            if measure.baseline_subgroup_type in ("", "all")
            else measure.baseline_subgroup_name
        )
        text += f", Mobility Metrics {measure.baseline_metric_slug}, {who}"
    elif measure.baseline_source == BaselineSource.LOCAL:
        text = f"{value}{_local_bounds(measure)}; {local_source_text(measure)}"
    return text


def local_source_text(measure: Measure) -> str:
    """ "Local indicator: <name>, <group>, <year>" for a baseline read from step 5."""
    indicator = measure.baseline_indicator
    name = indicator.name if indicator is not None else "(since removed)"
    who = measure.baseline_subgroup_name or "All residents"
    return f"Local indicator: {name}, {who}, {measure.baseline_year}"


def _local_bounds(measure: Measure) -> str:
    """The interval of the indicator's value the baseline was read from, if it has one."""
    indicator = measure.baseline_indicator
    if indicator is None:
        return ""
    for v in indicator.values.all():
        if v.year == measure.baseline_year and v.subgroup == measure.baseline_subgroup_name:
            interval = interval_format(lb=v.lb, ub=v.ub, unit=measure.unit)
            return f" ({interval})" if interval else ""
    return ""


def measure_item(measure: Measure) -> MeasureItem:
    element = measure.element
    return MeasureItem(
        uuid=str(measure.uuid),
        name=measure.name,
        definition=measure.definition,
        unit=measure.get_unit_display(),
        direction=measure.get_direction_display(),
        element_uuid=str(element.uuid),
        element=f"{element.get_kind_display()}: {element.text}",
        element_kind=element.kind,
        action=element.action.title,
        action_uuid=str(element.action.uuid),
        baseline=baseline_text(measure),
        has_baseline=measure.has_baseline(),
        targets=[_target_item(t, measure.unit) for t in measure.targets.all()],
        data_source=measure.data_source,
        method=measure.method,
        frequency=measure.get_frequency_display(),
        collector=member_label(measure.collector),
        reporter=member_label(measure.reporter),
        owner=member_label(measure.owner),
        breakdowns=list(measure.breakdowns),
    )


def measures_for(*, plan: Plan) -> list[MeasureItem]:
    measures = (
        Measure.objects.filter(plan=plan)
        .select_related(
            "element__action",
            "collector__user",
            "reporter__user",
            "owner__user",
            "baseline_indicator",
        )
        .prefetch_related("targets", "baseline_indicator__values")
    )
    return [measure_item(m) for m in measures]


@dataclass
class UncoveredElement:
    uuid: str
    action: str
    action_uuid: str
    kind: str
    text: str


@dataclass
class ReportingRow:
    uuid: str
    what: str
    audience: str
    frequency: str
    responsible: str


@dataclass
class EvaluationRow:
    uuid: str
    question: str
    method: str
    who: str
    timing: str


@dataclass
class SustainabilityRow:
    area: str
    label: str
    text: str
    owners: list[str]


@dataclass
class MeasurementPlan:
    measures: list[MeasureItem]
    uncovered: list[UncoveredElement]
    outcomes_total: int
    outcomes_ready: int  # outcome elements with a measure that has a baseline and a target
    schedule: list[ReportingRow]
    evaluation: list[EvaluationRow]
    sustainability: list[SustainabilityRow]

    @property
    def sustainability_filled(self) -> bool:
        return all(row.text.strip() for row in self.sustainability)


def sustainability_for(*, plan: Plan) -> list[SustainabilityRow]:
    items = {
        i.area: i
        for i in SustainabilityItem.objects.filter(plan=plan).prefetch_related("owners__user")
    }
    rows = []
    for area in SustainabilityArea:
        item = items.get(area.value)
        rows.append(
            SustainabilityRow(
                area=area.value,
                label=str(area.label),
                text=item.text if item else "",
                owners=[member_label(m) for m in item.owners.all()] if item else [],
            )
        )
    return rows


def measurement_plan(*, plan: Plan) -> MeasurementPlan:
    measures = measures_for(plan=plan)
    covered = {m.element_uuid for m in measures}
    ready = {m.element_uuid for m in measures if m.has_baseline and m.targets}
    elements = LogicElement.objects.filter(action__plan=plan).select_related("action")
    elements = elements.order_by("action__created_at", "action__id", "order", "id")
    uncovered, outcomes_total, outcomes_ready = [], 0, 0
    for e in elements:
        if e.is_outcome():
            outcomes_total += 1
            outcomes_ready += str(e.uuid) in ready
        if str(e.uuid) not in covered:
            uncovered.append(
                UncoveredElement(
                    str(e.uuid), e.action.title, str(e.action.uuid), e.get_kind_display(), e.text
                )
            )
    schedule = ReportingItem.objects.filter(plan=plan).select_related("responsible__user")
    return MeasurementPlan(
        measures=measures,
        uncovered=uncovered,
        outcomes_total=outcomes_total,
        outcomes_ready=outcomes_ready,
        schedule=[
            ReportingRow(
                str(r.uuid),
                r.what,
                r.audience,
                r.get_frequency_display(),
                member_label(r.responsible),
            )
            for r in schedule
        ],
        evaluation=[
            EvaluationRow(str(q.uuid), q.question, q.method, q.who, q.timing)
            for q in EvaluationQuestion.objects.filter(plan=plan)
        ],
        sustainability=sustainability_for(plan=plan),
    )


@dataclass
class MeasurementProgress:
    """The counts step 8's progress on the plan home is computed from."""

    measures: int
    outcomes_total: int
    outcomes_ready: int
    schedule: int
    evaluation: int
    sustainability_filled: int
    sustainability_areas: int


def measurement_progress(*, plan: Plan) -> MeasurementProgress:
    """What `measurement_plan` says about progress, counted in a few small queries (the plan
    home asks on every visit; it needs no measure's words)."""
    has_target = Exists(MeasureTarget.objects.filter(measure=OuterRef("pk")))
    measures = list(
        Measure.objects.filter(plan=plan)
        .annotate(has_target=has_target)
        .values_list("element_id", "baseline_value", "baseline_year", "has_target")
    )
    ready = {e for e, value, year, on in measures if value is not None and year is not None and on}
    outcomes = LogicElement.objects.filter(action__plan=plan, kind__in=OUTCOME_KINDS)
    outcome_ids = list(outcomes.values_list("id", flat=True))
    texts = SustainabilityItem.objects.filter(plan=plan).values_list("text", flat=True)
    return MeasurementProgress(
        measures=len(measures),
        outcomes_total=len(outcome_ids),
        outcomes_ready=sum(1 for e in outcome_ids if e in ready),
        schedule=ReportingItem.objects.filter(plan=plan).count(),
        evaluation=EvaluationQuestion.objects.filter(plan=plan).count(),
        sustainability_filled=sum(1 for text in texts if text.strip()),
        sustainability_areas=len(SustainabilityArea),
    )


def measure_initial(*, measure: Measure) -> dict[str, object]:
    """A measure's values as its edit form expects them."""
    initial: dict[str, object] = {
        name: getattr(measure, name)
        for name in (
            "name",
            "definition",
            "unit",
            "direction",
            "data_source",
            "method",
            "frequency",
            "collector",
            "reporter",
            "owner",
        )
    }
    initial["element"] = str(measure.element.uuid)
    initial["breakdowns"] = ", ".join(measure.breakdowns)
    if measure.is_mobility_metric():
        initial["baseline_pick"] = (
            f"{measure.baseline_metric_slug}|{measure.baseline_subgroup_type}|"
            f"{measure.baseline_subgroup_name}|{measure.baseline_year}"
        )
    elif measure.baseline_source == BaselineSource.LOCAL and measure.baseline_indicator:
        initial["baseline_local"] = (
            f"{measure.baseline_indicator.uuid}|{measure.baseline_subgroup_name}"
        )
        initial["baseline_local_year"] = measure.baseline_year
    elif measure.has_baseline():
        initial["baseline_value"] = measure.baseline_value
        initial["baseline_year"] = measure.baseline_year
    return initial


def sustainability_owner_initial(*, plan: Plan) -> dict[str, object]:
    return {
        f"{item.area}_owners": list(item.owners.all())
        for item in SustainabilityItem.objects.filter(plan=plan).prefetch_related("owners")
    }
