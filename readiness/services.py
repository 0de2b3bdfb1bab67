"""Writes for step 3: start an assessment, change its domains and items, rate, decide."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from plans.models import Membership, Plan
from readiness.models import Assessment, Decision, Domain, GapStatus, Item, Rating

DEFAULTS_FILE = Path(__file__).parent / "defaults" / "readiness-v1.json"


@lru_cache(maxsize=1)
def readiness_defaults() -> dict[str, Any]:
    """Upward's default domains and items (a versioned file in this app)."""
    data: dict[str, Any] = json.loads(DEFAULTS_FILE.read_text(encoding="utf-8"))
    return data


def _own_key(prefix: str) -> str:
    return f"{prefix}.{uuid.uuid4().hex[:12]}"


@transaction.atomic
def assessment_start(
    *, plan: Plan, user: User | None, assessed_on: dt.date, title: str = ""
) -> Assessment:
    """A new assessment. The first starts from the default domains and items; later ones
    copy the domains and items of the latest (without its ratings and evidence) and keep
    its gap actions that are still open."""
    previous = Assessment.objects.filter(plan=plan).order_by("-assessed_on", "-created_at").first()
    assessment = Assessment.objects.create(
        plan=plan, assessed_on=assessed_on, title=title.strip(), created_by=user
    )
    if previous is None:
        defaults = readiness_defaults()
        assessment.defaults_version = int(defaults["version"])
        assessment.save(update_fields=["defaults_version"])
        _copy_defaults(assessment=assessment, domains=defaults["domains"])
    else:
        _copy_previous(assessment=assessment, previous=previous)
    return assessment


def _copy_defaults(*, assessment: Assessment, domains: list[dict[str, Any]]) -> None:
    for position, spec in enumerate(domains):
        domain = Domain.objects.create(
            assessment=assessment, key=spec["key"], title=spec["title"],
            description=spec.get("description", ""), position=position,
        )  # fmt: skip
        Item.objects.bulk_create(
            Item(domain=domain, key=item["key"], text=item["text"], position=index)
            for index, item in enumerate(spec["items"])
        )


def _copy_previous(*, assessment: Assessment, previous: Assessment) -> None:
    for old in previous.domains.prefetch_related("items"):
        domain = Domain.objects.create(
            assessment=assessment, key=old.key, title=old.title,
            description=old.description, position=old.position,
        )  # fmt: skip
        items = []
        for item in old.items.all():
            carried = item.has_gap_action() and item.gap_status == GapStatus.OPEN
            items.append(
                Item(
                    domain=domain,
                    key=item.key,
                    text=item.text,
                    position=item.position,
                    gap_action=item.gap_action if carried else "",
                    gap_owner_id=item.gap_owner_id if carried else None,
                    gap_due=item.gap_due if carried else None,
                    gap_note=item.gap_note if carried else "",
                )
            )
        Item.objects.bulk_create(items)


def domain_add(*, assessment: Assessment, title: str, description: str = "") -> Domain:
    title = title.strip()
    if not title:
        raise ValidationError("Give the domain a name.")
    last = assessment.domains.aggregate(m=Max("position"))["m"]
    return Domain.objects.create(
        assessment=assessment, key=_own_key("own"), title=title,
        description=description.strip(), position=(last or 0) + 1,
    )  # fmt: skip


def domain_remove(*, domain: Domain) -> None:
    domain.delete()


@dataclass(frozen=True)
class ItemChange:
    item: Item
    text: str
    rating: str
    evidence: str
    gap_action: str
    gap_owner: Membership | None
    gap_due: dt.date | None
    gap_status: str
    remove: bool = False


@transaction.atomic
def domain_update(
    *,
    domain: Domain,
    title: str,
    description: str,
    changes: list[ItemChange],
    new_item: str = "",
) -> Domain:
    """Save a domain page at once: its name, each item's wording, rating, evidence and gap
    action, items removed, and one item added."""
    domain.title, domain.description = title.strip(), description.strip()
    domain.save(update_fields=["title", "description"])
    for change in changes:
        if change.item.domain_id != domain.pk:
            raise ValidationError("That item belongs to another domain.")
        if change.remove:
            change.item.delete()
            continue
        _item_apply(change)
    if new_item.strip():
        last = domain.items.aggregate(m=Max("position"))["m"]
        Item.objects.create(
            domain=domain, key=_own_key("own"), text=new_item.strip(), position=(last or 0) + 1
        )
    return domain


def _item_apply(change: ItemChange) -> None:
    item = change.item
    if change.rating not in ("", *Rating.values):
        raise ValidationError(f"{change.rating!r} is not a rating.")
    if change.gap_owner is not None and change.gap_owner.plan_id != item.domain.assessment.plan_id:
        raise ValidationError("The owner of a gap action must be a member of this plan.")
    item.text = change.text.strip() or item.text
    item.rating = change.rating
    item.evidence = change.evidence.strip()
    item.gap_action = change.gap_action.strip()
    item.gap_owner = change.gap_owner
    item.gap_due = change.gap_due
    item.gap_status = change.gap_status or GapStatus.OPEN
    item.save()


def item_gap_update(*, item: Item, status: str, note: str) -> Item:
    """What a gap action's owner may change: whether it is done, and a note."""
    if status not in GapStatus.values:
        raise ValidationError(f"{status!r} is not a status.")
    item.gap_status = status
    item.gap_note = note.strip()
    item.save(update_fields=["gap_status", "gap_note", "updated_at"])
    return item


def assessment_decide(
    *, assessment: Assessment, decision: str, rationale: str, decided_on: dt.date | None
) -> Assessment:
    """Record (or clear, with decision "") the coalition's decision on this assessment."""
    if decision not in ("", *Decision.values):
        raise ValidationError(f"{decision!r} is not a decision.")
    if decision and not rationale.strip():
        raise ValidationError("Say why: a decision needs its reasons.")
    assessment.decision = decision
    assessment.rationale = rationale.strip()
    assessment.decided_on = (decided_on or timezone.localdate()) if decision else None
    assessment.save(update_fields=["decision", "rationale", "decided_on"])
    return assessment


def assessment_details_update(*, assessment: Assessment, assessed_on: dt.date, title: str) -> None:
    assessment.assessed_on = assessed_on
    assessment.title = title.strip()
    assessment.save(update_fields=["assessed_on", "title"])


def assessment_delete(*, assessment: Assessment) -> None:
    assessment.delete()
