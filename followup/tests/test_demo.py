from __future__ import annotations

import pytest

from followup.demo import demo_seed
from followup.models import FollowupSettings, ReminderPreference

pytestmark = pytest.mark.django_db


def test_the_demo_plan_reports_quarterly_since_a_year_ago_with_a_calendar_link(
    plan, people
) -> None:
    demo_seed(plan=plan, owner=people["owner"])
    demo_seed(plan=plan, owner=people["owner"])  # seeding twice is harmless
    saved = FollowupSettings.objects.get(plan=plan)
    assert saved.action_cadence == "quarterly"
    assert saved.started_on is not None and saved.feed_token
    assert ReminderPreference.objects.get(user=people["owner"]).frequency == "weekly"
