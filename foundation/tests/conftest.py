"""A plan with one action (owned by the contributor), one measure, two partner
organisations and a working group, for the foundation's pages."""

from __future__ import annotations

import datetime

import pytest

from coalition.models import WorkingGroup
from plans.models import Membership, Organisation, OrganisationKind
from strategy import services as strategy
from strategy.models import LogicElement, Measure, StrategicAction

TODAY = datetime.date(2027, 3, 1)


@pytest.fixture
def member(plan, people):  # type: ignore[no-untyped-def]
    return lambda name: Membership.objects.get(plan=plan, user=people[name])


@pytest.fixture
def action(plan, member) -> StrategicAction:  # type: ignore[no-untyped-def]
    priority = strategy.priority_save(plan=plan, pillars=[], title="Good jobs")
    return strategy.action_save(
        plan=plan, priority=priority, title="Living-wage pledge", owner=member("contributor")
    )


@pytest.fixture
def outcome(action) -> LogicElement:  # type: ignore[no-untyped-def]
    return strategy.element_add(action=action, kind="outcome-short", text="More jobs pay well")


@pytest.fixture
def measure(plan, outcome) -> Measure:  # type: ignore[no-untyped-def]
    return strategy.measure_save(
        plan=plan, element=outcome, name="Employers paying a living wage", unit="count",
        direction="higher", frequency="yearly",
    )  # fmt: skip


@pytest.fixture
def library(plan) -> Organisation:  # type: ignore[no-untyped-def]
    return Organisation.objects.create(
        plan=plan, name="Rockford Public Library", kind=OrganisationKind.GOVERNMENT
    )


@pytest.fixture
def clinic(plan) -> Organisation:  # type: ignore[no-untyped-def]
    return Organisation.objects.create(
        plan=plan, name="Crusader Community Health", kind=OrganisationKind.HEALTH
    )


@pytest.fixture
def group(plan) -> WorkingGroup:  # type: ignore[no-untyped-def]
    return WorkingGroup.objects.create(plan=plan, name="Jobs working group")
