"""Continuity, in Chromium: an editor marks a member as an elected official with a term end,
adds an election naming her, sees the warning and the risk reason on her actions; freezes the
plan, renames an action, opens the snapshot and sees the change; downloads the transition
briefing as a PDF."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.sustain import field, signed_in, small_plan, tick

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_editor_sees_an_election_put_an_action_at_risk_and_a_snapshot_record_a_change(
    live_server: Any, browser: Any
) -> None:
    built = small_plan()
    plan = built["plan"]
    today = dt.date.today()
    election_day, term_end = today + dt.timedelta(days=120), today + dt.timedelta(days=500)
    context = signed_in(browser, live_server, built["editor"])
    page = context.new_page()
    home = f"{live_server.url}/plans/{plan.code}/continuity/"

    # Her position: an elected seat whose term ends after the election.
    page.goto(home)
    page.get_by_role("link", name="Edit the position of Rosa Delgado").click()
    field(page, "Kind of position").select_option(label="Elected official")
    field(page, "Seat or job title (optional)").fill("County Board, District 4")
    field(page, "Term ends on (optional)").fill(term_end.isoformat())
    page.get_by_role("button", name="Save", exact=True).click()
    page.get_by_text("Position saved.").wait_for()
    people = page.get_by_role("table", name=re.compile("People leading or backing up"))
    expect(people.get_by_role("row", name=re.compile("Rosa Delgado"))).to_contain_text(
        "Elected official"
    )

    # An election that puts her seat at stake.
    page.get_by_role("link", name="Add an election or change of administration").click()
    field(page, "Election or change of administration").fill("County general election")
    field(page, "Date").fill(election_day.isoformat())
    tick(page, "Rosa Delgado")
    page.get_by_role("button", name="Save", exact=True).click()
    page.get_by_text("Election saved.").wait_for()
    warnings = page.locator("section", has=page.get_by_role("heading", name="Warnings"))
    expect(warnings).to_contain_text("Election: County general election")
    expect(warnings).to_contain_text("Night bus to the industrial park")
    actions = page.get_by_role("table", name="Open actions, most exposed first")
    night_bus = actions.get_by_role("row", name=re.compile("Night bus to the industrial park"))
    expect(night_bus).to_contain_text("Led by an elected official")
    expect(night_bus).to_contain_text("up for election")
    expect(night_bus).to_contain_text("High")

    # Freeze the plan, then rename an action.
    field(page, "Name of the snapshot").fill("End of the 2022-2026 term")
    page.get_by_role("button", name="Freeze the plan now").click()
    page.get_by_role("heading", name="End of the 2022-2026 term", level=1).wait_for()
    expect(page.get_by_text("Nothing has changed since.")).to_be_visible()
    snapshot_url = page.url

    page.goto(
        f"{live_server.url}/plans/{plan.code}/strategy/actions/{built['night_bus'].uuid}/edit/"
    )
    field(page, "Action").fill("Night and weekend bus to the industrial park")
    page.get_by_role("button", name="Save the action").click()
    page.get_by_role("heading", name="Night and weekend bus to the industrial park").wait_for()

    page.goto(snapshot_url)
    changes = page.get_by_role("table", name="Changes between this snapshot and today")
    row = changes.get_by_role("row", name=re.compile("Night and weekend bus"))
    expect(row).to_contain_text("Changed")
    expect(row).to_contain_text("Night bus to the industrial park")
    then = page.get_by_role("table", name="Actions as they stood")
    expect(then).to_contain_text("Night bus to the industrial park")
    expect(then).not_to_contain_text("weekend")

    # The transition briefing for incoming leadership, as a PDF.
    page.goto(home)
    page.get_by_role("link", name="Transition briefing for new leadership").click()
    pdf = page.get_by_role("link", name=re.compile(r"^PDF"))
    href = pdf.first.get_attribute("href")
    response = context.request.get(live_server.url + href, timeout=120_000)
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.body()[:5] == b"%PDF-"
    context.close()
