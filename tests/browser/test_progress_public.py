"""An owner posts a progress update on an action through the tracking page, and the public
progress page shows the new status and text to a resident with no account."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"

NARRATIVE = "The transit board approved the night route <b>starting in March</b>."


@pytest.fixture
def published(db: None) -> dict[str, Any]:
    """A published plan with one action at risk; the public progress page shows actions."""
    from django.contrib.auth import get_user_model

    from metrics.models import Geography
    from plans.services import plan_create
    from reports.models import ProgressPublicSettings
    from strategy.models import ActionStatus, Priority, StrategicAction

    county, _ = Geography.objects.get_or_create(
        geoid="17201",
        defaults={"kind": "county", "name": "Winnebago County", "state_fips": "17",
                  "state_name": "Illinois"},
    )  # fmt: skip
    owner = get_user_model().objects.create_user(username="owner", password="correct horse 42")
    plan = plan_create(
        user=owner, title="Winnebago Mobility Action Plan", geography=county,
        lead_name="Region 1 Planning Council", lead_kind="government",
    )  # fmt: skip
    plan.published = True
    plan.save()
    priority = Priority.objects.create(plan=plan, title="Good jobs")
    action = StrategicAction.objects.create(
        plan=plan, priority=priority, title="Night bus to the industrial park",
        status=ActionStatus.AT_RISK,
    )  # fmt: skip
    ProgressPublicSettings.objects.create(plan=plan, show_actions=True)
    return {"plan": plan, "owner": owner, "action": action}


def violations(page: Any) -> list[dict[str, Any]]:
    page.add_script_tag(path=str(AXE))
    found: list[dict[str, Any]] = page.evaluate(
        """async () => (await axe.run(document, {
            runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
            resultTypes: ['violations'],
        })).violations.map(v => ({rule: v.id, help: v.help,
                                  where: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))"""
    )
    return found


def signed_in_context(browser: Any, live_server: Any, user: Any) -> Any:
    client = Client()
    client.force_login(user)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(45_000)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
    )
    return context


def test_an_update_posted_on_the_tracking_page_shows_on_the_public_progress_page(
    live_server: Any, browser: Any, page: Any, published: dict[str, Any]
) -> None:
    plan, action = published["plan"], published["action"]
    public_url = f"{live_server.url}/p/{plan.code}/progress/"
    response = page.goto(public_url)
    assert response is not None and response.status == 200, page.content()[:2000]
    expect(page.get_by_role("heading", name="Night bus to the industrial park")).to_be_visible()
    expect(page.get_by_text("Status: At risk")).to_be_visible()
    expect(page.get_by_text("starting in March")).to_have_count(0)

    owner = signed_in_context(browser, live_server, published["owner"])
    form = owner.new_page()
    form.goto(f"{live_server.url}/plans/{plan.code}/tracking/actions/{action.uuid}/updates/new/")
    expect(form.get_by_role("heading", name="Progress update: Night bus")).to_be_visible()
    form.locator("select[name=status]").select_option(label="On track")
    form.locator("input[name=percent_complete]").fill("40")
    form.locator("textarea[name=narrative]").fill(NARRATIVE)
    form.get_by_role("button", name="Post the update").click()
    form.wait_for_url(f"**/tracking/actions/{action.uuid}/**")
    expect(form.get_by_text("Your update is saved and shown.")).to_be_visible()
    owner.close()

    page.reload()
    expect(page.get_by_text("Status: On track")).to_be_visible()
    expect(page.get_by_text("Status: At risk")).to_have_count(0)
    expect(page.get_by_text(NARRATIVE)).to_be_visible()  # the markup typed shows as text
    expect(page.locator("b", has_text="starting in March")).to_have_count(0)


def test_the_public_progress_page_with_charts_has_no_accessibility_violations(
    live_server: Any, page: Any, published: dict[str, Any]
) -> None:
    from datetime import date

    from reports.models import ProgressPublicSettings
    from results.models import MeasureValue
    from strategy.models import ElementKind, LogicElement, Measure, MeasureTarget

    plan, action = published["plan"], published["action"]
    ProgressPublicSettings.objects.filter(plan=plan).update(show_measures=True)
    element = LogicElement.objects.create(action=action, kind=ElementKind.SHORT, text="Riders")
    measure = Measure.objects.create(
        plan=plan, element=element, name="Night riders a week", unit="count",
        direction="higher", frequency="quarterly", baseline_year=2025, baseline_value=100,
    )  # fmt: skip
    MeasureTarget.objects.create(measure=measure, target_date=date(2027, 6, 30), value=400)
    for period, end, value in (
        ("2026-Q2", date(2026, 6, 30), 150),
        ("2026-Q3", date(2026, 9, 30), 210),
    ):
        MeasureValue.objects.create(measure=measure, period=period, period_end=end, value=value,
                                    lb=value - 20, ub=value + 20)  # fmt: skip
    page.goto(f"{live_server.url}/p/{plan.code}/progress/")
    expect(page.locator(".upward-chart svg, .upward-chart canvas").first).to_be_visible()
    page.wait_for_load_state("networkidle")
    assert violations(page) == []
