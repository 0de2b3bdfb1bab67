"""Writes for the foundation: charter revisions (each save adds one, a stale save is
refused), the RACI matrix's cells, the learning agenda and the reflections. Every change
names what it was loaded with; when someone saved in between, nothing is overwritten."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max

from foundation.models import (
    CHARTER_FIELDS,
    CharterRevision,
    Helper,
    LearningQuestion,
    QuestionStatus,
    RaciEntry,
    RaciRole,
    Reflection,
)
from foundation.questions import QUESTIONS
from plans.models import Membership, Organisation, Plan
from strategy.models import Measure, StrategicAction

MAX_SECTION = 20_000
MAX_NOTE = 2_000
MAX_TEXT = 4_000
STALE = (
    "This record changed since you opened it (someone else saved it in the meantime). "
    "Nothing was overwritten: reload it, check their change and make yours again."
)
LEARNING_FIELDS = (
    "question", "why", "helpers", "status", "learned", "learned_from", "learned_on",
    "what_changed", "action", "measure",
)  # fmt: skip


class StaleRecord(Exception):
    """Someone saved the record after it was loaded."""

    def __init__(self, message: str = STALE) -> None:
        super().__init__(message)


# -- charter ---------------------------------------------------------------------------------


def charter_version(*, plan: Plan) -> int:
    """The number of the current revision (0 when the charter has none yet)."""
    found = CharterRevision.objects.filter(plan=plan).aggregate(top=Max("number"))["top"]
    return int(found or 0)


def charter_problems(*, texts: dict[str, str], note: str) -> dict[str, str]:
    problems = {}
    for name in CHARTER_FIELDS:
        if len(texts.get(name) or "") > MAX_SECTION:
            problems[name] = f"Keep it under {MAX_SECTION:,} characters."
    if not note.strip():
        problems["note"] = "Say what changed and why, so others can follow the history."
    elif len(note) > MAX_NOTE:
        problems["note"] = f"Keep the note under {MAX_NOTE:,} characters."
    return problems


def charter_revise(
    *,
    plan: Plan,
    user: User | None,
    version: int,
    texts: dict[str, str],
    note: str,
    restored_from: CharterRevision | None = None,
) -> CharterRevision:
    """Add the next revision when `version` is the current one; fields left out of `texts`
    keep the current wording."""
    problems = charter_problems(texts=texts, note=note)
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        current = (
            CharterRevision.objects.select_for_update()
            .filter(plan=plan)
            .order_by("-number")
            .first()
        )
        number = current.number if current else 0
        if number != version:
            raise StaleRecord()
        values = {name: getattr(current, name) if current else "" for name in CHARTER_FIELDS}
        values |= {name: (texts[name] or "").strip() for name in CHARTER_FIELDS if name in texts}
        try:
            with transaction.atomic():
                return CharterRevision.objects.create(
                    plan=plan, number=number + 1, note=note.strip(), author=user,
                    restored_from=restored_from, **values,
                )  # fmt: skip
        except IntegrityError as exc:  # a save in between took the number
            raise StaleRecord() from exc


def charter_restore(
    *, plan: Plan, user: User | None, revision: CharterRevision, version: int, note: str
) -> CharterRevision:
    """The older revision's text becomes the newest revision."""
    if revision.plan_id != plan.pk:
        raise ValidationError("That revision belongs to another plan.")
    texts = {name: getattr(revision, name) for name in CHARTER_FIELDS}
    said = f"Restored the text of revision {revision.number}. {note.strip()}".strip()
    return charter_revise(
        plan=plan, user=user, version=version, texts=texts, note=said if note.strip() else "",
        restored_from=revision,
    )  # fmt: skip


# -- RACI ------------------------------------------------------------------------------------

Subject = StrategicAction | Measure
Party = Organisation | Membership


@dataclass(frozen=True)
class CellChange:
    subject: Subject
    party: Party
    role: str  # "" clears the cell
    was: str | None = None  # what the cell held when loaded; None: do not check


def _cell_filter(subject: Subject, party: Party) -> dict[str, Any]:
    where: dict[str, Any] = {}
    where["action" if isinstance(subject, StrategicAction) else "measure"] = subject
    where["organisation" if isinstance(party, Organisation) else "member"] = party
    return where


def raci_problems(*, plan: Plan, change: CellChange) -> str | None:
    if change.role not in ("", *RaciRole.values):
        return "Choose R, A, C, I or nothing."
    if change.subject.plan_id != plan.pk or change.party.plan_id != plan.pk:
        return "That action, measure, organization or member belongs to another plan."
    return None


