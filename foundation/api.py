"""The foundation in the JSON API: the mission and charter (read; a new revision names the
version it was read at, 409 when stale), the RACI matrix's cells (list, set one), the
learning agenda (list, add, change with its version) and the gap finder (read)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from ninja.errors import HttpError

from api.auth import PLAN_AUTH
from api.plan_kit import (
    form_check,
    form_data,
    get_or_404,
    invalid,
    require,
    saving,
    stale_as_409,
)
from foundation import services
from foundation.forms import LearningForm
from foundation.models import CHARTER_FIELDS, LearningQuestion, RaciEntry
from foundation.raci import Parties
from foundation.selectors import (
    DEFAULT_DAYS,
    charter_current,
    charter_history,
    gaps_find,
    learning_agenda,
    person_label,
    question_row,
    raci_matrix,
)
from plans.access import plan_for_user

router = Router(auth=PLAN_AUTH)


class CharterOut(Schema):
    version: int
    uuid: str
    mission: str
    purpose: str
    membership: str
    decision_making: str
    meetings: str
    accountability: str
    note: str
    author: str
    created_at: dt.datetime | None


class CharterIn(Schema):
    version: int  # the revision number you read (0 when there was none)
    note: str  # what changed and why
    mission: str | None = None  # a part left out keeps its current wording
    purpose: str | None = None
    membership: str | None = None
    decision_making: str | None = None
    meetings: str | None = None
    accountability: str | None = None


class RevisionOut(Schema):
    number: int
    uuid: str
    note: str
    author: str
    created_at: dt.datetime
    restored_from: int | None


class RaciOut(Schema):
    subject_kind: str
    subject: str
    subject_title: str
    party_kind: str
    party: str  # the organisation's name, or the member's uuid
    party_label: str
    role: str


class RaciIn(Schema):
    subject_kind: Literal["action", "measure"]
    subject: uuid.UUID
    party_kind: Literal["organisation", "member"]
    party: str  # an organisation's name; a member's uuid or username
    role: Literal["R", "A", "C", "I", ""]  # "" clears the cell
    was: str | None = None  # what the cell held when you read it: 409 when it changed since


class RaciRowOut(Schema):
    subject_kind: str
    subject: str
    accountable: int
    warning: str
    changed: int


class QuestionOut(Schema):
    uuid: str
    question: str
    why: str
    helpers: list[str]
    status: str
    learned: str
    learned_from: str
    learned_on: dt.date | None
    what_changed: str
    action: str | None
    measure: str | None
    author: str
    version: int


class QuestionIn(Schema):
    question: str
    why: str = ""
    helpers: list[str] = []
    status: str = "open"
    learned: str = ""
    learned_from: str = ""
    learned_on: dt.date | None = None
    what_changed: str = ""
    action: uuid.UUID | None = None
    measure: uuid.UUID | None = None


class QuestionPatch(Schema):
    version: int
    question: str | None = None
    why: str | None = None
    helpers: list[str] | None = None
    status: str | None = None
    learned: str | None = None
    learned_from: str | None = None
    learned_on: dt.date | None = None
    what_changed: str | None = None
    action: uuid.UUID | None = None
    measure: uuid.UUID | None = None


class GapOut(Schema):
    area: str
    kind: str
    subject: str
    detail: str
    fix_url: str


# -- charter ---------------------------------------------------------------------------------


@router.get(
    "plans/{code}/foundation/charter",
    response=CharterOut,
    summary="The current mission and charter (version 0 when none is written)",
)
def charter_get(request: HttpRequest, code: str) -> dict[str, Any]:
    access = plan_for_user(request, code)
    view = charter_current(plan=access.plan)
    return {"version": view.version, "uuid": view.uuid,
            **{p.name: p.text for p in view.parts}, "note": view.note,
            "author": view.author, "created_at": view.created_at}  # fmt: skip


@router.post(
    "plans/{code}/foundation/charter",
    response={201: CharterOut},
    summary="Save a new revision: send the version you read and a note on what changed and "
    "why (editors; 409 when someone saved since)",
)
def charter_post(request: HttpRequest, code: str, body: CharterIn) -> Status[dict[str, Any]]:
    access = plan_for_user(request, code, need="edit")
    values = body.dict()
    texts = {name: values[name] for name in CHARTER_FIELDS if values.get(name) is not None}
    with stale_as_409(services.StaleRecord), saving():
        services.charter_revise(
            plan=access.plan, user=access.membership.user, version=body.version,
            texts=texts, note=body.note,
        )  # fmt: skip
    return Status(201, charter_get(request, code))


@router.get(
    "plans/{code}/foundation/charter/revisions",
    response=list[RevisionOut],
    summary="Every revision of the charter, newest first",
)
def revisions(request: HttpRequest, code: str) -> list[dict[str, Any]]:
    access = plan_for_user(request, code)
    return [vars(row) for row in charter_history(plan=access.plan)]


# -- RACI ------------------------------------------------------------------------------------


def _raci_out(entry: RaciEntry) -> dict[str, Any]:
    subject = entry.action or entry.measure
    assert subject is not None
    if entry.organisation is not None:
        party_kind, party, label = "organisation", entry.organisation.name, entry.organisation.name
    else:
        assert entry.member is not None
        party_kind, party, label = "member", str(entry.member.uuid), person_label(entry.member.user)
    return {
        "subject_kind": "action" if entry.action_id else "measure", "subject": str(subject.uuid),
        "subject_title": getattr(subject, "title", None) or getattr(subject, "name", ""),
        "party_kind": party_kind, "party": party, "party_label": label, "role": entry.role,
    }  # fmt: skip


@router.get(
    "plans/{code}/foundation/raci",
    response=list[RaciOut],
    summary="Every filled cell of the roles matrix",
)
def raci_list(request: HttpRequest, code: str) -> list[dict[str, Any]]:
    access = plan_for_user(request, code)
    found = RaciEntry.objects.filter(plan=access.plan).select_related(
        "action", "measure", "organisation", "member__user"
    )
    return [_raci_out(e) for e in found.order_by("id")]


@router.put(
    "plans/{code}/foundation/raci",
    response=RaciRowOut,
    summary='Set one cell (role "" clears it); with `was`, 409 when the cell changed since '
    "(editors). The answer says whether the row has exactly one accountable party.",
)
def raci_put(request: HttpRequest, code: str, body: RaciIn) -> dict[str, Any]:
    access = plan_for_user(request, code, need="edit")
    parties = Parties(access.plan)
    try:
        subject = parties.subject(body.subject_kind, str(body.subject))
    except ValidationError as error:
        raise HttpError(404, " ".join(error.messages)) from error
    try:
        party = parties.party_named(body.party_kind, body.party)
    except ValidationError as error:
        raise invalid("party", " ".join(error.messages)) from error
    change = services.CellChange(subject, party, body.role, body.was)
    with stale_as_409(services.StaleRecord), saving():
        changed = services.raci_cells_set(plan=access.plan, changes=[change])
    matrix = raci_matrix(plan=access.plan)
    [row] = [r for r in matrix.actions + matrix.measures if r.uuid == str(subject.uuid)]
    return {"subject_kind": body.subject_kind, "subject": row.uuid,
            "accountable": row.accountable, "warning": row.warning, "changed": changed}  # fmt: skip


# -- learning agenda -------------------------------------------------------------------------


def _question_out(question: LearningQuestion, code: str) -> dict[str, Any]:
    row = question_row(question, code)
    return {
        **{k: getattr(row, k) for k in ("uuid", "question", "why", "status", "learned",
                                        "learned_from", "learned_on", "what_changed",
                                        "author", "version")},
        "helpers": list(question.helpers),
        "action": str(question.action.uuid) if question.action else None,
        "measure": str(question.measure.uuid) if question.measure else None,
    }  # fmt: skip


@router.get(
    "plans/{code}/foundation/learning",
    response=list[QuestionOut],
    summary="The learning agenda, optionally only open, answered or dropped questions",
)
def learning_list(
    request: HttpRequest, code: str, status: Literal["", "open", "answered", "dropped"] = ""
) -> list[dict[str, Any]]:
    access = plan_for_user(request, code)
    uuids = [row.uuid for row in learning_agenda(plan=access.plan, status=status)]
    found = {str(q.uuid): q for q in LearningQuestion.objects.filter(plan=access.plan)
             .select_related("action", "measure", "created_by")}  # fmt: skip
    return [_question_out(found[u], code) for u in uuids]


@router.post(
    "plans/{code}/foundation/learning",
    response={201: QuestionOut},
    summary="Add a question to the learning agenda (contributors and editors)",
)
def learning_post(request: HttpRequest, code: str, body: QuestionIn) -> Status[dict[str, Any]]:
    access = plan_for_user(request, code, need="contribute")
    data = form_check(LearningForm(form_data(body.dict()), plan=access.plan))
    with saving():
        question = services.learning_question_create(
            plan=access.plan, user=access.membership.user,
            data={k: v for k, v in data.items() if k != "version"},
        )  # fmt: skip
    return Status(201, _question_out(question, code))


def _question_values(question: LearningQuestion) -> dict[str, Any]:
    return {
        "question": question.question, "why": question.why, "helpers": question.helpers,
        "status": question.status, "learned": question.learned,
        "learned_from": question.learned_from, "learned_on": question.learned_on,
        "what_changed": question.what_changed,
        "action": question.action.uuid if question.action else None,
        "measure": question.measure.uuid if question.measure else None,
    }  # fmt: skip


@router.patch(
    "plans/{code}/foundation/learning/{question}",
    response=QuestionOut,
    summary="Change a question: send the version you read (editors, or the contributor who "
    "asked it; 409 when someone saved it since)",
)
def learning_patch(
    request: HttpRequest, code: str, question: str, body: QuestionPatch
) -> dict[str, Any]:
    access = plan_for_user(request, code, need="contribute")
    found = get_or_404(
        LearningQuestion.objects.select_related("action", "measure", "created_by"),
        plan=access.plan, uuid=question,
    )  # fmt: skip
    require(
        access.may_change(assigned_to=found.created_by),
        "Only an editor or the person who asked may change this question.",
    )
    given = body.dict(exclude_unset=True)
    given.pop("version", None)
    values = form_data(_question_values(found) | given)
    data = form_check(LearningForm(values, plan=access.plan))
    with stale_as_409(services.StaleRecord), saving():
        saved = services.learning_question_update(
            question=found, version=body.version,
            data={k: v for k, v in data.items() if k != "version"},
        )  # fmt: skip
    return _question_out(saved, code)


# -- gaps ------------------------------------------------------------------------------------


@router.get(
    "plans/{code}/foundation/gaps",
    response=list[GapOut],
    summary="What the plan is missing to carry on, each with where it is fixed",
)
def gaps(
    request: HttpRequest, code: str, days: int = Query(DEFAULT_DAYS, ge=1, le=3650)
) -> list[dict[str, Any]]:
    access = plan_for_user(request, code)
    found = gaps_find(plan=access.plan, days=days)
    areas = (("action", found.actions), ("measure", found.measures),
             ("working-group", found.groups), ("organisation", found.organisations))  # fmt: skip
    return [
        {
            "area": area,
            "kind": g.kind,
            "subject": g.subject,
            "detail": g.detail,
            "fix_url": g.fix_url,
        }
        for area, rows in areas
        for g in rows
    ]
