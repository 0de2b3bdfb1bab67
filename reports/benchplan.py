"""A large plan for the benches (and for anyone who needs one): N strategic actions with
milestones and a year of shown progress updates, M measures with baselines, targets and
eight quarterly values with ranges. Written with bulk inserts so it builds in seconds.

    from reports.benchplan import bench_plan_build
    plan = bench_plan_build(owner=user, geoid="17201", actions=50, measures=100)
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from django.contrib.auth.models import User
from django.db import transaction

from metrics.models import Geography
from plans.models import Organisation, Plan
from plans.services import plan_create
from strategy.models import (
    ActionStatus,
    ElementKind,
    Frequency,
    LogicElement,
    Measure,
    MeasureDirection,
    MeasureTarget,
    Priority,
    StrategicAction,
)
from tracking.models import Milestone, ProgressUpdate, ReviewState

QUARTER_ENDS = [
    date(2024, 12, 31),
    date(2025, 3, 31),
    date(2025, 6, 30),
    date(2025, 9, 30),
    date(2025, 12, 31),
    date(2026, 3, 31),
    date(2026, 6, 30),
    date(2026, 9, 30),
]
STATUSES = [
    ActionStatus.ON_TRACK,
    ActionStatus.ON_TRACK,
    ActionStatus.AT_RISK,
    ActionStatus.OFF_TRACK,
    ActionStatus.COMPLETED,
    ActionStatus.ON_TRACK,
]
PARTNERS = [
    "Rock River Valley Workforce Board",
    "Rockford Public Schools",
    "Winnebago County Health Department",
    "Northern Illinois Food Bank",
    "Rockford Housing Authority",
    "Rock Valley College",
]


def _quarter_key(day: date) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


@transaction.atomic
def bench_plan_build(
    *,
    owner: User,
    geoid: str = "17201",
    actions: int = 50,
    measures: int = 100,
    code: str | None = None,
    seed: int = 7,
) -> Plan:
    from results.models import MeasureValue

    rng = random.Random(seed)
    plan = plan_create(
        user=owner,
        title=f"Bench plan {actions} actions {measures} measures",
        geography=Geography.objects.get(geoid=geoid),
        lead_name="Bench lead partnership",
        lead_kind="nonprofit",
        code=code,
    )
    plan.published = True
    plan.save(update_fields=["published"])
    partners = Organisation.objects.bulk_create(
        [Organisation(plan=plan, name=name, kind="nonprofit") for name in PARTNERS]
    )
    priorities = Priority.objects.bulk_create(
        [Priority(plan=plan, title=f"Priority {n + 1}", order=n) for n in range(5)]
    )
    made = StrategicAction.objects.bulk_create(
        [
            StrategicAction(
                plan=plan,
                priority=priorities[n % len(priorities)],
                title=f"Action {n + 1}: expand services in the neighborhood",
                lead_organisation=partners[n % len(partners)],
                status=STATUSES[n % len(STATUSES)],
            )
            for n in range(actions)
        ]
    )
    elements = LogicElement.objects.bulk_create(
        [LogicElement(action=a, kind=ElementKind.SHORT, text="More residents served") for a in made]
    )
    updates, milestones = [], []
    for n, action in enumerate(made):
        for q, end in enumerate(QUARTER_ENDS[-4:]):
            status = action.status if q == 3 else ActionStatus.ON_TRACK
            updates.append(
                ProgressUpdate(
                    action=action,
                    author=owner,
                    written_on=end - timedelta(days=10),
                    status=status,
                    percent_complete=min(100, 20 * (q + 1) + n % 7),
                    narrative=f"Quarter {q + 1}: partners met, sites opened and residents "
                    "enrolled. " * 3,
                    next_steps="Open two more sites and report enrolment by group.",
                    review_state=ReviewState.PUBLISHED,
                )
            )
        for m in range(3):
            due = date(2026, 3 * m + 2, 15)
            done = due - timedelta(days=3) if (n + m) % 3 else None
            milestones.append(
                Milestone(
                    action=action,
                    title=f"Milestone {m + 1}",
                    due_on=due,
                    completed_on=done,
                    order=m,
                )
            )
    ProgressUpdate.objects.bulk_create(updates)
    Milestone.objects.bulk_create(milestones)
    made_measures = Measure.objects.bulk_create(
        [
            Measure(
                plan=plan,
                element=elements[n % len(elements)],
                name=f"Measure {n + 1}: share served",
                unit="share",
                direction=MeasureDirection.HIGHER,
                baseline_year=2024,
                baseline_value=0.40 + (n % 10) / 100,
                frequency=Frequency.QUARTERLY,
                data_source="Partner program records",
            )
            for n in range(measures)
        ]
    )
    targets, values = [], []
    for measure in made_measures:
        base = measure.baseline_value or 0.4
        targets.append(
            MeasureTarget(measure=measure, target_date=date(2026, 12, 31), value=base + 0.08)
        )
        targets.append(
            MeasureTarget(measure=measure, target_date=date(2028, 12, 31), value=base + 0.15)
        )
        for q, end in enumerate(QUARTER_ENDS):
            value = base + 0.01 * q + rng.uniform(-0.01, 0.01)
            values.append(
                MeasureValue(
                    measure=measure,
                    period=_quarter_key(end),
                    period_end=end,
                    value=value,
                    lb=value - 0.02,
                    ub=value + 0.02,
                    source="Partner program records",
                )
            )
    MeasureTarget.objects.bulk_create(targets)
    MeasureValue.objects.bulk_create(values)
    return plan
