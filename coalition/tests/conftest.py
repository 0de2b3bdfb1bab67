from __future__ import annotations

import pytest

from coalition.models import CoalitionRole, Person
from coalition.services import organisation_create, person_create


@pytest.fixture
def roster(plan, people):  # type: ignore[no-untyped-def]
    """A small coalition: the Mobility Advocate (linked to the contributor's account), a
    management team member, and a partner from a nonprofit."""
    lead = plan.lead_organisation
    nonprofit = organisation_create(
        plan=plan, name="Rock River Homes", kind="nonprofit", pillars=["rewarding-work"]
    ).organisation
    return {
        "advocate": person_create(
            plan=plan,
            name="Dana Advocate",
            organisation=lead,
            user=people["contributor"],
            roles=[CoalitionRole.ADVOCATE, CoalitionRole.MANAGEMENT],
            lived_experience="yes",
            demographic_notes="Grew up in Rockford",
        ),
        "manager": person_create(
            plan=plan,
            name="Lee Manager",
            organisation=lead,
            roles=[CoalitionRole.MANAGEMENT],
            lived_experience="no",
            email="lee@example.org",
        ),
        "partner": person_create(
            plan=plan,
            name="Pat Partner",
            organisation=nonprofit,
            roles=[CoalitionRole.PARTNER],
            lived_experience="declined",
        ),
    }


def person(plan, name: str) -> Person:  # type: ignore[no-untyped-def]
    return Person.objects.get(plan=plan, name=name)
