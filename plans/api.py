"""The plan endpoints of /api/v1/: plans, step 1 (the approach), the ten steps' progress,
members and invitations, and step 2 (peers and insights). Same forms, services and role
rules as the pages; a personal token (Authorization: Bearer upw_...) names the user."""

from __future__ import annotations

import datetime as dt
from typing import Any
from uuid import UUID

from django.http import HttpRequest
from django.urls import reverse
from ninja import Body, Router, Schema
from ninja.errors import HttpError

from api.auth import PLAN_AUTH
from api.plan_kit import (
    Deleted,
    answers,
    created,
    delete_with,
    form_check,
    form_data,
    get_or_404,
    merged,
    plan_access_for,
    save_with,
    saving,
    user_name,
)
from plans import services
from plans.access import signed_in_user
from plans.forms import (
    ApproachForm,
    InsightDecisionForm,
    InsightEditForm,
    InsightWriteForm,
    InviteForm,
    PlanCreateForm,
    RoleForm,
)
from plans.models import Membership, Plan, PlanInsight
from plans.selectors import plan_members, plan_metrics, plans_for_user
from plans.steps import plan_steps

router = Router(auth=PLAN_AUTH)


# -- Schemas -------------------------------------------------------------------------------


class PlanCardOut(Schema):
    code: str
    title: str
    place: str
    role: str
    steps_complete: int


class PlanOut(Schema):
    code: str
    uuid: UUID
    title: str
    geoid: str
    place: str
    lead_organisation: str | None
    role: str
    purpose: str
    principles: list[str]
    approach_notes: str
    published: bool
    published_parts: list[str]
    created_at: dt.datetime
    updated_at: dt.datetime


class PlanCreateIn(Schema):
    title: str
    jurisdiction: str  # a GEOID or "name, state"
    lead_name: str
    lead_kind: str


class ApproachIn(Schema):
    purpose: str | None = None
    principles: list[str] | None = None
    approach_notes: str | None = None


class StepOut(Schema):
    number: int
    title: str
    purpose: str
    state: str
    done: list[str]
    next_action: str
    url: str


class MemberOut(Schema):
    uuid: UUID
    username: str
    name: str
    role: str
    organisation: str | None
    joined_at: dt.datetime


class RoleIn(Schema):
    role: str  # owner, editor, contributor or viewer


class InvitationIn(Schema):
    email: str
    role: str = "contributor"


class InvitationOut(Schema):
    email: str
    role: str
    created_at: dt.datetime
    accepted: bool


class PeerOut(Schema):
    geoid: str
    name: str
    reason: str
    chosen: bool


class PeersIn(Schema):
    geoids: list[str]


class InsightOut(Schema):
    uuid: UUID
    key: str
    metric: str
    statement: str
    note: str
    status: str
    evidence: list[dict[str, Any]]
    created_by: str
    updated_at: dt.datetime


class SuggestedInsightOut(Schema):
    key: str
    kind: str
    tone: str
    metric: str
    sentence: str
    decision: str | None  # kept, dismissed or None (not decided)


class InsightsOut(Schema):
    suggested: list[SuggestedInsightOut]
    recorded: list[InsightOut]


class InsightDecisionIn(Schema):
    key: str
    decision: str  # keep or dismiss
    statement: str = ""


class InsightWriteIn(Schema):
    statement: str
    note: str = ""
    metric: str = ""


class InsightEditIn(Schema):
    statement: str | None = None
    note: str | None = None
    keep: bool | None = None


# -- Plans and step 1 ----------------------------------------------------------------------


def plan_out(plan: Plan, membership: Membership) -> dict[str, Any]:
    lead = plan.lead_organisation
    return {
        "code": plan.code, "uuid": plan.uuid, "title": plan.title,
        "geoid": plan.geography.geoid, "place": str(plan.geography),
        "lead_organisation": lead.name if lead else None, "role": membership.role,
        "purpose": plan.purpose, "principles": list(plan.principles),
        "approach_notes": plan.approach_notes, "published": plan.published,
        "published_parts": list(plan.published_parts or []),
        "created_at": plan.created_at, "updated_at": plan.updated_at,
    }  # fmt: skip


@router.get("plans", response=list[PlanCardOut], summary="The plans you belong to, with your role")
def plan_list(request: HttpRequest) -> Any:
    user = signed_in_user(request)
    roles = dict(Membership.objects.filter(user=user).values_list("plan__code", "role"))
    return [vars(card) | {"role": roles[card.code]} for card in plans_for_user(user=user)]


@router.post("plans", response=answers(PlanOut, status=201), summary="Create a plan (you own it)")
def plan_create(request: HttpRequest, payload: PlanCreateIn) -> Any:
    data = form_check(PlanCreateForm(form_data(payload.dict())))
    with saving():
        plan = services.plan_create(
            user=signed_in_user(request), title=data["title"], geography=data["jurisdiction"],
            lead_name=data["lead_name"], lead_kind=data["lead_kind"],
        )  # fmt: skip
    access = plan_access_for(request, plan.code)
    return created(plan_out(access.plan, access.membership))