def raci_cells_set(*, plan: Plan, changes: list[CellChange]) -> int:
    """Set many cells at once: all or nothing. A cell whose `was` differs from what it holds
    now raises StaleRecord and nothing is saved. Returns how many cells changed."""
    for change in changes:
        problem = raci_problems(plan=plan, change=change)
        if problem:
            raise ValidationError(problem)
    changed = 0
    with transaction.atomic():
        for change in changes:
            where = _cell_filter(change.subject, change.party)
            entry = RaciEntry.objects.select_for_update().filter(plan=plan, **where).first()
            now = entry.role if entry else ""
            if change.was is not None and change.was != now:
                raise StaleRecord()
            if now == change.role:
                continue
            changed += 1
            if not change.role and entry is not None:
                entry.delete()
            elif entry is not None:
                entry.role = change.role
                entry.save(update_fields=["role", "updated_at"])
            else:
                RaciEntry.objects.create(plan=plan, role=change.role, **where)
    return changed


# -- learning agenda -------------------------------------------------------------------------


def learning_problems(*, plan: Plan, data: dict[str, Any]) -> dict[str, str]:
    problems: dict[str, str] = {}
    question = str(data.get("question") or "").strip()
    if not question:
        problems["question"] = "Write the question the coalition wants answered."
    elif len(question) > MAX_TEXT:
        problems["question"] = f"Keep the question under {MAX_TEXT:,} characters."
    for name in ("why", "learned", "what_changed"):
        if len(str(data.get(name) or "")) > MAX_TEXT:
            problems[name] = f"Keep it under {MAX_TEXT:,} characters."
    if len(str(data.get("learned_from") or "")) > 300:
        problems["learned_from"] = "Keep it under 300 characters."
    helpers = data.get("helpers") or []
    if not isinstance(helpers, list) or any(h not in Helper.values for h in helpers):
        problems["helpers"] = "Choose among implementers, residents, evaluators and partners."
    if data.get("status", QuestionStatus.OPEN) not in QuestionStatus.values:
        problems["status"] = "Choose open, answered or dropped."
    if data.get("status") == QuestionStatus.ANSWERED and not str(data.get("learned") or "").strip():
        problems["learned"] = "Say what was learned before marking the question answered."
    learned_on = data.get("learned_on")
    if learned_on is not None and not isinstance(learned_on, datetime.date):
        problems["learned_on"] = "Write a date."
    for name in ("action", "measure"):
        linked = data.get(name)
        if linked is not None and linked.plan_id != plan.pk:
            problems[name] = "Choose one of this plan's."
    return problems


def _learning_fill(question: LearningQuestion, data: dict[str, Any]) -> None:
    for name in LEARNING_FIELDS:
        if name in data:
            value = data[name]
            setattr(question, name, value.strip() if isinstance(value, str) else value)
    question.helpers = list(dict.fromkeys(question.helpers or []))


def learning_question_create(
    *, plan: Plan, user: User | None, data: dict[str, Any]
) -> LearningQuestion:
    problems = learning_problems(plan=plan, data=data)
    if problems:
        raise ValidationError(problems)
    question = LearningQuestion(plan=plan, created_by=user)
    _learning_fill(question, data)
    question.save()
    return question


def learning_question_update(
    *, question: LearningQuestion, version: int, data: dict[str, Any]
) -> LearningQuestion:
    """Save the fields in `data` when `version` is current."""
    with transaction.atomic():
        current = (
            LearningQuestion.objects.select_for_update(of=("self",))
            .select_related("plan")
            .get(pk=question.pk)
        )
        if current.version != version:
            raise StaleRecord()
        merged = {name: getattr(current, name) for name in LEARNING_FIELDS} | data
        problems = learning_problems(plan=current.plan, data=merged)
        if problems:
            raise ValidationError(problems)
        _learning_fill(current, merged)
        current.version += 1
        current.save()
    return current


# -- reflections -----------------------------------------------------------------------------


def reflection_save(
    *, plan: Plan, user: User | None, key: str, answer: str, version: int
) -> Reflection:
    """Save one answer; `version` 0 when the question had no answer yet."""
    if key not in QUESTIONS:
        raise ValidationError("No such question.")
    if len(answer) > MAX_TEXT:
        raise ValidationError({key: f"Keep the answer under {MAX_TEXT:,} characters."})
    with transaction.atomic():
        found, _ = Reflection.objects.select_for_update().get_or_create(
            plan=plan, key=key, defaults={"version": 0}
        )
        if found.version != version:
            raise StaleRecord()
        found.answer = answer.strip()
        found.updated_by = user
        found.version += 1
        found.save()
    return found


def reflections_save(*, plan: Plan, user: User | None, data: dict[str, Any]) -> int:
    """Save the answers that changed (`answer_<key>` with `version_<key>`), all or nothing;
    returns how many were saved."""
    saved = 0
    current = {r.key: r.answer for r in Reflection.objects.filter(plan=plan)}
    with transaction.atomic():
        for key in QUESTIONS:
            answer = str(data.get(f"answer_{key}") or "").strip()
            if answer == current.get(key, ""):
                continue
            version = int(data.get(f"version_{key}") or 0)
            reflection_save(plan=plan, user=user, key=key, answer=answer, version=version)
            saved += 1
    return saved
