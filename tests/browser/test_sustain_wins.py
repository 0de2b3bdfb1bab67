"""Early wins, in Chromium: Upward suggests a reached milestone as a win; an editor reviews
it, adds who it matters to and accepts it, and records another win kept off the public page.
The owner shows the plan's wins publicly, and a resident with no account reads the accepted
win (and not the private one) on the published plan's wins page."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.sustain import field, signed_in, small_plan, tick

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MILESTONE = "First cohort of twelve apprentices starts"
PRIVATE = "Hospital board agrees to a second cohort"
PUBLIC_BOX = "Show the plan's wins on the public plan page and in its news feed"


def test_an_accepted_suggestion_shows_on_the_public_wins_page(
    live_server: Any, browser: Any
) -> None:
    from tracking.models import Milestone

    built = small_plan(published=True)
    plan = built["plan"]
    today = dt.date.today()
    Milestone.objects.create(
        action=built["apprenticeships"], title=MILESTONE, due_on=today - dt.timedelta(days=20),
        completed_on=today - dt.timedelta(days=10),
    )  # fmt: skip
    editor = signed_in(browser, live_server, built["editor"])
    page = editor.new_page()
    overview = f"{live_server.url}/plans/{plan.code}/wins/"

    page.goto(overview)
    page.get_by_role("link", name="Review the suggestions").click()
    waiting = page.get_by_role("table", name="Possible wins waiting for a decision")
    expect(waiting).to_contain_text(MILESTONE)
    waiting.get_by_role("button", name=re.compile(rf"^Review and accept\s*:\s*{MILESTONE}")).click()
    expect(field(page, "The win, in a few words")).to_have_value(MILESTONE)
    field(page, "Who it matters to").fill("Young adults in southwest Rockford")
    page.get_by_role("button", name="Accept as a win").click()
    page.get_by_role("heading", name=re.compile(MILESTONE)).first.wait_for()

    # A second win, kept off the public page.
    page.goto(overview)
    page.get_by_role("link", name="Record a win").click()
    field(page, "The win, in a few words").fill(PRIVATE)
    field(page, "When it happened").fill((today - dt.timedelta(days=2)).isoformat())
    field(page, "What happened").fill("The board voted to fund twelve more places in 2027.")
    field(page, "Strategic action").select_option(label="Paid apprenticeships at the hospital")
    box = page.get_by_label("Show this win on the public page when the plan shows its wins")
    if box.is_checked():
        page.locator(f'label[for="{box.get_attribute("id")}"]').click()
    page.get_by_role("button", name="Save the win").click()
    page.get_by_text("The win is recorded.").wait_for()
    page.goto(overview)
    expect(page.get_by_text(MILESTONE).first).to_be_visible()
    expect(page.get_by_text(PRIVATE).first).to_be_visible()
    editor.close()

    visitor = browser.new_context()
    public = visitor.new_page()
    wins_page = f"{live_server.url}/p/{plan.code}/wins/"
    assert public.goto(wins_page).status == 404  # not shown until the owner says so

    owner = signed_in(browser, live_server, built["owner"])
    page = owner.new_page()
    page.goto(overview)
    tick(page, PUBLIC_BOX)
    page.locator("form", has=page.get_by_label(PUBLIC_BOX)).get_by_role(
        "button", name="Save"
    ).click()
    page.get_by_text("The plan's wins show on its public page and news feed.").wait_for()
    owner.close()

    assert public.goto(wins_page).status == 200
    win = public.get_by_role("article", name=MILESTONE)
    expect(win).to_contain_text("Young adults in southwest Rockford")
    expect(win).to_contain_text("Paid apprenticeships at the hospital")
    expect(public.get_by_text(PRIVATE)).to_have_count(0)
    expect(public.get_by_text("Rosa")).to_have_count(0)
    visitor.close()
