from __future__ import annotations

import datetime
from decimal import Decimal

from funding.demo import demo_seed
from funding.document import funder_report
from funding.selectors import funding_overview
from strategy.demo import demo_seed as strategy_seed


def test_the_demo_plan_has_a_ledger_for_every_action_with_gaps_and_a_warning(plan, people):
    strategy_seed(plan=plan, owner=people["owner"])
    demo_seed(plan=plan, owner=people["owner"])
    found = funding_overview(plan=plan, today=datetime.date(2026, 11, 23))
    assert all(a.entries and a.needed for a in found.actions)
    assert found.total.needed == Decimal("12930000")
    assert found.total.shortfall > 0 and found.public
    assert {w.entry.funder for w in found.warnings} == {
        "Stateline Community Fund", "Winnebago County Community Services Office",
    }  # fmt: skip
    sections = funder_report(plan=plan, funder="Stateline Community Fund")
    assert "Open 300 full-day pre-K seats" in sections[0].blocks[1].rows[0][0]
