"""Writes of step 4: people, organisations, working groups, requests to join, the launch."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError

from coalition.models import (
    Coalition,
    JoinRequest,
    OrganisationProfile,
    Person,
    RaceGroup,
    WorkingGroup,
)
from plans.models import Organisation, Plan

PERSON_FIELDS = (
    "name",
    "title",
    "email",
    "organisation",
    "roles",
    "lived_experience",
    "demographic_notes",
    "user",
    "influence",
    "interest",
)
# What a contributor may change on their own record (not their roles, place on the map, or
# link to an account).
SELF_FIELDS = ("name", "title", "email", "lived_experience", "demographic_notes")


def _check_organisation(plan: Plan, organisation: Organisation | None) -> None:
    if organisation is not None and organisation.plan_id != plan.pk:
        raise ValidationError("That organization belongs to another plan.")


def person_create(*, plan: Plan, name: str, **fields: Any) -> Person:
    _check_organisation(plan, fields.get("organisation"))
    unknown = set(fields) - set(PERSON_FIELDS)
    if unknown:
        raise TypeError(f"Unknown fields: {sorted(unknown)}")
    return Person.objects.create(plan=plan, name=name, **fields)


def person_update(*, person: Person, only: Iterable[str] = PERSON_FIELDS, **fields: Any) -> Person:
    """Change the fields given, ignoring any outside `only` (a contributor's own record)."""
    _check_organisation(person.plan, fields.get("organisation"))
    allowed = set(only) & set(PERSON_FIELDS)
    for key, value in fields.items():
        if key in allowed:
            setattr(person, key, value)
    person.save()
    return person


def person_delete(*, person: Person) -> None:
    person.delete()


def organisation_create(
    *,
    plan: Plan,
    name: str,
    kind: str,
    sector: str = "",
    policy_domains: list[str] | None = None,
    pillars: list[str] | None = None,
    influence: int | None = None,
    interest: int | None = None,
    notes: str = "",
) -> OrganisationProfile:
    name = name.strip()
    if Organisation.objects.filter(plan=plan, name__iexact=name).exists():
        raise ValidationError(f"“{name}” is already one of this plan's organizations.")
    with transaction.atomic():
        organisation = Organisation.objects.create(plan=plan, name=name, kind=kind)
        return OrganisationProfile.objects.create(
            organisation=organisation,
            sector=sector,
            policy_domains=policy_domains or [],
            pillars=pillars or [],
            influence=influence,
            interest=interest,
            notes=notes,
        )


def organisation_profile_ensure(*, organisation: Organisation) -> OrganisationProfile:
    profile, _ = OrganisationProfile.objects.get_or_create(organisation=organisation)
    return profile


def organisation_update(*, profile: OrganisationProfile, **fields: Any) -> OrganisationProfile:
    organisation = profile.organisation
    name = fields.pop("name", organisation.name).strip()
    clash = Organisation.objects.filter(plan_id=organisation.plan_id, name__iexact=name)
    if clash.exclude(pk=organisation.pk).exists():
        raise ValidationError(f"“{name}” is already one of this plan's organizations.")
    with transaction.atomic():
        organisation.name = name
        organisation.kind = fields.pop("kind", organisation.kind)
        organisation.save()
        for key, value in fields.items():
            setattr(profile, key, value)
        profile.save()
    return profile


def organisation_delete(*, profile: OrganisationProfile) -> None:
    """Remove an organisation from the plan; its people stay, without an organisation."""
    organisation = profile.organisation
    if organisation.plan.lead_organisation_id == organisation.pk:
        raise ValidationError(f"{organisation.name} leads the plan and cannot be removed.")
    try:
        organisation.delete()
    except ProtectedError as exc:
        raise ValidationError(
            f"{organisation.name} is still named elsewhere in the plan (for example as the "
            "lead of an action); change that first."
        ) from exc


def working_group_save(
    *,
    plan: Plan,
    name: str,
    purpose: str,
    pillars: list[str],
    chair: Person | None,
    members: list[Person],
    group: WorkingGroup | None = None,
) -> WorkingGroup:
    """Create a working group (or change `group`); its chair is always one of its members."""
    people = [*members, *([chair] if chair else [])]
    if any(p.plan_id != plan.pk for p in people):
        raise ValidationError("Working-group members must be people of this coalition.")
    clash = WorkingGroup.objects.filter(plan=plan, name__iexact=name.strip())
    if group is not None:
        clash = clash.exclude(pk=group.pk)
    if clash.exists():
        raise ValidationError(f"There is already a working group called “{name.strip()}”.")
    with transaction.atomic():
        group = group or WorkingGroup(plan=plan)
        group.name, group.purpose, group.pillars, group.chair = (
            name.strip(),
            purpose,
            pillars,
            chair,
        )
        group.save()
        group.members.set({p.pk: p for p in people}.values())
    return group


def working_group_delete(*, group: WorkingGroup) -> None:
    group.delete()


def join_request_save(
    *,
    plan: Plan,
    asked_on: datetime.date,
    person: Person | None = None,
    organisation: Organisation | None = None,
    answer: str = "",
    note: str = "",
    request: JoinRequest | None = None,
) -> JoinRequest:
    if person is None and organisation is None:
        raise ValidationError("Say whom the coalition asked: a person or an organization.")
    if person is not None and person.plan_id != plan.pk:
        raise ValidationError("That person is not in this coalition.")
    _check_organisation(plan, organisation)
    request = request or JoinRequest(plan=plan)
    request.person, request.organisation = person, organisation
    request.asked_on, request.answer, request.note = asked_on, answer, note
    request.save()
    return request


def join_request_delete(*, request: JoinRequest) -> None:
    request.delete()


def coalition_for(*, plan: Plan) -> Coalition:
    coalition, _ = Coalition.objects.get_or_create(plan=plan)
    return coalition


def launch_record(
    *, plan: Plan, date: datetime.date | None, place: str, attendance: int | None, notes: str
) -> Coalition:
    coalition = coalition_for(plan=plan)
    coalition.launch_date, coalition.launch_place = date, place
    coalition.launch_attendance, coalition.launch_notes = attendance, notes
    coalition.save()
    return coalition


def composition_record(*, plan: Plan, counts: dict[str, int | None], note: str) -> Coalition:
    """The coalition's own make-up by race and ethnicity, as numbers of people."""
    known = {g.value for g in RaceGroup}
    if set(counts) - known:
        raise ValidationError("Unknown group in the composition.")
    if any(v is not None and v < 0 for v in counts.values()):
        raise ValidationError("Numbers of people cannot be negative.")
    coalition = coalition_for(plan=plan)
    coalition.composition = {k: v for k, v in counts.items() if v is not None}
    coalition.composition_note = note
    coalition.save()
    return coalition
