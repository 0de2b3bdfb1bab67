"""Reporting keys of partner organisations: a partner's own system (a case-management
database, a spreadsheet script) posts progress updates, milestones and measure values
through the JSON API with a key that belongs to the organisation, not to a person, so it
keeps working when the person who set it up moves on.

A key acts as a contributor who is no person, limited to the actions the organisation owns
and the measures under them; the plan's owners make and revoke keys. Only a fingerprint
(SHA-256) of a key is kept; the key itself is shown once.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.utils import timezone

from accounts.services import key_find, token_hash
from lib.people import person_name
from plans.models import Organisation, Plan
from strategy.models import StrategicAction
from tracking.models import PartnerKey

KEY_PREFIX = "upk_"  # names the kind of key: a partner organisation's
MAX_ACTIVE_PER_ORGANISATION = 5


@dataclass(frozen=True)
class PartnerKeyItem:
    uuid: str
    organisation: str
    name: str
    prefix: str
    created_by: str
    created_at: dt.datetime
    last_used_at: dt.datetime | None
    revoked_at: dt.datetime | None
    revoked_by: str
    actions_owned: int

    @property
    def active(self) -> bool:
        return self.revoked_at is None


def partner_key_create(
    *, plan: Plan, organisation: Organisation, name: str, created_by: User
) -> tuple[PartnerKey, str]:
    """A new reporting key for `organisation` on `plan`; returns the record and the key,
    which is not kept."""
    if organisation.plan_id != plan.pk:
        raise ValidationError("The organisation must be one of this plan's organisations.")
    name = name.strip()
    if not name:
        raise ValidationError("Name the key: what system will use it.")
    active = PartnerKey.objects.filter(organisation=organisation, revoked_at__isnull=True)
    if active.count() >= MAX_ACTIVE_PER_ORGANISATION:
        raise ValidationError(
            f"{organisation.name} already has {MAX_ACTIVE_PER_ORGANISATION} working keys: "
            "revoke one it no longer uses first."
        )
    raw = KEY_PREFIX + secrets.token_urlsafe(32)
    key = PartnerKey.objects.create(
        plan=plan,
        organisation=organisation,
        name=name,
        key_hash=token_hash(raw=raw),
        prefix=raw[:12],
        created_by=created_by,
    )
    return key, raw


def partner_key_revoke(*, key: PartnerKey, by: User) -> PartnerKey:
    if key.revoked_at is None:
        key.revoked_at, key.revoked_by = timezone.now(), by
        key.save(update_fields=["revoked_at", "revoked_by"])
    return key


def partner_key_authenticate(*, raw: str) -> PartnerKey | None:
    """The unrevoked key with this text, or None."""
    keys = PartnerKey.objects.select_related("plan", "plan__geography", "organisation")
    return key_find(raw=raw, prefix=KEY_PREFIX, keys=keys)


def partner_keys_for(*, plan: Plan) -> list[PartnerKeyItem]:
    """The plan's keys, working ones first, each with how many actions its organisation owns."""
    owned = dict(
        StrategicAction.objects.filter(plan=plan, owner_organisation__isnull=False)
        .values("owner_organisation")
        .annotate(n=Count("id"))
        .values_list("owner_organisation", "n")
    )
    keys = PartnerKey.objects.filter(plan=plan).select_related(
        "organisation", "created_by", "revoked_by"
    )
    items = [
        PartnerKeyItem(
            uuid=str(k.uuid),
            organisation=k.organisation.name,
            name=k.name,
            prefix=k.prefix,
            created_by=person_name(k.created_by),
            created_at=k.created_at,
            last_used_at=k.last_used_at,
            revoked_at=k.revoked_at,
            revoked_by=person_name(k.revoked_by),
            actions_owned=owned.get(k.organisation_id, 0),
        )
        for k in keys
    ]
    return sorted(items, key=lambda i: (not i.active, i.organisation.lower(), i.name.lower()))
