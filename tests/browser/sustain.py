"""Shared set-up for the step-10 browser paths (test_sustain_*.py): a small Winnebago
County plan built with services, and a browser context signed in as one of its people."""

from __future__ import annotations

import re
from typing import Any

from django.conf import settings
from django.test import Client

PASSWORD = "correct horse 42"  # test accounts'


def small_plan(*, published: bool = False) -> dict[str, Any]:
    """A plan with an owner, an editor, one priority and two actions the editor leads;
    published, it shows its strategic actions publicly."""
    from django.contrib.auth import get_user_model

    from metrics.models import Geography
    from plans.models import Membership, Role
    from plans.services import plan_create
    from strategy import services as strategy

    county, _ = Geography.objects.get_or_create(
        geoid="17201",
        defaults={"kind": "county", "name": "Winnebago County", "state_fips": "17",
                  "state_name": "Illinois"},
    )  # fmt: skip
    make = get_user_model().objects.create_user
    owner = make(username="owner", email="owner@example.org", password=PASSWORD)
    editor = make(
        username="rosa", first_name="Rosa", last_name="Delgado", email="rosa@example.org",
        password=PASSWORD,
    )  # fmt: skip
    plan = plan_create(
        user=owner, title="Winnebago Mobility Action Plan", geography=county,
        lead_name="Region 1 Planning Council", lead_kind="government",
    )  # fmt: skip
    membership = Membership.objects.create(plan=plan, user=editor, role=Role("editor"))
    priority = strategy.priority_save(
        plan=plan, pillars=[], title="Good jobs for young adults", description="", problem="",
        root_causes="", pathway="", assumptions="",
    )  # fmt: skip
    night_bus = strategy.action_save(
        plan=plan, priority=priority, title="Night bus to the industrial park", owner=membership
    )
    apprenticeships = strategy.action_save(
        plan=plan, priority=priority, title="Paid apprenticeships at the hospital",
        owner=membership,
    )  # fmt: skip
    if published:  # with the part of the public page that lists the actions
        plan.published = True
        plan.published_parts = ["strategy"]
        plan.save()
    return {
        "plan": plan, "owner": owner, "editor": editor, "membership": membership,
        "priority": priority, "night_bus": night_bus, "apprenticeships": apprenticeships,
    }  # fmt: skip


def signed_in(browser: Any, live_server: Any, user: Any) -> Any:
    """A new browser context carrying the session of a user signed in on the live server."""
    client = Client()
    client.force_login(user)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(45_000)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
    )
    return context


def field(page: Any, label: str) -> Any:
    """The input with this label, a required one's "*" allowed after it."""
    return page.get_by_label(re.compile(rf"^{re.escape(label)}( \*)?$"))


def tick(page: Any, label: str) -> None:
    """Choose a USWDS radio button or checkbox by clicking its styled label."""
    box = page.get_by_label(label, exact=True)
    if not box.is_checked():
        page.locator(f'label[for="{box.get_attribute("id")}"]').click()
    assert box.is_checked()
