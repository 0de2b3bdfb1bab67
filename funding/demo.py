"""Funding in the demo plan: what each of the five actions needs, and a ledger of local,
state, federal, philanthropic, business and in-kind money behind them (funders plausible for
Winnebago County, amounts invented). One grant ends within six months with no renewal in
view, so the overview shows a warning."""

from __future__ import annotations

import datetime as dt
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

# action title starts with -> (need, period, [entries])
LEDGER: dict[str, tuple[int, tuple[dt.date, dt.date], list[dict[str, Any]]]] = {
    "Open 300 full-day pre-K seats": (
        4_200_000,
        (D(2026, 1, 1), D(2029, 6, 30)),
        [
            dict(
                source_type=T.STATE,
                funder="Illinois State Board of Education, Preschool for All expansion",
                committed=1_800_000,
                received=600_000,
                spent=540_000,
                status=S.RECEIVED,
                starts_on=D(2026, 7, 1),
                ends_on=D(2029, 6, 30),
                renewal_expected=R.YES,
                people_reached=180,
                restrictions="Seats for children from families under 400% of poverty; "
                "yearly enrollment report.",
            ),
            dict(
                source_type=T.LOCAL,
                funder=SCHOOLS,
                committed=900_000,
                received=300_000,
                spent=300_000,
                status=S.RECEIVED,
                starts_on=D(2026, 7, 1),
                ends_on=D(2029, 6, 30),
                renewal_expected=R.YES,
                notes="Early-childhood levy, approved by the board for three school years.",
            ),
            dict(
                source_type=T.PHILANTHROPY,
                funder=FUND,
                committed=250_000,
                received=125_000,
                spent=90_000,
                status=S.RECEIVED,
                starts_on=D(2026, 4, 1),
                ends_on=D(2027, 3, 31),
                renewal_expected=R.UNKNOWN,
                people_reached=64,
                restrictions="Transport and family outreach only.",
                notes="The fund's board decides on a second year in the spring.",
            ),
        ],
    ),
    "Re-engagement centers": (
        1_350_000,
        (D(2026, 1, 1), D(2028, 12, 31)),
        [
            dict(
                source_type=T.FEDERAL,
                funder="U.S. Department of Labor, YouthBuild",
                committed=700_000,
                received=210_000,
                spent=198_000,
                status=S.RECEIVED,
                starts_on=D(2026, 1, 1),
                ends_on=D(2028, 12, 31),
                renewal_expected=R.NO,
                people_reached=96,
                restrictions="Ages 16 to 24; construction training "
                "must be part of every enrollment.",
            ),
            dict(
                source_type=T.IN_KIND,
                funder="Rock Valley College",
                committed=120_000,
                received=40_000,
                spent=40_000,
                status=S.COMMITTED,
                starts_on=D(2026, 1, 1),
                ends_on=D(2028, 12, 31),
                renewal_expected=R.UNKNOWN,
                notes="Two classrooms and a counselor's time, valued at the college's rates.",
            ),
        ],
    ),
    "A living-wage compact": (
        480_000,
        (D(2026, 3, 1), D(2028, 2, 29)),
        [
            dict(
                source_type=T.PRIVATE,
                funder=EMPLOYERS,
                committed=150_000,
                received=75_000,
                spent=61_000,
                status=S.RECEIVED,
                starts_on=D(2026, 3, 1),
                ends_on=D(2028, 2, 29),
                renewal_expected=R.UNKNOWN,
            ),
            dict(
                source_type=T.PHILANTHROPY,
                funder="Northern Illinois Workforce Foundation",
                committed=200_000,
                status=S.PROPOSED,
                starts_on=D(2027, 1, 1),
                ends_on=D(2028, 12, 31),
                notes="Decision expected in January.",
            ),
        ],
    ),
    "Cancel and prevent medical debt": (
        900_000,
        (D(2026, 2, 1), D(2029, 12, 31)),
        [
            dict(
                source_type=T.LOCAL,
                funder=COUNTY,
                committed=500_000,
                received=500_000,
                spent=410_000,
                status=S.RECEIVED,
                starts_on=D(2026, 2, 1),
                ends_on=D(2026, 12, 31),
                renewal_expected=R.UNKNOWN,
                people_reached=2_350,
                restrictions="One-time federal recovery money: spend by the end of 2026.",
                notes="Bought and cancelled about $50 million of medical debt.",
            ),
            dict(
                source_type=T.PHILANTHROPY,
                funder=HEALTH,
                committed=120_000,
                received=60_000,
                spent=52_000,
                status=S.RECEIVED,
                starts_on=D(2026, 2, 1),
                ends_on=D(2027, 12, 31),
                renewal_expected=R.YES,
                people_reached=410,
                notes="Financial coaches in two clinics.",
            ),
        ],
    ),
    "A county housing trust fund": (
        6_000_000,
        (D(2026, 7, 1), D(2032, 6, 30)),
        [
            dict(
                source_type=T.LOCAL,
                funder=COUNTY,
                committed=1_000_000,
                status=S.COMMITTED,
                starts_on=D(2027, 1, 1),
                ends_on=D(2027, 12, 31),
                renewal_expected=R.UNKNOWN,
                restrictions="Rental help for households under 30% of area median income.",
            ),
            dict(
                source_type=T.STATE,
                funder="Illinois Housing Development Authority",
                committed=0,
                status=S.DECLINED,
                starts_on=D(2026, 7, 1),
                notes="Not funded this round; reapply next year with the county match.",
            ),
        ],
    ),
}


def _entry(plan: Plan, action: StrategicAction, owner: User, spec: dict[str, Any]) -> None:
    values = dict(spec)
    name = values.pop("funder")
    organisation = funder_organisation_for(plan=plan, name=name)
    for field in ("committed", "received", "spent"):
        values[field] = Decimal(values.get(field, 0))
    defaults = {"renewal_expected": R.UNKNOWN, "restrictions": "", "notes": "",
                "people_reached": None, "received_above_committed": False,
                "starts_on": None, "ends_on": None}  # fmt: skip
    values = defaults | values
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
