"""Writes for step 9: the texts written for the release, the checklist, publishing."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from plans.models import Plan
from reports.checklist import CHECKLIST
from reports.models import ChecklistItem, PlanRelease


def release_texts_save(
    *, plan: Plan, letter: str, letter_signed: str, get_involved: str
) -> PlanRelease:
    release, _ = PlanRelease.objects.get_or_create(plan=plan)
    release.letter, release.letter_signed = letter.strip(), letter_signed.strip()
    release.get_involved = get_involved.strip()
    release.save()
    return release


def checklist_item_set(
    *, plan: Plan, key: str, checked: bool, user: AbstractBaseUser, note: str = ""
) -> ChecklistItem | None:
    """Check an item (keeping who and when) or uncheck it."""
    if key not in CHECKLIST:
        raise ValidationError(f"There is no checklist item {key!r}.")
    if not checked:
        ChecklistItem.objects.filter(plan=plan, key=key).delete()
        return None
    item, _ = ChecklistItem.objects.update_or_create(
        plan=plan, key=key,
        defaults={"checked_by": user, "checked_at": timezone.now(), "note": note.strip()},
    )  # fmt: skip
    return item


@transaction.atomic
def plan_publish(*, plan: Plan, parts: list[str], available: list[str]) -> Plan:
    """Publish the chosen parts of the plan on its public page (at least one part)."""
    unknown = sorted(set(parts) - set(available))
    if unknown:
        raise ValidationError(f"These parts are not in the plan: {', '.join(unknown)}.")
    if not parts:
        raise ValidationError("Choose at least one part of the plan to publish.")
    plan.published = True
    plan.published_parts = [key for key in available if key in parts]
    plan.save(update_fields=["published", "published_parts", "updated_at"])
    release, _ = PlanRelease.objects.get_or_create(plan=plan)
    release.published_at = release.published_at or timezone.now()
    release.save(update_fields=["published_at", "updated_at"])
    return plan


def plan_unpublish(*, plan: Plan) -> Plan:
    plan.published = False
    plan.save(update_fields=["published", "updated_at"])
    return plan
