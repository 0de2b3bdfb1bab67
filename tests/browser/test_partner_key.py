"""A plan's owner makes a reporting key for a partner organisation on the page; the
partner's own system reports an update with it over HTTP; the public progress page shows
it; once the owner revokes the key, it stops working."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.sustain import signed_in, small_plan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def published(db: None) -> dict[str, Any]:
    """The small published plan, its night-bus action owned by a partner organisation; the
    public progress page shows actions."""
    from plans.models import Organisation
    from reports.models import ProgressPublicSettings
    from tracking.services import action_ownership_set

    made = small_plan(published=True)
    plan = made["plan"]
    transit = Organisation.objects.create(plan=plan, name="Rockford Mass Transit", kind="other")
    action_ownership_set(
        action=made["night_bus"], owner=None, owner_organisation=transit,
        owner_contact="Planning office", backup=None,
    )  # fmt: skip
    ProgressPublicSettings.objects.create(plan=plan, show_actions=True)
    return made


def report(base: str, code: str, key: str, body: dict[str, Any]) -> int:
    """What a partner's system does: one HTTP POST with its key."""
    request = urllib.request.Request(  # noqa: S310 (the test server's own address)
        f"{base}/api/v1/plans/{code}/tracking/updates",
        data=json.dumps(body).encode(),
        headers={"Authorization": f"Bearer {key}", "Content-Type": "application/json"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return int(response.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


def test_a_partners_system_reports_with_a_key_made_on_the_page_until_it_is_revoked(
    live_server: Any, browser: Any, page: Any, published: dict[str, Any]
) -> None:
    plan = published["plan"]
    page.goto(f"{live_server.url}/p/{plan.code}/progress/")
    expect(page.get_by_text("Status: At risk")).to_have_count(0)
    owner = signed_in(browser, live_server, published["owner"])
    keys = owner.new_page()
    keys.goto(f"{live_server.url}/plans/{plan.code}/tracking/keys/")
    keys.get_by_label("Organisation").select_option(label="Rockford Mass Transit")
    keys.get_by_label("Name of the key").fill("Dispatch system")
    keys.get_by_role("button", name="Make the key").click()
    expect(keys.get_by_text("is shown only this once", exact=False)).to_be_visible()
    raw = keys.get_by_label("The new key").input_value()
    assert raw.startswith("upk_")

    update = {
        "action": "Night bus to the industrial park",
        "written_on": "2026-10-16",
        "status": "at-risk",
        "percent_complete": 60,
        "narrative": "Ridership grew every week; two drivers are still to be hired.",
    }
    assert report(live_server.url, plan.code, raw, {"updates": [update]}) == 201

    page.goto(f"{live_server.url}/p/{plan.code}/progress/")
    expect(page.get_by_text("Status: At risk")).to_be_visible()
    expect(page.get_by_text("two drivers are still to be hired", exact=False)).to_be_visible()

    keys.goto(f"{live_server.url}/plans/{plan.code}/tracking/keys/")
    expect(keys.get_by_text("Last used: never")).to_have_count(0)
    keys.get_by_role("button", name="Revoke the key Dispatch system").click()
    expect(keys.get_by_text("no longer works", exact=False)).to_be_visible()
    assert report(live_server.url, plan.code, raw, {"updates": [update]}) == 401
    owner.close()
