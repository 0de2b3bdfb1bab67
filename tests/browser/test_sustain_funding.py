"""Funding, in Chromium: an editor records what an action needs and adds a ledger entry
typed as people write amounts ("12,500"); the overview's gap shrinks by that much. An amount
written wrongly is refused with a message beside its field, and nothing is saved."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.sustain import field, signed_in, small_plan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fact(page: Any, term: str) -> Any:
    """The value beside a term in the page's list of figures."""
    return page.locator(f"xpath=//dt[normalize-space()='{term}']/following-sibling::dd[1]").first


def test_an_editor_adds_funding_and_sees_the_gap_shrink(live_server: Any, browser: Any) -> None:
    from funding.models import FundingEntry

    built = small_plan()
    plan = built["plan"]
    context = signed_in(browser, live_server, built["editor"])
    page = context.new_page()
    overview = f"{live_server.url}/plans/{plan.code}/funding/"

    # What the action needs, from its ledger page.
    page.goto(overview)
    actions = page.get_by_role("table", name=re.compile("Each strategic action"))
    actions.get_by_role("link", name="Night bus to the industrial park").click()
    field(page, "Needed in all (dollars)").fill("$40,000")
    page.get_by_role("button", name="Save what it needs").click()
    page.get_by_text("What the action needs is saved.").wait_for()
    expect(fact(page, "Still needed")).to_have_text("$40,000")

    # A wrongly written amount: the message sits beside the field, nothing is saved.
    page.get_by_role("link", name="Add a funding entry").click()
    field(page, "Kind of source").select_option(label="State grant")
    field(page, "Funder's name").fill("Illinois Department of Transportation")
    field(page, "Status").select_option(label="Committed")
    field(page, "Committed (dollars)").fill("12,50")
    page.get_by_role("button", name="Save the entry").click()
    group = page.locator(".usa-form-group", has=page.get_by_label(re.compile("^Committed")))
    expect(group.get_by_role("alert")).to_contain_text("commas only between thousands")
    expect(field(page, "Funder's name")).to_have_value("Illinois Department of Transportation")
    assert not FundingEntry.objects.exists()

    # Written the usual way, it is saved and the gap shrinks.
    field(page, "Committed (dollars)").fill("12,500")
    page.get_by_role("button", name="Save the entry").click()
    page.get_by_text("The funding entry is added.").wait_for()
    ledger = page.get_by_role("table", name=re.compile("Every source of funding"))
    expect(ledger).to_contain_text("Illinois Department of Transportation")
    expect(ledger).to_contain_text("$12,500")
    expect(fact(page, "Still needed")).to_have_text("$27,500")

    page.goto(overview)
    expect(fact(page, "Still needed")).to_have_text("$27,500")
    row = page.get_by_role("table", name=re.compile("Each strategic action")).get_by_role(
        "row", name=re.compile("Night bus")
    )
    expect(row).to_contain_text("$40,000")
    expect(row).to_contain_text("$12,500")
    expect(row).to_contain_text("Illinois Department of Transportation")
    context.close()
