"""Writes for continuity: tenures, elections, snapshots."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from continuity.models import Election, SeatKind, Tenure
from plans.models import Membership, Plan

STALE = (
    "This record changed since you opened it (someone else saved it meanwhile). "
    "Nothing was overwritten: reload the page to see their version, then make your change again."
)


class StaleEdit(ValidationError):
    """A save based on an older version of the record than the one stored."""

    def __init__(self) -> None:
        super().__init__(STALE, code="stale")


@transaction.atomic
def tenure_set(
    *,
    membership: Membership,
    kind: str,
    seat: str = "",
    term_ends_on: dt.date | None = None,
    notes: str = "",
    version: int | None = None,
) -> Tenure:
    """Record what kind of position a member holds. `version` is the one the editor loaded
    (0 when there was no record); a different stored version refuses the save."""
    if kind not in SeatKind.values:
        raise ValidationError(f"Unknown kind of position {kind!r}.", code="invalid")
    tenure = Tenure.objects.select_for_update().filter(membership=membership).first()
    stored = tenure.version if tenure else 0
    if version is not None and version != stored:
        raise StaleEdit()
    if tenure is None:
        tenure = Tenure(membership=membership, version=0)
    tenure.kind = kind
    tenure.seat = seat.strip()
    tenure.term_ends_on = term_ends_on
    tenure.notes = notes.strip()
    tenure.version += 1
    tenure.save()
    return tenure


def _members_of(plan: Plan, members: list[Membership]) -> list[Membership]:
    strangers = [m for m in members if m.plan_id != plan.pk]
    if strangers:
        raise ValidationError("Only members of this plan can be named.", code="invalid")
    return members


@transaction.atomic
def election_create(
    *,
    plan: Plan,
    title: str,
    held_on: dt.date,
    seats: str = "",
    members: list[Membership] | None = None,
    outcome: str = "",
) -> Election:
    election = Election.objects.create(
        plan=plan, title=title.strip(), held_on=held_on, seats=seats.strip(), outcome=outcome
    )
    election.members.set(_members_of(plan, members or []))
    return election


@transaction.atomic
def election_update(
    *,
    election: Election,
    title: str,
    held_on: dt.date,
    seats: str = "",
    members: list[Membership] | None = None,
    outcome: str = "",
) -> Election:
    election.title = title.strip()
    election.held_on = held_on
    election.seats = seats.strip()
    election.outcome = outcome.strip()
    election.save()
    election.members.set(_members_of(election.plan, members or []))
    return election


def election_delete(*, election: Election) -> None:
    election.delete()
