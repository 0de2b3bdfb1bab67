"""Step 3 on the plan's home: complete once the latest assessment has a decision."""

from __future__ import annotations

from django.urls import reverse

from plans.models import Plan
from plans.steps import COMPLETE, IN_PROGRESS, StepStatus, step_register
from readiness.models import Assessment
from readiness.selectors import plan_latest_assessment, plan_rating_count


@step_register(3)
def _readiness(plan: Plan, status: StepStatus) -> None:
    status.url = reverse("readiness:home", args=[plan.code])
    latest = plan_latest_assessment(plan=plan)
    if latest is None:
        status.next_action = "Start a readiness assessment: rate where the coalition stands."
        return
    count = Assessment.objects.filter(plan=plan).count()
    status.done.append(f"{count} assessment{'s' if count != 1 else ''}")
    if latest.decision:
        status.done.append(f"Decision: {latest.get_decision_display().lower()}")
        status.state = COMPLETE
    elif plan_rating_count(plan=plan):
        status.state = IN_PROGRESS
        status.next_action = "Finish rating the items, then record the decision."
    else:
        status.next_action = "Rate each readiness item, with its evidence."
