"""Residents' feedback, in Chromium: a resident with no account writes about an action of a
published plan; it waits for a moderator and is not shown. An editor shows it and answers
it ("you said, we did"), and the public page then shows the feedback with the answer and
its status, and the count of feedback answered."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.sustain import field, signed_in, small_plan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SAID = "The night bus should also stop at the Kishwaukee Street clinic."
DID = "From March the night bus stops at the clinic on every run."


def test_a_residents_feedback_is_moderated_answered_and_shown_with_the_answer(
    live_server: Any, browser: Any
) -> None:
    built = small_plan(published=True)
    plan = built["plan"]
    page_url = f"{live_server.url}/p/{plan.code}/feedback/"

    visitor = browser.new_context()
    visitor.set_default_timeout(45_000)
    resident = visitor.new_page()
    resident.goto(page_url)
    expect(resident.get_by_text("No feedback from residents is shown yet.")).to_be_visible()
    field(resident, "Your feedback").fill(SAID)
    about = field(resident, "What is it about?")
    choice = next(o for o in about.locator("option").all_text_contents() if "Night bus" in o)
    about.select_option(label=choice)
    field(resident, "Your neighbourhood (optional)").fill("Southeast Rockford")
    resident.wait_for_timeout(3_500)  # the form refuses posts sent within three seconds
    resident.get_by_role("button", name="Send feedback").click()
    resident.get_by_text("Thank you. Your feedback has arrived").wait_for()
    expect(resident.get_by_text(SAID)).to_have_count(0)  # waits for a moderator

    editor = signed_in(browser, live_server, built["editor"])
    page = editor.new_page()
    page.goto(f"{live_server.url}/plans/{plan.code}/engagement/moderation/")
    item = page.locator("article", has_text=SAID)
    expect(item).to_contain_text("Night bus to the industrial park")
    item.get_by_role("button", name="Show this feedback").click()
    page.get_by_text("The feedback is shown on the public page.").wait_for()

    page.goto(f"{live_server.url}/plans/{plan.code}/engagement/moderation/?state=shown")
    page.locator("article", has_text=SAID).get_by_role("link", name="Answer").click()
    field(page, "Status").select_option(label="Acted on")
    field(page, "Our answer").fill(DID)
    page.get_by_role("button", name="Save the answer").click()
    page.get_by_text("The answer is saved; it shows with the feedback.").wait_for()
    editor.close()

    resident.goto(page_url)
    said = resident.get_by_role("article", name=re.compile("^Feedback received"))
    expect(said).to_contain_text(SAID)
    expect(said).to_contain_text("Acted on")
    expect(said).to_contain_text(DID)
    expect(said).to_contain_text("Southeast Rockford")
    expect(resident.locator("#answer-figures")).to_contain_text("1 of 1")
    visitor.close()
