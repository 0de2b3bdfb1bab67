"""Step 5 in the JSON API: the data inventory, local indicators and their values. Same forms,
services and role rules as the pages (editors write; members read). An organisation is
named by its name; a source and an indicator by UUID; a predictor by its slug."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any
from uuid import UUID

from django.http import Http404, HttpRequest
from ninja import Query, Router, Schema

from api.auth import PLAN_AUTH
from api.plan_kit import (
    Deleted,
    answers,
    created,
    defaults,
    delete_with,
    form_check,
    form_data,
    get_or_404,
    invalid,
    merged,
    plan_access_for,
    saving,
)
from localdata import services
from localdata.forms import DataSourceForm, IndicatorForm, ValueForm
from localdata.models import DataSource, Indicator
from plans.access import PlanAccess
from plans.models import Organisation

router = Router(auth=PLAN_AUTH)
BASE = "plans/{code}/localdata"


class SourceOut(Schema):
    uuid: UUID
    name: str
    type: str
    owner_organisation: str | None  # one of the plan's organisations, by name
    owner_name: str
    access: str
    year_from: int | None
    year_to: int | None
    groups: list[str]
    refresh: str
    predictors: list[str]
    notes: str
    link: str
    updated_at: dt.datetime


class SourceIn(Schema):
    name: str | None = None
    type: str | None = None
    owner_organisation: str | None = None
    owner_name: str | None = None
    access: str | None = None
    year_from: int | None = None
    year_to: int | None = None
    groups: list[str] | None = None
    refresh: str | None = None
    predictors: list[str] | None = None
    notes: str | None = None
    link: str | None = None


class ValueOut(Schema):
    year: int
    subgroup: str  # "" for all residents
    value: float
    lb: float | None
    ub: float | None


class ValueIn(Schema):
    year: int | str
    subgroup: str = ""
    value: float | str
    lb: float | str | None = None
    ub: float | str | None = None


class IndicatorOut(Schema):
    uuid: UUID
    name: str
    unit: str
    direction: str
    description: str
    predictor: str
    source: UUID
    imported_file: str
    updated_at: dt.datetime
    values: list[ValueOut]


class IndicatorIn(Schema):
    name: str | None = None
    source: UUID | None = None
    unit: str | None = None
    direction: str | None = None
    predictor: str | None = None
    description: str | None = None


class ValuesOut(Schema):
    loaded: int
    replaced: int


def source_out(s: DataSource) -> dict[str, Any]:
    return {
        "uuid": s.uuid, "name": s.name, "type": s.type,
        "owner_organisation": s.owner_organisation.name if s.owner_organisation else None,
        "owner_name": s.owner_name, "access": s.access, "year_from": s.year_from,
        "year_to": s.year_to, "groups": list(s.groups), "refresh": s.refresh,
        "predictors": list(s.predictors), "notes": s.notes, "link": s.link,
        "updated_at": s.updated_at,
    }  # fmt: skip


def indicator_out(i: Indicator) -> dict[str, Any]:
    values = [
        {"year": v.year, "subgroup": v.subgroup, "value": v.value, "lb": v.lb, "ub": v.ub}
        for v in i.values.all()
    ]
    return {
        "uuid": i.uuid, "name": i.name, "unit": i.unit, "direction": i.direction,
        "description": i.description, "predictor": i.predictor, "source": i.source.uuid,
        "imported_file": i.imported_file, "updated_at": i.updated_at, "values": values,
    }  # fmt: skip


def _source(access: PlanAccess, uuid: str) -> DataSource:
    return get_or_404(
        DataSource.objects.select_related("owner_organisation"), plan=access.plan, uuid=uuid
    )


def _indicator(access: PlanAccess, uuid: str) -> Indicator:
    return get_or_404(Indicator.objects.select_related("source"), plan=access.plan, uuid=uuid)


def _source_values(access: PlanAccess, values: dict[str, Any]) -> dict[str, Any]:
    """The page's form takes groups as lines and the owner by database id: translate."""
    values = dict(values)
    if isinstance(values.get("groups"), list):
        values["groups"] = "\n".join(str(g) for g in values["groups"])
    owner = values.get("owner_organisation")
    if owner:
        found = Organisation.objects.filter(plan=access.plan, name=owner).first()
        if found is None:
            raise invalid(
                "owner_organisation", f"“{owner}” is not one of this plan's organizations."
            )
        values["owner_organisation"] = str(found.pk)
    return form_data(values)


def _source_save(access: PlanAccess, request: HttpRequest, source: DataSource | None,
                 values: dict[str, Any]) -> DataSource:  # fmt: skip
    form = DataSourceForm(_source_values(access, values), plan=access.plan)
    data = form_check(form)
    with saving():
        return services.data_source_save(
            plan=access.plan, user=request.user, data=data, owner_organisation=form.owner(),
            source=source,
        )  # fmt: skip


@router.get(f"{BASE}/sources", response=answers(list[SourceOut]), summary="The data inventory")
def sources_list(request: HttpRequest, code: str) -> Any:
    access = plan_access_for(request, code)
    found = DataSource.objects.filter(plan=access.plan).select_related("owner_organisation")
    return [source_out(s) for s in found]


@router.get(f"{BASE}/sources/{{uuid}}", response=answers(SourceOut), summary="One data source")
def source_get(request: HttpRequest, code: str, uuid: str) -> Any:
    return source_out(_source(plan_access_for(request, code), uuid))


