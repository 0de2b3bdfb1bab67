from __future__ import annotations

import datetime
from decimal import Decimal

from funding.models import FundingStatus, Renewal
from funding.selectors import NO_PILLAR, expiry_warnings, funding_overview
from funding.tests.conftest import TODAY, entry_make, need_make


def test_an_actions_gap_is_what_it_needs_minus_what_is_committed(action, grant):
    need_make(action, "80000")
    entry_make(action, committed=Decimal("5000"), status=FundingStatus.PROPOSED)
    entry_make(action, committed=Decimal("7000"), status=FundingStatus.DECLINED)
    found = funding_overview(plan=action.plan, today=TODAY)
    row = next(a for a in found.actions if a.title == "Living-wage pledge")
    assert row.committed == Decimal("50000")
    assert row.pending == Decimal("5000")
    assert row.gap == Decimal("30000")
    assert row.shortfall == Decimal("30000")
    assert row.funders == ["Rock River Community Foundation"]


def test_totals_add_shortfalls_so_a_surplus_does_not_hide_another_gap(
    action, other_action, housing_action
):
    need_make(action, "1000")
    entry_make(action, committed=Decimal("3000"))  # 2,000 more than needed
    need_make(other_action, "5000")
    entry_make(other_action, committed=Decimal("1000"))
    found = funding_overview(plan=action.plan, today=TODAY)
    assert found.total.needed == Decimal("6000")
    assert found.total.committed == Decimal("4000")
    assert found.total.shortfall == Decimal("4000")  # not 2,000
    assert found.total.unknown == 1  # the housing action has no need recorded


def test_gaps_by_priority_and_by_pillar_group_the_actions(action, other_action, housing_action):
    need_make(action, "1000")
    need_make(other_action, "2000")
    need_make(housing_action, "4000")
    entry_make(housing_action, committed=Decimal("500"))
    found = funding_overview(plan=action.plan, today=TODAY)
    by_priority = {row.label: row for row in found.by_priority}
    assert by_priority["Good jobs"].shortfall == Decimal("3000")
    assert by_priority["Good jobs"].actions == 2
    assert by_priority["Stable homes"].shortfall == Decimal("3500")
    by_pillar = {row.label: row.shortfall for row in found.by_pillar}
    assert by_pillar[NO_PILLAR] == Decimal("3500")
    assert Decimal("3000") in by_pillar.values()


def test_funding_ending_within_the_horizon_without_renewal_is_warned_about(action):
    soon = entry_make(action, funder_name="Soon Ends", ends_on=TODAY + datetime.timedelta(days=30))
    entry_make(action, funder_name="Renewed", ends_on=TODAY + datetime.timedelta(days=30),
               renewal_expected=Renewal.YES)  # fmt: skip
    entry_make(action, funder_name="Later", ends_on=TODAY + datetime.timedelta(days=200))
    entry_make(action, funder_name="Over", ends_on=TODAY - datetime.timedelta(days=1))
    entry_make(action, funder_name="Only proposed", status=FundingStatus.PROPOSED,
               ends_on=TODAY + datetime.timedelta(days=10))  # fmt: skip
    warned = expiry_warnings(plan=action.plan, today=TODAY, horizon=180)
    assert [(w.entry.funder, w.days_left) for w in warned] == [("Soon Ends", 30)]
    assert soon.uuid
    longer = expiry_warnings(plan=action.plan, today=TODAY, horizon=365)
    assert [w.entry.funder for w in longer] == ["Soon Ends", "Later"]


def test_funding_ending_today_counts_and_explicit_no_renewal_is_warned(action):
    entry_make(action, ends_on=TODAY, renewal_expected=Renewal.NO)
    warned = expiry_warnings(plan=action.plan, today=TODAY, horizon=1)
    assert [(w.days_left, w.entry.renewal_label) for w in warned] == [(0, "No")]


def test_funders_are_listed_with_their_commitments_largest_first(action, grant):
    entry_make(action, funder_name="Stateline Fund", committed=Decimal("900"))
    found = funding_overview(plan=action.plan, today=TODAY)
    assert [(f.label, f.committed) for f in found.funders] == [
        ("Rock River Community Foundation", Decimal("50000")),
        ("Stateline Fund", Decimal("900")),
    ]


def test_the_gaps_chart_draws_and_says_its_numbers_in_words(action, other_action):
    from funding.charts import gaps_spec
    from metrics.charts import chart_render

    need_make(action, "1000")
    entry_make(action, committed=Decimal("400"))
    found = funding_overview(plan=action.plan, today=TODAY)
    spec = gaps_spec(rows=found.by_action, by="action", place="Winnebago County")
    assert "Living-wage pledge: $400 committed, $600 still needed" in spec["description"]
    assert chart_render(spec=spec, fmt="svg").startswith(b"<svg")
