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

# title, held on, seats, whether the contributor's seat is up, outcome
ELECTIONS = (
    ("County Board general election", dt.date(2026, 11, 3),
     "Half of the County Board's twenty seats, District 7 among them.", True,
     "District 7 re-elected its member; the Board's chair changes in December, "
     "so the Deputy County Administrator's appointment will be reviewed by mid-2027."),
    ("Consolidated election: Rockford mayor and aldermen", dt.date(2027, 4, 6),
     "Mayor of Rockford and half of the City Council.", False, ""),
    ("County Board general election", dt.date(2028, 11, 7),
     "The other half of the County Board.", True, ""),
)  # fmt: skip


def demo_seed(*, plan: Plan, owner: User) -> None:
    members = {m.role: m for m in Membership.objects.filter(plan=plan).order_by("created_at")}
    for role, (kind, seat, term_ends_on) in POSITIONS.items():
        if role in members:
            tenure_set(membership=members[role], kind=kind, seat=seat, term_ends_on=term_ends_on)
    contributor = [members[Role.CONTRIBUTOR]] if Role.CONTRIBUTOR in members else []
    for title, held_on, seats, theirs, outcome in ELECTIONS:
        election_create(
            plan=plan, title=title, held_on=held_on, seats=seats,
            members=contributor if theirs else [], outcome=outcome,
        )  # fmt: skip
