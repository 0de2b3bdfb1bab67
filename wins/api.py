"""Early wins in the JSON API: wins (list, add, change with the version they were read at,
delete), suggestions (list, accept, set aside). Evidence files are added on the page."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema, Status
from ninja.errors import HttpError

from api.auth import PLAN_AUTH
from api.plan_kit import invalid_as_422, require, stale_as_409
from plans.access import PlanAccess, plan_for_user
from plans.models import Organisation
from strategy.models import StrategicAction
from wins import services
from wins.models import Win
from wins.selectors import suggestion_find, suggestions_list, win_detail, win_may_change

router = Router(auth=PLAN_AUTH)


class MessageOut(Schema):
    uuid: str
    messenger: str
    channel: str
    on: dt.date | None
    status: str
    note: str


class WinOut(Schema):
    uuid: str
    title: str
    what_happened: str
    happened_on: dt.date
    kind: str
    action: str | None
    made_by: str
    organisations: list[str]
    audience: str
    evidence_link: str
    evidence_file: str
    public: bool
    version: int
    messages: list[MessageOut]


class WinIn(Schema):
    title: str
    what_happened: str
    happened_on: dt.date
    kind: str = "other"
    action: uuid.UUID | None = None
    made_by: str = ""
    organisations: list[str] = []  # names of the plan's organisations
    audience: str = ""
    evidence_link: str = ""
    public: bool = True


class WinPatch(Schema):
    version: int
    title: str | None = None
    what_happened: str | None = None
    happened_on: dt.date | None = None
    kind: str | None = None
    action: uuid.UUID | None = None
    made_by: str | None = None
    organisations: list[str] | None = None
    audience: str | None = None
    evidence_link: str | None = None
    public: bool | None = None


class SuggestionOut(Schema):
    key: str
    source: str
    title: str
    what_happened: str
    happened_on: dt.date
    kind: str
    action: str | None
    reason: str


class AcceptIn(Schema):
    key: str
    title: str | None = None
    what_happened: str | None = None
    happened_on: dt.date | None = None
    kind: str | None = None
    made_by: str = ""
    audience: str = ""
    evidence_link: str = ""
    public: bool = True


class KeyIn(Schema):
    key: str


def _win_out(win: Win) -> dict[str, Any]:
    row = win_detail(win=win)
    return {
        "uuid": row.uuid, "title": row.title, "what_happened": row.what_happened,
        "happened_on": row.happened_on, "kind": row.kind, "action": row.action_uuid or None,
        "made_by": row.made_by, "organisations": row.organisations, "audience": row.audience,
        "evidence_link": row.evidence_link, "evidence_file": row.evidence_name,
        "public": row.public, "version": row.version,
        "messages": [
            {"uuid": m.uuid, "messenger": m.messenger, "channel": m.channel, "on": m.on,
             "status": m.status, "note": m.note}
            for m in row.messages
        ],
    }  # fmt: skip


def _values(access: PlanAccess, body: dict[str, Any]) -> dict[str, Any]:
    """The body as the service's fields: action uuid and organisation names become records."""
    values = {k: v for k, v in body.items() if k not in ("version", "key") and v is not None}
    if "action" in body:
        values["action"] = (
            None
            if body["action"] is None
            else get_object_or_404(StrategicAction, plan=access.plan, uuid=body["action"])
        )
    if body.get("organisations") is not None:
        names = [str(n).strip() for n in body["organisations"]]
        found = list(Organisation.objects.filter(plan=access.plan, name__in=names))
        missing = sorted(set(names) - {o.name for o in found})
        if missing:
            raise HttpError(422, f"organisations: not organizations of this plan: {missing}")
        values["organisations"] = found
    return values


@router.get("plans/{code}/wins", response=list[WinOut], summary="The plan's early wins")
def wins(request: HttpRequest, code: str) -> list[dict[str, Any]]:
    access = plan_for_user(request, code)
    found = (
        Win.objects.filter(plan=access.plan)
        .select_related("action")
        .prefetch_related("organisations", "messages")
    )
    return [_win_out(w) for w in found]


