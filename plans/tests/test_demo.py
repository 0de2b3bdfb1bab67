"""The demo plan, as a newcomer meets it: every step that has a seed is complete, the public
page is open to anyone, and the command line finds it."""

from __future__ import annotations

import io
import json
import re

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

from plans.demo import DEMO_CODE, STEP_APPS, demo_apps, demo_plan_seed
from plans.models import Plan
from plans.steps import plan_steps

# Which steps of the plan home each step app's seed completes (other apps complete none).
STEPS_OF_APP = {
    "readiness": [3],
    "coalition": [4],
    "localdata": [5],
    "engagement": [6],
    "strategy": [7, 8],
    "tracking": [10],
    "reports": [9],
}


@pytest.fixture
def demo_owner(db):  # type: ignore[no-untyped-def]
    return get_user_model().objects.create_user(username="demo", password="correct horse 42")


@pytest.fixture
def demo_plan(demo_owner):  # type: ignore[no-untyped-def]
    return demo_plan_seed(owner=demo_owner)


def signed_in(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def step_states(html: str) -> list[str]:
    return re.findall(r'<span class="usa-tag[^"]*">([^<]+)</span>', html)


def test_the_demo_plan_home_shows_steps_one_two_and_every_seeded_step_complete(
    demo_owner, demo_plan
) -> None:
    response = signed_in(demo_owner).get(f"/plans/{DEMO_CODE}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Winnebago County, Illinois" in html
    assert "Rockford Region Mobility Partnership" in html
    states = step_states(html)
    assert len(states) == 10
    expected = [1, 2, *(n for label in demo_apps() for n in STEPS_OF_APP.get(label, []))]
    for number in expected:
        assert states[number - 1] == "complete", f"step {number} is {states[number - 1]}"


def test_the_demo_owner_owns_the_plan_and_colleagues_hold_the_other_roles(demo_plan) -> None:
    roles = dict(demo_plan.memberships.values_list("user__username", "role"))
    assert roles["demo"] == "owner"
    assert {"editor", "contributor", "viewer"} <= set(roles.values())


def test_every_step_app_installed_here_provides_a_demo_seed() -> None:
    installed = [label for label in STEP_APPS if apps.is_installed(label)]
    assert demo_apps() == installed


def test_the_published_demo_plan_opens_to_anyone_without_signing_in(demo_plan) -> None:
    response = Client().get(f"/p/{DEMO_CODE}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert demo_plan.title in html
    assert "Andrea Whitfield" in html  # the letter from leadership is signed
    assert "Tomasa Delgado" in html
    assert "are invented" in html  # a real county: the page says what is made up


def test_seeding_twice_leaves_one_demo_plan_with_the_same_content(demo_owner, demo_plan) -> None:
    before = [s.state for s in plan_steps(plan=demo_plan)], demo_plan.insights.count()
    again = demo_plan_seed(owner=demo_owner)
    assert Plan.objects.filter(code=DEMO_CODE).count() == 1
    assert again.pk != demo_plan.pk
    assert ([s.state for s in plan_steps(plan=again)], again.insights.count()) == before


def test_plans_list_as_json_lists_the_demo_plan_with_its_progress(demo_plan) -> None:
    out = io.StringIO()
    call_command("plans", "list", "--json", stdout=out)
    rows = {row["code"]: row for row in json.loads(out.getvalue())}
    row = rows[DEMO_CODE]
    assert row["title"] == demo_plan.title
    assert row["place"] == "Winnebago County, Illinois"
    assert row["lead"] == "Rockford Region Mobility Partnership"
    assert row["members"] == demo_plan.memberships.count()
    assert row["steps_complete"] >= 2 and row["steps_total"] == 10


def test_plans_list_prints_a_table_with_one_line_per_plan(plan, demo_plan) -> None:
    out = io.StringIO()
    call_command("plans", "list", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0].split()[:2] == ["Code", "Title"]
    assert len(lines) == 2 + Plan.objects.count()
    assert any(line.startswith(DEMO_CODE) and "of 10" in line for line in lines)


def test_the_demo_plan_command_creates_a_missing_owner_without_printing_a_password(db) -> None:
    out = io.StringIO()
    call_command("demo_plan", "--username", "newcomer", "--base-url", "http://x:1", stdout=out)
    owner = get_user_model().objects.get(username="newcomer")
    assert not owner.has_usable_password()
    text = out.getvalue()
    assert f"http://x:1/plans/{DEMO_CODE}/" in text
    assert "password" not in text.lower().replace("without a password", "")
    assert Plan.objects.get(code=DEMO_CODE).memberships.get(user=owner).role == "owner"


def test_the_demo_plan_reads_as_a_whole_document_for_its_owner(demo_owner, demo_plan) -> None:
    response = signed_in(demo_owner).get(f"/plans/{DEMO_CODE}/document/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "whatever its race or neighborhood" in html  # the current vision
    assert "A county housing trust fund for the lowest-income renters" in html


def test_the_demo_plan_home_links_every_tool_for_keeping_the_plan_alive(demo_owner, demo_plan):
    html = signed_in(demo_owner).get(f"/plans/{DEMO_CODE}/").content.decode()
    assert "Keeping the plan alive" in html
    for page in ("tracking/", "results/", "followup/", "continuity/", "funding/", "revisions/"):
        assert f'href="/plans/{DEMO_CODE}/{page}"' in html
