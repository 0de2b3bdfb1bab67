"""The demo plan's measures over time: values for the measures entered by hand, the
Mobility Metrics measures read from the release, a few stories, and a mix of statuses."""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model

from plans.demo import demo_plan_seed
from results.models import MeasureStory, MeasureValue
from results.selectors import measures_overview


def test_the_demo_plan_has_a_year_and_more_of_values_and_some_stories(db) -> None:
    owner = get_user_model().objects.create_user(username="demo", password="correct horse 42")
    plan = demo_plan_seed(owner=owner)
    values = MeasureValue.objects.filter(measure__plan=plan)
    assert values.filter(origin="entered", period="2026-Q3").exists()
    assert values.filter(origin="release").exists()
    assert MeasureStory.objects.filter(measure__plan=plan).count() >= 2
    rows = measures_overview(plan=plan, today=datetime.date(2026, 11, 23))
    codes = {row.status.code for row in rows}
    assert {"on-track", "off-track"} <= codes
    assert all(row.latest for row in rows if not row.is_metric)
    assert any(row.freshness.overdue for row in rows)
