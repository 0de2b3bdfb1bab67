"""A plan with one action, one outcome and measures around it: one entered by hand and
owned by the contributor, one read from the Mobility Metrics."""

from __future__ import annotations

import datetime

import pytest

from plans.models import Membership
from strategy import services
from strategy.models import LogicElement, Measure, Priority, StrategicAction


@pytest.fixture
def contributor_membership(plan, people) -> Membership:  # type: ignore[no-untyped-def]
    return Membership.objects.get(plan=plan, user=people["contributor"])


@pytest.fixture
def action(plan) -> StrategicAction:  # type: ignore[no-untyped-def]
    priority = services.priority_save(plan=plan, pillars=[], title="Good jobs")
    assert isinstance(priority, Priority)
    return services.action_save(
        plan=plan, priority=priority, title="Living-wage pledge",
        starts_on=datetime.date(2025, 1, 1), ends_on=datetime.date(2027, 12, 31),
    )  # fmt: skip


@pytest.fixture
def outcome(action) -> LogicElement:  # type: ignore[no-untyped-def]
    return services.element_add(action=action, kind="outcome-short", text="More jobs pay well")


def measure_make(plan, outcome, **fields) -> Measure:  # type: ignore[no-untyped-def]
    defaults: dict[str, object] = {
        "name": "Employers paying a living wage",
        "unit": "count",
        "direction": "higher",
        "frequency": "yearly",
    }
    defaults.update(fields)
    return services.measure_save(plan=plan, element=outcome, **defaults)


@pytest.fixture
def measure(plan, outcome, contributor_membership) -> Measure:  # type: ignore[no-untyped-def]
    """Entered by hand, yearly, owned by the contributor; baseline 10 in 2024."""
    return measure_make(
        plan, outcome, owner=contributor_membership, baseline_source="entered",
        baseline_value=10.0, baseline_year=2024,
    )  # fmt: skip


@pytest.fixture
def other_measure(plan, outcome) -> Measure:  # type: ignore[no-untyped-def]
    """Entered by hand, quarterly, nobody assigned."""
    return measure_make(plan, outcome, name="Pledges signed", frequency="quarterly")


@pytest.fixture
def metric_measure(plan, outcome) -> Measure:  # type: ignore[no-untyped-def]
    """The share of adults employed, read from the release for Winnebago County."""
    return measure_make(
        plan, outcome, name="Adults with a job", unit="share", frequency="release",
        baseline_source="metric", baseline_metric_slug="share_employed",
        baseline_subgroup_type="all", baseline_subgroup_name="All",
    )  # fmt: skip
