"""Early wins through the JSON API with personal tokens: the same role rules as the pages."""

from __future__ import annotations

import datetime

from django.test import Client

from accounts.services import api_token_create
from tracking.models import Milestone
from wins.models import SuggestionDismissal, Win


def client_for(user) -> Client:  # type: ignore[no-untyped-def]
    _, raw = api_token_create(user=user, name="test")
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


def base(plan) -> str:  # type: ignore[no-untyped-def]
    return f"/api/v1/plans/{plan.code}/wins"


NEW = {
    "title": "Bus pass pilot starts",
    "what_happened": "200 passes handed out.",
    "happened_on": "2026-10-01",
    "kind": "program-launched",
}


def test_without_a_token_401_and_an_outsider_404(plan, people, win):
    assert Client().get(base(plan)).status_code == 401
    assert client_for(people["outsider"]).get(base(plan)).status_code == 404


def test_a_viewer_lists_wins_but_cannot_add_one(plan, people, win):
    viewer = client_for(people["viewer"])
    [row] = viewer.get(base(plan)).json()
    assert row["title"] == "Route 20 runs until midnight" and row["version"] == 1
    added = viewer.post(base(plan), NEW, content_type="application/json")
    assert added.status_code == 403


def test_a_contributor_adds_a_win_with_plan_organisations(plan, people, transit_district, action):
    contributor = client_for(people["contributor"])
    body = NEW | {"organisations": [transit_district.name], "action": str(action.uuid)}
    added = contributor.post(base(plan), body, content_type="application/json")
    assert added.status_code == 201
    assert added.json()["organisations"] == ["Rockford Mass Transit District"]
    unknown = contributor.post(
        base(plan), NEW | {"organisations": ["Nobody Inc"]}, content_type="application/json"
    )
    assert unknown.status_code == 422
    bad = contributor.post(
        base(plan), NEW | {"evidence_link": "javascript:alert(1)"}, content_type="application/json"
    )
    assert bad.status_code == 422
    assert Win.objects.count() == 1


def test_a_stale_change_answers_409_and_nothing_is_overwritten(plan, people, win):
    editor = client_for(people["editor"])
    first = editor.patch(
        f"{base(plan)}/{win.uuid}",
        {"version": 1, "title": "First"},
        content_type="application/json",
    )
    assert first.status_code == 200 and first.json()["version"] == 2
    stale = editor.patch(
        f"{base(plan)}/{win.uuid}",
        {"version": 1, "title": "Second"},
        content_type="application/json",
    )
    assert stale.status_code == 409
    assert Win.objects.get().title == "First"
    assert editor.delete(f"{base(plan)}/{win.uuid}?version=1").status_code == 409
    assert editor.delete(f"{base(plan)}/{win.uuid}?version=2").status_code == 204
    assert not Win.objects.exists()


def test_a_contributor_cannot_change_someone_elses_win(plan, people, win):
    contributor = client_for(people["contributor"])
    refused = contributor.patch(
        f"{base(plan)}/{win.uuid}", {"version": 1, "title": "Mine"}, content_type="application/json"
    )
    assert refused.status_code == 403


def test_suggestions_are_listed_accepted_and_dismissed(plan, people, action):
    today = datetime.date.today()
    done = [
        Milestone.objects.create(
            action=action,
            title=f"Step {n}",
            due_on=today,
            completed_on=today - datetime.timedelta(days=n),
        )
        for n in (1, 2)
    ]
    editor = client_for(people["editor"])
    listed = editor.get(f"{base(plan)}/suggestions").json()
    assert [s["title"] for s in listed] == ["Step 1", "Step 2"]
    accepted = editor.post(
        f"{base(plan)}/suggestions/accept",
        {"key": f"milestone:{done[0].uuid}", "kind": "program-launched"},
        content_type="application/json",
    )
    assert accepted.status_code == 201
    assert accepted.json()["action"] == str(action.uuid)
    viewer = client_for(people["viewer"])
    refused = viewer.post(
        f"{base(plan)}/suggestions/dismiss",
        {"key": f"milestone:{done[1].uuid}"},
        content_type="application/json",
    )
    assert refused.status_code == 403
    dismissed = editor.post(
        f"{base(plan)}/suggestions/dismiss",
        {"key": f"milestone:{done[1].uuid}"},
        content_type="application/json",
    )
    assert dismissed.status_code == 204 and SuggestionDismissal.objects.count() == 1
    assert editor.get(f"{base(plan)}/suggestions").json() == []
    gone = editor.post(
        f"{base(plan)}/suggestions/accept",
        {"key": f"milestone:{done[1].uuid}"},
        content_type="application/json",
    )
    assert gone.status_code == 404


def test_the_wins_endpoints_are_in_the_openapi_document(plan):
    paths = Client().get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/plans/{code}/wins" in paths
    assert "/api/v1/plans/{code}/wins/suggestions/accept" in paths
