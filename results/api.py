"""Measures over time in the JSON API: read a measure's values, status, freshness and
story; post values in batches (all or nothing) so a partner's own system can report; change
a value or the story at the version read (409 when someone saved since). Same role rules as
the pages: editors enter any measure's values, a contributor those of the measures they
own, collect or report; nobody types a Mobility Metric's values.

Besides personal tokens these endpoints take a partner organisation's reporting key
(`api.auth.REPORTING_AUTH`): it sees and reports on the measures under the actions its
organisation owns, and nothing else of the plan."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpRequest
from ninja import Router, Schema, Status
from ninja.errors import HttpError, ValidationError
from pydantic import StrictFloat, StrictInt, StrictStr

from api.auth import REPORTING_AUTH, reporting_access
from api.plan_kit import get_or_404
from api.schemas import ErrorOut
from plans.access import PlanAccess
from results import services
from results.imports import measure_find, measure_keys
from results.models import MeasureValue, ValueOrigin
from results.selectors import measure_results, measures_overview
from strategy.models import Measure

router = Router(auth=REPORTING_AUTH)
# A number, or a number written as text ("1,204"); true and false are not numbers.
Number = StrictInt | StrictFloat | StrictStr
PREFIX = "plans/{code}/results"


class StatusOut(Schema):
    code: str  # on-track, off-track, no-data, no-target
    label: str
    sentence: str


class FreshnessOut(Schema):
    last_period: str | None
    last_end: dt.date | None
    next_expected: dt.date | None
    overdue: bool
    sentence: str
    rule: str


class MeasureListOut(Schema):
    uuid: str
    name: str
    action: str
    is_mobility_metric: bool
    latest: str
    status: StatusOut
    freshness: FreshnessOut
    moved: str


class ValueOut(Schema):
    uuid: str
    period: str
    subgroup: str
    value: float
    lb: float | None
    ub: float | None
    source: str
    note: str
    origin: str
    previous_value: float | None
    revised_at: dt.datetime | None
    version: int


class StoryOut(Schema):
    story: str
    partners: str
    what_works: str
    next_steps: str
    version: int


class TargetOut(Schema):
    text: str
    kind: str
    explanation: str
    status: StatusOut


class MeasureOut(Schema):
    uuid: str
    name: str
    is_mobility_metric: bool
    baseline: str
    status: StatusOut
    change: str
    freshness: FreshnessOut
    targets: list[TargetOut]
    story: StoryOut
    moved: str


class ValueIn(Schema):
    measure: str  # the measure's UUID or exact name
    period: str
    value: Number
    lb: Number | None = None
    ub: Number | None = None
    subgroup: str = ""
    source: str = ""
    note: str = ""


class ValueChangeIn(Schema):
    version: int
    period: str
    value: Number
    lb: Number | None = None
    ub: Number | None = None
    subgroup: str = ""
    source: str = ""
    note: str = ""


class StoryIn(Schema):
    version: int  # 0 the first time
    story: str = ""
    partners: str = ""
    what_works: str = ""
    next_steps: str = ""


def _value_out(v: MeasureValue) -> dict[str, Any]:
    return {
        "uuid": str(v.uuid),
        "period": v.period,
        "subgroup": v.subgroup,
        "value": v.value,
        "lb": v.lb,
        "ub": v.ub,
        "source": v.source,
        "note": v.note,
        "origin": v.origin,
        "previous_value": v.previous_value,
        "revised_at": v.revised_at,
        "version": v.version,
    }


def _measure(
    request: HttpRequest, code: str, key: uuid.UUID, need: Any = "view"
) -> tuple[PlanAccess, Measure]:
    access = reporting_access(request, code, need=need)
    measure = get_or_404(
        Measure.objects.select_related("plan__geography", "element__action"),
        plan=access.plan,
        uuid=key,
    )
    _require_owned(access, measure)
    return access, measure


def _require_owned(access: PlanAccess, measure: Measure) -> None:
    """A reporting key reaches only the measures under its organisation's actions."""
    if access.organisation is not None and not services.measure_owned_by(
        measure=measure, organisation_id=access.organisation.pk
    ):
        raise PermissionDenied(
            f"This key reports on the measures of the actions that {access.organisation.name} "
            f"owns; {measure.name} is not one of them."
        )


def _problems(problems: list[tuple[int, str, str]]) -> ValidationError:
    return ValidationError(
        [{"loc": ("body", "values", i, name), "msg": msg} for i, name, msg in problems]
    )


@router.get(
    f"{PREFIX}/measures",
    response={200: list[MeasureListOut], 403: ErrorOut, 404: ErrorOut},
    summary="The plan's measures: latest value, status and freshness",
)
def measures_list(request: HttpRequest, code: str) -> list[Any]:
    access = reporting_access(request, code)
    return [
        {
            **row.__dict__,
            "is_mobility_metric": row.is_metric,
            "status": row.status.__dict__,
            "freshness": row.freshness.__dict__,
        }
        for row in measures_overview(plan=access.plan, organisation=access.organisation)
    ]


