from __future__ import annotations

import datetime

import pytest

from metrics.models import Pillar
from plans.models import Membership, Organisation, OrganisationKind
from strategy import services as strategy
from strategy.models import Priority, StrategicAction
from wins.models import Win, WinKind

TODAY = datetime.date(2026, 11, 20)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def transit(plan) -> Priority:  # type: ignore[no-untyped-def]
    return strategy.priority_save(
        plan=plan, pillars=list(Pillar.objects.all()[:1]), title="Getting around",
        description="", problem="", root_causes="", pathway="", assumptions="",
    )  # fmt: skip


@pytest.fixture
def action(plan, people, transit) -> StrategicAction:  # type: ignore[no-untyped-def]
    """An action owned by the contributor."""
    owner = Membership.objects.get(plan=plan, user=people["contributor"])
    return strategy.action_save(
        plan=plan, priority=transit, title="Late-night bus to the industrial park", owner=owner
    )


@pytest.fixture
def other_action(plan, transit) -> StrategicAction:  # type: ignore[no-untyped-def]
    return strategy.action_save(plan=plan, priority=transit, title="Bike lanes on State Street")


@pytest.fixture
def transit_district(plan) -> Organisation:  # type: ignore[no-untyped-def]
    return Organisation.objects.create(
        plan=plan, name="Rockford Mass Transit District", kind=OrganisationKind.GOVERNMENT
    )


def win_make(plan, **values: object) -> Win:  # type: ignore[no-untyped-def]
    defaults: dict[str, object] = {
        "title": "Route 20 runs until midnight",
        "what_happened": "The transit district added three late trips.",
        "happened_on": datetime.date(2026, 9, 1),
        "kind": WinKind.PROGRAM,
        "made_by": "Dana Ruiz (transit board)",
        "audience": "Night-shift workers on the south side",
    }
    return Win.objects.create(plan=plan, **(defaults | values))


@pytest.fixture
def win(plan, other_action) -> Win:  # type: ignore[no-untyped-def]
    """A win on an action the contributor does not own, recorded by the editor."""
    return win_make(plan, action=other_action)