@router.get("plans/{code}", response=answers(PlanOut), summary="A plan and its approach (step 1)")
def plan_get(request: HttpRequest, code: str) -> Any:
    access = plan_access_for(request, code)
    return plan_out(access.plan, access.membership)


@router.patch(
    "plans/{code}",
    response=answers(PlanOut),
    summary="Change the approach (step 1): purpose, principles, notes",
)
def plan_update(request: HttpRequest, code: str, payload: ApproachIn) -> Any:
    access = plan_access_for(request, code, need="edit")
    plan = access.plan
    current = {
        "purpose": plan.purpose,
        "principles": plan.principles,
        "approach_notes": plan.approach_notes,
    }
    values = merged(current, payload)
    values["notes"] = values.pop("approach_notes")
    data = form_check(ApproachForm(values))
    with saving():
        services.plan_approach_update(
            plan=plan, purpose=data["purpose"], principles=data["principles"], notes=data["notes"]
        )
    return plan_out(plan, access.membership)


@router.get(
    "plans/{code}/steps",
    response=answers(list[StepOut]),
    summary="The ten steps and how far each has come",
)
def plan_steps_get(request: HttpRequest, code: str) -> Any:
    access = plan_access_for(request, code)
    return [vars(step) for step in plan_steps(plan=access.plan)]


# -- Members and invitations ---------------------------------------------------------------


def member_out(m: Membership) -> dict[str, Any]:
    return {
        "uuid": m.uuid, "username": m.user.get_username(), "name": user_name(m.user),
        "role": m.role, "organisation": m.organisation.name if m.organisation else None,
        "joined_at": m.created_at,
    }  # fmt: skip


@router.get(
    "plans/{code}/members",
    response=answers(list[MemberOut]),
    summary="The plan's members and their roles",
)
def members_list(request: HttpRequest, code: str) -> Any:
    access = plan_access_for(request, code)
    return [member_out(m) for m in plan_members(plan=access.plan)]


@router.patch(
    "plans/{code}/members/{member}",
    response=answers(MemberOut),
    summary="Change a member's role (owners)",
)
def member_role_set(request: HttpRequest, code: str, member: str, payload: RoleIn) -> Any:
    access = plan_access_for(request, code, need="manage")
    membership = get_or_404(
        Membership.objects.select_related("user"), plan=access.plan, uuid=member
    )
    form = RoleForm(form_data(payload.dict()))
    save_with(services.membership_role_set, form, membership=membership)
    return member_out(membership)


@router.delete(
    "plans/{code}/members/{member}", response=answers(Deleted), summary="Remove a member (owners)"
)
def member_remove(request: HttpRequest, code: str, member: str) -> Any:
    access = plan_access_for(request, code, need="manage")
    membership = get_or_404(Membership.objects.all(), plan=access.plan, uuid=member)
    return delete_with(services.membership_remove, membership=membership)


@router.get(
    "plans/{code}/invitations",
    response=answers(list[InvitationOut]),
    summary="Invitations not yet accepted",
)
def invitations_list(request: HttpRequest, code: str) -> Any:
    access = plan_access_for(request, code)
    return [
        {"email": i.email, "role": i.role, "created_at": i.created_at, "accepted": False}
        for i in access.plan.invitations.filter(accepted_at__isnull=True).order_by("created_at")
    ]


@router.post(
    "plans/{code}/invitations",
    response=answers(InvitationOut, status=201),
    summary="Invite someone by e-mail with a role (owners); they accept through the link sent",
)
def invitation_create(request: HttpRequest, code: str, payload: InvitationIn) -> Any:
    access = plan_access_for(request, code, need="manage")
    form = InviteForm(form_data(payload.dict()))
    data = form_check(form)
    accept = request.build_absolute_uri(reverse("plans:invitations"))
    with saving():
        invitation = services.invitation_create(
            plan=access.plan, email=data["email"], role=data["role"],
            invited_by=signed_in_user(request), accept_url=accept,
        )  # fmt: skip
    return created({
        "email": invitation.email, "role": invitation.role,
        "created_at": invitation.created_at, "accepted": False,
    })  # fmt: skip


# -- Step 2: peers and insights --------------------------------------------------------------


@router.get(
    "plans/{code}/peers",
    response=answers(list[PeerOut]),
    summary="Peer places: the chosen set and the suggestions",
)
def peers_get(request: HttpRequest, code: str) -> Any:
    access = plan_access_for(request, code)
    data = plan_metrics(plan=access.plan)
    rows = [
        {"geoid": p.geoid, "name": f"{p.name}, {p.state_name}", "reason": p.reason,
         "chosen": p.geoid in data.chosen}
        for p in data.peers
    ]  # fmt: skip
    suggested = {p.geoid for p in data.peers}
    for peer in access.plan.peers.select_related("geography"):
        if peer.geography.geoid not in suggested:
            rows.append({"geoid": peer.geography.geoid, "name": str(peer.geography),
                         "reason": peer.reason, "chosen": True})  # fmt: skip
    return rows


