"""Revising an action, a measure or a target: the change is applied through the strategy
services (so the same rules hold) and recorded with its reasons, in one transaction."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any
from uuid import UUID

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model

from plans.models import Plan
from revisions.models import HistorySettings, Revision, SubjectKind
from strategy import services as strategy
from strategy.models import Measure, MeasureTarget, StrategicAction

# What can be revised, with the words a reader sees.
ACTION_FIELDS = {
    "title": "Title",
    "description": "Description",
    "starts_on": "Starts",
    "ends_on": "Ends",
    "equity_rationale": "Why it advances racial equity",
}
MEASURE_FIELDS = {
    "name": "Name",
    "definition": "Definition",
    "direction": "Direction",
    "frequency": "How often",
    "data_source": "Data source",
    "method": "Method",
}
TARGET_FIELDS = {"target_date": "Date", "value": "Value"}
FIELDS: dict[str, dict[str, str]] = {
    SubjectKind.ACTION: ACTION_FIELDS,
    SubjectKind.MEASURE: MEASURE_FIELDS,
    SubjectKind.TARGET: TARGET_FIELDS,
}
STALE = (
    "This record changed since you opened it (someone else saved a change meanwhile). "
    "Nothing was saved: reload the page to see the current version, then revise again."
)


def _shown(record: Model, name: str) -> str:
    """A field's value as a reader sees it (choices by their label, dates as yyyy-mm-dd)."""
    value = getattr(record, name)
    display = getattr(record, f"get_{name}_display", None)
    if display is not None and value not in (None, ""):
        return str(display())
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def fingerprint(*, subject: Model, kind: str) -> str:
    """A short digest of the revisable fields: a form carries it, so a save made on an older
    reading of the record is refused."""
    values = {name: _shown(subject, name) for name in FIELDS[kind]}
    return hashlib.sha256(json.dumps(values, sort_keys=True).encode()).hexdigest()[:16]


def subject_title(subject: Model, kind: str) -> str:
    if kind == SubjectKind.TARGET:
        assert isinstance(subject, MeasureTarget)
        return f"Target of {subject.measure.name} for {subject.target_date:%Y-%m-%d}"
    return str(subject)


def subject_version(*, kind: str, uuid: UUID | str) -> int:
    """The subject's current version: 1 as first written, plus one per revision."""
    return 1 + Revision.objects.filter(subject_kind=kind, subject_uuid=uuid).count()


def _apply(plan: Plan, kind: str, subject: Model, changes: dict[str, Any]) -> None:
    if kind == SubjectKind.ACTION:
        assert isinstance(subject, StrategicAction)
        strategy.action_save(plan=plan, action=subject, **changes)
    elif kind == SubjectKind.MEASURE:
        assert isinstance(subject, Measure)
        strategy.measure_save(plan=plan, measure=subject, element=subject.element, **changes)
    else:
        for name, value in changes.items():
            setattr(subject, name, value)
        subject.save()


@transaction.atomic
def subject_revise(
    *,
    plan: Plan,
    kind: str,
    subject: Model,
    changes: dict[str, Any],
    why: str,
    decided_by: str,
    decided_on: dt.date,
    learned: str = "",
    user: User | None = None,
    loaded: str | None = None,
) -> Revision:
    """Change the subject's fields named in `changes` and record why.

    `loaded` is the fingerprint the editor read; a different current one refuses the save.
    Unknown fields, no actual change, or a missing reason are refused with a sentence."""
    allowed = FIELDS[kind]
    unknown = sorted(set(changes) - set(allowed))
    if unknown:
        raise ValidationError(f"These cannot be revised here: {', '.join(unknown)}.")
    type(subject)._default_manager.select_for_update().filter(pk=subject.pk).first()
    subject.refresh_from_db()
    if loaded is not None and loaded != fingerprint(subject=subject, kind=kind):
        raise ValidationError(STALE, code="stale")
    if not why.strip():
        raise ValidationError("Say why the change was made.", code="required")
    if not decided_by.strip():
        raise ValidationError("Say who decided the change.", code="required")
    before = {name: _shown(subject, name) for name in allowed}
    _apply(plan, kind, subject, changes)
    subject.refresh_from_db()
    after = {name: _shown(subject, name) for name in allowed}
    diff = [
        {"field": name, "label": label, "before": before[name], "after": after[name]}
        for name, label in allowed.items()
        if before[name] != after[name]
    ]
    if not diff:
        raise ValidationError("Nothing changed: edit at least one field.", code="unchanged")
    return Revision.objects.create(
        plan=plan,
        subject_kind=kind,
        subject_uuid=subject.uuid,  # type: ignore[attr-defined]
        subject_title=subject_title(subject, kind)[:300],
        version=subject_version(kind=kind, uuid=subject.uuid) + 1,  # type: ignore[attr-defined]
        changes=diff,
        why=why.strip(),
        learned=learned.strip(),
        decided_by=decided_by.strip(),
        decided_on=decided_on,
        recorded_by=user if user is not None and user.is_authenticated else None,
    )


def history_public_set(*, plan: Plan, public: bool) -> HistorySettings:
    settings, _ = HistorySettings.objects.update_or_create(plan=plan, defaults={"public": public})
    return settings
