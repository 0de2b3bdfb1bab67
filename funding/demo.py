"""Funding in the demo plan: what each of the five actions needs, and a ledger of local,
state, federal, philanthropic, business and in-kind money behind them (funders plausible for
Winnebago County, amounts invented). One grant ends within six months with no renewal in
view, so the overview shows a warning."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import User

from funding.models import FundingStatus as S
from funding.models import Renewal as R
from funding.models import SourceType as T
from funding.services import (
    funder_organisation_for,
    funding_entry_create,
    funding_need_set,
    funding_public_set,
)
from plans.models import Plan
from strategy.models import StrategicAction

D = dt.date
FUND = "Stateline Community Fund"
COUNTY = "Winnebago County Community Services Office"
SCHOOLS = "Rock River Valley School District"
EMPLOYERS = "Northern Illinois Manufacturers' Roundtable"
HEALTH = "Blackhawk Community Health Network"


@dataclass(frozen=True)
class Entry:
    """One line of the ledger; a field left out is empty (unknown renewal, nothing received)."""

    source_type: str
    funder: str  # matched to an organisation of the plan by name, else kept as text
    committed: int
    status: str
    starts_on: dt.date
    ends_on: dt.date | None = None
    received: int = 0
    spent: int = 0
    renewal_expected: str = R.UNKNOWN
    people_reached: int | None = None
    restrictions: str = ""
    notes: str = ""


E = Entry

# action title starts with -> (need, period, entries)
LEDGER: dict[str, tuple[int, tuple[dt.date, dt.date], list[Entry]]] = {
    "Open 300 full-day pre-K seats": (4_200_000, (D(2026, 1, 1), D(2029, 6, 30)), [
        E(T.STATE, "Illinois State Board of Education, Preschool for All expansion",
          1_800_000, S.RECEIVED, D(2026, 7, 1), D(2029, 6, 30), received=600_000,
          spent=540_000, renewal_expected=R.YES, people_reached=180,
          restrictions="Seats for children from families under 400% of poverty; "
          "yearly enrollment report."),
        E(T.LOCAL, SCHOOLS, 900_000, S.RECEIVED, D(2026, 7, 1), D(2029, 6, 30),
          received=300_000, spent=300_000, renewal_expected=R.YES,
          notes="Early-childhood levy, approved by the board for three school years."),
        E(T.PHILANTHROPY, FUND, 250_000, S.RECEIVED, D(2026, 4, 1), D(2027, 3, 31),
          received=125_000, spent=90_000, renewal_expected=R.UNKNOWN, people_reached=64,
          restrictions="Transport and family outreach only.",
          notes="The fund's board decides on a second year in the spring."),
    ]),
    "Re-engagement centers": (1_350_000, (D(2026, 1, 1), D(2028, 12, 31)), [
        E(T.FEDERAL, "U.S. Department of Labor, YouthBuild", 700_000, S.RECEIVED,
          D(2026, 1, 1), D(2028, 12, 31), received=210_000, spent=198_000,
          renewal_expected=R.NO, people_reached=96,
          restrictions="Ages 16 to 24; construction training "
          "must be part of every enrollment."),
        E(T.IN_KIND, "Rock Valley College", 120_000, S.COMMITTED, D(2026, 1, 1),
          D(2028, 12, 31), received=40_000, spent=40_000, renewal_expected=R.UNKNOWN,
          notes="Two classrooms and a counselor's time, valued at the college's rates."),
    ]),
    "A living-wage compact": (480_000, (D(2026, 3, 1), D(2028, 2, 29)), [
        E(T.PRIVATE, EMPLOYERS, 150_000, S.RECEIVED, D(2026, 3, 1), D(2028, 2, 29),
          received=75_000, spent=61_000, renewal_expected=R.UNKNOWN),
        E(T.PHILANTHROPY, "Northern Illinois Workforce Foundation", 200_000, S.PROPOSED,
          D(2027, 1, 1), D(2028, 12, 31), notes="Decision expected in January."),
    ]),
    "Cancel and prevent medical debt": (900_000, (D(2026, 2, 1), D(2029, 12, 31)), [
        E(T.LOCAL, COUNTY, 500_000, S.RECEIVED, D(2026, 2, 1), D(2026, 12, 31),
          received=500_000, spent=410_000, renewal_expected=R.UNKNOWN, people_reached=2_350,
          restrictions="One-time federal recovery money: spend by the end of 2026.",
          notes="Bought and cancelled about $50 million of medical debt."),
        E(T.PHILANTHROPY, HEALTH, 120_000, S.RECEIVED, D(2026, 2, 1), D(2027, 12, 31),
          received=60_000, spent=52_000, renewal_expected=R.YES, people_reached=410,
          notes="Financial coaches in two clinics."),
    ]),
    "A county housing trust fund": (6_000_000, (D(2026, 7, 1), D(2032, 6, 30)), [
        E(T.LOCAL, COUNTY, 1_000_000, S.COMMITTED, D(2027, 1, 1), D(2027, 12, 31),
          renewal_expected=R.UNKNOWN,
          restrictions="Rental help for households under 30% of area median income."),
        E(T.STATE, "Illinois Housing Development Authority", 0, S.DECLINED, D(2026, 7, 1),
          notes="Not funded this round; reapply next year with the county match."),
    ]),
}  # fmt: skip


def _entry(plan: Plan, action: StrategicAction, owner: User, spec: Entry) -> None:
    values: dict[str, Any] = asdict(spec)
    name = values.pop("funder")
    organisation = funder_organisation_for(plan=plan, name=name)
    for field in ("committed", "received", "spent"):
        values[field] = Decimal(values[field])
    values["received_above_committed"] = False
    values["funder_organisation"] = organisation
    values["funder_name"] = "" if organisation else name
    funding_entry_create(action=action, user=owner, data=values)


def demo_seed(*, plan: Plan, owner: User) -> None:
    actions = list(StrategicAction.objects.filter(plan=plan))
    for start, (need, (begins, ends), entries) in LEDGER.items():
        action = next((a for a in actions if a.title.startswith(start)), None)
        if action is None:
            continue
        funding_need_set(action=action, version=0, amount=Decimal(need),
                         period_start=begins, period_end=ends)  # fmt: skip
        for spec in entries:
            _entry(plan, action, owner, spec)
    funding_public_set(plan=plan, public=True)
