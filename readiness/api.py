"""Step 3 in the JSON API: readiness assessments, their domains and items (ratings, evidence,
gap actions) and the decision. Same forms, services and role rules as the pages: editors
change everything; the owner of a gap action (a contributor) updates its status and note."""

from __future__ import annotations

import datetime as dt
from typing import Any
from uuid import UUID

from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Router, Schema

from api.auth import PLAN_AUTH
from api.plan_kit import (
    Deleted,
    answers,
    created,
    delete_with,
    form_check,
    form_data,
    get_or_404,
    invalid,
    merged,
    plan_access_for,
    require,
    save_with,
    saving,
)
from plans.access import PlanAccess
from plans.models import Membership
from readiness import services
from readiness.forms import (
    AssessmentEditForm,
    AssessmentStartForm,
    DecisionForm,
    DomainAddForm,
    DomainForm,
    GapUpdateForm,
    ItemForm,
)
from readiness.models import Assessment, Domain, Item
from readiness.selectors import assessment_compare, assessment_view

router = Router(auth=PLAN_AUTH)
BASE = "plans/{code}/readiness"


class ItemOut(Schema):
    uuid: UUID
    key: str
    text: str
    rating: str  # "" not rated yet, not_in_place, emerging, partly, fully, unknown
    evidence: str
    gap_action: str
    gap_owner: UUID | None  # a member's uuid
    gap_due: dt.date | None
    gap_status: str
    gap_note: str


class DomainOut(Schema):
    uuid: UUID
    key: str
    title: str
    description: str
    items: list[ItemOut]


class ScoreOut(Schema):
    key: str
    title: str
    total: int
    counts: dict[str, int]
    score: float | None


class AssessmentSummaryOut(Schema):
    uuid: UUID
    title: str
    assessed_on: dt.date
    decision: str
    rationale: str
    decided_on: dt.date | None


class AssessmentOut(AssessmentSummaryOut):
    domains: list[DomainOut]
    scorecard: list[ScoreOut]
    overall: ScoreOut


class AssessmentIn(Schema):
    assessed_on: dt.date | None = None
    title: str | None = None


class DecisionIn(Schema):
    decision: str  # proceed, conditions or not_yet
    rationale: str
    decided_on: dt.date


class DomainIn(Schema):
    title: str | None = None
    description: str | None = None


class ItemNewIn(Schema):
    text: str


class ItemIn(Schema):
    text: str | None = None
    rating: str | None = None
    evidence: str | None = None
    gap_action: str | None = None
    gap_owner: UUID | None = None
    gap_due: dt.date | None = None
    gap_status: str | None = None


class GapIn(Schema):
    status: str  # open or done
    note: str = ""


def item_out(item: Item) -> dict[str, Any]:
    return {
        "uuid": item.uuid, "key": item.key, "text": item.text, "rating": item.rating,
        "evidence": item.evidence, "gap_action": item.gap_action,
        "gap_owner": item.gap_owner.uuid if item.gap_owner else None, "gap_due": item.gap_due,
        "gap_status": item.gap_status, "gap_note": item.gap_note,
    }  # fmt: skip


def domain_out(domain: Domain) -> dict[str, Any]:
    return {
        "uuid": domain.uuid, "key": domain.key, "title": domain.title,
        "description": domain.description,
        "items": [item_out(i) for i in domain.items.select_related("gap_owner")],
    }  # fmt: skip


def summary_out(a: Assessment) -> dict[str, Any]:
    return {
        "uuid": a.uuid, "title": a.title, "assessed_on": a.assessed_on, "decision": a.decision,
        "rationale": a.rationale, "decided_on": a.decided_on,
    }  # fmt: skip


def assessment_out(a: Assessment, access: PlanAccess) -> dict[str, Any]:
    view = assessment_view(assessment=a, access=access)
    scores = [vars(s) for s in view.scorecard.domains]
    return summary_out(a) | {
        "domains": [domain_out(d) for d in a.domains.all()],
        "scorecard": scores,
        "overall": vars(view.scorecard.overall),
    }


def _assessment(access: PlanAccess, uuid: str) -> Assessment:
    return get_or_404(Assessment.objects.all(), plan=access.plan, uuid=uuid)


def _domain(access: PlanAccess, uuid: str) -> Domain:
    return get_or_404(
        Domain.objects.select_related("assessment"), assessment__plan=access.plan, uuid=uuid
    )


