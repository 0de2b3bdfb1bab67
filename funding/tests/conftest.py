from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from funding.models import ActionFundingNeed, FundingEntry, FundingStatus, Renewal, SourceType
from metrics.models import Pillar
from plans.models import Membership, Organisation, OrganisationKind
from strategy import services as strategy
from strategy.models import Priority, StrategicAction

TODAY = datetime.date(2027, 3, 1)


@pytest.fixture
def jobs(plan) -> Priority:  # type: ignore[no-untyped-def]
    return strategy.priority_save(
        plan=plan, pillars=list(Pillar.objects.filter(slug="rewarding-work")[:1]),
        title="Good jobs", description="Jobs that pay enough to save.", problem="",
        root_causes="", pathway="", assumptions="",
    )  # fmt: skip


@pytest.fixture
def homes(plan) -> Priority:  # type: ignore[no-untyped-def]
    return strategy.priority_save(
        plan=plan, pillars=[], title="Stable homes", description="", problem="",
        root_causes="", pathway="", assumptions="",
    )  # fmt: skip


@pytest.fixture
def action(plan, people, jobs) -> StrategicAction:  # type: ignore[no-untyped-def]
    """An action owned by the contributor."""
    owner = Membership.objects.get(plan=plan, user=people["contributor"])
    return strategy.action_save(plan=plan, priority=jobs, title="Living-wage pledge", owner=owner)


@pytest.fixture
def other_action(plan, jobs) -> StrategicAction:  # type: ignore[no-untyped-def]
    """An action nobody in particular owns."""
    return strategy.action_save(plan=plan, priority=jobs, title="Job fair")


@pytest.fixture
def housing_action(plan, homes) -> StrategicAction:  # type: ignore[no-untyped-def]
    return strategy.action_save(plan=plan, priority=homes, title="Eviction help desk")


@pytest.fixture
def foundation(plan) -> Organisation:  # type: ignore[no-untyped-def]
    return Organisation.objects.create(
        plan=plan, name="Rock River Community Foundation", kind=OrganisationKind.FUNDER
    )


def entry_make(action: StrategicAction, **values: object) -> FundingEntry:
    defaults: dict[str, object] = {
        "source_type": SourceType.PHILANTHROPY,
        "funder_name": "Stateline Fund",
        "committed": Decimal("1000"),
        "status": FundingStatus.COMMITTED,
        "renewal_expected": Renewal.UNKNOWN,
    }
    return FundingEntry.objects.create(action=action, **(defaults | values))


def need_make(action: StrategicAction, amount: str) -> ActionFundingNeed:
    return ActionFundingNeed.objects.create(action=action, amount=Decimal(amount))


@pytest.fixture
def grant(action, foundation) -> FundingEntry:  # type: ignore[no-untyped-def]
    """The foundation's grant to the contributor's action."""
    return entry_make(
        action, funder_organisation=foundation, funder_name="", committed=Decimal("50000"),
        received=Decimal("20000"), spent=Decimal("5000"), status=FundingStatus.RECEIVED,
        starts_on=datetime.date(2026, 7, 1), ends_on=datetime.date(2027, 6, 30),
        people_reached=140, restrictions="Wages only, no equipment.",
    )  # fmt: skip
