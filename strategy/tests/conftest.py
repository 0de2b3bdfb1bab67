from __future__ import annotations

import datetime

import pytest

from metrics.models import Pillar, Predictor
from plans.models import Membership
from strategy import services
from strategy.models import Priority, StrategicAction


@pytest.fixture
def priority(plan) -> Priority:  # type: ignore[no-untyped-def]
    return services.priority_save(
        plan=plan,
        pillars=list(Pillar.objects.filter(slug="rewarding-work")[:1]),
        title="Good jobs",
        description="",
        problem="Too few jobs pay enough.",
        root_causes="",
        pathway="If employers pay a living wage, then families save.",
        assumptions="",
    )


@pytest.fixture
def contributor_membership(plan, people) -> Membership:  # type: ignore[no-untyped-def]
    return Membership.objects.get(plan=plan, user=people["contributor"])


@pytest.fixture
def action(plan, priority, contributor_membership) -> StrategicAction:  # type: ignore[no-untyped-def]
    """An action owned by the contributor."""
    return services.action_save(
        plan=plan,
        priority=priority,
        title="Living-wage pledge",
        description="Employers sign.",
        change_kinds=["policy"],
        owner=contributor_membership,
        starts_on=datetime.date(2027, 1, 1),
        ends_on=datetime.date(2028, 12, 31),
        predictors=list(Predictor.objects.filter(slug="employment-opportunities")[:1]),
    )


@pytest.fixture
def other_action(plan, priority) -> StrategicAction:  # type: ignore[no-untyped-def]
    """An action nobody in particular owns."""
    return services.action_save(plan=plan, priority=priority, title="Job fair")
