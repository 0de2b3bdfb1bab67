"""Continuity in the JSON API: each open action's exposure, positions and elections."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema, Status
from ninja.errors import HttpError

from api.auth import PLAN_AUTH
from continuity import selectors, services
from continuity.models import Election, SeatKind
from plans.access import plan_for_user
from plans.models import Membership

router = Router(auth=PLAN_AUTH)


class ReasonOut(Schema):
    text: str
    points: int


class ActionRiskOut(Schema):
    uuid: str
    title: str
    status: str
    owner: str
    owner_kind: str
    backup: str
    level: str
    points: int
    reasons: list[ReasonOut]


class PersonOut(Schema):
    uuid: str
    name: str
    kind: str
    seat: str
    term_ends_on: dt.date | None
    leads: int
    backs: int
    version: int


class ContinuityOut(Schema):
    today: dt.date
    horizon_days: int
    exposure: str
    counts: dict[str, int]
    actions: list[ActionRiskOut]
    people: list[PersonOut]


class TenureIn(Schema):
    kind: str
    seat: str = ""
    term_ends_on: dt.date | None = None
    notes: str = ""
    version: int


class ElectionIn(Schema):
    title: str
    held_on: dt.date
    seats: str = ""
    members: list[uuid.UUID] = []  # member UUIDs
    outcome: str = ""


class ElectionOut(Schema):
    uuid: str
    title: str
    held_on: dt.date
    seats: str
    members: list[str]
    outcome: str


def _election_out(election: Election) -> dict[str, Any]:
    return {
        "uuid": str(election.uuid), "title": election.title, "held_on": election.held_on,
        "seats": election.seats, "outcome": election.outcome,
        "members": [str(m.uuid) for m in election.members.all()],
    }  # fmt: skip


@router.get(
    "plans/{code}/continuity",
    response=ContinuityOut,
    summary="Each open action's exposure to a change of leadership, with its reasons",
)
def continuity(
    request: HttpRequest, code: str, horizon_days: int = Query(365, ge=30, le=2000)
) -> dict[str, Any]:
    access = plan_for_user(request, code)
    overview = selectors.continuity_overview(plan=access.plan, horizon_days=horizon_days)
    return {
        "today": overview.today, "horizon_days": overview.horizon_days,
        "exposure": overview.exposure, "counts": overview.counts,
        "actions": [
            {**vars(a), "level": a.level, "points": a.points,
             "reasons": [vars(r) for r in a.reasons]}
            for a in overview.actions
        ],
        "people": [vars(p) for p in overview.people],
    }  # fmt: skip


@router.put(
    "plans/{code}/continuity/people/{member}",
    response={200: PersonOut},
    summary="Record a member's kind of position, seat and term (409 when the version is stale)",
)
def tenure_put(
    request: HttpRequest, code: str, member: uuid.UUID, body: TenureIn
) -> dict[str, Any]:
    access = plan_for_user(request, code, need="edit")
    membership, _ = selectors.tenure_for(plan=access.plan, member_uuid=str(member))
    if body.kind not in SeatKind.values:
        raise HttpError(422, f"kind: choose one of {', '.join(SeatKind.values)}.")
    try:
        services.tenure_set(membership=membership, **body.dict())
    except services.StaleEdit as error:
        raise HttpError(409, error.messages[0]) from error
    person = next(
        p
        for p in selectors.continuity_overview(plan=access.plan).people
        if p.uuid == str(membership.uuid)
    )
    return vars(person)


@router.get(
    "plans/{code}/continuity/elections",
    response=list[ElectionOut],
    summary="Elections and changes of administration on the plan's calendar",
)
def elections(request: HttpRequest, code: str) -> list[dict[str, Any]]:
    access = plan_for_user(request, code)
    records = Election.objects.filter(plan=access.plan).prefetch_related("members")
    return [_election_out(e) for e in records]


@router.post(
    "plans/{code}/continuity/elections",
    response={201: ElectionOut},
    summary="Add an election; members are named by their membership UUID",
)
def election_post(request: HttpRequest, code: str, body: ElectionIn) -> Status[Any]:
    access = plan_for_user(request, code, need="edit")
    members = list(Membership.objects.filter(plan=access.plan, uuid__in=body.members))
    if len(members) != len(set(body.members)):
        raise HttpError(422, "members: every member must belong to this plan.")
    try:
        election = services.election_create(plan=access.plan, **{**body.dict(), "members": members})
    except ValidationError as error:
        raise HttpError(422, "; ".join(error.messages)) from error
    return Status(201, _election_out(election))


@router.delete(
    "plans/{code}/continuity/elections/{election}",
    response={204: None},
    summary="Remove an election from the calendar",
)
def election_remove(request: HttpRequest, code: str, election: uuid.UUID) -> Status[None]:
    access = plan_for_user(request, code, need="edit")
    services.election_delete(election=get_object_or_404(Election, plan=access.plan, uuid=election))
    return Status(204, None)
