"""Decision points after the plan's release: decisions residents will be asked to shape,
with when, how to take part, their status and, once decided, the outcome."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils import timezone

from engagement.models import DecisionPoint, DecisionStatus
from engagement.public import Stale
from plans.models import Plan


@dataclass(frozen=True)
class DecisionRow:
    uuid: str
    title: str
    description: str
    decides_on: dt.date
    how_to_take_part: str
    status: str
    status_label: str
    outcome: str
    upcoming: bool


def _row(point: DecisionPoint, today: dt.date) -> DecisionRow:
    return DecisionRow(
        uuid=str(point.uuid),
        title=point.title,
        description=point.description,
        decides_on=point.decides_on,
        how_to_take_part=point.how_to_take_part,
        status=point.status,
        status_label=str(DecisionStatus(point.status).label),
        outcome=point.outcome,
        upcoming=point.decides_on >= today
        and point.status in (DecisionStatus.UPCOMING, DecisionStatus.OPEN),
    )


def public_decisions(*, plan: Plan, today: dt.date | None = None) -> list[DecisionRow]:
    """Every decision point, the ones still to come first (soonest first), then past ones
    (latest first)."""
    day = today or timezone.localdate()
    rows = [_row(p, day) for p in DecisionPoint.objects.filter(plan=plan)]
    coming = sorted((r for r in rows if r.upcoming), key=lambda r: r.decides_on)
    past = sorted((r for r in rows if not r.upcoming), key=lambda r: r.decides_on, reverse=True)
    return coming + past


def _check(*, title: str, status: str, outcome: str) -> None:
    errors: dict[str, str] = {}
    if not title.strip():
        errors["title"] = "Name the decision."
    if status not in DecisionStatus.values:
        errors["status"] = "Choose a status."
    if status == DecisionStatus.DECIDED and not outcome.strip():
        errors["outcome"] = "Say what was decided."
    if errors:
        raise ValidationError(errors)


def decision_create(
    *,
    plan: Plan,
    title: str,
    decides_on: dt.date,
    description: str = "",
    how_to_take_part: str = "",
    status: str = DecisionStatus.UPCOMING,
    outcome: str = "",
) -> DecisionPoint:
    _check(title=title, status=status, outcome=outcome)
    return DecisionPoint.objects.create(
        plan=plan,
        title=title.strip(),
        decides_on=decides_on,
        description=description.strip(),
        how_to_take_part=how_to_take_part.strip(),
        status=status,
        outcome=outcome.strip(),
    )


def decision_update(
    *,
    point: DecisionPoint,
    version: int,
    title: str,
    decides_on: dt.date,
    description: str = "",
    how_to_take_part: str = "",
    status: str = DecisionStatus.UPCOMING,
    outcome: str = "",
) -> DecisionPoint:
    _check(title=title, status=status, outcome=outcome)
    changed = DecisionPoint.objects.filter(pk=point.pk, version=version).update(
        title=title.strip(),
        decides_on=decides_on,
        description=description.strip(),
        how_to_take_part=how_to_take_part.strip(),
        status=status,
        outcome=outcome.strip(),
        version=F("version") + 1,
    )
    if not changed:
        raise Stale(
            "This record changed since you opened it. Nothing was overwritten: reload the "
            "page to see the latest and try again."
        )
    point.refresh_from_db()
    return point
