"""What every plan endpoint shares: the token's access to the plan, the page's own form to
check a JSON body (so the rules and the messages are the page's), and service errors turned
into the API's 422 answer with one sentence per field. Nothing is saved on an error: every
write runs in one transaction.

    access = plan_access_for(request, code, need="edit")
    form = SomeForm(form_data(payload.dict()), plan=access.plan)
    record = save_with(services.thing_create, form, plan=access.plan)
    return created(thing_out(record))

    return delete_with(services.thing_delete, thing=_thing(access, uuid))

Wins and funding answer a service's refusal in one sentence (`invalid_as_422`); they and the
foundation answer a stale version with a 409 (`stale_as_409`).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from decimal import Decimal
from typing import Any, TypeVar

from django import forms
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models, transaction
from django.http import Http404, HttpRequest
from ninja import Schema, Status
from ninja.errors import HttpError, ValidationError

from lib.people import person_name
from plans.access import Need, PlanAccess, plan_for_user

M = TypeVar("M", bound=models.Model)
T = TypeVar("T")


class Deleted(Schema):
    deleted: bool


def plan_access_for(request: HttpRequest, code: str, *, need: Need = "view") -> PlanAccess:
    """The token's user's access to the plan (404 outsiders, 403 a role too low)."""
    return plan_for_user(request, code, need=need)


def require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def get_or_404(queryset: models.QuerySet[M], **lookup: Any) -> M:
    """One record of the plan by its public key, or 404 (a malformed UUID is a 404 too)."""
    try:
        found = queryset.filter(**lookup).first()
    except (DjangoValidationError, ValueError):
        found = None
    if found is None:
        raise Http404(f"No {queryset.model._meta.verbose_name} with this key in this plan.")
    return found


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, uuid.UUID | Decimal):
        return str(value)
    if isinstance(value, list | tuple):
        return [_cell(v) for v in value]
    return value


def form_data(values: Mapping[str, Any]) -> dict[str, Any]:
    """A JSON body as the data of a Django form: null as empty, lists kept for the
    multiple-choice fields, dates and UUIDs as text."""
    return {name: _cell(value) for name, value in values.items()}


def defaults(form_class: type[forms.Form]) -> dict[str, Any]:
    """The values the page's empty form starts with (its fields' initial values), for a
    create whose body leaves them out."""
    found = {}
    for name, field in form_class.base_fields.items():
        initial = field.initial() if callable(field.initial) else field.initial
        if initial is not None:
            found[name] = initial
    return found


def merged(current: Mapping[str, Any], payload: Schema) -> dict[str, Any]:
    """PATCH: the record's current values with the fields the body sets over them."""
    return form_data({**current, **payload.dict(exclude_unset=True)})


def _problems(errors: Mapping[str, Any]) -> list[dict[str, Any]]:
    problems = []
    for name, messages in errors.items():
        where = "request" if name in ("__all__", None) else name
        text = " ".join(str(m).rstrip(".") + "." for m in messages).rstrip(".")
        problems.append({"loc": (where,), "msg": text})
    return problems


def form_check(form: forms.BaseForm) -> dict[str, Any]:
    """The form's cleaned data, or a 422 naming each field with the page's own message."""
    if not form.is_valid():
        raise ValidationError(_problems(form.errors))
    return form.cleaned_data


def invalid(field: str, message: str) -> ValidationError:
    """A 422 about one field, for rules checked here rather than in a form."""
    return ValidationError(_problems({field: [message]}))


@contextmanager
def saving() -> Iterator[None]:
    """Run a write in one transaction; a service's ValidationError becomes a 422 and
    nothing it did is kept."""
    try:
        with transaction.atomic():
            yield
    except DjangoValidationError as exc:
        if hasattr(exc, "error_dict"):
            errors = {k: [m for e in v for m in e.messages] for k, v in exc.error_dict.items()}
        else:
            errors = {"__all__": exc.messages}
        raise ValidationError(_problems(errors)) from exc


def save_with(save: Callable[..., T], form: forms.BaseForm, **records: Any) -> T:
    """Check the page's form, then run the service with the records it works on and the
    form's cleaned data, in one transaction (see `saving`)."""
    data = form_check(form)
    with saving():
        return save(**records, **data)


def delete_with(delete: Callable[..., Any], **records: Any) -> dict[str, bool]:
    """Run the delete service in one transaction and give the API's answer."""
    with saving():
        delete(**records)
    return {"deleted": True}


@contextmanager
def stale_as_409(stale: type[Exception]) -> Iterator[None]:
    """A record someone saved since it was read: a 409 with the service's sentence."""
    try:
        yield
    except stale as error:
        raise HttpError(409, str(error)) from error


@contextmanager
def invalid_as_422() -> Iterator[None]:
    """A service's ValidationError as a 422 of one sentence, "field: message; field: ..."."""
    try:
        yield
    except DjangoValidationError as error:
        said = "; ".join(f"{name}: {' '.join(msgs)}" for name, msgs in error.message_dict.items())
        raise HttpError(422, said) from error


def model_to(form: forms.BaseForm, **fields: str) -> forms.BaseForm:
    """Let the form's model choices be named by a public key (uuid, name) instead of the
    database id: model_to(form, owner="uuid", lead_organisation="name")."""
    for name, key in fields.items():
        if name in form.fields:
            form.fields[name].to_field_name = key  # type: ignore[attr-defined]
    return form


def created(body: Any) -> Status[Any]:
    """A 201 answer with the new record."""
    return Status(201, body)


def member_key(membership: Any) -> str | None:
    return str(membership.uuid) if membership is not None else None


def user_name(user: Any) -> str:
    return person_name(user)


# Answers that every write endpoint may give, for the OpenAPI description.
def answers(ok: Any, *, status: int = 200) -> dict[int, Any]:
    from api.schemas import ErrorOut

    return {status: ok, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}
