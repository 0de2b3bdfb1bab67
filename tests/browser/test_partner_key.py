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

from tests.browser.test_progress_public import signed_in_context

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def published(db: None) -> dict[str, Any]:
    """A published plan whose one action a partner organisation owns; the public progress
    page shows actions."""
    from django.contrib.auth import get_user_model

    from metrics.models import Geography
    from plans.models import Organisation
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
    clinic = Organisation.objects.create(plan=plan, name="Blackhawk Health", kind="health")
    priority = Priority.objects.create(plan=plan, title="Health and money")
    action = StrategicAction.objects.create(
        plan=plan, priority=priority, title="Cancel medical debt", status=ActionStatus.ON_TRACK,
        owner_organisation=clinic, owner_contact="Community benefit office",
    )  # fmt: skip
    ProgressPublicSettings.objects.create(plan=plan, show_actions=True)
    return {"plan": plan, "owner": owner, "action": action}


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
    owner = signed_in_context(browser, live_server, published["owner"])
    keys = owner.new_page()
    keys.goto(f"{live_server.url}/plans/{plan.code}/tracking/keys/")
    keys.get_by_label("Organisation").select_option(label="Blackhawk Health")
    keys.get_by_label("Name of the key").fill("Community benefit records")
    keys.get_by_role("button", name="Make the key").click()
    expect(keys.get_by_text("is shown only this once", exact=False)).to_be_visible()
    raw = keys.get_by_label("The new key").input_value()
    assert raw.startswith("upk_")

    update = {
        "action": "Cancel medical debt",
        "written_on": "2026-10-16",
        "status": "at-risk",
        "percent_complete": 60,
        "narrative": "Screening runs at one hospital; the other waits for a billing upgrade.",
    }
    assert report(live_server.url, plan.code, raw, {"updates": [update]}) == 201

    page.goto(f"{live_server.url}/p/{plan.code}/progress/")
    expect(page.get_by_text("Status: At risk")).to_be_visible()
    expect(page.get_by_text("Screening runs at one hospital", exact=False)).to_be_visible()

    keys.goto(f"{live_server.url}/plans/{plan.code}/tracking/keys/")
    expect(keys.get_by_text("Last used: never")).to_have_count(0)
    keys.get_by_role("button", name="Revoke the key Community benefit records").click()
    expect(keys.get_by_text("no longer works", exact=False)).to_be_visible()
    assert report(live_server.url, plan.code, raw, {"updates": [update]}) == 401
    owner.close()
