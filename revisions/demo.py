"""Revisions in the demo plan: three changes the coalition made in its first year, with
their reasons, and the history shown on the public page."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User

from plans.models import Plan
from revisions.services import history_public_set, subject_revise
from strategy.models import MeasureTarget, StrategicAction


def demo_seed(*, plan: Plan, owner: User) -> None:
    actions = list(StrategicAction.objects.filter(plan=plan).order_by("created_at"))
    housing = next((a for a in actions if "housing trust" in a.title.lower()), None)
    if housing is not None and housing.ends_on is not None:
        subject_revise(
            plan=plan, kind="action", subject=housing,
            changes={"ends_on": housing.ends_on.replace(year=housing.ends_on.year + 1)},
            why="The County Board voted the trust fund's first money in its 2027 budget, a "
            "year later than planned, so the first awards move back a year.",
            learned="Dedicated revenue needs a full budget cycle of groundwork with the Board's "
            "finance committee before it can be voted.",
            decided_by="Steering committee, after the Board's budget hearing",
            decided_on=dt.date(2026, 3, 12), user=owner,
        )  # fmt: skip
    target = (
        MeasureTarget.objects.filter(measure__plan=plan, kind="level")
        .select_related("measure")
        .order_by("target_date", "pk")
        .first()
    )
    if target is not None:
        subject_revise(
            plan=plan, kind="target", subject=target,
            changes={"target_date": target.target_date.replace(year=target.target_date.year + 1)},
            why="The first year's values came in slower than hoped; the partners asked for one "
            "more year rather than a lower goal.",
            learned="Residents at the spring listening session said word of mouth, not flyers, "
            "brings families in, and that takes time to build.",
            decided_by="Measurement working group, confirmed by the steering committee",
            decided_on=dt.date(2026, 6, 18), user=owner,
        )  # fmt: skip
    if actions:
        first = actions[0]
        subject_revise(
            plan=plan, kind="action", subject=first,
            changes={"description": (first.description + "\n\nSince June 2026 the action also "
                     "funds transport to the new seats for families without a car.").strip()},
            why="Parents told the coalition that a free seat across town is not a seat they "
            "can use without a ride.",
            decided_by="Steering committee, with the parent advisory group",
            decided_on=dt.date(2026, 6, 18), user=owner,
        )  # fmt: skip
    history_public_set(plan=plan, public=True)
