"""The demo plan: Winnebago County, Illinois (Rockford), led by an invented nonprofit, with
every step filled in so a newcomer sees what a finished Mobility Action Plan looks like.

The county and its Mobility Metrics are real; the organisations, people, meetings, local
figures and decisions are invented. This module fills steps 1 and 2; each step app that has
a `demo` module (`<app>/demo.py` with `demo_seed(*, plan, owner)`) fills its own step.
"""

from __future__ import annotations

import importlib
import importlib.util
from dataclasses import dataclass
from types import ModuleType

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Model, ProtectedError

from metrics.models import Geography
from metrics.selectors.insights import insights_for
from metrics.selectors.peers import peers_suggest
from plans.models import Membership, OrganisationKind, Plan, Role
from plans.services import (
    PRINCIPLES,
    insight_decide,
    insight_update,
    insight_write,
    plan_approach_update,
    plan_create,
    plan_peers_set,
)

DEMO_CODE = "winnebago-demo"
DEMO_GEOID = "17201"
DEMO_TITLE = "Winnebago County Mobility Action Plan"
DEMO_LEAD = "Rockford Region Mobility Partnership"

# Step apps in the order of the guide's steps; each seeds its own part when installed.
STEP_APPS = (
    "readiness",
    "coalition",
    "localdata",
    "engagement",
    "strategy",
    "tracking",
    "results",
    "followup",
    "funding",
    "continuity",
    "wins",
    "foundation",
    "revisions",
    "reports",
)

PURPOSE = (
    "Too many families in Winnebago County work hard and still cannot get ahead: nearly one "
    "young adult in four reaches twenty without a high school diploma, fewer than half of "
    "three- and four-year-olds are in preschool, and average pay covers only about three "
    "fifths of what a family needs to live here. These gaps fall hardest on Black and Latino "
    "neighbors on the west and south sides of Rockford, where decades of disinvestment and "
    "redlining still shape who owns a home and which schools children attend.\n\n"
    "The Rockford Region Mobility Partnership brings county and city offices, schools, "
    "employers, health providers, congregations, funders and resident groups together to "
    "change that, and to hold ourselves to what we promise. This plan says what we learned, "
    "what we will do first, and how residents will be able to tell whether it is working.\n\n"
    "About this example: Winnebago County and its Mobility Metrics are real; the partnership, "
    "the people, the meetings, the local figures and the decisions in this plan are invented "
    "to show what a finished plan looks like in Upward."
)

NOTES = (
    "How we work: the management team meets every two weeks, the full coalition every "
    "quarter, always in the evening with dinner, child care and Spanish interpretation. "
    "Residents on the coalition are paid for their time."
)

# Computed insights to keep, by metric, with the coalition's rewording where it has one.
KEEP = {
    "share_hs_degree": "Fewer young adults hold a high school degree here than in almost any "
    "other county in the nation; we want to learn who leaves school, and why.",
    "share_in_preschool": "",
    "share_poverty_exposure": "",
    "ratio_living_wage": "",
}
OWN_INSIGHT = (
    "Residents and partners told us the west side lost its last full-service grocery and two "
    "bus routes in the same years that school homelessness rose: the metrics show the "
    "symptoms, and our conversations point to where they meet."
)

DISMISS_NOTE = (
    "Reported crime figures are marked Marginal and change with how incidents are recorded; "
    "we will look at safety with residents in step 6 rather than start from this figure."
)

DEMO_MEMBERS = (
    # username, first name, last name, role
    ("demo-mreyes", "Marisol", "Reyes", Role.EDITOR),
    ("demo-dbrooks", "Darnell", "Brooks", Role.CONTRIBUTOR),
    ("demo-glindqvist", "Grace", "Lindqvist", Role.VIEWER),
)


@dataclass
class DemoOutcome:
    plan: Plan
    seeded: list[str]  # app labels whose demo_seed ran, in order


def demo_plan_seed(*, owner: User) -> Plan:
    """Create the demo plan afresh (the old one with the same code is deleted first)."""
    return demo_plan_build(owner=owner).plan