def _item(access: PlanAccess, uuid: str) -> Item:
    return get_or_404(
        Item.objects.select_related("domain__assessment", "gap_owner__user"),
        domain__assessment__plan=access.plan, uuid=uuid,
    )  # fmt: skip


@router.get(
    f"{BASE}/assessments",
    response=answers(list[AssessmentSummaryOut]),
    summary="Readiness assessments, latest first",
)
def assessments_list(request: HttpRequest, code: str) -> Any:
    access = plan_access_for(request, code)
    return [summary_out(a) for a in Assessment.objects.filter(plan=access.plan)]


@router.post(
    f"{BASE}/assessments",
    response=answers(AssessmentOut, status=201),
    summary="Start an assessment (from the defaults or the latest one)",
)
def assessment_start(request: HttpRequest, code: str, payload: AssessmentIn) -> Any:
    access = plan_access_for(request, code, need="edit")
    values = {"assessed_on": timezone.localdate()} | payload.dict(exclude_unset=True)
    form = AssessmentStartForm(form_data(values))
    record = save_with(services.assessment_start, form, plan=access.plan, user=request.user)
    return created(assessment_out(record, access))


@router.get(
    f"{BASE}/assessments/{{uuid}}",
    response=answers(AssessmentOut),
    summary="An assessment: domains, items, scorecard, decision",
)
def assessment_get(request: HttpRequest, code: str, uuid: str) -> Any:
    access = plan_access_for(request, code)
    return assessment_out(_assessment(access, uuid), access)


@router.patch(
    f"{BASE}/assessments/{{uuid}}",
    response=answers(AssessmentOut),
    summary="Change an assessment's date and name",
)
def assessment_update(request: HttpRequest, code: str, uuid: str, payload: AssessmentIn) -> Any:
    access = plan_access_for(request, code, need="edit")
    record = _assessment(access, uuid)
    current = {"assessed_on": record.assessed_on, "title": record.title}
    form = AssessmentEditForm(merged(current, payload))
    save_with(services.assessment_details_update, form, assessment=record)
    return assessment_out(record, access)


@router.delete(
    f"{BASE}/assessments/{{uuid}}",
    response=answers(Deleted),
    summary="Delete an assessment with its ratings",
)
def assessment_delete(request: HttpRequest, code: str, uuid: str) -> Any:
    access = plan_access_for(request, code, need="edit")
    return delete_with(services.assessment_delete, assessment=_assessment(access, uuid))


@router.put(
    f"{BASE}/assessments/{{uuid}}/decision",
    response=answers(AssessmentSummaryOut),
    summary="Record the decision and its reasons",
)
def assessment_decide(request: HttpRequest, code: str, uuid: str, payload: DecisionIn) -> Any:
    access = plan_access_for(request, code, need="edit")
    record = _assessment(access, uuid)
    form = DecisionForm(form_data(payload.dict()))
    save_with(services.assessment_decide, form, assessment=record)
    return summary_out(record)


@router.post(
    f"{BASE}/assessments/{{uuid}}/domains",
    response=answers(DomainOut, status=201),
    summary="Add a domain of your own",
)
def domain_add(request: HttpRequest, code: str, uuid: str, payload: DomainIn) -> Any:
    access = plan_access_for(request, code, need="edit")
    record = _assessment(access, uuid)
    form = DomainAddForm(form_data(payload.dict()))
    return created(domain_out(save_with(services.domain_add, form, assessment=record)))


@router.patch(
    f"{BASE}/domains/{{uuid}}", response=answers(DomainOut), summary="Rename or describe a domain"
)
def domain_update(request: HttpRequest, code: str, uuid: str, payload: DomainIn) -> Any:
    access = plan_access_for(request, code, need="edit")
    domain = _domain(access, uuid)
    current = {"title": domain.title, "description": domain.description, "new_item": ""}
    data = form_check(DomainForm(merged(current, payload)))
    with saving():
        services.domain_update(
            domain=domain, title=data["title"], description=data["description"], changes=[]
        )
    return domain_out(domain)


@router.delete(
    f"{BASE}/domains/{{uuid}}", response=answers(Deleted), summary="Remove a domain and its items"
)
def domain_remove(request: HttpRequest, code: str, uuid: str) -> Any:
    access = plan_access_for(request, code, need="edit")
    return delete_with(services.domain_remove, domain=_domain(access, uuid))


