"""The action both revision test files revise: "Wage pledge", ending 31 December 2027."""

from __future__ import annotations

import datetime as dt

import pytest

from metrics.models import Pillar
from strategy import services as strategy
from strategy.models import StrategicAction


@pytest.fixture
def action(plan) -> StrategicAction:  # type: ignore[no-untyped-def]
    priority = strategy.priority_save(
        plan=plan, pillars=list(Pillar.objects.all()[:1]), title="Good jobs", description="",
        problem="", root_causes="", pathway="", assumptions="",
    )  # fmt: skip
    return strategy.action_save(
        plan=plan, priority=priority, title="Wage pledge", ends_on=dt.date(2027, 12, 31)
    )
