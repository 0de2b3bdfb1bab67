"""Reads on plans for the pages, the API and the command line."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import User

from metrics.selectors.insights import Insight, insights_for
from metrics.selectors.peers import Peer, peers_suggest
from plans.models import InsightStatus, Membership, Plan, PlanInsight
from plans.steps import StepStatus, plan_next_step, plan_steps


@dataclass
class PlanCard:
    code: str
    title: str
    place: str
    role: str
    steps_complete: int


def plans_for_user(*, user: User) -> list[PlanCard]:
    memberships = Membership.objects.filter(user_id=user.pk).select_related(
        "plan", "plan__geography"
    )
    cards = []
    for m in memberships.order_by("plan__title"):
        steps = plan_steps(plan=m.plan)
        cards.append(
            PlanCard(
                code=m.plan.code,
                title=m.plan.title,
                place=str(m.plan.geography),
                role=m.get_role_display(),
                steps_complete=sum(s.complete for s in steps),
            )
        )
    return cards


@dataclass
class PlanHome:
    plan: Plan
    steps: list[StepStatus]
    next_step: StepStatus | None
    members: int
    lead: str


def plan_home(*, plan: Plan) -> PlanHome:
    steps = plan_steps(plan=plan)
    return PlanHome(
        plan=plan,
        steps=steps,
        next_step=plan_next_step(steps=steps),
        members=plan.memberships.count(),
        lead=str(plan.lead_organisation or ""),
    )


@dataclass
class InsightRow:
    """A computed insight with what the coalition decided about it (None: not yet)."""

    insight: Insight
    key: str
    decision: PlanInsight | None


@dataclass
class PlanMetrics:
    peers: list[Peer]
    chosen: dict[str, str]  # geoid -> reason
    suggested: list[InsightRow]
    own: list[PlanInsight]
    kept: list[PlanInsight]


def plan_metrics(*, plan: Plan) -> PlanMetrics:
    geoid = plan.geography.geoid
    decisions = {p.key: p for p in plan.insights.exclude(key="")}
    rows = [
        InsightRow(i, f"{i.kind}:{i.metric_slug}", decisions.get(f"{i.kind}:{i.metric_slug}"))
        for i in insights_for(geoid=geoid, limit=25)
    ]
    return PlanMetrics(
        peers=peers_suggest(geoid=geoid, limit=15),
        chosen={p.geography.geoid: p.reason for p in plan.peers.select_related("geography")},
        suggested=rows,
        own=list(plan.insights.filter(key="")),
        kept=list(plan.insights.filter(status=InsightStatus.KEPT)),
    )


def plan_members(*, plan: Plan) -> list[Membership]:
    return list(plan.memberships.select_related("user", "organisation").order_by("role", "id"))