@router.put(
    "plans/{code}/peers",
    response=answers(list[PeerOut]),
    summary="Choose the peer set (GEOIDs among the suggestions)",
)
def peers_set(request: HttpRequest, code: str, payload: PeersIn) -> Any:
    access = plan_access_for(request, code, need="edit")
    with saving():
        services.plan_peers_choose(plan=access.plan, geoids=payload.geoids)
    return peers_get(request, code)


def insight_out(record: PlanInsight) -> dict[str, Any]:
    return {
        "uuid": record.uuid, "key": record.key, "metric": record.metric_slug,
        "statement": record.statement, "note": record.note, "status": record.status,
        "evidence": list(record.evidence), "created_by": user_name(record.created_by),
        "updated_at": record.updated_at,
    }  # fmt: skip


@router.get(
    "plans/{code}/insights",
    response=answers(InsightsOut),
    summary="Insights computed from the metrics with their decisions, and those recorded",
)
def insights_get(request: HttpRequest, code: str) -> Any:
    access = plan_access_for(request, code)
    data = plan_metrics(plan=access.plan)
    suggested = [
        {"key": row.key, "kind": row.insight.kind, "tone": row.insight.tone,
         "metric": row.insight.metric_slug, "sentence": row.insight.sentence,
         "decision": row.decision.status if row.decision else None}
        for row in data.suggested
    ]  # fmt: skip
    recorded = access.plan.insights.select_related("created_by")
    return {"suggested": suggested, "recorded": [insight_out(r) for r in recorded]}


@router.post(
    "plans/{code}/insights/decisions",
    response=answers(InsightOut),
    summary="Keep (optionally reworded) or dismiss a computed insight, by its key",
)
def insight_decide(request: HttpRequest, code: str, payload: InsightDecisionIn) -> Any:
    access = plan_access_for(request, code, need="edit")
    data = form_check(InsightDecisionForm(form_data(payload.dict())))
    with saving():
        record = services.insight_decide_by_key(
            plan=access.plan, key=data["key"], keep=data["decision"] == "keep",
            user=signed_in_user(request), statement=data["statement"],
        )  # fmt: skip
    return insight_out(record)


@router.post(
    "plans/{code}/insights",
    response=answers(InsightOut, status=201),
    summary="Write an insight of your own",
)
def insight_write(request: HttpRequest, code: str, payload: InsightWriteIn) -> Any:
    access = plan_access_for(request, code, need="edit")
    data = form_check(InsightWriteForm(form_data(payload.dict())))
    with saving():
        record = services.insight_write(
            plan=access.plan, statement=data["statement"], note=data["note"],
            metric_slug=data["metric"], user=signed_in_user(request),
        )  # fmt: skip
    return created(insight_out(record))


@router.patch(
    "plans/{code}/insights/{uuid}",
    response=answers(InsightOut),
    summary="Reword, annotate, keep or dismiss an insight",
)
def insight_update(request: HttpRequest, code: str, uuid: str, payload: InsightEditIn) -> Any:
    access = plan_access_for(request, code, need="edit")
    record = get_or_404(PlanInsight.objects.all(), plan=access.plan, uuid=uuid)
    current = {"statement": record.statement, "note": record.note, "keep": record.status == "kept"}
    save_with(services.insight_update, InsightEditForm(merged(current, payload)), record=record)
    return insight_out(record)


# -- The plan as one document (the open exchange format, /schema/map-v1.json) -------------


@router.get(
    "plans/{code}/export",
    response=answers(dict[str, Any]),
    summary="The whole plan as one exchange document (owners and editors)",
)
def plan_export_api(request: HttpRequest, code: str) -> Any:
    from plans.exchange.export import plan_export

    access = plan_access_for(request, code, need="edit")
    return plan_export(plan=access.plan)


@router.post(
    "plan-imports",
    response=answers(PlanOut, status=201),
    summary="A new plan from an exchange document (you own it); 422 lists every problem",
)
def plan_import_api(
    request: HttpRequest, document: Body[dict[str, Any]], code: str | None = None
) -> Any:
    import json

    from plans.exchange.importer import PlanImportError, plan_import

    try:
        plan = plan_import(
            data=json.dumps(document), owner=signed_in_user(request), code=code, code_auto=not code
        )
    except PlanImportError as error:
        raise HttpError(422, "; ".join(str(p) for p in error.problems)) from error
    access = plan_access_for(request, plan.code)
    return created(plan_out(access.plan, access.membership))
