"""How far a plan has come on steps 7 and 8, from what it recorded."""

from __future__ import annotations

from django.urls import reverse

from plans.models import Plan
from plans.steps import COMPLETE, IN_PROGRESS, StepStatus, step_register
from strategy.models import (
    Approval,
    Decision,
    LogicElement,
    Priority,
    StrategicAction,
    VisionVersion,
)
from strategy.selectors import measurement_progress


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


@step_register(7)
def _strategy(plan: Plan, status: StepStatus) -> None:
    status.url = reverse("strategy:overview", args=[plan.code])
    has_vision = VisionVersion.objects.filter(plan=plan).exists()
    priorities = list(Priority.objects.filter(plan=plan))
    with_theory = sum(p.has_theory_of_change() for p in priorities)
    actions = StrategicAction.objects.filter(plan=plan)
    modelled = set(
        LogicElement.objects.filter(action__plan=plan).values_list("action_id", flat=True)
    )
    latest: dict[int, str] = {}  # the most recent decision on each action counts
    for action_id, decision in Approval.objects.filter(action__plan=plan).values_list(
        "action_id", "decision"
    ):
        latest.setdefault(action_id, decision)
    approved = {a for a, d in latest.items() if d == Decision.APPROVE}
    if has_vision:
        status.done.append("Vision written")
    if priorities:
        word = "priority" if len(priorities) == 1 else "priorities"
        status.done.append(f"{len(priorities)} {word}, {with_theory} with a theory of change")
    count = actions.count()
    if count:
        status.done.append(
            f"{_plural(count, 'action')}, {len(modelled)} with a logic model, "
            f"{len(approved)} approved"
        )
    ready = modelled & approved
    if has_vision and with_theory and ready:
        status.state = COMPLETE
        return
    if has_vision or priorities or count:
        status.state = IN_PROGRESS
    if not has_vision:
        status.next_action = "Write the community's vision."
    elif not with_theory:
        status.next_action = "Set a priority and write its theory of change."
    elif not count:
        status.next_action = "Add a strategic action to a priority."
    elif not modelled:
        status.next_action = "Build the logic model of an action."
    else:
        status.next_action = "Review and approve an action with a logic model."


@step_register(8)
def _measurement(plan: Plan, status: StepStatus) -> None:
    status.url = reverse("strategy:measurement", args=[plan.code])
    data = measurement_progress(plan=plan)
    if data.measures:
        status.done.append(
            f"{_plural(data.measures, 'measure')}; {data.outcomes_ready} of "
            f"{data.outcomes_total} outcomes with a baseline and a target"
        )
    if data.schedule:
        status.done.append(f"{_plural(data.schedule, 'reporting line')} scheduled")
    if data.evaluation:
        status.done.append(f"{_plural(data.evaluation, 'evaluation question')}")
    filled = data.sustainability_filled
    if filled:
        status.done.append(f"Sustainability: {filled} of {data.sustainability_areas} areas written")
    outcomes_done = data.outcomes_total > 0 and data.outcomes_ready == data.outcomes_total
    if outcomes_done and data.schedule and filled == data.sustainability_areas:
        status.state = COMPLETE
        return
    if status.done:
        status.state = IN_PROGRESS
    if not outcomes_done:
        status.next_action = (
            "Give every outcome of the logic models a measure with a baseline and a target."
        )
    elif not data.schedule:
        status.next_action = "Set who reports what to whom, and how often."
    else:
        status.next_action = "Fill in the sustainability worksheet."
