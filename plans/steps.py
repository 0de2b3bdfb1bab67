"""The ten steps of the planning guide and how far a plan has come on each.

Each step's app registers a function that reads what the plan recorded and says where the
step stands; steps no app has registered yet are shown as not available.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import reverse

from plans.models import InsightStatus, Plan

STEPS: dict[int, tuple[str, str]] = {
    1: ("Our approach", "Agree why and how the coalition will work, and who should be involved."),
    2: ("Use the Mobility Metrics", "Look at your figures, compare with peers, note insights."),
    3: ("Assess readiness", "Take stock of leadership, partners, capacity and resources."),
    4: ("Build the coalition", "Bring in partners across sectors, and residents, and launch."),
    5: ("Initial understanding", "Review the metrics together and gather local data."),
    6: ("Fuller picture", "Hear from residents and stakeholders; write the findings."),
    7: ("Strategic actions", "Set a vision, a theory of change and actions with logic models."),
    8: ("Measurement and sustainability", "A measure for every part of every logic model."),
    9: ("Finalize and release", "Produce the plan, check it, publish it."),
    10: ("Sustain momentum", "Carry out the plan, track it, report on it, keep it alive."),
}

NOT_STARTED, IN_PROGRESS, COMPLETE, NOT_AVAILABLE = (
    "not started",
    "in progress",
    "complete",
    "not available yet",
)


@dataclass
class StepStatus:
    number: int
    title: str
    purpose: str
    state: str = NOT_STARTED
    done: list[str] = field(default_factory=list)  # what is recorded, in words
    next_action: str = ""
    url: str = ""

    @property
    def complete(self) -> bool:
        return self.state == COMPLETE


Provider = Callable[[Plan, StepStatus], None]
_providers: dict[int, Provider] = {}


def step_register(number: int) -> Callable[[Provider], Provider]:
    """Decorator: the function fills a StepStatus for one plan."""

    def register(function: Provider) -> Provider:
        _providers[number] = function
        return function

    return register


def plan_steps(*, plan: Plan) -> list[StepStatus]:
    statuses = []
    for number, (title, purpose) in STEPS.items():
        status = StepStatus(number, title, purpose)
        provider = _providers.get(number)
        if provider is None:
            status.state = NOT_AVAILABLE
        else:
            provider(plan, status)
        statuses.append(status)
    return statuses


def plan_next_step(*, steps: list[StepStatus]) -> StepStatus | None:
    """The first step that is available and not complete."""
    return next((s for s in steps if s.state in (NOT_STARTED, IN_PROGRESS)), None)


@step_register(1)
def _approach(plan: Plan, status: StepStatus) -> None:
    status.url = reverse("plans:approach", args=[plan.code])
    if plan.purpose.strip():
        status.done.append("Purpose written")
    if plan.principles:
        status.done.append(f"{len(plan.principles)} planning principles chosen")
    if plan.purpose.strip() and plan.principles:
        status.state = COMPLETE
    elif status.done:
        status.state = IN_PROGRESS
        status.next_action = "Finish the approach: a purpose and the principles you commit to."
    else:
        status.next_action = "Write why the coalition is doing this, and how it will work."


@step_register(2)
def _metrics(plan: Plan, status: StepStatus) -> None:
    status.url = reverse("plans:metrics", args=[plan.code])
    peers = plan.peers.count()
    kept = plan.insights.filter(status=InsightStatus.KEPT).count()
    if peers:
        status.done.append(f"{peers} peer places chosen")
    if kept:
        status.done.append(f"{kept} insights kept")
    if peers and kept:
        status.state = COMPLETE
    elif peers or kept:
        status.state = IN_PROGRESS
        status.next_action = (
            "Keep the insights worth a closer look." if peers else "Choose peer places."
        )
    else:
        status.next_action = "Choose peer places and keep the insights worth a closer look."