@transaction.atomic
def demo_plan_build(*, owner: User) -> DemoOutcome:
    old = Plan.objects.filter(code=DEMO_CODE).first()
    if old is not None:
        _plan_delete(old)
    plan = plan_create(
        user=owner, title=DEMO_TITLE, geography=Geography.objects.get(geoid=DEMO_GEOID),
        lead_name=DEMO_LEAD, lead_kind=OrganisationKind.NONPROFIT, code=DEMO_CODE,
    )  # fmt: skip
    _members_add(plan)
    plan_approach_update(plan=plan, purpose=PURPOSE, principles=list(PRINCIPLES), notes=NOTES)
    _peers_choose(plan)
    _insights_keep(plan, owner)
    seeded = []
    for label in STEP_APPS:
        module = _demo_module(label)
        if module is not None:
            module.demo_seed(plan=plan, owner=owner)
            seeded.append(label)
    plan.refresh_from_db()
    return DemoOutcome(plan, seeded)


def _plan_delete(plan: Plan) -> None:
    """Delete a plan and all it holds. Some of its records protect others (an indicator its
    source, an action its priority, the plan its lead): those go first, deepest first."""
    Plan.objects.filter(pk=plan.pk).update(lead_organisation=None)
    for _attempt in range(10):
        try:
            Plan.objects.filter(pk=plan.pk).delete()
            return
        except ProtectedError as exc:
            for record in exc.protected_objects:
                _record_delete(record)
    raise RuntimeError(f"Could not delete the old demo plan {plan.code!r}.")


def _record_delete(record: Model) -> None:
    for _attempt in range(10):
        try:
            record.delete()
            return
        except ProtectedError as exc:
            for inner in exc.protected_objects:
                _record_delete(inner)
    raise RuntimeError(f"Could not delete {record!r} of the old demo plan.")


def demo_apps() -> list[str]:
    """The step apps that provide a demo seed in this installation."""
    return [label for label in STEP_APPS if _demo_module(label) is not None]


def _demo_module(label: str) -> ModuleType | None:
    if not apps.is_installed(label) or importlib.util.find_spec(f"{label}.demo") is None:
        return None
    module = importlib.import_module(f"{label}.demo")
    return module if hasattr(module, "demo_seed") else None


def _members_add(plan: Plan) -> None:
    """A few invented colleagues, so roles show on the plan (their accounts cannot sign in)."""
    user_model = get_user_model()
    for username, first, last, role in DEMO_MEMBERS:
        user, created = user_model.objects.get_or_create(
            username=username,
            defaults={"first_name": first, "last_name": last, "email": f"{username}@example.org"},
        )
        if created:
            user.set_unusable_password()
            user.save()
        Membership.objects.create(plan=plan, user=user, role=role, organisation=None)


def _peers_choose(plan: Plan) -> None:
    peers = list(peers_suggest(geoid=DEMO_GEOID, limit=5))
    geographies = list(Geography.objects.filter(geoid__in=[p.geoid for p in peers]))
    reasons = {
        p.geoid: f"Similar in size and make-up ({p.similarity} of 100); a fellow Illinois "
        "county with a mid-sized industrial city."
        if p.state_name == "Illinois"
        else f"Similar in size and make-up ({p.similarity} of 100)."
        for p in peers
    }
    plan_peers_set(plan=plan, geographies=geographies, reasons=reasons)


def _insights_keep(plan: Plan, owner: User) -> None:
    insights = insights_for(geoid=DEMO_GEOID, limit=40)
    kept = 0
    for slug, wording in KEEP.items():
        found = next((i for i in insights if i.metric_slug == slug), None)
        if found is not None:
            insight_decide(plan=plan, insight=found, keep=True, user=owner, statement=wording)
            kept += 1
    for insight in insights[: max(0, 3 - kept)]:  # a thinner release: keep the first few
        insight_decide(plan=plan, insight=insight, keep=True, user=owner)
    dismissed = next((i for i in insights if i.metric_slug == "rate_crime_property"), None)
    if dismissed is not None:
        record = insight_decide(plan=plan, insight=dismissed, keep=False, user=owner)
        insight_update(record=record, statement=record.statement, note=DISMISS_NOTE, keep=False)
    insight_write(
        plan=plan, statement=OWN_INSIGHT, metric_slug="share_homeless", user=owner,
        note="From the management team's first data walk; to test in step 6.",
    )  # fmt: skip
