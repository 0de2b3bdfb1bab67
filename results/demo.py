"""Step 10 of the demo plan, measures over time: values for every measure entered by hand
over 2025 and 2026 (quarterly ones quarter by quarter up to the third quarter of 2026,
yearly ones for 2025 and 2026), the Mobility Metrics measures read from the imported
release, and the four questions answered for a few measures.

The figures are invented and move from each baseline toward its target at a pace that
differs from measure to measure, so some are on track and some are not."""

from __future__ import annotations

import datetime as dt
import hashlib

from django.contrib.auth.models import User

from plans.models import Plan
from results.analysis import decimal_year
from results.models import ValueOrigin
from results.periods import period_parse
from results.services import ValueInput, release_sync, story_save, values_add_many
from strategy.models import Measure, MeasureTarget, TargetKind

PERIODS = {
    "monthly": [f"{y}-{m:02d}" for y in (2025, 2026) for m in range(1, 13)][:22],
    "quarterly": ["2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3"],
    "yearly": ["2025", "2026"],
    "biennial": ["2026"],
}
# How fast a measure moves toward its target, as a share of the straight path (by a stable
# hash of its name): behind, about on pace, ahead.
PACES = (0.55, 1.1, 1.35)

# A measure whose third-quarter figure has not come in: it shows as overdue.
LATE = {"Centers open at least 40 hours a week"}

STORIES: dict[str, dict[str, str]] = {
    "Full-day pre-K seats filled in 61101, 61102 and 61104": {
        "story": "Seats fill as fast as classrooms open. The converted classrooms filled "
        "within weeks; the community-center rooms waited on licensing, so the third quarter "
        "of 2026 shows a smaller step than planned.",
        "partners": "Rockford Public Schools (classrooms and enrolment), the Stateline "
        "Community Fund (the levy match), the county health department (licensing visits), "
        "the transit district (the morning route).",
        "what_works": "Parents told us distance and hours decide: a seat within two miles "
        "with a full day is taken; a half-day seat across town is not.",
        "next_steps": "Open the six community-center rooms before January and add a second "
        "bus route on the south side.",
    },
    "Students enrolled in a center during the year": {
        "story": "Enrolment climbed once the evening hours started; most students come "
        "through friends who already attend, fewer through school referrals.",
        "partners": "The district's attendance office, the three host congregations, "
        "employers offering work-study placements.",
        "what_works": "Paid work-study and a teacher in the room for credit recovery keep "
        "students coming back after the first month.",
        "next_steps": "Ask each high school to refer students who stopped attending within "
        "30 days rather than at the end of the semester.",
    },
    "Children ages 3 and 4 in preschool": {
        "story": "The county's share of young children in preschool sits well below the "
        "state's, and the release only updates every few years, so our own enrolment counts "
        "are the early signal.",
        "partners": "Rockford Public Schools, Head Start, home-based child-care providers.",
        "what_works": "Full-day seats near home, with transport, for families who work shifts.",
        "next_steps": "Compare the next release with our enrolment counts and look at the "
        "ZIP codes where the gap is widest.",
    },
}


def _pace(name: str) -> float:
    digest = hashlib.sha256(name.encode()).digest()
    return PACES[digest[0] % len(PACES)]


def _wobble(name: str, period: str) -> float:
    """A small, stable up-or-down between -1 and 1 for each period."""
    digest = hashlib.sha256(f"{name}|{period}".encode()).digest()
    return digest[0] / 127.5 - 1


def _value_at(measure: Measure, target: MeasureTarget | None, when: dt.date) -> float:
    base = measure.baseline_value or 0.0
    base_year = measure.baseline_year or 2025
    if target is None:
        return base * (1 + 0.02 * (when.year - base_year))
    start, end = base_year + 1.0, decimal_year(target.target_date)
    share = min(max((decimal_year(when) - start) / max(end - start, 0.25), 0.0), 1.0)
    span = target.value - base
    value = base + span * share * _pace(measure.name)
    value += abs(span) * 0.04 * _wobble(measure.name, when.isoformat())
    if measure.unit == "share":
        return round(min(max(value, 0.0), 1.0), 3)
    if measure.unit in ("count", "dollars"):
        return float(max(round(value), 0))
    return round(value, 2)


def _items(measure: Measure) -> list[ValueInput]:
    target = measure.targets.filter(kind=TargetKind.LEVEL).order_by("target_date").first()
    items = []
    labels = PERIODS.get(measure.frequency, PERIODS["yearly"])
    for label in labels[:-1] if measure.name in LATE else labels:
        period = period_parse(text=label)
        if measure.baseline_year == period.year and period.kind == "year":
            value = float(measure.baseline_value or 0.0)
        else:
            value = _value_at(measure, target, period.end)
        lb = ub = None
        if measure.unit == "share" and value:
            lb, ub = round(max(value - 0.03, 0.0), 3), round(min(value + 0.03, 1.0), 3)
        items.append(
            ValueInput(period=label, value=value, lb=lb, ub=ub, source=measure.data_source[:300])
        )
    return items


def demo_seed(*, plan: Plan, owner: User) -> None:
    measures = list(
        Measure.objects.filter(plan=plan).select_related("owner__user", "collector__user")
    )
    for measure in measures:
        if measure.is_mobility_metric() or measure.frequency == "release":
            continue
        who = measure.collector or measure.owner
        user = who.user if who is not None else owner
        values_add_many(
            measure_items=[(measure, item) for item in _items(measure)],
            user=user,
            origin=ValueOrigin.ENTERED,
        )
    release_sync(plan=plan)
    for measure in measures:
        texts = STORIES.get(measure.name)
        if texts is not None:
            story_save(measure=measure, user=owner, version=0, texts=texts)
