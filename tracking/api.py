"""Follow-through in the JSON API: progress updates, their review, and milestones, so a
partner's own system can report. Same role rules as the pages (a contributor posts only on
the actions they own or back up); a stale milestone version answers 409.

Besides personal tokens these endpoints take a partner organisation's reporting key
(`api.auth.REPORTING_AUTH`): it sees and reports on the actions its organisation owns, and
nothing else of the plan."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import asdict
from typing import Any, Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from ninja.errors import HttpError

from api.auth import REPORTING_AUTH, reporting_access
from plans.access import PlanAccess
from strategy.models import StrategicAction
from tracking import services
from tracking.imports import MAX_ROWS, updates_csv_load, updates_csv_validate
from tracking.models import Milestone, ProgressUpdate, ReviewState
from tracking.selectors import (
    UpdateItem,
    board_for,
    may_post_update,
    update_items_for_action,
    updates_for_plan,
    updates_visible,
)

router = Router(auth=REPORTING_AUTH)
PREFIX = "plans/{code}/tracking"


class ErrorOut(Schema):
    detail: str


class ActionOut(Schema):
    uuid: str
    title: str
    priority: str
    lead: str
    owner: str
    backup: str
    status: str
    status_label: str
    percent: int | None
    last_update: dt.date | None
    next_milestone: str | None
    next_milestone_due: dt.date | None


class EvidenceOut(Schema):
    uuid: str
    name: str
    size_text: str
    content_type: str


class UpdateOut(Schema):
    uuid: str
    action_uuid: str
    action_title: str
    written_on: dt.date
    status: str
    status_label: str
    percent_complete: int | None
    narrative: str
    blockers: str
    next_steps: str
    links: list[str]
    author: str
    review_state: str
    review_comment: str
    reviewer: str
    evidence: list[EvidenceOut]
    replaces: str


class UpdateIn(Schema):
    written_on: dt.date
    status: str
    narrative: str
    percent_complete: int | None = None
    blockers: str = ""
    next_steps: str = ""
    links: list[str] = []
    replaces: uuid.UUID | None = None  # a returned update of yours this one replaces


class BatchItemIn(Schema):
    action: str  # the action's UUID or exact title
    written_on: str  # YYYY-MM-DD
    status: str
    narrative: str
    percent_complete: int | None = None
    blockers: str = ""
    next_steps: str = ""
    links: list[str] = []


class BatchIn(Schema):
    updates: list[BatchItemIn]


class BatchOut(Schema):
    loaded: int
    pending: int  # of them waiting for review


class ReturnIn(Schema):
    comment: str


class MilestoneOut(Schema):
    uuid: str
    title: str
    due_on: dt.date
    completed_on: dt.date | None
    version: int


class MilestoneIn(Schema):
    title: str
    due_on: dt.date
    completed_on: dt.date | None = None


class MilestoneUpdateIn(MilestoneIn):
    version: int


def _action(
    request: HttpRequest, code: str, action: uuid.UUID, *, post: bool = False
) -> tuple[PlanAccess, StrategicAction]:
    access = reporting_access(request, code, need="contribute" if post else "view")
    found = get_object_or_404(
        StrategicAction.objects.select_related("plan", "owner", "backup"),
        plan=access.plan,
        uuid=action,
    )
    if access.organisation is not None and not may_post_update(access=access, action=found):
        raise PermissionDenied(_not_owned(access))
    if post and not may_post_update(access=access, action=found):
        raise PermissionDenied("Only editors and the action's owner or backup may do this.")
    return access, found


def _not_owned(access: PlanAccess) -> str:
    name = access.organisation.name if access.organisation else ""
    return f"This key reports on the actions that {name} owns; this action is not one of them."


def _update_out(item: UpdateItem) -> dict[str, Any]:
    data = asdict(item)
    data["evidence"] = [asdict(e) for e in item.evidence]
    return data


def _one_update(access: PlanAccess, update: ProgressUpdate) -> dict[str, Any]:
    items = update_items_for_action(access=access, action=update.action)
    return _update_out(next(i for i in items if i.uuid == str(update.uuid)))


def _milestone_out(m: Milestone) -> dict[str, Any]:
    return {
        "uuid": str(m.uuid),
        "title": m.title,
        "due_on": m.due_on,
        "completed_on": m.completed_on,
        "version": m.version,
    }


def _invalid(error: ValidationError) -> HttpError:
    return HttpError(422, " ".join(error.messages))


@router.get(f"{PREFIX}/actions", response=list[ActionOut], summary="The implementation board")
def actions(request: HttpRequest, code: str) -> list[dict[str, Any]]:
    access = reporting_access(request, code)
    rows = board_for(access=access).rows
    return [
        {
            **{k: v for k, v in asdict(r).items() if k != "next_milestone"},
            "next_milestone": r.next_milestone.title if r.next_milestone else None,
            "next_milestone_due": r.next_milestone.due_on if r.next_milestone else None,
        }
        for r in rows
    ]


@router.get(
    f"{PREFIX}/updates",
    response=list[UpdateOut],
    summary="Progress updates of the plan that you may see, newest first",
)
def plan_updates(
    request: HttpRequest,
    code: str,
    since: dt.date | None = None,
    until: dt.date | None = None,
    review_state: Literal["published", "pending", "returned"] | None = None,
) -> list[dict[str, Any]]:
    access = reporting_access(request, code)
    items = updates_for_plan(access=access, since=since, until=until)
    return [_update_out(i) for i in items if review_state is None or i.review_state == review_state]


@router.get(
    f"{PREFIX}/actions/{{action}}/updates",
    response=list[UpdateOut],
    summary="An action's progress updates (its record), newest first",
)
def action_updates(request: HttpRequest, code: str, action: uuid.UUID) -> list[dict[str, Any]]:
    access, found = _action(request, code, action)
    return [_update_out(i) for i in update_items_for_action(access=access, action=found)]


@router.post(
    f"{PREFIX}/actions/{{action}}/updates",
    response={201: UpdateOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="Post a progress update (the only way an action's status changes)",
)
def update_post(request: HttpRequest, code: str, action: uuid.UUID, body: UpdateIn) -> Status:
    access, found = _action(request, code, action, post=True)
    data = body.dict()
    replaces = None
    wanted = data.pop("replaces")
    if wanted is not None:
        mine = (
            {"author_organisation": access.organisation}
            if access.organisation is not None
            else {"author_id": request.user.pk}
        )
        replaces = ProgressUpdate.objects.filter(
            action=found, uuid=wanted, review_state=ReviewState.RETURNED, **mine
        ).first()
        if replaces is None:
            raise HttpError(422, "replaces: no update of yours on this action was returned.")
    try:
        update = services.progress_update_post(
            action=found,
            author=access.user,
            author_organisation=access.organisation,
            replaces=replaces,
            **data,
        )
    except ValidationError as error:
        raise _invalid(error) from error
    return Status(201, _one_update(access, update))


@router.post(
    f"{PREFIX}/updates",
    response={201: BatchOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="Post many progress updates at once (all or nothing), as a partner's system does",
)
def updates_batch(request: HttpRequest, code: str, body: BatchIn) -> Status:
    access = reporting_access(request, code, need="contribute")
    if not body.updates or len(body.updates) > MAX_ROWS:
        raise HttpError(422, f"updates: send from 1 to {MAX_ROWS} updates.")
    rows = [
        {
            "_line": index,
            "action": item.action,
            "date": item.written_on,
            "status": item.status,
            "narrative": item.narrative,
            "percent_complete": "" if item.percent_complete is None else str(item.percent_complete),
            "blockers": item.blockers,
            "next_steps": item.next_steps,
            "link": " ".join(item.links),
        }
        for index, item in enumerate(body.updates)
    ]
    checked, problems = updates_csv_validate(rows=rows, access=access)
    if problems:
        names = {"date": "written_on", "link": "links"}
        raise HttpError(422, "; ".join(
            f"updates[{p.line}].{names.get(p.column, p.column)}: {p.message}" for p in problems
        ))  # fmt: skip
    created = updates_csv_load(
        plan=access.plan, rows=checked, user=access.user, organisation=access.organisation
    )
    pending = sum(1 for u in created if u.review_state == ReviewState.PENDING)
    return Status(201, {"loaded": len(created), "pending": pending})


def _update_for_review(
    request: HttpRequest, code: str, update: uuid.UUID
) -> tuple[PlanAccess, ProgressUpdate]:
    access = reporting_access(request, code, need="edit")
    found = get_object_or_404(
        ProgressUpdate.objects.filter(updates_visible(access=access)).select_related("action"),
        action__plan=access.plan,
        uuid=update,
    )
    return access, found


@router.post(
    f"{PREFIX}/updates/{{update}}/approve",
    response={200: UpdateOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut},
    summary="Approve a waiting update: it shows and sets the action's status (editors)",
)
def update_approve(request: HttpRequest, code: str, update: uuid.UUID) -> Status:
    access, found = _update_for_review(request, code, update)
    try:
        services.progress_update_approve(update=found, reviewer=access.membership.user)
    except services.StaleEdit as error:
        raise HttpError(409, error.message) from error
    return Status(200, _one_update(access, found))


@router.post(
    f"{PREFIX}/updates/{{update}}/return",
    response={200: UpdateOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Return a waiting update to its author with a comment (editors)",
)
def update_return(request: HttpRequest, code: str, update: uuid.UUID, body: ReturnIn) -> Status:
    access, found = _update_for_review(request, code, update)
    try:
        services.progress_update_return(
            update=found, reviewer=access.membership.user, comment=body.comment
        )
    except services.StaleEdit as error:
        raise HttpError(409, error.message) from error
    except ValidationError as error:
        raise _invalid(error) from error
    return Status(200, _one_update(access, found))


@router.get(
    f"{PREFIX}/actions/{{action}}/milestones",
    response=list[MilestoneOut],
    summary="An action's milestones by due date",
)
def milestones(request: HttpRequest, code: str, action: uuid.UUID) -> list[dict[str, Any]]:
    _, found = _action(request, code, action)
    return [_milestone_out(m) for m in found.milestones.all()]


@router.post(
    f"{PREFIX}/actions/{{action}}/milestones",
    response={201: MilestoneOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="Add a milestone (editors, or the action's owner or backup)",
)
def milestone_post(request: HttpRequest, code: str, action: uuid.UUID, body: MilestoneIn) -> Status:
    _, found = _action(request, code, action, post=True)
    try:
        milestone = services.milestone_add(
            action=found, fields=services.MilestoneFields(**body.dict())
        )
    except ValidationError as error:
        raise _invalid(error) from error
    return Status(201, _milestone_out(milestone))


@router.put(
    f"{PREFIX}/actions/{{action}}/milestones/{{milestone}}",
    response={200: MilestoneOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Change a milestone; send the version you read (409 when it changed since)",
)
def milestone_put(
    request: HttpRequest,
    code: str,
    action: uuid.UUID,
    milestone: uuid.UUID,
    body: MilestoneUpdateIn,
) -> Status:
    _, found = _action(request, code, action, post=True)
    item = get_object_or_404(Milestone, action=found, uuid=milestone)
    data = body.dict()
    version = data.pop("version")
    try:
        saved = services.milestone_update(
            milestone=item, fields=services.MilestoneFields(**data), version=version
        )
    except services.StaleEdit as error:
        raise HttpError(409, error.message) from error
    except ValidationError as error:
        raise _invalid(error) from error
    return Status(200, _milestone_out(saved))
