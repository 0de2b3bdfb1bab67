"""Follow-up fixtures: the Winnebago plan with one action owned by the contributor (backed up
by the editor), a milestone on it, another action owned by a partner organisation, and a
quarterly measure the contributor reports. Follow-through started on January 1, 2027,
updates are due every quarter, with 7 days of grace and reminders 14 days ahead."""

from __future__ import annotations

import datetime

import pytest

from followup.models import FollowupSettings
from plans.models import Membership, Organisation, Plan
from results.models import MeasureValue
from strategy import services as strategy
from strategy.models import Measure, Priority, StrategicAction
from tracking.models import Milestone

START = datetime.date(2027, 1, 1)


@pytest.fixture
def members(plan: Plan) -> dict[str, Membership]:
    return {m.user.username: m for m in Membership.objects.filter(plan=plan).select_related("user")}


@pytest.fixture
def partner(plan: Plan) -> Organisation:
    return Organisation.objects.create(
        plan=plan, name="Rockford Housing Partners", kind="nonprofit"
    )


@pytest.fixture
def settings_row(plan: Plan) -> FollowupSettings:
    return FollowupSettings.objects.create(
        plan=plan, action_cadence="quarterly", grace_days=7, lead_days=14, started_on=START
    )


@pytest.fixture
def priority(plan: Plan) -> Priority:
    return strategy.priority_save(
        plan=plan, pillars=[], title="Good jobs", description="", problem="Low pay.",
        root_causes="", pathway="If wages rise, families save.", assumptions="",
    )  # fmt: skip


@pytest.fixture
def action(plan: Plan, priority: Priority, members: dict[str, Membership]) -> StrategicAction:
    return strategy.action_save(
        plan=plan, priority=priority, title="Living-wage pledge",
        owner=members["contributor"], backup=members["editor"],
    )  # fmt: skip


@pytest.fixture
def partner_action(plan: Plan, priority: Priority, partner: Organisation) -> StrategicAction:
    return strategy.action_save(
        plan=plan, priority=priority, title="Tenant legal aid",
        owner_organisation=partner, owner_contact="Dana Ruiz",
    )  # fmt: skip


@pytest.fixture
def milestone(action: StrategicAction) -> Milestone:
    return Milestone.objects.create(
        action=action, title="Ten employers sign", due_on=datetime.date(2027, 3, 1)
    )


@pytest.fixture
def measure(plan: Plan, action: StrategicAction, members: dict[str, Membership]) -> Measure:
    element = strategy.element_add(action=action, kind="output", text="Employers signed")
    found = strategy.measure_save(
        plan=plan, element=element, name="Employers signed", unit="count",
        direction="higher", frequency="quarterly", reporter=members["contributor"],
    )  # fmt: skip
    # The last value covers 2026-Q2: the 2026-Q3 value was due 45 days after September 30.
    MeasureValue.objects.create(
        measure=found, period="2026-Q2", period_end=datetime.date(2026, 6, 30), value=4
    )
    return found
