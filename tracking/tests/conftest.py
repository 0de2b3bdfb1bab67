from __future__ import annotations

import datetime as dt

import pytest

from metrics.models import Pillar
from plans.models import Membership
from strategy import services as strategy_services
from strategy.models import Priority, StrategicAction

D = dt.date


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):  # type: ignore[no-untyped-def]
    """Evidence files go to a scratch folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def priority(plan) -> Priority:  # type: ignore[no-untyped-def]
    return strategy_services.priority_save(
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
def member(plan, people):  # type: ignore[no-untyped-def]
    """The membership of a persona in our plan."""
    return lambda name: Membership.objects.get(plan=plan, user=people[name])


@pytest.fixture
def action(plan, priority, member) -> StrategicAction:  # type: ignore[no-untyped-def]
    """An action owned by the contributor, with the editor as backup."""
    return strategy_services.action_save(
        plan=plan, priority=priority, title="Living-wage pledge", description="Employers sign.",
        owner=member("contributor"), backup=member("editor"),
    )  # fmt: skip


@pytest.fixture
def other_action(plan, priority, member) -> StrategicAction:  # type: ignore[no-untyped-def]
    """An action the editor owns (not the contributor's)."""
    return strategy_services.action_save(
        plan=plan, priority=priority, title="Job fair", owner=member("editor")
    )
