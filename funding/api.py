"""The funding ledger in the JSON API: entries (list, add, change with the version they were
read at, delete), what an action needs, and gaps by action, priority or pillar. Amounts are
dollars, sent and returned as decimal strings ("1200.00") so no cent is lost to floats."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from typing import Any, Literal

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema, Status
from ninja.errors import HttpError

from api.auth import PLAN_AUTH
from api.plan_kit import invalid_as_422, require, stale_as_409
from funding import services
from funding.models import FundingEntry, Renewal
from funding.selectors import actions_funding, entry_row, gaps_group
from plans.access import PlanAccess, plan_for_user
from strategy.models import StrategicAction

router = Router(auth=PLAN_AUTH)
NULLABLE = {"starts_on", "ends_on", "people_reached"}  # null clears them; other nulls are ignored


class EntryOut(Schema):
    uuid: str
    action: str
    action_title: str
    funder: str
    source_type: str
    status: str
    committed: Decimal
    received: Decimal
    spent: Decimal
    received_above_committed: bool
    starts_on: dt.date | None
    ends_on: dt.date | None
    renewal_expected: str
    restrictions: str
    people_reached: int | None
    notes: str
    overspent: bool
    version: int


class EntryIn(Schema):
    source_type: str
    funder: str  # a plan organisation's name links to it; any other name is kept as written
    status: str = "proposed"
    committed: Decimal
    received: Decimal = Decimal(0)
    spent: Decimal = Decimal(0)
    received_above_committed: bool = False
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None
    renewal_expected: str = Renewal.UNKNOWN
    restrictions: str = ""
    people_reached: int | None = None
    notes: str = ""


class EntryPatch(Schema):
    version: int
    source_type: str | None = None
    funder: str | None = None
    status: str | None = None
    committed: Decimal | None = None
    received: Decimal | None = None
    spent: Decimal | None = None
    received_above_committed: bool | None = None
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None
    renewal_expected: str | None = None
    restrictions: str | None = None
    people_reached: int | None = None
    notes: str | None = None


class NeedIn(Schema):
    amount: Decimal
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    note: str = ""
    version: int  # 0 when the action has no need recorded yet


class NeedOut(Schema):
    action: str
    amount: Decimal
    period_start: dt.date | None
    period_end: dt.date | None
    note: str
    version: int


class GapOut(Schema):
    label: str
    actions: int
    needed: Decimal
    committed: Decimal
    shortfall: Decimal
    without_need: int


def _entry_out(entry: FundingEntry) -> dict[str, Any]:
    row = entry_row(entry)
    return {
        **{name: getattr(entry, name) for name in services.ENTRY_FIELDS},
        "uuid": row.uuid, "action": row.action_uuid, "action_title": row.action_title,
        "funder": row.funder, "overspent": row.overspent, "version": entry.version,
    }  # fmt: skip


def _may_change(access: PlanAccess, action: StrategicAction) -> None:
    require(
        access.may_change(assigned_to=action.owner),
        "Only the action's owner or an editor may change its funding.",
    )


def _values(access: PlanAccess, body: dict[str, Any]) -> dict[str, Any]:
    """The body as the service's fields: the funder's name becomes an organisation or a name."""
    values = {
        k: v
        for k, v in body.items()
        if k not in ("funder", "version") and (v is not None or k in NULLABLE)
    }
    if "funder" in body:
        name = (body["funder"] or "").strip()
        if len(name) > 200:
            raise HttpError(422, "funder: at most 200 characters.")
        organisation = services.funder_organisation_for(plan=access.plan, name=name)
        values["funder_organisation"] = organisation
        values["funder_name"] = "" if organisation else name
    return values


@router.get(
    "plans/{code}/funding/entries",
    response=list[EntryOut],
    summary="Every funding entry of the plan, or of one action",
)
def entries(
    request: HttpRequest, code: str, action: uuid.UUID | None = None
) -> list[dict[str, Any]]:
    access = plan_for_user(request, code)
    found = FundingEntry.objects.filter(action__plan=access.plan).select_related(
        "action", "funder_organisation"
    )
    if action is not None:
        found = found.filter(action__uuid=action)
    return [_entry_out(e) for e in found]


@router.post(
    "plans/{code}/funding/actions/{action}/entries",
    response={201: EntryOut},
    summary="Add a funding entry to an action (editors, or the contributor who owns it)",
)
def entry_post(
    request: HttpRequest, code: str, action: uuid.UUID, body: EntryIn
) -> Status[dict[str, Any]]:
    access = plan_for_user(request, code, need="contribute")
    target = get_object_or_404(StrategicAction, plan=access.plan, uuid=action)
    _may_change(access, target)
    with invalid_as_422():
        entry = services.funding_entry_create(
            action=target, user=access.membership.user, data=_values(access, body.dict())
        )
    return Status(201, _entry_out(entry))


def _entry_for(access: PlanAccess, entry: uuid.UUID) -> FundingEntry:
    found = get_object_or_404(
        FundingEntry.objects.select_related("action__owner", "funder_organisation"),
        action__plan=access.plan,
        uuid=entry,
    )
    _may_change(access, found.action)
    return found


@router.patch(
    "plans/{code}/funding/entries/{entry}",
    response=EntryOut,
    summary="Change an entry: send the version you read and the fields to change (409 when "
    "someone saved it since)",
)
def entry_patch(
    request: HttpRequest, code: str, entry: uuid.UUID, body: EntryPatch
) -> dict[str, Any]:
    access = plan_for_user(request, code, need="contribute")
    found = _entry_for(access, entry)
    with stale_as_409(services.StaleRecord), invalid_as_422():
        saved = services.funding_entry_update(
            entry=found,
            version=body.version,
            data=_values(access, body.dict(exclude_unset=True)),
        )
    return _entry_out(saved)


@router.delete(
    "plans/{code}/funding/entries/{entry}",
    response={204: None},
    summary="Delete an entry at the version you read (409 when someone saved it since)",
)
def entry_remove(
    request: HttpRequest, code: str, entry: uuid.UUID, version: int = Query(...)
) -> Status[None]:
    access = plan_for_user(request, code, need="contribute")
    with stale_as_409(services.StaleRecord):
        services.funding_entry_delete(entry=_entry_for(access, entry), version=version)
    return Status(204, None)


@router.put(
    "plans/{code}/funding/actions/{action}/need",
    response=NeedOut,
    summary="Record what an action needs in all (version 0 the first time; 409 when stale)",
)
def need_put(request: HttpRequest, code: str, action: uuid.UUID, body: NeedIn) -> dict[str, Any]:
    access = plan_for_user(request, code, need="contribute")
    target = get_object_or_404(StrategicAction.objects.select_related("owner"),
                               plan=access.plan, uuid=action)  # fmt: skip
    _may_change(access, target)
    with stale_as_409(services.StaleRecord), invalid_as_422():
        need = services.funding_need_set(action=target, **body.dict())
    return {
        "action": str(target.uuid), "amount": need.amount, "period_start": need.period_start,
        "period_end": need.period_end, "note": need.note, "version": need.version,
    }  # fmt: skip


@router.get(
    "plans/{code}/funding/gaps",
    response=list[GapOut],
    summary="Needed, committed and still needed, by action, priority or pillar",
)
def gaps(
    request: HttpRequest,
    code: str,
    by: Literal["action", "priority", "pillar"] = Query("action"),
) -> list[dict[str, Any]]:
    access = plan_for_user(request, code)
    rows = gaps_group(actions=actions_funding(plan=access.plan), by=by)
    return [{**vars(row), "without_need": row.unknown} for row in rows]
