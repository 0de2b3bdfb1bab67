from __future__ import annotations

from datetime import date

import pytest

from plans.models import InsightStatus, Membership, PlanInsight
from reports.models import PlanRelease
from results.models import MeasureValue
from strategy.models import (
    ActionStatus,
    ElementKind,
    Frequency,
    LogicElement,
    Measure,
    MeasureDirection,
    MeasureTarget,
    Priority,
    StrategicAction,
)
from tracking.models import Milestone, ProgressUpdate, ReviewState

MARKUP = '<script>alert("x")</script><b>bold</b> & friends'


@pytest.fixture
def written(plan, people):  # type: ignore[no-untyped-def]
    """The Winnebago plan with step 1, two kept insights (one with markup typed in it and a
    private note), a dismissed one, and the letter from leadership."""
    plan.purpose = f"Every family in Winnebago County can move up. {MARKUP}"
    plan.principles = ["equity", "engagement"]
    plan.save()
    PlanInsight.objects.create(
        plan=plan, key="standing:share_employed", metric_slug="share_employed",
        statement=f"Employment trails the state. {MARKUP}", note="PRIVATE-NOTE-do-not-publish",
        status=InsightStatus.KEPT, created_by=people["owner"],
    )  # fmt: skip
    PlanInsight.objects.create(
        plan=plan, key="", metric_slug="pctl_income_20",
        statement="Low incomes rose but not enough.", status=InsightStatus.KEPT,
    )  # fmt: skip
    PlanInsight.objects.create(
        plan=plan, key="", statement="DISMISSED-insight", status=InsightStatus.DISMISSED
    )
    PlanRelease.objects.create(
        plan=plan,
        letter=f"Dear neighbours,\n\nWe wrote this together. {MARKUP}",
        letter_signed="Ana Ruiz, Chair",
        get_involved="Come to the monthly meeting at the Central Library.",
    )
    return plan


@pytest.fixture
def sample_app(settings):  # type: ignore[no-untyped-def]
    """One more installed app with a `document.py` (map, summary and roster parts)."""
    settings.INSTALLED_APPS = [*settings.INSTALLED_APPS, "reports.tests.sample_app"]
    yield "sample_app"


@pytest.fixture
def sample_strategy(settings):  # type: ignore[no-untyped-def]
    """A strategy app that gives its part of the plan and no summary of its own."""
    settings.INSTALLED_APPS = [*settings.INSTALLED_APPS, "reports.tests.sample_strategy"]
    yield "sample_strategy"


@pytest.fixture
def progress(plan, people):  # type: ignore[no-untyped-def]
    """Three actions (one on track with a shown Q3 update, one at risk, one whose only Q3
    update waits for review), two milestones, a measure with values, bounds and targets."""
    people["owner"].first_name, people["owner"].last_name = "Dana", "Okafor"
    people["owner"].save()
    owner = Membership.objects.get(plan=plan, user=people["owner"])
    priority = Priority.objects.create(plan=plan, title="Good jobs")
    hiring = StrategicAction.objects.create(
        plan=plan, priority=priority, title="Fair-chance hiring pledge", owner=owner,
        lead_organisation=plan.lead_organisation, status=ActionStatus.ON_TRACK,
    )  # fmt: skip
    transit = StrategicAction.objects.create(
        plan=plan, priority=priority, title="Night bus to the industrial park",
        status=ActionStatus.AT_RISK,
    )  # fmt: skip
    quiet = StrategicAction.objects.create(plan=plan, priority=priority, title="Quiet action")
    ProgressUpdate.objects.create(
        action=hiring, author=people["owner"], written_on=date(2026, 8, 14),
        status=ActionStatus.ON_TRACK, percent_complete=60,
        narrative=f"Twelve employers signed the pledge. {MARKUP}",
        next_steps="Recruit five more employers by October.",
    )  # fmt: skip
    ProgressUpdate.objects.create(
        action=transit, author=people["owner"], written_on=date(2026, 9, 2),
        status=ActionStatus.AT_RISK, narrative="The transit board delayed its vote.",
    )  # fmt: skip
    ProgressUpdate.objects.create(
        action=quiet, author=people["contributor"], written_on=date(2026, 9, 10),
        status=ActionStatus.OFF_TRACK, narrative="PENDING-not-shown",
        review_state=ReviewState.PENDING,
    )  # fmt: skip
    Milestone.objects.create(
        action=hiring, title="Pledge launch event", due_on=date(2026, 8, 1),
        completed_on=date(2026, 7, 30),
    )  # fmt: skip
    Milestone.objects.create(action=transit, title="Board vote", due_on=date(2026, 9, 15))
    element = LogicElement.objects.create(action=hiring, kind=ElementKind.SHORT, text="Hires")
    measure = Measure.objects.create(
        plan=plan, element=element, name="Residents hired through the pledge", unit="count",
        direction=MeasureDirection.HIGHER, frequency=Frequency.QUARTERLY,
        baseline_year=2025, baseline_value=10,
    )  # fmt: skip
    MeasureTarget.objects.create(measure=measure, target_date=date(2026, 12, 31), value=60)
    quarters = [("2026-Q1", date(2026, 3, 31), 14), ("2026-Q2", date(2026, 6, 30), 25),
                ("2026-Q3", date(2026, 9, 30), 41)]  # fmt: skip
    for period, end, value in quarters:
        MeasureValue.objects.create(measure=measure, period=period, period_end=end,
                                    value=value, lb=value - 3, ub=value + 3)  # fmt: skip
    return plan
