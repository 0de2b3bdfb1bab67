"""Writes for the funding ledger. Every change to an entry or a need names the version it
was loaded with; a stale version is refused and nothing is overwritten."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction

from funding.models import (
    MAX_DIGITS,
    ActionFundingNeed,
    FundingEntry,
    FundingSettings,
    FundingStatus,
    Renewal,
    SourceType,
)
from plans.models import Organisation, Plan
from strategy.models import StrategicAction

MAX_AMOUNT = Decimal(10 ** (MAX_DIGITS - 2)) - Decimal("0.01")
MAX_PEOPLE = 100_000_000
MAX_TEXT = 4000
STALE = (
    "This record changed since you opened it (someone else saved it in the meantime). "
    "Nothing was overwritten: reload it, check their change and make yours again."
)
ENTRY_FIELDS = (
    "source_type", "funder_organisation", "funder_name", "committed", "received", "spent",
    "received_above_committed", "starts_on", "ends_on", "restrictions", "status",
    "renewal_expected", "people_reached", "notes",
)  # fmt: skip


class StaleRecord(Exception):
    """Someone saved the record after it was loaded."""

    def __init__(self) -> None:
        super().__init__(STALE)


def amount_problem(*, value: Decimal | None) -> str | None:
    """What is wrong with an amount of dollars, in a sentence, or None."""
    if value is None:
        return None
    if not value.is_finite():
        return "Write the amount as a number of dollars, like 1200 or 1,200.50."
    if value < 0:
        return "An amount cannot be negative; write 0 when there is none."
    if value > MAX_AMOUNT:
        return f"That is more than this ledger holds (at most {MAX_AMOUNT:,.2f} dollars)."
    if value != value.quantize(Decimal("0.01")):
        return "Amounts are in dollars and cents: at most two digits after the point."
    return None


def entry_problems(*, data: dict[str, Any], plan: Plan) -> dict[str, str]:
    """Problems with an entry's values, by field (empty when they are fine)."""
    problems: dict[str, str] = {}
    for name in ("committed", "received", "spent"):
        problem = amount_problem(value=data.get(name))
        if problem:
            problems[name] = problem
    if problems:
        return problems
    committed = data.get("committed") or Decimal(0)
    received = data.get("received") or Decimal(0)
    if received > committed and not data.get("received_above_committed"):
        problems["received"] = (
            "More was received than committed. Correct the amounts, or tick the box that "
            "says so on purpose (a top-up, a late gift)."
        )
    reached = data.get("people_reached")
    if reached is not None and not 0 <= reached <= MAX_PEOPLE:
        problems["people_reached"] = f"Write a number of people from 0 to {MAX_PEOPLE:,}."
    for name in ("restrictions", "notes"):
        if len(str(data.get(name) or "")) > MAX_TEXT:
            problems[name] = f"Keep it under {MAX_TEXT:,} characters."
    if len(str(data.get("funder_name") or "")) > 200:
        problems["funder_name"] = "Keep the funder's name under 200 characters."
    starts, ends = data.get("starts_on"), data.get("ends_on")
    if starts and ends and ends < starts:
        problems["ends_on"] = "The funding cannot end before it starts."
    organisation = data.get("funder_organisation")
    if organisation is not None and organisation.plan_id != plan.pk:
        problems["funder_organisation"] = "Choose one of this plan's organizations."
    if organisation is None and not str(data.get("funder_name") or "").strip():
        problems["funder_name"] = "Name the funder, or choose one of the plan's organizations."
    for name, choices in (
        ("source_type", SourceType),
        ("status", FundingStatus),
        ("renewal_expected", Renewal),
    ):
        if data.get(name) not in choices.values:
            problems[name] = "Choose one of the options."
    return problems


def _entry_fill(entry: FundingEntry, data: dict[str, Any]) -> None:
    for name in ENTRY_FIELDS:
        if name in data:
            setattr(entry, name, data[name])
    entry.funder_name = (entry.funder_name or "").strip()
    if entry.funder_organisation is not None:
        entry.funder_name = ""
    for name in ("restrictions", "notes"):
        setattr(entry, name, (getattr(entry, name) or "").strip())


def funding_entry_create(
    *, action: StrategicAction, user: User | None, data: dict[str, Any]
) -> FundingEntry:
    problems = entry_problems(data=data, plan=action.plan)
    if problems:
        raise ValidationError(problems)
    entry = FundingEntry(action=action, created_by=user)
    _entry_fill(entry, data)
    entry.save()
    return entry


def funding_entry_update(
    *, entry: FundingEntry, version: int, data: dict[str, Any]
) -> FundingEntry:
    """Save the changes in `data` (only the fields it holds) when `version` is current."""
    with transaction.atomic():
        current = (
            FundingEntry.objects.select_for_update(of=("self",))
            .select_related("funder_organisation", "action__plan")
            .get(pk=entry.pk)
        )
        if current.version != version:
            raise StaleRecord()
        merged = {name: getattr(current, name) for name in ENTRY_FIELDS} | data
        problems = entry_problems(data=merged, plan=current.action.plan)
        if problems:
            raise ValidationError(problems)
        _entry_fill(current, merged)
        current.version += 1
        current.save()
    return current


def funding_entry_delete(*, entry: FundingEntry, version: int) -> None:
    with transaction.atomic():
        deleted, _ = FundingEntry.objects.filter(pk=entry.pk, version=version).delete()
        if not deleted:
            raise StaleRecord()


def funding_need_set(
    *,
    action: StrategicAction,
    version: int,
    amount: Decimal,
    period_start: datetime.date | None = None,
    period_end: datetime.date | None = None,
    note: str = "",
) -> ActionFundingNeed:
    """What the action needs in all; `version` 0 when it had no need recorded yet."""
    problems = {}
    problem = amount_problem(value=amount)
    if problem:
        problems["amount"] = problem
    if period_start and period_end and period_end < period_start:
        problems["period_end"] = "The period cannot end before it starts."
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        need, created = ActionFundingNeed.objects.select_for_update().get_or_create(
            action=action, defaults={"amount": amount, "version": 0}
        )
        current = 0 if created else need.version
        if current != version:
            raise StaleRecord()
        need.amount = amount
        need.period_start, need.period_end = period_start, period_end
        need.note = note.strip()
        need.version = current + 1
        need.save()
    return need


def funding_public_set(*, plan: Plan, public: bool) -> FundingSettings:
    found, _ = FundingSettings.objects.update_or_create(plan=plan, defaults={"public": public})
    return found


def funder_organisation_for(*, plan: Plan, name: str) -> Organisation | None:
    """The plan's organisation with this name (any case), if there is one."""
    return Organisation.objects.filter(plan=plan, name__iexact=name.strip()).first()