@router.post(
    "plans/{code}/wins", response={201: WinOut}, summary="Record a win (contributors and up)"
)
def win_post(request: HttpRequest, code: str, body: WinIn) -> Status[dict[str, Any]]:
    access = plan_for_user(request, code, need="contribute")
    with invalid_as_422():
        win = services.win_create(
            plan=access.plan, user=access.membership.user, data=_values(access, body.dict())
        )
    return Status(201, _win_out(win))


def _win_for(access: PlanAccess, win: uuid.UUID) -> Win:
    found = get_object_or_404(
        Win.objects.select_related("action__owner", "plan"), plan=access.plan, uuid=win
    )
    require(
        win_may_change(access=access, win=found),
        "Only an editor, or the contributor who recorded it, may change it.",
    )
    return found


@router.patch(
    "plans/{code}/wins/{uuid:win}",
    response=WinOut,
    summary="Change a win: send the version you read and the fields to change (409 when stale)",
)
def win_patch(request: HttpRequest, code: str, win: uuid.UUID, body: WinPatch) -> dict[str, Any]:
    access = plan_for_user(request, code, need="contribute")
    found = _win_for(access, win)
    with stale_as_409(services.StaleRecord), invalid_as_422():
        saved = services.win_update(
            win=found, version=body.version,
            data=_values(access, body.dict(exclude_unset=True)),
        )  # fmt: skip
    return _win_out(saved)


@router.delete(
    "plans/{code}/wins/{uuid:win}",
    response={204: None},
    summary="Delete a win at the version you read (409 when someone saved it since)",
)
def win_remove(
    request: HttpRequest, code: str, win: uuid.UUID, version: int = Query(...)
) -> Status[None]:
    access = plan_for_user(request, code, need="contribute")
    with stale_as_409(services.StaleRecord):
        services.win_delete(win=_win_for(access, win), version=version)
    return Status(204, None)


@router.get(
    "plans/{code}/wins/suggestions",
    response=list[SuggestionOut],
    summary="Possible wins from milestones reached and measures that improved for real",
)
def suggestions(request: HttpRequest, code: str) -> list[dict[str, Any]]:
    access = plan_for_user(request, code)
    return [
        {**vars(s), "action": s.action_uuid or None} for s in suggestions_list(plan=access.plan)
    ]


@router.post(
    "plans/{code}/wins/suggestions/accept",
    response={201: WinOut},
    summary="Make a suggestion a win, as it is or with changes (404 when no longer waiting)",
)
def suggestion_accept(request: HttpRequest, code: str, body: AcceptIn) -> Status[dict[str, Any]]:
    access = plan_for_user(request, code, need="contribute")
    found = suggestion_find(plan=access.plan, key=body.key)
    if found is None:
        raise HttpError(404, "This suggestion is no longer waiting.")
    data = {
        "title": found.title, "what_happened": found.what_happened,
        "happened_on": found.happened_on, "kind": found.kind,
        "action": StrategicAction.objects.filter(plan=access.plan, uuid=found.action_uuid).first(),
    } | {k: v for k, v in body.dict().items() if k != "key" and v is not None}  # fmt: skip
    with invalid_as_422():
        win = services.win_create(
            plan=access.plan, user=access.membership.user, data=data, source_key=found.key
        )
    return Status(201, _win_out(win))


@router.post(
    "plans/{code}/wins/suggestions/dismiss",
    response={204: None},
    summary="Set a suggestion aside so it is not proposed again (editors and owners)",
)
def suggestion_dismiss(request: HttpRequest, code: str, body: KeyIn) -> Status[None]:
    access = plan_for_user(request, code, need="edit")
    found = suggestion_find(plan=access.plan, key=body.key)
    if found is None:
        raise HttpError(404, "This suggestion is no longer waiting.")
    services.suggestion_dismiss(
        plan=access.plan, user=access.membership.user, key=found.key, title=found.title
    )
    return Status(204, None)
