"""The main path of issue 3, in headless Chromium against a live server: a new user signs
in, starts an empty plan for Winnebago County, Illinois, records a little in each step
(readiness decision, a coalition member, a finding, a priority, an action with a logic-model
element and a measure), opens the release checklist, publishes, and the public page shows
the action and gives its PDF. Locators are roles and labels, as a screen reader finds them."""

from __future__ import annotations

import re
from typing import Any

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a long pass phrase 42"  # a test account's
ACTION = "Paid apprenticeships at the hospital"


@pytest.fixture
def newcomer() -> Any:
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_user(
        username="newcomer", email="newcomer@example.org", password=PASSWORD
    )


def saved(page: Any, text: str) -> None:
    """The page after a save says so (Django's message, shown as a USWDS alert)."""
    page.get_by_text(re.compile(re.escape(text))).first.wait_for()


def field(page: Any, label: str) -> Any:
    """The input with this label, a required one's "*" allowed after it."""
    return page.get_by_label(re.compile(rf"^{re.escape(label)}( \*)?$"))


def tick(page: Any, label: str) -> None:
    """Choose a USWDS radio button or checkbox: its input is hidden behind its styled
    label, which is what a person clicks."""
    box = page.get_by_label(label, exact=True)
    if not box.is_checked():
        page.locator(f'label[for="{box.get_attribute("id")}"]').click()
    assert box.is_checked()


def step(page: Any, base: str, name: str) -> None:
    """Open a step from the plan home, by the link a person would follow."""
    page.goto(base)
    page.get_by_role("link", name=name, exact=True).click()


def test_a_new_user_goes_from_an_empty_plan_to_a_published_one(
    live_server: Any, page: Any, release: None, newcomer: Any
) -> None:
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("User name").fill("newcomer")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    page.goto(live_server.url + "/plans/new/")
    page.get_by_label("Plan title").fill("Rockford Mobility Action Plan")
    page.get_by_label("County or city").fill("17201")
    page.get_by_label("Lead organization").fill("Rockford Works")
    page.get_by_label("Kind of organization").select_option(
        label="Nonprofit or community organization"
    )
    page.get_by_role("button", name="Create the plan").click()
    page.wait_for_url(re.compile(r"/plans/[\w-]+/$"))
    base = page.url
    code = base.rstrip("/").rsplit("/", 1)[-1]

    # Step 3: an assessment and its decision.
    step(page, base, "Assess readiness")
    page.get_by_role("button", name="Start the assessment").click()
    page.get_by_role("link", name="Record the decision").click()
    tick(page, "Proceed")
    page.get_by_label("Why").fill("The county and two employers have committed staff time.")
    page.get_by_label("Date of the decision").fill("2026-11-02")
    page.get_by_role("button", name="Record the decision").click()
    page.get_by_text("Proceed", exact=True).first.wait_for()

    # Step 4: a coalition member.
    step(page, base, "Build the coalition")
    page.get_by_role("link", name="Add a person").click()
    field(page, "Name").fill("Maya Okafor")
    page.get_by_role("button", name="Save", exact=True).click()
    page.get_by_text("Maya Okafor").first.wait_for()

    # Step 6: a finding.
    step(page, base, "Fuller picture")
    page.get_by_role("link", name="Findings", exact=True).first.click()
    page.get_by_role("link", name="Write a finding").click()
    field(page, "Finding").fill(
        "Young adults hear about jobs through friends, rarely through the job centre."
    )
    page.get_by_role("button", name="Save the finding").click()
    page.get_by_text("rarely through the job centre").first.wait_for()

    # Step 7: a priority, an action and an element of its logic model.
    step(page, base, "Strategic actions")
    page.get_by_role("link", name="Add a priority").click()
    field(page, "Priority").fill("Good jobs for young adults")
    page.get_by_role("button", name="Save the priority").click()
    page.get_by_role("link", name="Add an action", exact=True).first.click()
    field(page, "Action").fill(ACTION)
    field(page, "Priority").select_option(label="Good jobs for young adults")
    page.get_by_role("button", name="Save the action").click()
    page.get_by_role("heading", name=ACTION).wait_for()
    page.get_by_label("Part of the logic model").select_option(label="Short-term outcome")
    field(page, "Text").fill("Forty young adults start an apprenticeship")
    page.get_by_role("button", name="Add", exact=True).click()

    # Step 8: a measure of that element.
    page.get_by_role("link", name="Add a measure for this short-term outcome").click()
    field(page, "Measure").fill("Apprenticeships started")
    page.get_by_label("Unit").select_option(label="Count")
    page.get_by_label("Direction").select_option(label="Higher is better")
    page.get_by_label("How often").select_option(label="Quarterly")
    page.get_by_role("button", name="Save the measure").click()
    saved(page, "is saved")
    page.get_by_role("heading", name="Apprenticeships started", level=1).wait_for()

    # Step 9: the release checklist, then publishing with the strategy part.
    step(page, base, "Finalize and release")
    page.get_by_role("link", name="Letter, checklist and publishing").click()
    done = page.get_by_role("button", name=re.compile(r"^Mark as done\s*: Formats chosen$"))
    done.click()
    page.get_by_role("button", name=re.compile(r"^Mark as not done\s*: Formats chosen$")).wait_for()
    tick(page, "Vision, priorities and strategic actions")
    page.get_by_role("button", name="Publish the plan").click()
    saved(page, "The plan is published")

    # Anyone reads the public page, with the action, and downloads its PDF.
    visitor = page.context.browser.new_context()
    public = visitor.new_page()
    public.goto(f"{live_server.url}/p/{code}/")
    public.get_by_role("heading", name=ACTION).wait_for()
    pdf_url = public.get_by_role("link", name="PDF", exact=True).get_attribute("href")
    response = visitor.request.get(live_server.url + pdf_url, timeout=120_000)
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.body()[:5] == b"%PDF-"
    visitor.close()
