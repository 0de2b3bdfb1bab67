"""Continuity in the demo plan: who holds each lead role, and the votes ahead in Winnebago
County (dates plausible, people invented)."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User

from continuity.models import SeatKind
from continuity.services import election_create, tenure_set
from plans.models import Membership, Plan, Role

POSITIONS = {
    Role.OWNER: (SeatKind.CAREER, "Director, Rockford Region Mobility Partnership", None),
    Role.EDITOR: (SeatKind.APPOINTED, "Deputy County Administrator", dt.date(2027, 6, 30)),
    Role.CONTRIBUTOR: (
        SeatKind.ELECTED,
        "County Board member, District 7",
        dt.date(2028, 11, 30),
    ),
}


def demo_seed(*, plan: Plan, owner: User) -> None:
    members = {m.role: m for m in Membership.objects.filter(plan=plan).order_by("created_at")}
    for role, (kind, seat, term_ends_on) in POSITIONS.items():
        if role in members:
            tenure_set(membership=members[role], kind=kind, seat=seat, term_ends_on=term_ends_on)
    contributor = [members[Role.CONTRIBUTOR]] if Role.CONTRIBUTOR in members else []
    election_create(
        plan=plan,
        title="County Board general election",
        held_on=dt.date(2026, 11, 3),
        seats="Half of the County Board's twenty seats, District 7 among them.",
        members=contributor,
        outcome="District 7 re-elected its member; the Board's chair changes in December, "
        "so the Deputy County Administrator's appointment will be reviewed by mid-2027.",
    )
    election_create(
        plan=plan,
        title="Consolidated election: Rockford mayor and aldermen",
        held_on=dt.date(2027, 4, 6),
        seats="Mayor of Rockford and half of the City Council.",
        members=[],
    )
    election_create(
        plan=plan,
        title="County Board general election",
        held_on=dt.date(2028, 11, 7),
        seats="The other half of the County Board.",
        members=contributor,
    )
