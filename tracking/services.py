"""Writes of step 10: progress updates (the only way an action's status changes), their
review, evidence files, milestones, ownership, weights and the plan's tracking settings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import PurePath

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from plans.models import Membership, Organisation, Plan
from strategy.models import ActionStatus, StrategicAction
from tracking.models import (
    ActionWeight,
    Evidence,
    Milestone,
    ProgressUpdate,
    ReviewState,
    TrackingSettings,
)

EVIDENCE_MAX_BYTES = 10 * 1024 * 1024
EVIDENCE_MAX_FILES = 10
# Allowed evidence: extension -> (content type, the first bytes such a file starts with).
EVIDENCE_TYPES: dict[str, tuple[str, tuple[bytes, ...]]] = {
    "pdf": ("application/pdf", (b"%PDF",)),
    "png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    "jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        (b"PK\x03\x04",),
    ),
    "xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        (b"PK\x03\x04",),
    ),
    "csv": ("text/csv", ()),
}
STALE = (
    "This record changed since you opened it (someone else saved it first). Nothing was "
    "overwritten: reload it, look at the changes, and make yours again."
)


class StaleEdit(Exception):
    """A save made on a version of the record that is no longer the current one."""

    def __init__(self, message: str = STALE) -> None:
        super().__init__(message)
        self.message = message


# -- Settings and weights ------------------------------------------------------------------


def tracking_settings_get(*, plan: Plan) -> TrackingSettings:
    found = TrackingSettings.objects.filter(plan=plan).first()
    return found if found is not None else TrackingSettings(plan=plan)


def tracking_settings_set(*, plan: Plan, review_contributor_updates: bool) -> TrackingSettings:
    settings, _ = TrackingSettings.objects.update_or_create(
        plan=plan, defaults={"review_contributor_updates": review_contributor_updates}
    )
    return settings


def action_weight_set(*, action: StrategicAction, weight: Decimal | None) -> None:
    """Set how much the action counts in the roll-up; None goes back to the default (1)."""
    if weight is None:
        ActionWeight.objects.filter(action=action).delete()
        return
    if weight < 0 or weight > 100:
        raise ValidationError("A weight goes from 0 to 100.")
    ActionWeight.objects.update_or_create(action=action, defaults={"weight": weight})


def action_ownership_set(
    *,
    action: StrategicAction,
    owner: Membership | None,
    owner_organisation: Organisation | None,
    owner_contact: str,
    backup: Membership | None,
) -> StrategicAction:
    """Who carries the action: a member, or a partner organisation with a contact there."""
    for member in (owner, backup):
        if member is not None and member.plan_id != action.plan_id:
            raise ValidationError("The owner and the backup must be members of this plan.")
    if owner_organisation is not None and owner_organisation.plan_id != action.plan_id:
        raise ValidationError("The organisation must be one of this plan's partners.")
    if owner is not None and backup is not None and owner.pk == backup.pk:
        raise ValidationError("The backup must be someone other than the owner.")
    fields = {
        "owner": owner,
        "owner_organisation": owner_organisation,
        "owner_contact": owner_contact.strip() if owner_organisation else "",
        "backup": backup,
    }
    # Only these fields: an edit of the action's other fields elsewhere is not undone.
    StrategicAction.objects.filter(pk=action.pk).update(**fields, updated_at=timezone.now())
    for name, value in fields.items():
        setattr(action, name, value)
    return action


# -- Progress updates ----------------------------------------------------------------------


def _author_needs_review(
    *, plan: Plan, author: User | None, organisation: Organisation | None = None
) -> bool:
    """Whether a new update waits for an editor: when the plan reviews contributors'
    updates and a contributor, or a partner organisation's system, wrote it."""
    if not tracking_settings_get(plan=plan).review_contributor_updates:
        return False
    if organisation is not None:
        return True
    if author is None:
        return False
    membership = Membership.objects.filter(plan=plan, user=author).first()
    return membership is None or not membership.can_edit()


def links_clean(*, links: Iterable[str]) -> list[str]:
    """Evidence links: web addresses only (http or https), blank lines dropped."""
    cleaned = []
    for raw in links:
        link = raw.strip()
        if not link:
            continue
        if not link.lower().startswith(("https://", "http://")) or len(link) > 500 or " " in link:
            raise ValidationError(
                f"“{link[:80]}” is not a web address: links start with https:// and have no spaces."
            )
        cleaned.append(link)
    return cleaned


def update_fields_check(*, status: str, percent_complete: int | None, narrative: str) -> None:
    if status not in ActionStatus.values:
        raise ValidationError(f"“{status}” is not a status. Use one of: {_statuses()}.")
    if percent_complete is not None and not 0 <= percent_complete <= 100:
        raise ValidationError("Percent complete goes from 0 to 100.")
    if not narrative.strip():
        raise ValidationError("Write what happened: the narrative is required.")


