from __future__ import annotations

import pytest

from plans.models import InsightStatus, PlanInsight
from reports.models import PlanRelease

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
