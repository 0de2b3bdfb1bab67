"""How far a plan has come on step 10's follow-through, from its progress updates."""

from __future__ import annotations

from django.urls import reverse

from plans.models import Plan
from plans.steps import COMPLETE, IN_PROGRESS, StepStatus, step_register
from strategy.models import StrategicAction
from tracking.models import Milestone, ProgressUpdate, ReviewState


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


@step_register(10)
def _follow_through(plan: Plan, status: StepStatus) -> None:
    status.url = reverse("tracking:board", args=[plan.code])
    actions = StrategicAction.objects.filter(plan=plan).count()
    shown = ProgressUpdate.objects.filter(action__plan=plan, review_state=ReviewState.PUBLISHED)
    updated = shown.values("action_id").distinct().count()
    milestones = Milestone.objects.filter(action__plan=plan).count()
    if milestones:
        status.done.append(f"{_plural(milestones, 'milestone')} set")
    if updated:
        status.done.append(
            f"{_plural(shown.count(), 'progress update')} on {updated} of "
            f"{_plural(actions, 'action')}"
        )
    if actions and updated == actions:
        status.state = COMPLETE  # every action has its record under way; the work goes on
        return
    if updated or milestones:
        status.state = IN_PROGRESS
    status.next_action = (
        "Post a first progress update on each action."
        if actions
        else "Add strategic actions (step 7), then track them here."
    )
