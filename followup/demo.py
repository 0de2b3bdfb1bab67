"""Follow-up in the demo plan: progress updates every quarter since the plan's release a
year ago, ten days of grace, reminders two weeks ahead, and a calendar link for the plan."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.utils import timezone

from followup.models import Cadence, DigestFrequency
from followup.selectors import months_add
from followup.services import (
    followup_settings_save,
    plan_feed_renew,
    reminder_preference_save,
)
from plans.models import Plan


def demo_seed(*, plan: Plan, owner: User) -> None:
    today = timezone.localdate()
    started = months_add(today.replace(day=1), -12)
    followup_settings_save(
        plan=plan,
        action_cadence=Cadence.QUARTERLY,
        grace_days=10,
        lead_days=14,
        started_on=started,
    )
    plan_feed_renew(plan=plan)
    reminder_preference_save(
        user=owner, frequency=DigestFrequency.WEEKLY, weekday=0, plans=[plan], lead_days=None
    )
