"""Writes of step 10's measures over time: values entered by people (page, CSV, API), the
story behind each curve, and the values read from the Mobility Metrics release."""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from lib.numbers import value_format
from metrics.models import Release, Series, Subgroup
from plans.access import PlanAccess
from plans.models import Organisation, Plan
from results.models import MeasureStory, MeasureValue, ReleaseSync, ValueOrigin
from results.periods import PeriodError, period_parse
from strategy.models import Measure, TargetKind

STALE = (
    "This record changed since you opened it (someone else saved it first). "
    "Nothing was overwritten: reload the page to see their changes, then make yours again."
)
SUBGROUP_MAX = 120
SOURCE_MAX = 300
NOTE_MAX = 4000
STORY_MAX = 8000


class ValuesRejected(Exception):
    """Values loaded together did not all check: nothing was loaded. Each problem is
    (index of the item, field, sentence)."""

    def __init__(self, problems: list[tuple[int, str, str]]) -> None:
        super().__init__(f"{len(problems)} problem(s); nothing was loaded.")
        self.problems = problems


class StaleEdit(Exception):
    """A save based on an older version of the record: refused, nothing written."""

    def __init__(self, message: str = STALE) -> None:
        super().__init__(message)
        self.message = message


# -- who may enter values -------------------------------------------------------------------


def measure_owned_by(*, measure: Measure, organisation_id: int) -> bool:
    """Whether the measure sits under an action that the organisation owns: what a partner
    organisation's reporting key may report on."""
    action = measure.element.action if measure.element_id else None
    return action is not None and action.owner_organisation_id == organisation_id


def value_may_enter(*, access: PlanAccess, measure: Measure) -> bool:
    """Editors and owners enter any measure's values; a contributor those of a measure they
    own, collect or report. Nobody types a Mobility Metric's values: the release has them."""
    if measure.plan_id != access.plan.pk or measure.is_mobility_metric():
        return False
    if access.organisation is not None:
        return measure_owned_by(measure=measure, organisation_id=access.organisation.pk)
    if access.can_edit:
        return True
    return access.can_contribute and access.membership.pk in (
        measure.owner_id,
        measure.collector_id,
        measure.reporter_id,
    )


def story_may_change(*, access: PlanAccess, measure: Measure) -> bool:
    """The story behind a curve: editors, and a contributor who owns, collects or reports
    the measure (Mobility Metrics included: the story is ours, not the release's)."""
    if measure.plan_id != access.plan.pk:
        return False
    if access.organisation is not None:
        return measure_owned_by(measure=measure, organisation_id=access.organisation.pk)
    return access.can_edit or (
        access.can_contribute
        and access.membership.pk in (measure.owner_id, measure.collector_id, measure.reporter_id)
    )


# -- checking one value ---------------------------------------------------------------------


@dataclass
class ValueInput:
    """A value as typed (page, CSV line or API item), before it is checked."""

    period: str
    value: Any
    lb: Any = None
    ub: Any = None
    subgroup: str = ""
    source: str = ""
    note: str = ""


@dataclass
class CheckedValue:
    period: str
    period_end: datetime.date
    value: float
    lb: float | None
    ub: float | None
    subgroup: str
    source: str
    note: str


def _number(raw: Any, name: str, problems: dict[str, str], *, required: bool) -> float | None:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        if required:
            problems[name] = "Give a number."
        return None
    if isinstance(raw, bool):
        problems[name] = "Give a number, not true or false."
        return None
    try:
        number = float(str(raw).strip().replace(",", "")) if isinstance(raw, str) else float(raw)
    except (TypeError, ValueError):
        problems[name] = f"“{str(raw)[:40]}” is not a number."
        return None
    if not math.isfinite(number):
        problems[name] = "Give a finite number."
        return None
    return number