def _statuses() -> str:
    return ", ".join(ActionStatus.values)


@transaction.atomic
def progress_update_post(
    *,
    action: StrategicAction,
    author: User | None,
    written_on: dt.date,
    status: str,
    narrative: str,
    percent_complete: int | None = None,
    blockers: str = "",
    next_steps: str = "",
    links: Iterable[str] = (),
    files: Iterable[UploadedFile] = (),
    replaces: ProgressUpdate | None = None,
    author_organisation: Organisation | None = None,
) -> ProgressUpdate:
    """Append a dated update to the action's record. It is shown at once, or waits for an
    editor when the plan reviews contributors' updates; a shown update sets the action's
    status to that of its latest shown update."""
    update_fields_check(status=status, percent_complete=percent_complete, narrative=narrative)
    if replaces is not None and (
        replaces.action_id != action.pk or replaces.review_state != ReviewState.RETURNED
    ):
        raise ValidationError("Only a returned update of this action can be sent again.")
    files = list(files)
    for upload in files:
        evidence_check(name=upload.name or "", size=upload.size or 0, head=_head(upload))
    needs_review = _author_needs_review(
        plan=action.plan, author=author, organisation=author_organisation
    )
    update = ProgressUpdate.objects.create(
        action=action,
        author=author,
        author_organisation=author_organisation,
        written_on=written_on,
        status=status,
        percent_complete=percent_complete,
        narrative=narrative.strip(),
        blockers=blockers.strip(),
        next_steps=next_steps.strip(),
        links=links_clean(links=links),
        review_state=ReviewState.PENDING if needs_review else ReviewState.PUBLISHED,
        replaces=replaces,
    )
    for upload in files:
        evidence_attach(update=update, upload=upload)
    if update.is_shown():
        action_status_refresh(action=action)
    return update


@dataclass(frozen=True)
class UpdateInput:
    """One update of a batch (a CSV file, an API call): the fields of progress_update_post."""

    action: StrategicAction
    written_on: dt.date
    status: str
    narrative: str
    percent_complete: int | None = None
    blockers: str = ""
    next_steps: str = ""
    links: tuple[str, ...] = ()


@transaction.atomic
def progress_updates_append(
    *,
    plan: Plan,
    author: User | None,
    updates: list[UpdateInput],
    author_organisation: Organisation | None = None,
) -> list[ProgressUpdate]:
    """Append many updates of one plan at once (all or nothing), then set the status of
    each action they touch: the same rules as progress_update_post, in a few queries."""
    for item in updates:
        if item.action.plan_id != plan.pk:
            raise ValidationError("Every update must be on an action of this plan.")
        update_fields_check(
            status=item.status, percent_complete=item.percent_complete, narrative=item.narrative
        )
    state = (
        ReviewState.PENDING
        if _author_needs_review(plan=plan, author=author, organisation=author_organisation)
        else ReviewState.PUBLISHED
    )
    created = ProgressUpdate.objects.bulk_create(
        [
            ProgressUpdate(
                action=item.action,
                author=author,
                author_organisation=author_organisation,
                written_on=item.written_on,
                status=item.status,
                percent_complete=item.percent_complete,
                narrative=item.narrative.strip(),
                blockers=item.blockers.strip(),
                next_steps=item.next_steps.strip(),
                links=links_clean(links=item.links),
                review_state=state,
            )
            for item in updates
        ],
        batch_size=500,
    )
    if state == ReviewState.PUBLISHED:
        touched = {item.action.pk: item.action for item in updates}
        for action_id in sorted(touched):  # one order, so two batches never deadlock
            action_status_refresh(action=touched[action_id])
    return created


def action_status_refresh(*, action: StrategicAction) -> str:
    """Set the action's status from its latest shown update by (written_on, created_at).

    The action row is locked first, so two updates posted at once both keep and the status
    ends as the later one's, whichever transaction commits last."""
    list(StrategicAction.objects.select_for_update().filter(pk=action.pk).values("pk"))
    latest = (
        ProgressUpdate.objects.filter(action_id=action.pk, review_state=ReviewState.PUBLISHED)
        .order_by("-written_on", "-created_at", "-id")
        .values_list("status", flat=True)
        .first()
    )
    status = latest or ActionStatus.NOT_STARTED
    StrategicAction.objects.filter(pk=action.pk).update(status=status)
    action.status = status
    return status


