"""The plan endpoints (plans, step 1, steps, members, step 2) with a real token per persona."""

from __future__ import annotations

import pytest

from plans.models import Membership, Plan, PlanInsight

pytestmark = pytest.mark.django_db
CODE = "winnebago-mobility-action-plan"


def test_without_a_token_every_plan_endpoint_answers_401(api_as):
    nobody = api_as["nobody"]
    assert nobody.get("plans").status_code == 401
    assert nobody.get(f"plans/{CODE}").status_code == 401
    assert nobody.patch(f"plans/{CODE}", {"purpose": "x"}).status_code == 401


def test_a_member_lists_their_plans_with_their_role(api_as, plan):
    body = api_as["contributor"].get("plans").json()
    assert [(p["code"], p["role"]) for p in body] == [(plan.code, "contributor")]
    assert plan.code == CODE


def test_an_outsider_gets_404_for_a_plan_they_do_not_belong_to(api_as):
    response = api_as["outsider"].get(f"plans/{CODE}")
    assert response.status_code == 404
    assert api_as["outsider"].get(f"plans/{CODE}/members").status_code == 404


def test_creating_a_plan_makes_you_its_owner(api_as):
    response = api_as["viewer"].post(
        "plans",
        {"title": "Rockford Plan", "jurisdiction": "17201", "lead_name": "City of Rockford",
         "lead_kind": "government"},
    )  # fmt: skip
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["role"], body["geoid"], body["lead_organisation"]) == (
        "owner", "17201", "City of Rockford",
    )  # fmt: skip


def test_a_plan_with_a_bad_jurisdiction_is_a_422_naming_the_field_and_nothing_is_made(api_as):
    before = Plan.objects.count()
    response = api_as["viewer"].post(
        "plans",
        {"title": "X", "jurisdiction": "nowhere at all", "lead_name": "Y", "lead_kind": "moon"},
    )
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert "jurisdiction: No county or city matches" in detail
    assert "lead_kind: Select a valid choice" in detail
    assert Plan.objects.count() == before


def test_an_editor_writes_the_approach_and_markup_is_stored_as_given(api_as, plan):
    text = "<b>Everyone</b> & more"
    response = api_as["editor"].patch(
        f"plans/{CODE}", {"purpose": text, "principles": ["equity", "learning"]}
    )
    assert response.status_code == 200, response.content
    assert response.json()["purpose"] == text
    plan.refresh_from_db()
    assert plan.purpose == text and plan.principles == ["equity", "learning"]


def test_a_viewer_and_a_contributor_may_not_change_the_approach(api_as, plan):
    for persona in ("viewer", "contributor"):
        response = api_as[persona].patch(f"plans/{CODE}", {"purpose": "Ours"})
        assert response.status_code == 403
    plan.refresh_from_db()
    assert plan.purpose == ""


def test_unknown_principles_are_refused_with_the_forms_message(api_as, plan):
    response = api_as["editor"].patch(f"plans/{CODE}", {"purpose": "x", "principles": ["magic"]})
    assert response.status_code == 422
    assert response.json()["detail"].startswith("principles: Select a valid choice")


def test_steps_lists_the_ten_steps_with_their_state(api_as):
    steps = api_as["viewer"].get(f"plans/{CODE}/steps").json()
    assert [s["number"] for s in steps] == list(range(1, 11))
    assert steps[0]["state"] == "not started"


def test_only_the_owner_changes_roles_and_the_last_owner_stays(api_as, plan, people):
    members = api_as["viewer"].get(f"plans/{CODE}/members").json()
    by_name = {m["username"]: m["uuid"] for m in members}
    path = f"plans/{CODE}/members/{by_name['viewer']}"
    assert api_as["editor"].patch(path, {"role": "editor"}).status_code == 403
    assert api_as["owner"].patch(path, {"role": "editor"}).json()["role"] == "editor"
    assert api_as["owner"].patch(path, {"role": "king"}).status_code == 422
    last = api_as["owner"].patch(f"plans/{CODE}/members/{by_name['owner']}", {"role": "viewer"})
    assert last.status_code == 422
    assert "at least one owner" in last.json()["detail"]
    assert Membership.objects.get(plan=plan, user=people["owner"]).role == "owner"


def test_the_owner_invites_by_email_and_a_bad_address_is_a_422(api_as, mailoutbox):
    path = f"plans/{CODE}/invitations"
    assert (
        api_as["editor"].post(path, {"email": "new@example.org", "role": "viewer"}).status_code
        == 403
    )
    ok = api_as["owner"].post(path, {"email": "new@example.org", "role": "viewer"})
    assert ok.status_code == 201
    assert len(mailoutbox) == 1
    bad = api_as["owner"].post(path, {"email": "not an address", "role": "viewer"})
    assert bad.status_code == 422 and bad.json()["detail"].startswith("email:")
    assert [i["email"] for i in api_as["viewer"].get(path).json()] == ["new@example.org"]


def test_an_editor_writes_an_insight_and_rewords_it(api_as, plan):
    made = api_as["editor"].post(f"plans/{CODE}/insights", {"statement": "<i>Rents</i> rose"})
    assert made.status_code == 201
    uuid = made.json()["uuid"]
    changed = api_as["editor"].patch(f"plans/{CODE}/insights/{uuid}", {"keep": False})
    assert changed.json()["status"] == "dismissed"
    assert changed.json()["statement"] == "<i>Rents</i> rose"
    assert api_as["viewer"].post(f"plans/{CODE}/insights", {"statement": "x"}).status_code == 403
    empty = api_as["editor"].post(f"plans/{CODE}/insights", {"statement": ""})
    assert empty.status_code == 422
    assert PlanInsight.objects.filter(plan=plan).count() == 1


def test_peers_are_chosen_from_the_suggestions(api_as):
    from metrics.services.peers import peer_index_refresh

    peer_index_refresh()
    suggested = api_as["viewer"].get(f"plans/{CODE}/peers").json()
    assert suggested and not any(p["chosen"] for p in suggested)
    pick = [suggested[0]["geoid"]]
    chosen = api_as["editor"].put(f"plans/{CODE}/peers", {"geoids": pick}).json()
    assert [p["geoid"] for p in chosen if p["chosen"]] == pick
    assert api_as["editor"].put(f"plans/{CODE}/peers", {"geoids": ["99999"]}).status_code == 422


def test_a_body_of_the_wrong_shape_is_a_422_naming_the_field(api_as, plan):
    response = api_as["editor"].patch(f"plans/{CODE}", {"principles": "equity"})
    assert response.status_code == 422
    assert "principles" in response.json()["detail"]
    plan.refresh_from_db()
    assert plan.principles == []