def value_check(*, item: ValueInput) -> tuple[CheckedValue | None, dict[str, str]]:
    """The value checked field by field: (the clean value, {}) or (None, {field: problem})."""
    problems: dict[str, str] = {}
    try:
        period = period_parse(text=str(item.period or ""))
    except PeriodError as exc:
        problems["period"] = str(exc)
        period = None
    value = _number(item.value, "value", problems, required=True)
    lb = _number(item.lb, "lb", problems, required=False)
    ub = _number(item.ub, "ub", problems, required=False)
    if (lb is None) != (ub is None) and "lb" not in problems and "ub" not in problems:
        problems["lb" if lb is None else "ub"] = "Give both bounds of the interval, or neither."
    if lb is not None and ub is not None and value is not None and not lb <= value <= ub:
        problems["lb"] = "The lower bound, the value and the upper bound must go up in order."
    texts = {
        "subgroup": (str(item.subgroup or "").strip(), SUBGROUP_MAX),
        "source": (str(item.source or "").strip(), SOURCE_MAX),
        "note": (str(item.note or "").strip(), NOTE_MAX),
    }
    for name, (text, limit) in texts.items():
        if len(text) > limit:
            problems[name] = f"At most {limit} characters (this has {len(text)})."
    if problems or period is None or value is None:
        return None, problems
    return CheckedValue(
        period.label,
        period.end,
        value,
        lb,
        ub,
        texts["subgroup"][0],
        texts["source"][0],
        texts["note"][0],
    ), {}


def _group_words(subgroup: str) -> str:
    return f"for {subgroup}" if subgroup else "for everyone"


def _duplicate_problem(measure: Measure, checked: CheckedValue, exclude: int | None) -> str:
    clash = MeasureValue.objects.filter(
        measure=measure, period=checked.period, subgroup=checked.subgroup
    )
    if exclude is not None:
        clash = clash.exclude(pk=exclude)
    if clash.exists():
        return (
            f"{measure.name} already has a value for {checked.period} "
            f"{_group_words(checked.subgroup)}: change that one instead."
        )
    return ""


# -- values entered by people ---------------------------------------------------------------


def _refuse_release(measure: Measure) -> None:
    if measure.is_mobility_metric():
        raise ValidationError(
            "This measure's values come from the Mobility Metrics release; they cannot be "
            "typed in. They update when a newer release is imported."
        )


@transaction.atomic
def value_add(
    *, measure: Measure, user: User | None, item: ValueInput, origin: str = ValueOrigin.ENTERED
) -> MeasureValue:
    """A new value; ValidationError (with a field: message dict) when it does not check."""
    _refuse_release(measure)
    checked, problems = value_check(item=item)
    if checked is None:
        raise ValidationError(problems)
    if clash := _duplicate_problem(measure, checked, None):
        raise ValidationError({"period": clash})
    return MeasureValue.objects.create(
        measure=measure, origin=origin, entered_by=user, **checked.__dict__
    )


@transaction.atomic
def value_update(
    *,
    value: MeasureValue,
    user: User | None,
    version: int,
    item: ValueInput,
    organisation: Organisation | None = None,
) -> MeasureValue:
    """Change a value if nobody saved it since `version` was read: StaleEdit otherwise."""
    _refuse_release(value.measure)
    checked, problems = value_check(item=item)
    if checked is None:
        raise ValidationError(problems)
    if clash := _duplicate_problem(value.measure, checked, value.pk):
        raise ValidationError({"period": clash})
    changed = MeasureValue.objects.filter(pk=value.pk, version=version).update(
        **checked.__dict__,
        entered_by=user,
        entered_by_organisation=organisation,
        version=F("version") + 1,
        updated_at=timezone.now(),
    )
    if not changed:
        raise StaleEdit()
    value.refresh_from_db()
    return value


@transaction.atomic
def value_delete(*, value: MeasureValue, version: int | None = None) -> None:
    """Remove a value (StaleEdit when a version is given and it is no longer current)."""
    _refuse_release(value.measure)
    rows = MeasureValue.objects.filter(pk=value.pk)
    if version is not None:
        rows = rows.filter(version=version)
    if not rows.delete()[0]:
        raise StaleEdit()