@router.get(
    f"{PREFIX}/measures/{{measure}}",
    response={200: MeasureOut, 403: ErrorOut, 404: ErrorOut},
    summary="One measure's status against its next target, freshness, targets and story",
)
def measure_read(request: HttpRequest, code: str, measure: uuid.UUID) -> dict[str, Any]:
    access, found = _measure(request, code, measure)
    r = measure_results(measure=found, access=access)
    return {
        "uuid": r.uuid,
        "name": r.name,
        "is_mobility_metric": r.is_metric,
        "baseline": r.baseline,
        "status": r.status.__dict__,
        "change": r.change,
        "freshness": r.freshness.__dict__,
        "targets": [{**t.__dict__, "status": t.status.__dict__} for t in r.targets],
        "story": {**r.story, "version": r.story_version},
        "moved": r.moved,
    }


@router.get(
    f"{PREFIX}/measures/{{measure}}/values",
    response={200: list[ValueOut], 403: ErrorOut, 404: ErrorOut},
    summary="Every value of a measure, oldest first",
)
def values_list(request: HttpRequest, code: str, measure: uuid.UUID) -> list[dict[str, Any]]:
    _, found = _measure(request, code, measure)
    return [
        _value_out(v)
        for v in MeasureValue.objects.filter(measure=found).order_by("subgroup", "period_end")
    ]


@router.post(
    f"{PREFIX}/values",
    response={201: list[ValueOut], 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="Post values of one or more measures; all or nothing",
)
def values_post(request: HttpRequest, code: str, values: list[ValueIn]) -> Status:
    access = reporting_access(request, code, need="contribute")
    if not values:
        raise _problems([(0, "request", "Send at least one value.")])
    by_uuid, by_name = measure_keys(access.plan)
    items, problems = [], []
    for index, item in enumerate(values):
        measure, problem = measure_find(item.measure.strip(), by_uuid, by_name)
        if measure is None:
            problems.append((index, "measure", problem))
            continue
        _require_owned(access, measure)
        if not measure.is_mobility_metric() and not services.value_may_enter(
            access=access, measure=measure
        ):
            raise PermissionDenied(f"Your role does not let you enter values of {measure.name}.")
        fields = item.dict()
        fields.pop("measure")
        items.append((index, measure, services.ValueInput(**fields)))
    try:
        made = services.values_add_many(
            measure_items=[(m, v) for _, m, v in items],
            user=access.user,
            organisation=access.organisation,
            origin=ValueOrigin.API,
            dry_run=bool(problems),
        )
    except services.ValuesRejected as exc:
        problems.extend((items[i][0], name, msg) for i, name, msg in exc.problems)
    if problems:
        raise _problems(sorted(problems))
    return Status(201, [_value_out(v) for v in made])


@router.put(
    f"{PREFIX}/measures/{{measure}}/values/{{value}}",
    response={200: ValueOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Change a value at the version you read (409 when someone saved it since)",
)
def value_change(
    request: HttpRequest, code: str, measure: uuid.UUID, value: uuid.UUID, body: ValueChangeIn
) -> dict[str, Any]:
    access, found = _measure(request, code, measure, need="contribute")
    if not services.value_may_enter(access=access, measure=found):
        raise PermissionDenied("Your role does not let you change this measure's values.")
    row = get_or_404(MeasureValue.objects.all(), measure=found, uuid=value)
    fields = body.dict()
    version = fields.pop("version")
    try:
        services.value_update(
            value=row,
            user=access.user,
            organisation=access.organisation,
            version=version,
            item=services.ValueInput(**fields),
        )
    except services.StaleEdit as exc:
        raise HttpError(409, exc.message) from exc
    except DjangoValidationError as exc:
        raise ValidationError(
            [{"loc": ("body", k), "msg": " ".join(v)} for k, v in exc.message_dict.items()]
        ) from exc
    return _value_out(row)


@router.delete(
    f"{PREFIX}/measures/{{measure}}/values/{{value}}",
    response={204: None, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut},
    summary="Remove a value at the version you read (editors)",
)
def value_remove(
    request: HttpRequest, code: str, measure: uuid.UUID, value: uuid.UUID, version: int
) -> Status:
    _, found = _measure(request, code, measure, need="edit")
    if found.is_mobility_metric():
        raise PermissionDenied("This measure's values come from the Mobility Metrics release.")
    row = get_or_404(MeasureValue.objects.all(), measure=found, uuid=value)
    try:
        services.value_delete(value=row, version=version)
    except services.StaleEdit as exc:
        raise HttpError(409, exc.message) from exc
    return Status(204, None)


@router.put(
    f"{PREFIX}/measures/{{measure}}/story",
    response={200: StoryOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Save the four questions at the version you read (0 the first time; 409 when stale)",
)
def story_put(request: HttpRequest, code: str, measure: uuid.UUID, body: StoryIn) -> dict[str, Any]:
    access, found = _measure(request, code, measure, need="contribute")
    if not services.story_may_change(access=access, measure=found):
        raise PermissionDenied(
            "Only editors, and the people who own, collect or report this measure, write its story."
        )
    fields = body.dict()
    version = fields.pop("version")
    try:
        story = services.story_save(
            measure=found,
            user=access.user,
            organisation=access.organisation,
            version=version,
            texts=fields,
        )
    except services.StaleEdit as exc:
        raise HttpError(409, exc.message) from exc
    except DjangoValidationError as exc:
        raise ValidationError(
            [{"loc": ("body", k), "msg": " ".join(v)} for k, v in exc.message_dict.items()]
        ) from exc
    return {name: getattr(story, name) for name in (*services.STORY_FIELDS, "version")}