@transaction.atomic
def progress_update_approve(
    *, update: ProgressUpdate, reviewer: User, now: dt.datetime | None = None
) -> ProgressUpdate:
    """An editor shows a waiting update; the action's status follows."""
    claimed = ProgressUpdate.objects.filter(pk=update.pk, review_state=ReviewState.PENDING).update(
        review_state=ReviewState.PUBLISHED, reviewer=reviewer, reviewed_at=now or timezone.now()
    )
    if not claimed:
        raise StaleEdit("This update is no longer waiting for review: someone decided first.")
    update.refresh_from_db()
    action_status_refresh(action=update.action)
    return update


@transaction.atomic
def progress_update_return(
    *, update: ProgressUpdate, reviewer: User, comment: str, now: dt.datetime | None = None
) -> ProgressUpdate:
    """An editor sends a waiting update back to its author with a comment."""
    if not comment.strip():
        raise ValidationError("Say what should change: the comment goes to the author.")
    claimed = ProgressUpdate.objects.filter(pk=update.pk, review_state=ReviewState.PENDING).update(
        review_state=ReviewState.RETURNED,
        reviewer=reviewer,
        review_comment=comment.strip(),
        reviewed_at=now or timezone.now(),
    )
    if not claimed:
        raise StaleEdit("This update is no longer waiting for review: someone decided first.")
    update.refresh_from_db()
    return update


# -- Evidence ------------------------------------------------------------------------------


def _head(upload: UploadedFile) -> bytes:
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    return head if isinstance(head, bytes) else head.encode()


def evidence_check(*, name: str, size: int, head: bytes) -> str:
    """The content type to store for an allowed file, or ValidationError in words."""
    extension = PurePath(name).suffix.lower().lstrip(".")
    allowed = EVIDENCE_TYPES.get(extension)
    if allowed is None:
        raise ValidationError(
            f"“{name}”: evidence files may be PDF, PNG, JPG, Word (.docx), Excel (.xlsx) or CSV."
        )
    if size > EVIDENCE_MAX_BYTES:
        megabytes = size / 1024 / 1024
        raise ValidationError(f"“{name}” is {megabytes:.1f} MB; the limit is 10 MB a file.")
    if size == 0:
        raise ValidationError(f"“{name}” is empty.")
    content_type, starts = allowed
    if starts and not any(head.startswith(s) for s in starts):
        raise ValidationError(f"“{name}” is not the kind of file its name says ({extension}).")
    if extension == "csv" and b"\x00" in head:
        raise ValidationError(f"“{name}” is not a text CSV file.")
    return content_type


def evidence_attach(*, update: ProgressUpdate, upload: UploadedFile) -> Evidence:
    name = PurePath(upload.name or "evidence").name[:200]
    content_type = evidence_check(name=name, size=upload.size or 0, head=_head(upload))
    evidence = Evidence(update=update, name=name, size=upload.size or 0, content_type=content_type)
    extension = PurePath(name).suffix.lower()
    # Stored under a random name: the uploaded one is kept only as text.
    evidence.file.save(f"{evidence.uuid}{extension}", upload, save=False)
    evidence.save()
    return evidence


# -- Milestones ----------------------------------------------------------------------------


@dataclass(frozen=True)
class MilestoneFields:
    title: str
    due_on: dt.date
    completed_on: dt.date | None = None


def _milestone_check(fields: MilestoneFields) -> None:
    if not fields.title.strip():
        raise ValidationError("Give the milestone a title.")
    if len(fields.title) > 200:
        raise ValidationError("A milestone's title has at most 200 characters.")


def milestone_add(*, action: StrategicAction, fields: MilestoneFields) -> Milestone:
    _milestone_check(fields)
    order = Milestone.objects.filter(action=action).count()
    return Milestone.objects.create(
        action=action,
        title=fields.title.strip(),
        due_on=fields.due_on,
        completed_on=fields.completed_on,
        order=order,
    )


def milestone_update(*, milestone: Milestone, fields: MilestoneFields, version: int) -> Milestone:
    """Save the milestone only if nobody saved it since `version` was read."""
    _milestone_check(fields)
    changed = Milestone.objects.filter(pk=milestone.pk, version=version).update(
        title=fields.title.strip(),
        due_on=fields.due_on,
        completed_on=fields.completed_on,
        version=F("version") + 1,
        updated_at=timezone.now(),
    )
    if not changed:
        raise StaleEdit()
    milestone.refresh_from_db()
    return milestone


def milestone_complete(*, milestone: Milestone, completed_on: dt.date, version: int) -> Milestone:
    fields = MilestoneFields(milestone.title, milestone.due_on, completed_on)
    return milestone_update(milestone=milestone, fields=fields, version=version)


def milestone_delete(*, milestone: Milestone, version: int) -> None:
    deleted, _ = Milestone.objects.filter(pk=milestone.pk, version=version).delete()
    if not deleted:
        raise StaleEdit()