@router.post(
    f"{BASE}/sources", response=answers(SourceOut, status=201), summary="Add a data source"
)
def source_create(request: HttpRequest, code: str, payload: SourceIn) -> Any:
    access = plan_access_for(request, code, need="edit")
    values = defaults(DataSourceForm) | payload.dict(exclude_unset=True)
    return created(source_out(_source_save(access, request, None, values)))


@router.patch(
    f"{BASE}/sources/{{uuid}}", response=answers(SourceOut), summary="Change a data source"
)
def source_update(request: HttpRequest, code: str, uuid: str, payload: SourceIn) -> Any:
    access = plan_access_for(request, code, need="edit")
    source = _source(access, uuid)
    return source_out(_source_save(access, request, source, merged(source_out(source), payload)))


@router.delete(
    f"{BASE}/sources/{{uuid}}",
    response=answers(Deleted),
    summary="Remove a data source (one without indicators)",
)
def source_delete(request: HttpRequest, code: str, uuid: str) -> Any:
    access = plan_access_for(request, code, need="edit")
    return delete_with(services.data_source_delete, source=_source(access, uuid))


def _indicator_save(
    access: PlanAccess, indicator: Indicator | None, values: dict[str, Any]
) -> Indicator:
    form = IndicatorForm(form_data(values), plan=access.plan)
    data = form_check(form)
    with saving():
        return services.indicator_save(
            plan=access.plan, data=data, source=form.source_record(), indicator=indicator
        )


@router.get(
    f"{BASE}/indicators",
    response=answers(list[IndicatorOut]),
    summary="Local indicators with their values",
)
def indicators_list(request: HttpRequest, code: str) -> Any:
    access = plan_access_for(request, code)
    found = Indicator.objects.filter(plan=access.plan).select_related("source")
    return [indicator_out(i) for i in found.prefetch_related("values")]


@router.get(
    f"{BASE}/indicators/{{uuid}}",
    response=answers(IndicatorOut),
    summary="One local indicator with its values",
)
def indicator_get(request: HttpRequest, code: str, uuid: str) -> Any:
    return indicator_out(_indicator(plan_access_for(request, code), uuid))


@router.post(
    f"{BASE}/indicators",
    response=answers(IndicatorOut, status=201),
    summary="Add a local indicator",
)
def indicator_create(request: HttpRequest, code: str, payload: IndicatorIn) -> Any:
    access = plan_access_for(request, code, need="edit")
    return created(indicator_out(_indicator_save(access, None, payload.dict(exclude_unset=True))))


@router.patch(
    f"{BASE}/indicators/{{uuid}}",
    response=answers(IndicatorOut),
    summary="Change a local indicator",
)
def indicator_update(request: HttpRequest, code: str, uuid: str, payload: IndicatorIn) -> Any:
    access = plan_access_for(request, code, need="edit")
    indicator = _indicator(access, uuid)
    values = merged(indicator_out(indicator), payload)
    return indicator_out(_indicator_save(access, indicator, values))


@router.delete(
    f"{BASE}/indicators/{{uuid}}",
    response=answers(Deleted),
    summary="Delete a local indicator and its values",
)
def indicator_delete(request: HttpRequest, code: str, uuid: str) -> Any:
    access = plan_access_for(request, code, need="edit")
    return delete_with(services.indicator_delete, indicator=_indicator(access, uuid))


@router.post(
    f"{BASE}/indicators/{{uuid}}/values",
    response=answers(IndicatorOut),
    summary="Enter one value (it replaces the value of the same year and group)",
)
def value_set(request: HttpRequest, code: str, uuid: str, payload: ValueIn) -> Any:
    access = plan_access_for(request, code, need="edit")
    indicator = _indicator(access, uuid)
    form = ValueForm(form_data(payload.dict()), unit=indicator.unit)
    form_check(form)
    assert form.row is not None  # a valid form has its row
    with saving():
        services.indicator_value_set(indicator=indicator, row=form.row)
    return indicator_out(indicator)


@router.put(
    f"{BASE}/indicators/{{uuid}}/values",
    response=answers(ValuesOut),
    summary="Replace every value (checked as the CSV upload is: all or nothing)",
)
def values_replace(request: HttpRequest, code: str, uuid: str, payload: list[ValueIn]) -> Any:
    access = plan_access_for(request, code, need="edit")
    indicator = _indicator(access, uuid)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["year", "subgroup", "value", "lb", "ub"])
    for row in payload:
        writer.writerow(
            ["" if v is None else v for v in (row.year, row.subgroup, row.value, row.lb, row.ub)]
        )
    with saving():
        outcome = services.indicator_values_import(
            indicator=indicator, data=out.getvalue().encode("utf-8"), filename="api"
        )
    if not outcome.ok:
        # Line 1 of the file is its header: value n of the list is on line n + 1.
        raise invalid(
            "values",
            "; ".join(
                f"item {p.line - 1}" + (f", {p.column}" if p.column else "") + f": {p.message}"
                for p in outcome.problems
            ),
        )
    return {"loaded": outcome.loaded, "replaced": outcome.replaced}


@router.delete(
    f"{BASE}/indicators/{{uuid}}/values",
    response=answers(Deleted),
    summary="Delete the value of one year and group",
)
def value_delete(
    request: HttpRequest, code: str, uuid: str, year: int = Query(...), subgroup: str = Query("")
) -> Any:
    access = plan_access_for(request, code, need="edit")
    indicator = _indicator(access, uuid)
    with saving():
        deleted = services.indicator_value_delete(indicator=indicator, year=year, subgroup=subgroup)
    if not deleted:
        raise Http404("No value for that year and group.")
    return {"deleted": True}
