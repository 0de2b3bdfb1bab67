"""Reads of step 10's measures over time: freshness, values, status, charts' data."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from lib.numbers import difference_format, interval_format, value_format
from lib.people import reporter_name
from metrics.models import Series, Unit
from plans.access import PlanAccess
from plans.models import Organisation, Plan
from results.analysis import (
    CHANGE_RULE,
    FORECAST_METHOD,
    NO_TARGET,
    STATUS_RULE,
    Point,
    Status,
    change_words,
    forecast_fit,
    status_for,
)
from results.charts import chart_rows, measure_spec
from results.freshness import RELEASE, Freshness, freshness_periodic, freshness_release
from results.models import MeasureStory, MeasureValue, ReleaseSync, ValueOrigin
from results.periods import Period, PeriodError, period_parse
from results.services import STORY_FIELDS, main_subgroup, story_may_change, value_may_enter
from strategy.models import Measure, MeasureTarget, TargetKind


def metric_years(*, measure: Measure) -> list[int]:
    """The years the imported release has a value of the measure's metric for the plan's
    place (any group, any file)."""
    if not measure.baseline_metric_slug:
        return []
    years: set[int] = set()
    rows = Series.objects.filter(
        geography_id=measure.plan.geography_id, metric__slug=measure.baseline_metric_slug
    ).values_list("points", flat=True)
    for points in rows:
        years.update(int(p[0]) for p in points if p[1] is not None)
    return sorted(years)


def _last_period(measure: Measure, values: list[MeasureValue] | None = None) -> Period | None:
    """The measure's latest value's period, or its baseline year when it has no value."""
    if values is None:
        label = (
            MeasureValue.objects.filter(measure=measure)
            .order_by("-period_end", "-id")
            .values_list("period", flat=True)
            .first()
        )
    else:
        latest = max(values, key=lambda v: v.period_end, default=None)
        label = latest.period if latest else None
    if label is None and measure.has_baseline():
        label = str(measure.baseline_year)
    if label is None:
        return None
    try:
        return period_parse(text=label)
    except PeriodError:
        return None


def measure_freshness(*, measure: Measure, today: datetime.date | None = None) -> Freshness:
    """Whether the measure's data is up to date, and a sentence saying so.

    Regular cadences: the period after the last value, plus a grace period (see
    results/freshness.py). Mobility Metrics and other irregular measures: the metric's own
    years in the imported release (or the measure's own years)."""
    return _freshness(measure, None, today or datetime.date.today(), with_release=True)


def _freshness(
    measure: Measure, values: list[MeasureValue] | None, today: datetime.date, *, with_release: bool
) -> Freshness:
    if measure.frequency == RELEASE or measure.is_mobility_metric():
        years = set(metric_years(measure=measure)) if with_release else set()
        if values is None:
            values = list(MeasureValue.objects.filter(measure=measure))
        years.update(v.period_end.year for v in values)
        if measure.has_baseline() and measure.baseline_year is not None:
            years.add(measure.baseline_year)
        return freshness_release(
            years=sorted(years), today=today, by_hand=not measure.is_mobility_metric()
        )
    return freshness_periodic(
        frequency=measure.frequency,
        last=_last_period(measure, values),
        started_on=measure.created_at.date(),
        today=today,
    )


# -- one measure over time ----------------------------------------------------------------


@dataclass
class ValueRow:
    uuid: str
    period: str
    period_words: str
    subgroup: str  # "" for everyone
    text: str
    interval: str
    source: str
    note: str
    origin: str
    entered_by: str
    version: int
    revision: str  # "Revised from 72.1% in the 23 November 2026 import", or ""
    editable: bool


@dataclass
class TargetNote:
    text: str  # "72.0% by December 2027"
    kind: str
    explanation: str  # for gap targets: what the gap is now
    status: Status


@dataclass
class MeasureResults:
    uuid: str
    name: str
    unit: str
    direction: str
    definition: str
    action: str
    is_metric: bool
    subgroup: str  # the group the measure's own line follows, "" for everyone
    baseline: str
    latest: ValueRow | None
    values: list[ValueRow]  # the measure's own line, newest first
    groups: list[ValueRow]  # values for other groups, newest first
    targets: list[TargetNote]
    status: Status  # against the next target
    change: str
    freshness: Freshness
    spec: dict[str, Any]
    table: list[dict[str, str]]  # the chart's data, for the table behind it
    story: dict[str, str]
    story_version: int
    story_updated: str
    moved: str  # why the last import flagged it, or ""
    may_enter: bool
    may_story: bool
    forecast_method: str = FORECAST_METHOD
    status_rule: str = STATUS_RULE
    change_rule: str = CHANGE_RULE
    freshness_rule: str = ""
    notes: list[str] = field(default_factory=list)


def _value_row(v: MeasureValue, unit: str, editable: bool) -> ValueRow:
    revision = ""
    if v.previous_value is not None and v.revised_at is not None:
        revision = (
            f"Revised from {value_format(value=v.previous_value, unit=unit)} in the "
            f"{v.revised_at:%-d %B %Y} import"
        )
    try:
        words = period_parse(text=v.period).words()
    except PeriodError:
        words = v.period
    return ValueRow(
        str(v.uuid),
        v.period,
        words,
        v.subgroup,
        value_format(value=v.value, unit=unit),
        interval_format(lb=v.lb, ub=v.ub, unit=unit),
        v.source,
        v.note,
        ValueOrigin(v.origin).label,
        reporter_name(v.entered_by, v.entered_by_organisation),
        v.version,
        revision,
        editable and v.origin != ValueOrigin.RELEASE,
    )


def _points(measure: Measure, values: list[MeasureValue], subgroup: str) -> list[Point]:
    """The measure's own line, with its baseline as the first point when no value covers
    the baseline year."""
    own = [v for v in values if v.subgroup == subgroup]
    points = [Point(v.period_end, v.value, v.lb, v.ub, v.period, _start(v)) for v in own]
    years = {v.period_end.year for v in own}
    if measure.has_baseline() and measure.baseline_year not in years:
        assert measure.baseline_year is not None and measure.baseline_value is not None
        year = measure.baseline_year
        points.append(
            Point(datetime.date(year, 12, 31), measure.baseline_value, label=f"{year} (baseline)")
        )
    return sorted(points, key=lambda p: p.when)


def _start(value: MeasureValue) -> datetime.date | None:
    try:
        return period_parse(text=value.period).start
    except PeriodError:
        return None


def _gap_points(values: list[MeasureValue], target: MeasureTarget) -> list[Point]:
    by_group: dict[str, dict[str, MeasureValue]] = {}
    for v in values:
        by_group.setdefault(v.subgroup.casefold(), {})[v.period] = v
    a = by_group.get(target.group_a.casefold(), {})
    b = by_group.get(target.group_b.casefold(), {})
    gaps = [Point(a[p].period_end, a[p].value - b[p].value, label=p) for p in a.keys() & b.keys()]
    return sorted(gaps, key=lambda p: p.when)


def _target_note(
    measure: Measure, target: MeasureTarget, values: list[MeasureValue], points: list[Point]
) -> TargetNote:
    unit = measure.unit
    by = target.target_date.strftime("%B %Y")
    if target.kind != TargetKind.GAP:
        status = status_for(
            points=points,
            target_value=target.value,
            target_date=target.target_date,
            direction=measure.direction,
            unit=unit,
        )
        return TargetNote(
            f"{value_format(value=target.value, unit=unit)} by {by}", "level", "", status
        )
    gaps = _gap_points(values, target)
    size = difference_format(value=target.value, unit=unit)
    text = f"The gap between {target.group_a} and {target.group_b} down to {size} by {by}"
    if gaps:
        last = gaps[-1]
        now = difference_format(value=last.value, unit=unit)
        explanation = (
            f"The gap is {target.group_a} minus {target.group_b}, from the values entered for "
            f"each group in the same period. In {last.label} it was {now}"
            f"{'' if last.value >= 0 else f' the other way ({target.group_b} ahead)'}."
        )
    else:
        explanation = (
            f"The gap is {target.group_a} minus {target.group_b}. It needs values for both "
            "groups in the same period; there are none yet."
        )
    status = status_for(
        points=gaps,
        target_value=target.value,
        target_date=target.target_date,
        direction=measure.direction,
        unit=unit,
        gap=True,
    )
    return TargetNote(text, "gap", explanation, status)


def _next_target(notes: list[tuple[MeasureTarget, TargetNote]], today: datetime.date) -> Status:
    if not notes:
        return NO_TARGET
    upcoming = [n for t, n in notes if t.target_date >= today]
    return (upcoming or [notes[-1][1]])[0].status


def _moved(measure: Measure) -> str:
    sync = ReleaseSync.objects.filter(plan_id=measure.plan_id).first()
    if sync is None or str(measure.uuid) not in sync.moved:
        return ""
    return f"{sync.moved[str(measure.uuid)]} (import of {sync.ran_at:%-d %B %Y})"


def _horizon(points: list[Point], targets: list[MeasureTarget]) -> datetime.date | None:
    if not points:
        return None
    last = points[-1].when
    dates = [t.target_date for t in targets if t.target_date > last]
    return max(dates) if dates else datetime.date(last.year + 2, last.month, last.day)


def measure_results(
    *, measure: Measure, access: PlanAccess | None = None, today: datetime.date | None = None
) -> MeasureResults:
    """Everything the page of one measure over time shows. Without `access` (documents,
    reports) nothing is marked as editable."""
    today = today or datetime.date.today()
    values = list(
        MeasureValue.objects.filter(measure=measure)
        .select_related("entered_by", "entered_by_organisation")
        .order_by("period_end", "subgroup", "id")
    )
    targets = list(measure.targets.all())
    subgroup = main_subgroup(measure)
    points = _points(measure, values, subgroup)
    notes = [(t, _target_note(measure, t, values, points)) for t in targets]
    may_enter = access is not None and value_may_enter(access=access, measure=measure)
    rows = [_value_row(v, measure.unit, may_enter) for v in reversed(values)]
    fit = forecast_fit(points=points)
    place = str(measure.plan.geography)
    chart = chart_rows(
        points=points,
        unit=measure.unit,
        fit=fit,
        horizon=_horizon(points, targets),
        baseline=_baseline_point(measure),
        targets=[(t.target_date, t.value) for t in targets if t.kind != TargetKind.GAP],
    )
    story = (
        MeasureStory.objects.filter(measure=measure)
        .select_related("updated_by", "updated_by_organisation")
        .first()
    )
    freshness = _freshness(measure, values, today, with_release=True)
    own = [r for r in rows if r.subgroup == subgroup]
    return MeasureResults(
        uuid=str(measure.uuid),
        name=measure.name,
        unit=measure.unit,
        direction=measure.get_direction_display(),
        definition=measure.definition,
        action=measure.element.action.title,
        is_metric=measure.is_mobility_metric(),
        subgroup=subgroup,
        baseline=_baseline_words(measure),
        latest=own[0] if own else None,
        values=own,
        groups=[r for r in rows if r.subgroup != subgroup],
        targets=[n for _, n in notes],
        status=_next_target(notes, today),
        change=change_words(points=points, direction=measure.direction),
        freshness=freshness,
        spec=measure_spec(
            name=measure.name,
            unit=measure.unit,
            unit_label=_unit_label(measure.unit),
            place=place,
            rows=chart,
            from_release=measure.is_mobility_metric(),
            description=_description(measure, points, place),
        ),
        table=[_table_row(r) for r in chart],
        story={name: getattr(story, name, "") for name in STORY_FIELDS},
        story_version=story.version if story else 0,
        story_updated=_story_updated(story),
        moved=_moved(measure),
        may_enter=may_enter,
        may_story=access is not None and story_may_change(access=access, measure=measure),
        freshness_rule=freshness.rule,
    )


def _baseline_point(measure: Measure) -> tuple[int, float] | None:
    if measure.baseline_year is None or measure.baseline_value is None:
        return None
    return measure.baseline_year, measure.baseline_value


def _unit_label(unit: str) -> str:
    return str(dict(Unit.choices).get(unit, unit))


def _baseline_words(measure: Measure) -> str:
    if not measure.has_baseline():
        return "No baseline yet"
    text = value_format(value=measure.baseline_value, unit=measure.unit)
    return f"{text} in {measure.baseline_year}"


def _story_updated(story: MeasureStory | None) -> str:
    if story is None:
        return ""
    who = reporter_name(story.updated_by, story.updated_by_organisation)
    return f"Last saved {story.updated_at:%-d %B %Y}{f' by {who}' if who else ''}"


KIND_WORDS = {
    "value": "Value",
    "forecast": "If nothing changes",
    "baseline": "Baseline",
    "target": "Target",
}


def _table_row(row: dict[str, Any]) -> dict[str, str]:
    return {
        "what": KIND_WORDS[row["kind"]],
        "period": str(row.get("period", "")),
        "date": row["date"],
        "text": row["text"],
        "interval": str(row.get("interval") or ""),
    }


def _description(measure: Measure, points: list[Point], place: str) -> str:
    if not points:
        return f"No values yet of {measure.name} for {place}."
    last = points[-1]
    return (
        f"Line chart of {measure.name} in {place}: {len(points)} values from "
        f"{points[0].label} to {last.label}; latest "
        f"{value_format(value=last.value, unit=measure.unit)}. Targets and the line of where "
        "it goes if nothing changes are in the table below."
    )


def measure_chart_spec(*, measure: Measure, today: datetime.date | None = None) -> dict[str, Any]:
    """The measure's chart as on its page, for documents: render it with
    metrics.charts.chart_render(spec=..., fmt="svg" | "png")."""
    return measure_results(measure=measure, today=today).spec


# -- the plan's measures -------------------------------------------------------------------


@dataclass
class OverviewRow:
    uuid: str
    name: str
    action: str
    is_metric: bool
    latest: str  # "80.3% in 2023" or ""
    status: Status
    freshness: Freshness
    moved: str


def measures_overview(
    *, plan: Plan, today: datetime.date | None = None, organisation: Organisation | None = None
) -> list[OverviewRow]:
    """Each measure of the plan with its latest value, status and freshness; with
    `organisation` (a partner's reporting key), only those under the actions it owns."""
    today = today or datetime.date.today()
    scope = {"element__action__owner_organisation": organisation} if organisation else {}
    measures = (
        Measure.objects.filter(plan=plan, **scope)
        .select_related("element__action", "plan")
        .prefetch_related("values", "targets")
    )
    sync = ReleaseSync.objects.filter(plan=plan).first()
    moved = sync.moved if sync else {}
    rows = []
    for measure in measures:
        values = sorted(measure.values.all(), key=lambda v: (v.period_end, v.id))
        subgroup = main_subgroup(measure)
        points = _points(measure, values, subgroup)
        notes = [(t, _target_note(measure, t, values, points)) for t in measure.targets.all()]
        own = [v for v in values if v.subgroup == subgroup]
        latest = (
            f"{value_format(value=own[-1].value, unit=measure.unit)} in {own[-1].period}"
            if own
            else ""
        )
        rows.append(
            OverviewRow(
                str(measure.uuid),
                measure.name,
                measure.element.action.title,
                measure.is_mobility_metric(),
                latest,
                _next_target(notes, today),
                _freshness(measure, values, today, with_release=False),
                moved.get(str(measure.uuid), ""),
            )
        )
    return rows
