"""Step 4's place on the plan home: complete with a Mobility Advocate, a management team of
two or more, partners from three sectors or more, and a launch on record."""

from __future__ import annotations

from django.urls import reverse

from coalition.models import CoalitionRole
from coalition.selectors import coalition_overview
from plans.models import Plan
from plans.steps import COMPLETE, IN_PROGRESS, StepStatus, step_register

MIN_MANAGEMENT = 2
MIN_SECTORS = 3


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


@step_register(4)
def _coalition(plan: Plan, status: StepStatus) -> None:
    status.url = reverse("coalition:overview", args=[plan.code])
    overview = coalition_overview(plan=plan)
    advocates = overview.role_counts[CoalitionRole.ADVOCATE]
    management = overview.role_counts[CoalitionRole.MANAGEMENT]
    sectors = len(overview.sectors)
    todo = []
    if overview.people:
        n = len(overview.people)
        status.done.append(f"{n} {'person' if n == 1 else 'people'} in the coalition")
    if advocates:
        status.done.append("Mobility Advocate named")
    else:
        todo.append("name a Mobility Advocate")
    if management:
        status.done.append(f"Management team of {management}")
    if management < MIN_MANAGEMENT:
        todo.append(f"form a management team of at least {MIN_MANAGEMENT}")
    if sectors:
        status.done.append(_plural(sectors, "sector") + " taking part")
    if sectors < MIN_SECTORS:
        todo.append(f"bring in partners from at least {MIN_SECTORS} sectors")
    if overview.launch:
        status.done.append(f"Launched on {overview.launch.date}")
    else:
        todo.append("record the launch")
    if not todo:
        status.state = COMPLETE
    elif overview.people:
        status.state = IN_PROGRESS
    if todo:
        status.next_action = (
            todo[0][:1].upper()
            + todo[0][1:]
            + ("; then " + ", ".join(todo[1:]) + "." if len(todo) > 1 else ".")
        )
