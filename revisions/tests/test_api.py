"""Revisions through the JSON API: same form rules, reasons and roles as the page."""

from __future__ import annotations

import pytest
from django.test import Client

from accounts.services import api_token_create
from plans.models import Plan
from revisions.models import Revision
from strategy.models import StrategicAction

pytestmark = pytest.mark.django_db


def bearer(user) -> dict[str, str]:  # type: ignore[no-untyped-def]
    _, raw = api_token_create(user=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def post(plan: Plan, action: StrategicAction, body: dict, user) -> object:  # type: ignore[no-untyped-def]
    return Client().post(
        f"/api/v1/plans/{plan.code}/revisions/action/{action.uuid}",
        body,
        content_type="application/json",
        **bearer(user),
    )


REASONS = {"why": "More time", "decided_by": "Steering committee", "decided_on": "2026-10-01"}


def test_an_editor_revises_an_action_and_the_log_lists_it(plan, people, action):
    response = post(
        plan, action, {"changes": {"ends_on": "2028-06-30"}, **REASONS}, people["editor"]
    )
    assert response.status_code == 201
    assert response.json()["changes"][0]["after"] == "2028-06-30"
    log = Client().get(f"/api/v1/plans/{plan.code}/revisions", **bearer(people["viewer"]))
    assert [r["subject_title"] for r in log.json()] == ["Wage pledge"]


def test_the_answer_to_a_revision_is_the_entry_the_log_then_lists(plan, people, action):
    response = post(
        plan, action, {"changes": {"ends_on": "2028-06-30"}, **REASONS}, people["editor"]
    )
    log = Client().get(f"/api/v1/plans/{plan.code}/revisions", **bearer(people["viewer"]))
    assert log.json() == [response.json()]
    assert response.json()["recorded_by"] != ""


def test_the_form_rules_hold_in_the_api_and_nothing_is_saved_on_error(plan, people, action):
    bad = post(plan, action, {"changes": {"starts_on": "2029-01-01"}, **REASONS}, people["editor"])
    assert bad.status_code == 422
    assert "ends_on: The end date comes before the start date." in bad.json()["detail"]
    unknown = post(plan, action, {"changes": {"status": "completed"}, **REASONS}, people["editor"])
    assert unknown.status_code == 422 and "status" in unknown.json()["detail"]
    action.refresh_from_db()
    assert action.starts_on is None and not Revision.objects.exists()


def test_a_stale_fingerprint_gets_409(plan, people, action):
    body = {"changes": {"title": "A"}, "loaded": "0000000000000000", **REASONS}
    response = post(plan, action, body, people["editor"])
    assert response.status_code == 409
    assert not Revision.objects.exists()


def test_viewers_may_not_revise_and_outsiders_get_404(plan, people, action):
    body = {"changes": {"title": "A"}, **REASONS}
    assert post(plan, action, body, people["viewer"]).status_code == 403
    assert post(plan, action, body, people["outsider"]).status_code == 404
    assert not Revision.objects.exists()


def test_a_subject_reads_as_version_1_until_revised_then_one_more_per_revision(
    plan, people, action
):
    url = f"/api/v1/plans/{plan.code}/revisions/action/{action.uuid}"
    before = Client().get(url, **bearer(people["viewer"])).json()
    assert (before["version"], before["revisions"]) == (1, [])
    post(plan, action, {"changes": {"ends_on": "2028-06-30"}, **REASONS}, people["editor"])
    after = Client().get(url, **bearer(people["viewer"])).json()
    assert after["version"] == 2
    assert [r["version"] for r in after["revisions"]] == [2]
