"""The revision log in the JSON API: read it, and revise an action, a measure or a target
with the same form rules and reasons as the page."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Router, Schema, Status
from ninja.errors import HttpError

from api.auth import PLAN_AUTH
from plans.access import plan_for_user
from revisions import selectors, services
from revisions.forms import FORMS
from revisions.models import SubjectKind

router = Router(auth=PLAN_AUTH)


class ChangeOut(Schema):
    field: str
    label: str
    before: str
    after: str


class RevisionOut(Schema):
    uuid: str
    kind: str
    subject_uuid: str
    subject_title: str
    version: int
    changes: list[ChangeOut]
    why: str
    learned: str
    decided_by: str
    decided_on: dt.date
    recorded_by: str


class ReviseIn(Schema):
    changes: dict[str, Any]
    why: str
    learned: str = ""
    decided_by: str
    decided_on: dt.date
    loaded: str | None = None  # the fingerprint read with GET .../{kind}/{uuid}


class SubjectOut(Schema):
    kind: str
    uuid: str
    title: str
    version: int
    fingerprint: str
    revisions: list[RevisionOut]


@router.get(
    "plans/{code}/revisions",
    response=list[RevisionOut],
    summary="Every recorded change to actions, measures and targets, the latest first",
)
def revisions(request: HttpRequest, code: str, kind: str | None = None) -> list[Any]:
    access = plan_for_user(request, code)
    if kind is not None and kind not in SubjectKind.values:
        raise HttpError(422, f"kind: choose one of {', '.join(SubjectKind.values)}.")
    return [vars(r) for r in selectors.revision_log(plan=access.plan, kind=kind)]


@router.get(
    "plans/{code}/revisions/{kind}/{subject}",
    response=SubjectOut,
    summary="An action, measure or target: its version, fingerprint and earlier changes",
)
def subject(request: HttpRequest, code: str, kind: str, subject: uuid.UUID) -> dict[str, Any]:
    access = plan_for_user(request, code)
    record = selectors.subject_get(plan=access.plan, kind=kind, uuid=subject)
    history = selectors.subject_history(plan=access.plan, kind=kind, record=record)
    return {**vars(history), "revisions": [vars(r) for r in history.revisions]}


@router.post(
    "plans/{code}/revisions/{kind}/{subject}",
    response={201: RevisionOut},
    summary="Revise it: name only the fields that change; 409 when `loaded` is stale",
)
def revise(
    request: HttpRequest, code: str, kind: str, subject: uuid.UUID, body: ReviseIn
) -> Status[Any]:
    access = plan_for_user(request, code, need="edit")
    record = selectors.subject_get(plan=access.plan, kind=kind, uuid=subject)
    history = selectors.subject_history(plan=access.plan, kind=kind, record=record)
    unknown = sorted(set(body.changes) - set(history.values))
    if unknown:
        raise HttpError(422, f"changes: these cannot be revised: {', '.join(unknown)}.")
    data = {**history.values, **body.changes}
    data.update(
        why=body.why, learned=body.learned, decided_by=body.decided_by,
        decided_on=body.decided_on, loaded=body.loaded or history.fingerprint,
    )  # fmt: skip
    form = FORMS[kind]({k: "" if v is None else v for k, v in data.items()})
    if not form.is_valid():
        problems = [
            f"{name}: {' '.join(str(e) for e in errors)}" for name, errors in form.errors.items()
        ]
        raise HttpError(422, "; ".join(problems))
    changes = {k: form.cleaned_data[k] for k in body.changes}
    try:
        revision = services.subject_revise(
            plan=access.plan, kind=kind, subject=record, changes=changes, why=body.why,
            learned=body.learned, decided_by=body.decided_by, decided_on=body.decided_on,
            user=request.user, loaded=form.cleaned_data["loaded"],  # type: ignore[arg-type]
        )  # fmt: skip
    except ValidationError as error:
        status = 409 if getattr(error, "code", "") == "stale" else 422
        raise HttpError(status, " ".join(error.messages)) from error
    return Status(201, vars(selectors.revision_row(revision)))
