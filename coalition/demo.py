"""Step 4 of the demo plan: an invented coalition of organisations and people across
sectors, with a Mobility Advocate, a management team, two working groups and a launch."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User

from coalition.models import CoalitionRole, LivedExperience, Person, RaceGroup
from coalition.services import (
    composition_record,
    join_request_save,
    launch_record,
    organisation_create,
    organisation_profile_ensure,
    organisation_update,
    person_create,
    working_group_save,
)
from plans.models import Organisation, Plan

WORK, HOODS = "rewarding-work", "opportunity-rich-inclusive-neighborhoods"
HEALTH, EDUCATION = "healthy-environment-good-health-care", "high-quality-education"
GOVERNANCE = "responsive-just-governance"

# name, kind, policy domains, pillars, influence, interest
ORGANISATIONS = (
    ("Winnebago County Community Services Office", "government",
     ["housing", "finance", "children"], [WORK, HOODS], 5, 4),
    ("Rockford Neighborhood Development Office", "government",
     ["housing", "transport"], [HOODS], 4, 4),
    ("Rock River Valley School District", "school",
     ["education", "children"], [EDUCATION], 5, 3),
    ("Northern Illinois Manufacturers' Roundtable", "employer",
     ["jobs"], [WORK], 4, 2),
    ("Blackhawk Community Health Network", "health",
     ["health", "children"], [HEALTH], 3, 4),
    ("Stateline Community Fund", "funder",
     ["finance", "civic"], [WORK, EDUCATION], 4, 3),
    ("New Hope Congregations Together", "faith",
     ["civic", "justice"], [GOVERNANCE, HOODS], 2, 5),
    ("Southwest Rockford Tenants' Union", "residents",
     ["housing", "civic"], [HOODS, GOVERNANCE], 2, 5),
)  # fmt: skip

LEAD_PROFILE = {
    "policy_domains": ["jobs", "education", "housing", "civic"],
    "pillars": [WORK, HOODS, EDUCATION],
    "influence": 3,
    "interest": 5,
    "notes": "Convenes the coalition and employs the Mobility Advocate.",
}

A, M, C = CoalitionRole.ADVOCATE, CoalitionRole.MANAGEMENT, CoalitionRole.CHAMPION
P, G = CoalitionRole.PARTNER, CoalitionRole.GROUP_MEMBER
YES, NO = LivedExperience.YES, LivedExperience.NO
LEAD = ""  # stands for the plan's lead organisation

# name, title, organisation (None: a resident on their own), roles, lived experience
PEOPLE = (
    ("Andrea Whitfield", "Executive Director", LEAD, [A, M], YES),
    ("Marisol Reyes", "Data and Learning Manager", LEAD, [M, G], NO),
    ("Curtis Hammond", "Director", ORGANISATIONS[0][0], [M, C], NO),
    ("Lena Okafor", "Senior Planner", ORGANISATIONS[1][0], [G], NO),
    ("Samuel Brandt", "Assistant Superintendent", ORGANISATIONS[2][0], [C, G], NO),
    ("Priya Natarajan", "Workforce Director", ORGANISATIONS[3][0], [P, G], NO),
    ("Aisha Rahman", "Community Health Worker Lead", ORGANISATIONS[4][0], [G], YES),
    ("Beth Kowalczyk", "Program Officer", ORGANISATIONS[5][0], [P], NO),
    ("Harold Simms", "Pastor and Convener", ORGANISATIONS[6][0], [C, P], YES),
    ("Tomasa Delgado", "Lead Organizer", ORGANISATIONS[7][0], [M, G], YES),
    ("Jerome Washington", "Resident Leader", ORGANISATIONS[7][0], [G], YES),
    ("Deshawn Porter", "Youth Council Member", None, [G], YES),
)  # fmt: skip

GROUPS = (
    ("Learning from Birth to Graduation",
     "Early learning and finishing high school: preschool seats, students who have left "
     "school, and the path to training after it.", [EDUCATION],
     "Samuel Brandt", ["Marisol Reyes", "Aisha Rahman", "Deshawn Porter", "Tomasa Delgado"]),
    ("Good Jobs and Stable Homes",
     "Pay, hours and debt; rents, repairs and evictions; how the two push families out of "
     "the neighborhoods where they have roots.", [WORK, HOODS],
     "Tomasa Delgado", ["Lena Okafor", "Priya Natarajan", "Jerome Washington", "Marisol Reyes"]),
)  # fmt: skip


def demo_seed(*, plan: Plan, owner: User) -> None:
    lead = plan.lead_organisation
    if lead is not None:
        organisation_update(profile=organisation_profile_ensure(organisation=lead), **LEAD_PROFILE)
    orgs: dict[str, Organisation] = {"": lead} if lead is not None else {}
    for name, kind, domains, pillars, influence, interest in ORGANISATIONS:
        profile = organisation_create(
            plan=plan, name=name, kind=kind, policy_domains=domains, pillars=pillars,
            influence=influence, interest=interest,
        )  # fmt: skip
        orgs[name] = profile.organisation
    people: dict[str, Person] = {}
    for name, title, org, roles, lived in PEOPLE:
        people[name] = person_create(
            plan=plan, name=name, title=title, roles=[str(r) for r in roles],
            organisation=orgs.get(org) if org is not None else None, lived_experience=lived,
        )  # fmt: skip
    for name, purpose, pillars, chair, members in GROUPS:
        working_group_save(
            plan=plan, name=name, purpose=purpose, pillars=pillars, chair=people[chair],
            members=[people[m] for m in members],
        )  # fmt: skip
        person = people[chair]
        person.roles = [*person.roles, str(CoalitionRole.GROUP_CHAIR)]
        person.save(update_fields=["roles"])
    _requests(plan, orgs, people)
    launch_record(
        plan=plan, date=dt.date(2025, 3, 15), place="Southwest Community Hall, Rockford",
        attendance=140,
        notes="An evening launch with dinner, child care and Spanish interpretation; "
        "residents led the data walk and signed up for the two working groups.",
    )  # fmt: skip
    composition_record(
        plan=plan,
        counts={RaceGroup.BLACK: 4, RaceGroup.HISPANIC: 3, RaceGroup.WHITE: 4, RaceGroup.OTHER: 0},
        note="Counted from what members chose to tell us at the launch; one preferred not to say.",
    )


def _requests(plan: Plan, orgs: dict[str, Organisation], people: dict[str, Person]) -> None:
    join_request_save(
        plan=plan, asked_on=dt.date(2024, 11, 4), organisation=orgs[ORGANISATIONS[7][0]],
        answer="yes", note="Joined as a full partner with two seats on the working groups.",
    )  # fmt: skip
    join_request_save(
        plan=plan, asked_on=dt.date(2024, 12, 2), organisation=orgs[ORGANISATIONS[3][0]],
        answer="yes", note="Joined after a meeting with three member companies.",
    )  # fmt: skip
    join_request_save(
        plan=plan, asked_on=dt.date(2025, 1, 9), person=people["Deshawn Porter"],
        answer="yes", note="Nominated by the youth council.",
    )  # fmt: skip
