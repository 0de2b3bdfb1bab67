"""Writes for early wins. A change to a win names the version it was loaded with; a stale
version is refused and nothing is overwritten."""

from __future__ import annotations

import datetime as dt
from pathlib import PurePath
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction

from plans.models import Organisation, Plan
from strategy.models import StrategicAction
from tracking.services import evidence_check
from wins.models import (
    Channel,
    MessageStatus,
    SuggestionDismissal,
    Win,
    WinKind,
    WinMessage,
    WinReflection,
    WinsSettings,
)
from wins.questions import QUESTIONS

MAX_TEXT = 4000
MAX_SHORT = 1000
STALE = (
    "This record changed since you opened it (someone else saved it in the meantime). "
    "Nothing was overwritten: reload it, check their change and make yours again."
)
WIN_FIELDS = (
    "title", "what_happened", "happened_on", "kind", "action", "made_by", "audience",
    "evidence_link", "public",
)  # fmt: skip


class StaleRecord(Exception):
    """Someone saved the record after it was loaded."""

    def __init__(self) -> None:
        super().__init__(STALE)


def link_problem(*, link: str) -> str | None:
    if not link:
        return None
    if len(link) > 500:
        return "Keep the link under 500 characters."
    if not link.lower().startswith("https://") or any(c.isspace() for c in link):
        return "Give a web address that starts with https://."
    return None


def win_problems(
    *, data: dict[str, Any], plan: Plan, today: dt.date | None = None
) -> dict[str, str]:
    """Problems with a win's values, by field (empty when they are fine)."""
    today = today or dt.date.today()
    problems: dict[str, str] = {}
    title = str(data.get("title") or "").strip()
    if not title:
        problems["title"] = "Say in a few words what the win is."
    elif len(title) > 200:
        problems["title"] = "Keep the title under 200 characters."
    what = str(data.get("what_happened") or "").strip()
    if not what:
        problems["what_happened"] = "Say what happened."
    elif len(what) > MAX_TEXT:
        problems["what_happened"] = f"Keep it under {MAX_TEXT:,} characters."
    for name in ("made_by", "audience"):
        if len(str(data.get(name) or "")) > MAX_SHORT:
            problems[name] = f"Keep it under {MAX_SHORT:,} characters."
    happened = data.get("happened_on")
    if not isinstance(happened, dt.date):
        problems["happened_on"] = "Give the date it happened."
    elif happened > today + dt.timedelta(days=1):
        problems["happened_on"] = "The date is in the future: a win is something that happened."
    if data.get("kind") not in WinKind.values:
        problems["kind"] = "Choose one of the options."
    action = data.get("action")
    if action is not None and (
        not isinstance(action, StrategicAction) or action.plan_id != plan.pk
    ):
        problems["action"] = "Choose one of this plan's strategic actions."
    for organisation in data.get("organisations") or []:
        if organisation.plan_id != plan.pk:
            problems["organisations"] = "Choose among this plan's organizations."
    problem = link_problem(link=str(data.get("evidence_link") or "").strip())
    if problem:
        problems["evidence_link"] = problem
    return problems


def evidence_problem(*, upload: UploadedFile) -> str | None:
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if isinstance(head, str):
        head = head.encode()
    try:
        evidence_check(name=upload.name or "", size=upload.size or 0, head=head)
    except ValidationError as exc:
        return " ".join(exc.messages)
    return None


def _evidence_store(win: Win, upload: UploadedFile) -> None:
    problem = evidence_problem(upload=upload)
    if problem:
        raise ValidationError({"evidence_file": problem})
    name = PurePath(upload.name or "evidence").name[:200]
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    content_type = evidence_check(
        name=name, size=upload.size or 0, head=head if isinstance(head, bytes) else b""
    )
    if win.evidence_file:
        win.evidence_file.delete(save=False)
    # Stored under a random name: the uploaded one is kept only as text.
    extension = PurePath(name).suffix.lower()
    win.evidence_file.save(f"{win.uuid}{extension}", upload, save=False)
    win.evidence_name, win.evidence_size, win.evidence_type = name, upload.size or 0, content_type


def _fill(win: Win, data: dict[str, Any]) -> None:
    for name in WIN_FIELDS:
        if name in data:
            setattr(win, name, data[name])
    for name in ("title", "what_happened", "made_by", "audience", "evidence_link"):
        setattr(win, name, str(getattr(win, name) or "").strip())


def win_create(
    *,
    plan: Plan,
    user: User | None,
    data: dict[str, Any],
    upload: UploadedFile | None = None,
    source_key: str = "",
    today: dt.date | None = None,
) -> Win:
    problems = win_problems(data=data, plan=plan, today=today)
    if problems:
        raise ValidationError(problems)
    win = Win(plan=plan, created_by=user, source_key=source_key)
    _fill(win, data)
    try:
        with transaction.atomic():
            if upload is not None:
                _evidence_store(win, upload)
            win.save()
            win.organisations.set(data.get("organisations") or [])
    except IntegrityError:
        raise ValidationError({"__all__": "This suggestion was already made a win."}) from None
    return win


