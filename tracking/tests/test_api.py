"""Follow-through through the JSON API with personal tokens: the same rules as the pages."""

from __future__ import annotations

import datetime as dt

from django.test import Client

from accounts.services import api_token_create
from strategy.models import ActionStatus
from tracking import services
from tracking.models import Milestone, ProgressUpdate, ReviewState
from tracking.services import MilestoneFields

D = dt.date
UPDATE = {
    "written_on": "2026-04-30",
    "status": "at-risk",
    "percent_complete": 30,
    "narrative": "Two employers asked for more time.",
    "links": ["https://a.org/m.pdf"],
}


def bearer(user) -> dict[str, str]:  # type: ignore[no-untyped-def]
    _, raw = api_token_create(user=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def api(plan, path: str) -> str:  # type: ignore[no-untyped-def]
    return f"/api/v1/plans/{plan.code}/tracking/{path}"


def post_json(client: Client, path: str, body: dict, headers: dict):  # type: ignore[no-untyped-def]
    return client.post(path, body, content_type="application/json", **headers)


def test_without_a_token_the_endpoints_answer_401(plan, action):
    assert Client().get(api(plan, "actions")).status_code == 401
    assert (
        post_json(Client(), api(plan, f"actions/{action.uuid}/updates"), UPDATE, {}).status_code
        == 401
    )


def test_the_owning_contributor_posts_an_update_and_the_status_changes(plan, action, people):
    response = post_json(
        Client(), api(plan, f"actions/{action.uuid}/updates"), UPDATE, bearer(people["contributor"])
    )
    assert response.status_code == 201
    assert response.json()["status"] == "at-risk" and response.json()["review_state"] == "published"
    action.refresh_from_db()
    assert action.status == ActionStatus.AT_RISK
    board = Client().get(api(plan, "actions"), **bearer(people["viewer"])).json()
    assert board[0]["status_label"] == "At risk" and board[0]["percent"] == 30


def test_a_contributor_may_not_post_on_another_action_and_viewers_and_outsiders_are_refused(
    plan, other_action, people
):
    path = api(plan, f"actions/{other_action.uuid}/updates")
    assert post_json(Client(), path, UPDATE, bearer(people["contributor"])).status_code == 403
    assert post_json(Client(), path, UPDATE, bearer(people["viewer"])).status_code == 403
    assert post_json(Client(), path, UPDATE, bearer(people["outsider"])).status_code == 404
    assert Client().get(path, **bearer(people["outsider"])).status_code == 404
    assert not ProgressUpdate.objects.exists()


def test_bad_update_input_answers_422_in_words_and_saves_nothing(plan, action, people):
    path = api(plan, f"actions/{action.uuid}/updates")
    bad = {**UPDATE, "status": "sideways"}
    response = post_json(Client(), path, bad, bearer(people["editor"]))
    assert response.status_code == 422 and "sideways" in response.json()["detail"]
    response = post_json(
        Client(), path, {**UPDATE, "percent_complete": 101}, bearer(people["editor"])
    )
    assert response.status_code == 422
    assert not ProgressUpdate.objects.exists()


def test_review_through_the_api_pending_then_returned_then_resubmitted_then_approved(
    plan, action, people
):
    services.tracking_settings_set(plan=plan, review_contributor_updates=True)
    client, mine, editor = Client(), bearer(people["contributor"]), bearer(people["editor"])
    first = post_json(client, api(plan, f"actions/{action.uuid}/updates"), UPDATE, mine).json()
    assert first["review_state"] == "pending"
    viewer_list = client.get(
        api(plan, f"actions/{action.uuid}/updates"), **bearer(people["viewer"])
    )
    assert viewer_list.json() == []
    assert (
        post_json(client, api(plan, f"updates/{first['uuid']}/approve"), {}, mine).status_code
        == 403
    )
    returned = post_json(
        client, api(plan, f"updates/{first['uuid']}/return"), {"comment": "Name them."}, editor
    )
    assert (
        returned.json()["review_state"] == "returned"
        and returned.json()["review_comment"] == "Name them."
    )
    again = post_json(
        client,
        api(plan, f"actions/{action.uuid}/updates"),
        {**UPDATE, "replaces": first["uuid"]},
        mine,
    ).json()
    assert again["replaces"] == first["uuid"]
    waiting = client.get(api(plan, "updates?review_state=pending"), **editor).json()
    assert [u["uuid"] for u in waiting] == [again["uuid"]]
    approved = post_json(client, api(plan, f"updates/{again['uuid']}/approve"), {}, editor)
    assert approved.status_code == 200 and approved.json()["review_state"] == "published"
    twice = post_json(client, api(plan, f"updates/{again['uuid']}/approve"), {}, editor)
    assert twice.status_code == 409
    action.refresh_from_db()
    assert action.status == ActionStatus.AT_RISK
    assert ProgressUpdate.objects.get(uuid=first["uuid"]).review_state == ReviewState.RETURNED


def test_milestones_are_listed_created_and_a_stale_version_answers_409(plan, action, people):
    client, mine = Client(), bearer(people["contributor"])
    path = api(plan, f"actions/{action.uuid}/milestones")
    created = post_json(client, path, {"title": "Pledge drafted", "due_on": "2026-02-01"}, mine)
    assert created.status_code == 201 and created.json()["version"] == 1
    one = f"{path}/{created.json()['uuid']}"
    body = {
        "title": "Pledge drafted",
        "due_on": "2026-02-01",
        "completed_on": "2026-01-29",
        "version": 1,
    }
    done = client.put(one, body, content_type="application/json", **mine)
    assert done.status_code == 200 and done.json()["version"] == 2
    stale = client.put(one, {**body, "title": "Overwrite"}, content_type="application/json", **mine)
    assert stale.status_code == 409 and "changed since" in stale.json()["detail"]
    assert Milestone.objects.get().title == "Pledge drafted"
    listed = client.get(path, **bearer(people["viewer"])).json()
    assert listed[0]["completed_on"] == "2026-01-29"


def test_milestones_of_another_action_are_closed_to_the_contributor(plan, other_action, people):
    services.milestone_add(action=other_action, fields=MilestoneFields("Venue", D(2026, 3, 1)))
    path = api(plan, f"actions/{other_action.uuid}/milestones")
    body = {"title": "Mine now", "due_on": "2026-02-01"}
    assert post_json(Client(), path, body, bearer(people["contributor"])).status_code == 403
    assert Milestone.objects.count() == 1


def test_the_endpoints_are_in_the_openapi_document(plan):
    paths = Client().get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/plans/{code}/tracking/actions/{action}/updates" in paths
    assert "/api/v1/plans/{code}/tracking/updates/{update}/approve" in paths


def test_a_batch_of_updates_loads_all_or_nothing_with_problems_named_by_item(
    plan, action, other_action, people
):
    client, mine = Client(), bearer(people["contributor"])
    item = {"action": "Living-wage pledge", "written_on": "2026-05-01", "status": "on-track",
            "narrative": "Five signed.", "percent_complete": 20}  # fmt: skip
    bad = [item, {**item, "action": "Job fair"}, {**item, "written_on": "May 1", "links": ["x"]}]
    response = post_json(client, api(plan, "updates"), {"updates": bad}, mine)
    detail = response.json()["detail"]
    assert response.status_code == 422
    assert "updates[1].action" in detail and "updates[2].written_on" in detail
    assert "updates[2].links" in detail
    assert not ProgressUpdate.objects.exists()
    good = [item, {**item, "written_on": "2026-06-01", "status": "at-risk"}]
    response = post_json(client, api(plan, "updates"), {"updates": good}, mine)
    assert response.status_code == 201 and response.json() == {"loaded": 2, "pending": 0}
    action.refresh_from_db()
    assert action.status == ActionStatus.AT_RISK
    viewer = post_json(client, api(plan, "updates"), {"updates": good}, bearer(people["viewer"]))
    assert viewer.status_code == 403