@router.post(
    f"{BASE}/domains/{{uuid}}/items",
    response=answers(DomainOut, status=201),
    summary="Add an item to a domain",
)
def item_add(request: HttpRequest, code: str, uuid: str, payload: ItemNewIn) -> Any:
    access = plan_access_for(request, code, need="edit")
    domain = _domain(access, uuid)
    values = {"title": domain.title, "description": domain.description, "new_item": payload.text}
    data = form_check(DomainForm(form_data(values)))
    if not data["new_item"].strip():
        raise invalid("text", "Write the item.")
    _items_save(domain, changes=[], new_item=data["new_item"])
    return created(domain_out(domain))


def _items_save(domain: Domain, *, changes: list[services.ItemChange], new_item: str = "") -> None:
    """Save item changes, or one new item, as the domain page does, keeping its name."""
    with saving():
        services.domain_update(
            domain=domain, title=domain.title, description=domain.description, changes=changes,
            new_item=new_item,
        )  # fmt: skip


def _item_form(access: PlanAccess, item: Item, values: dict[str, Any]) -> ItemForm:
    members = list(Membership.objects.filter(plan=access.plan).select_related("user"))
    prefixed = {f"{item.uuid.hex}-{k}": v for k, v in form_data(values).items()}
    return ItemForm(prefixed, item=item, members=members)


@router.patch(
    f"{BASE}/items/{{uuid}}",
    response=answers(ItemOut),
    summary="Rate an item: rating, evidence, gap action (editors)",
)
def item_update(request: HttpRequest, code: str, uuid: str, payload: ItemIn) -> Any:
    access = plan_access_for(request, code, need="edit")
    item = _item(access, uuid)
    form = _item_form(access, item, merged(item_out(item), payload))
    data = form_check(form)  # errors name the fields without the page's prefix
    change = services.ItemChange(
        item=item, text=data["text"], rating=data["rating"], evidence=data["evidence"],
        gap_action=data["gap_action"], gap_owner=form.owner(), gap_due=data["gap_due"],
        gap_status=data["gap_status"],
    )  # fmt: skip
    _items_save(item.domain, changes=[change])
    return item_out(_item(access, uuid))


@router.delete(f"{BASE}/items/{{uuid}}", response=answers(Deleted), summary="Remove an item")
def item_remove(request: HttpRequest, code: str, uuid: str) -> Any:
    access = plan_access_for(request, code, need="edit")
    item = _item(access, uuid)
    change = services.ItemChange(
        item=item, text=item.text, rating=item.rating, evidence=item.evidence,
        gap_action=item.gap_action, gap_owner=item.gap_owner, gap_due=item.gap_due,
        gap_status=item.gap_status, remove=True,
    )  # fmt: skip
    _items_save(item.domain, changes=[change])
    return {"deleted": True}


@router.patch(
    f"{BASE}/items/{{uuid}}/gap",
    response=answers(ItemOut),
    summary="Update a gap action's status and note (its owner or an editor)",
)
def gap_update(request: HttpRequest, code: str, uuid: str, payload: GapIn) -> Any:
    access = plan_access_for(request, code, need="contribute")
    item = _item(access, uuid)
    if not item.gap_action.strip():
        raise Http404("This item has no gap action.")
    require(
        access.may_change(assigned_to=item.gap_owner),
        "Only the owner of this gap action, or an editor, may update it.",
    )
    save_with(services.item_gap_update, GapUpdateForm(form_data(payload.dict())), item=item)
    return item_out(item)


class DomainChangeOut(Schema):
    title: str
    before: float | None
    after: float | None


class ItemMoveOut(Schema):
    domain: str
    text: str
    before: str
    after: str
    direction: str  # up, down, changed, new, gone


class ComparisonOut(Schema):
    before: UUID
    after: UUID
    domains: list[DomainChangeOut]
    moves: list[ItemMoveOut]
    unchanged: int


@router.get(
    f"{BASE}/compare",
    response=answers(ComparisonOut),
    summary="What moved between two assessments (by their UUIDs)",
)
def assessments_compare(request: HttpRequest, code: str, before: str, after: str) -> Any:
    access = plan_access_for(request, code)
    first, second = _assessment(access, before), _assessment(access, after)
    comparison = assessment_compare(before=first, after=second)
    return {
        "before": first.uuid, "after": second.uuid,
        "domains": [vars(d) for d in comparison.domains],
        "moves": [vars(m) for m in comparison.moves], "unchanged": comparison.unchanged,
    }  # fmt: skip
