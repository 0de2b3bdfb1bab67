"""Revisions, in Chromium: an editor moves an action's end date with the reason and who
decided; the log shows the date before and after. The owner makes the history public, and
a resident with no account reads it at /p/<code>/history/ once the plan is published."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.sustain import field, signed_in, small_plan, tick

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PUBLIC_BOX = (
    "Show this history to the public once the plan is published"
    " (names of the people who recorded changes are never shown)"
)
WHY = "The hospital asked for a second cohort before the program is judged."


def test_a_revised_end_date_is_logged_and_shown_publicly_once_published(
    live_server: Any, browser: Any
) -> None:
    built = small_plan()
    plan, action = built["plan"], built["apprenticeships"]
    action.starts_on, action.ends_on = dt.date(2026, 1, 5), dt.date(2027, 6, 30)
    action.save()
    editor = signed_in(browser, live_server, built["editor"])
    page = editor.new_page()
    log = f"{live_server.url}/plans/{plan.code}/revisions/"

    page.goto(log)
    expect(page.get_by_text("No revision recorded yet.")).to_be_visible()
    page.get_by_role("link", name="Paid apprenticeships at the hospital").click()
    expect(field(page, "Ends")).to_have_value("2027-06-30")
    field(page, "Ends").fill("2027-12-31")
    field(page, "Why the change").fill(WHY)
    field(page, "Who decided").fill("Steering committee")
    page.get_by_role("button", name="Make the change and record it").click()
    page.get_by_text("The change is made and recorded in the revision log.").wait_for()
    expect(field(page, "Ends")).to_have_value("2027-12-31")

    page.goto(log)
    row = page.get_by_role("table", name="Changes, the latest decision first").get_by_role(
        "row", name=re.compile("Paid apprenticeships")
    )
    expect(row.locator("del")).to_have_text("2027-06-30")
    expect(row.locator("ins")).to_have_text("2027-12-31")
    expect(row).to_contain_text(WHY)
    expect(row).to_contain_text("Steering committee")
    editor.close()

    # The owner makes the history public; nobody sees it until the plan is published.
    owner = signed_in(browser, live_server, built["owner"])
    page = owner.new_page()
    page.goto(log)
    tick(page, PUBLIC_BOX)
    page.locator("section", has=page.get_by_role("heading", name="On the public page")).get_by_role(
        "button", name="Save"
    ).click()
    page.get_by_text("The public plan page now shows the revision history.").wait_for()

    visitor = browser.new_context()
    public = visitor.new_page()
    history = f"{live_server.url}/p/{plan.code}/history/"
    assert public.goto(history).status == 404
    plan.published = True
    plan.save()
    assert public.goto(history).status == 200
    expect(public.get_by_role("heading", name="How the plan has changed")).to_be_visible()
    row = public.get_by_role("row", name=re.compile("Paid apprenticeships"))
    expect(row.locator("ins")).to_have_text("2027-12-31")
    expect(row).to_contain_text(WHY)
    expect(public.get_by_text("recorded by")).to_have_count(0)
    expect(public.get_by_text("Rosa")).to_have_count(0)
    visitor.close()
    owner.close()
