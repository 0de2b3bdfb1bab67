"""Step 4's place on the plan home: complete with a Mobility Advocate, a management team of
two or more, partners from three sectors or more, and a launch on record."""

from __future__ import annotations

from django.urls import reverse

from coalition.selectors import coalition_progress, coalition_step_overview
from plans.models import Plan
from plans.steps import COMPLETE, IN_PROGRESS, StepStatus, step_register


@step_register(4)
def _coalition(plan: Plan, status: StepStatus) -> None:
    status.url = reverse("coalition:overview", args=[plan.code])
    overview = coalition_step_overview(plan=plan)
    done, todo = coalition_progress(overview=overview)
    status.done = done
    if not todo:
        status.state = COMPLETE
    elif overview.people:
        status.state = IN_PROGRESS
    if todo:
        first = todo[0][:1].upper() + todo[0][1:]
        status.next_action = first + ("; then " + ", ".join(todo[1:]) if todo[1:] else "") + "."
