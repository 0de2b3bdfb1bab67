"""Foundation, in Chromium: an editor writes the coalition's mission, then revises it with
the reason; a revision without a reason is refused beside the field. The history lists both
revisions with their reasons, and comparing them shows the words removed and added."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.sustain import field, signed_in, small_plan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FIRST = "Every young adult in Winnebago County can reach a good job."
SECOND = "Every young adult in Winnebago County can reach a good job and stay in it."
WHY = "Employers told the steering committee that keeping a job is as hard as finding one."


def save(page: Any, mission: str, note: str) -> None:
    page.get_by_role("link", name=re.compile("^(Write|Revise) the charter$")).click()
    field(page, "Mission").fill(mission)
    field(page, "What changed and why").fill(note)
    page.get_by_role("button", name="Save as a new revision").click()


def test_an_editor_revises_the_charter_and_reads_why_in_its_history(
    live_server: Any, browser: Any
) -> None:
    built = small_plan()
    plan = built["plan"]
    context = signed_in(browser, live_server, built["editor"])
    page = context.new_page()

    page.goto(f"{live_server.url}/plans/{plan.code}/foundation/")
    page.get_by_role("link", name="Mission and charter").first.click()
    expect(page.get_by_text("has not written its mission and charter here yet")).to_be_visible()
    save(page, FIRST, "First draft adopted at the October meeting.")
    page.get_by_text("Revision 1 of the charter is saved.").wait_for()

    # A revision needs its reason.
    save(page, SECOND, "")
    group = page.locator(".usa-form-group", has=page.get_by_label(re.compile("^What changed")))
    expect(group.get_by_role("alert")).to_be_visible()
    expect(field(page, "Mission")).to_have_value(SECOND)
    field(page, "What changed and why").fill(WHY)
    page.get_by_role("button", name="Save as a new revision").click()
    page.get_by_text("Revision 2 of the charter is saved.").wait_for()
    expect(page.get_by_text("and stay in it.")).to_be_visible()

    page.get_by_role("link", name="History and changes").click()
    rows = page.get_by_role("table", name="Every revision, newest first")
    expect(rows.get_by_role("row", name=re.compile("Revision 2"))).to_contain_text(WHY)
    expect(rows.get_by_role("row", name=re.compile("Revision 2"))).to_contain_text("Rosa")
    expect(rows.get_by_role("row", name=re.compile("Revision 1"))).to_contain_text(
        "First draft adopted"
    )
    page.get_by_role("button", name="Show the changes").click()
    expect(page.locator(".foundation-diff ins").first).to_contain_text("stay in it")
    context.close()