def win_update(
    *,
    win: Win,
    version: int,
    data: dict[str, Any],
    upload: UploadedFile | None = None,
    remove_file: bool = False,
    today: dt.date | None = None,
) -> Win:
    """Save the changes in `data` (only the fields it holds) when `version` is current."""
    with transaction.atomic():
        current = Win.objects.select_for_update().get(pk=win.pk)
        if current.version != version:
            raise StaleRecord()
        merged = {name: getattr(current, name) for name in WIN_FIELDS}
        merged["organisations"] = list(current.organisations.all())
        merged |= data
        problems = win_problems(data=merged, plan=current.plan, today=today)
        if problems:
            raise ValidationError(problems)
        _fill(current, merged)
        if remove_file and current.evidence_file:
            current.evidence_file.delete(save=False)
            current.evidence_name, current.evidence_size, current.evidence_type = "", 0, ""
        if upload is not None:
            _evidence_store(current, upload)
        current.version += 1
        current.save()
        if "organisations" in data:
            current.organisations.set(data["organisations"] or [])
    return current


def win_delete(*, win: Win, version: int) -> None:
    with transaction.atomic():
        found = Win.objects.filter(pk=win.pk, version=version).first()
        if found is None:
            raise StaleRecord()
        if found.evidence_file:
            found.evidence_file.delete(save=False)
        found.delete()


# -- messengers and channels ----------------------------------------------------------------


def message_problems(*, data: dict[str, Any], plan: Plan) -> dict[str, str]:
    problems: dict[str, str] = {}
    messenger = str(data.get("messenger") or "").strip()
    organisation = data.get("organisation")
    if not messenger and organisation is None:
        problems["messenger"] = "Name who carries the message (a person or a partner)."
    elif len(messenger) > 200:
        problems["messenger"] = "Keep the name under 200 characters."
    if organisation is not None and organisation.plan_id != plan.pk:
        problems["organisation"] = "Choose one of this plan's organizations."
    if data.get("channel") not in Channel.values:
        problems["channel"] = "Choose one of the channels."
    if data.get("status", MessageStatus.PLANNED) not in MessageStatus.values:
        problems["status"] = "Choose planned or done."
    if len(str(data.get("note") or "")) > 500:
        problems["note"] = "Keep the note under 500 characters."
    return problems


def message_add(*, win: Win, data: dict[str, Any]) -> WinMessage:
    problems = message_problems(data=data, plan=win.plan)
    if problems:
        raise ValidationError(problems)
    organisation: Organisation | None = data.get("organisation")
    messenger = str(data.get("messenger") or "").strip() or (
        organisation.name if organisation else ""
    )
    return WinMessage.objects.create(
        win=win,
        messenger=messenger,
        organisation=organisation,
        channel=data["channel"],
        on=data.get("on"),
        status=data.get("status") or MessageStatus.PLANNED,
        note=str(data.get("note") or "").strip(),
    )


def message_status_set(*, message: WinMessage, status: str) -> WinMessage:
    if status not in MessageStatus.values:
        raise ValidationError({"status": "Choose planned or done."})
    message.status = status
    message.save(update_fields=["status"])
    return message


def message_delete(*, message: WinMessage) -> None:
    message.delete()


# -- suggestions ----------------------------------------------------------------------------


def suggestion_dismiss(*, plan: Plan, user: User | None, key: str, title: str = "") -> None:
    SuggestionDismissal.objects.get_or_create(
        plan=plan, key=key[:120], defaults={"dismissed_by": user, "title": title[:300]}
    )


# -- reflections and settings ---------------------------------------------------------------


def reflection_save(
    *, plan: Plan, question: str, answer: str, version: int, user: User | None
) -> WinReflection:
    """The answer to one question; `version` 0 when it had no answer yet."""
    if question not in QUESTIONS:
        raise ValidationError({"question": "There is no such question."})
    if len(answer) > MAX_TEXT:
        raise ValidationError({"answer": f"Keep the answer under {MAX_TEXT:,} characters."})
    with transaction.atomic():
        found, created = WinReflection.objects.select_for_update().get_or_create(
            plan=plan, question=question, defaults={"version": 0}
        )
        current = 0 if created else found.version
        if current != version:
            raise StaleRecord()
        found.answer = answer.strip()
        found.updated_by = user
        found.version = current + 1
        found.save()
    return found


def wins_public_set(*, plan: Plan, public: bool) -> WinsSettings:
    found, _ = WinsSettings.objects.update_or_create(plan=plan, defaults={"public": public})
    return found