@transaction.atomic
def values_add_many(
    *,
    measure_items: list[tuple[Measure, ValueInput]],
    user: User | None,
    origin: str,
    dry_run: bool = False,
    organisation: Organisation | None = None,
) -> list[MeasureValue]:
    """Several values at once, all or nothing (CSV and API); ValuesRejected with the
    problems when any does not check."""
    problems: list[tuple[int, str, str]] = []
    seen: set[tuple[int, str, str]] = set()  # (measure, period, subgroup) in this batch
    stored = set(
        MeasureValue.objects.filter(measure_id__in={m.pk for m, _ in measure_items}).values_list(
            "measure_id", "period", "subgroup"
        )
    )
    ready: list[MeasureValue] = []
    for index, (measure, item) in enumerate(measure_items):
        if measure.is_mobility_metric():
            problems.append((index, "measure", _release_words(measure)))
            continue
        checked, found = value_check(item=item)
        problems.extend((index, name, message) for name, message in found.items())
        if checked is None:
            continue
        key = (measure.pk, checked.period, checked.subgroup)
        if key in seen:
            problems.append(
                (
                    index,
                    "period",
                    f"This file gives {measure.name} twice for {checked.period} "
                    f"{_group_words(checked.subgroup)}.",
                )
            )
            continue
        seen.add(key)
        if key in stored:
            problems.append((index, "period", _duplicate_problem(measure, checked, None)))
            continue
        ready.append(
            MeasureValue(
                measure=measure,
                origin=origin,
                entered_by=user,
                entered_by_organisation=organisation,
                **checked.__dict__,
            )
        )
    if problems:
        raise ValuesRejected(problems)
    if dry_run:
        return ready
    return MeasureValue.objects.bulk_create(ready, batch_size=500)


def _release_words(measure: Measure) -> str:
    return (
        f"{measure.name} is a Mobility Metric: its values come from the release and cannot "
        "be loaded by hand."
    )


# -- the four questions ---------------------------------------------------------------------

STORY_FIELDS = ("story", "partners", "what_works", "next_steps")


@transaction.atomic
def story_save(
    *,
    measure: Measure,
    user: User | None,
    version: int,
    texts: dict[str, str],
    organisation: Organisation | None = None,
) -> MeasureStory:
    """Save the answers if nobody saved them since `version` (0 for a story not yet
    written); StaleEdit otherwise."""
    clean = {name: str(texts.get(name, "") or "").strip() for name in STORY_FIELDS}
    for name, text in clean.items():
        if len(text) > STORY_MAX:
            raise ValidationError({name: f"At most {STORY_MAX} characters."})
    story = MeasureStory.objects.select_for_update().filter(measure=measure).first()
    current = story.version if story else 0
    if version != current:
        raise StaleEdit()
    if story is None:
        return MeasureStory.objects.create(
            measure=measure, updated_by=user, updated_by_organisation=organisation, **clean
        )
    for name, text in clean.items():
        setattr(story, name, text)
    story.updated_by, story.updated_by_organisation = user, organisation
    story.version += 1
    story.save()
    return story


# -- values from the Mobility Metrics release ------------------------------------------------


@dataclass
class SyncReport:
    plans: int = 0
    measures: int = 0
    added: int = 0
    revised: int = 0
    moved: dict[str, str] = field(default_factory=dict)  # measure uuid: sentence


def main_subgroup(measure: Measure) -> str:
    """The group a measure's own line follows: blank for everyone."""
    if measure.baseline_subgroup_type in ("", "all"):
        return ""
    return measure.baseline_subgroup_name


def _series_points(
    *, plan: Plan, slug: str, subgroup_type: str, subgroup_name: str
) -> tuple[list[list[Any]], str]:
    """The points of one metric for the plan's place and one group, from the dataset the
    observation rule prefers, with the release's label."""
    rows = Series.objects.filter(geography_id=plan.geography_id, metric__slug=slug)
    if subgroup_type in ("", "all"):
        rows = rows.filter(subgroup__type="all").order_by("dataset__has_subgroups", "dataset_id")
    else:
        rows = rows.filter(subgroup__type=subgroup_type, subgroup__name=subgroup_name).order_by(
            "dataset_id"
        )
    series = rows.select_related("release").first()
    if series is None:
        return [], ""
    return list(series.points), series.release.label


def _groups_to_sync(measure: Measure) -> list[tuple[str, str, str]]:
    """(subgroup type, subgroup name, our subgroup label) for the measure's own line and
    the groups its gap targets compare."""
    groups = [(measure.baseline_subgroup_type or "all", measure.baseline_subgroup_name, "")]
    if main := main_subgroup(measure):
        groups[0] = (measure.baseline_subgroup_type, main, main)
    names = set()
    for target in measure.targets.filter(kind=TargetKind.GAP):
        names.update({target.group_a, target.group_b})
    for name in sorted(names - {main}):
        kinds = (
            Subgroup.objects.filter(name=name).exclude(type="all").values_list("type", flat=True)
        )
        for kind in kinds[:1]:
            groups.append((kind, name, name))
    return groups


def _latest(values: dict[str, MeasureValue]) -> MeasureValue | None:
    return max(values.values(), key=lambda v: v.period_end, default=None)


def _measure_sync(measure: Measure, now: datetime.datetime, report: SyncReport) -> tuple[int, int]:
    added = revised = 0
    for subgroup_type, subgroup_name, label in _groups_to_sync(measure):
        points, release_label = _series_points(
            plan=measure.plan,
            slug=measure.baseline_metric_slug,
            subgroup_type=subgroup_type,
            subgroup_name=subgroup_name,
        )
        existing = {
            v.period: v for v in MeasureValue.objects.filter(measure=measure, subgroup=label)
        }
        before = _latest(existing)
        before_key = (before.period, before.value) if before else None
        source = f"Urban Institute, Mobility Metrics ({release_label})"[:SOURCE_MAX]
        for point in points:
            if point[1] is None:
                continue
            outcome = _point_apply(measure, existing, point, label, source, now)
            added += outcome == "added"
            revised += outcome == "revised"
        after = _latest(existing)
        # A measure's first values are news, not a move: only a change is flagged.
        if (
            label == main_subgroup(measure)
            and after
            and before is not None
            and ((after.period, after.value) != before_key)
        ):
            report.moved[str(measure.uuid)] = _moved_words(measure, before, after)
    return added, revised


def _point_apply(
    measure: Measure,
    existing: dict[str, MeasureValue],
    point: list[Any],
    label: str,
    source: str,
    now: datetime.datetime,
) -> str:
    """Add or revise the value of one year of the release: "added", "revised" or ""."""
    year, value, lb, ub = int(point[0]), point[1], point[2], point[3]
    current = existing.get(str(year))
    if current is None:
        existing[str(year)] = MeasureValue.objects.create(
            measure=measure,
            period=str(year),
            period_end=datetime.date(year, 12, 31),
            subgroup=label,
            value=value,
            lb=lb,
            ub=ub,
            source=source,
            origin=ValueOrigin.RELEASE,
        )
        return "added"
    if current.origin != ValueOrigin.RELEASE or (current.value, current.lb, current.ub) == (
        value,
        lb,
        ub,
    ):
        return ""
    outcome = ""
    if current.value != value:
        current.previous_value, current.revised_at = current.value, now
        outcome = "revised"
    current.value, current.lb, current.ub, current.source = value, lb, ub, source
    current.version += 1
    current.save()
    return outcome


def _moved_words(measure: Measure, before: MeasureValue, after: MeasureValue) -> str:
    new = value_format(value=after.value, unit=measure.unit)
    if before.period != after.period:
        old = value_format(value=before.value, unit=measure.unit)
        return f"A newer year: {new} in {after.period} (was {old} in {before.period})."
    old = value_format(value=after.previous_value, unit=measure.unit)
    return f"The {after.period} value was revised from {old} to {new}."


def release_sync(*, plan: Plan | None = None, now: datetime.datetime | None = None) -> SyncReport:
    """Bring every plan's (or one plan's) Mobility Metrics measures up to the imported
    release: new years added, changed values revised with the old value kept, and the
    measures whose latest value moved recorded for the plan. Values typed by people are
    never touched."""
    now = now or timezone.now()
    report = SyncReport()
    plans = Plan.objects.filter(pk=plan.pk) if plan else Plan.objects.all()
    measures = Measure.objects.filter(plan__in=plans, baseline_source="metric").exclude(
        baseline_metric_slug=""
    )
    by_plan: dict[int, list[Measure]] = {}
    for measure in measures.select_related("plan"):
        by_plan.setdefault(measure.plan_id, []).append(measure)
    for measures_of_plan in by_plan.values():
        _plan_sync(measures_of_plan, now, report)
    return report


@transaction.atomic
def _plan_sync(measures: list[Measure], now: datetime.datetime, report: SyncReport) -> None:
    moved_before = set(report.moved)
    added = revised = 0
    for measure in measures:
        a, r = _measure_sync(measure, now, report)
        added, revised = added + a, revised + r
    report.plans += 1
    report.measures += len(measures)
    report.added, report.revised = report.added + added, report.revised + revised
    moved = {k: v for k, v in report.moved.items() if k not in moved_before}
    if added or revised or moved:
        label = Release.objects.order_by("-imported_at", "-id").values_list("label", flat=True)
        ReleaseSync.objects.create(
            plan=measures[0].plan,
            release_label=(label.first() or "")[:100],
            ran_at=now,
            added=added,
            revised=revised,
            moved=moved,
        )
