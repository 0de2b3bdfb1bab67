"""Continuity through the JSON API, with personal tokens: the same role rules as the pages."""

from __future__ import annotations

import pytest
from django.test import Client

from accounts.services import api_token_create
from continuity.models import Election, Tenure
from plans.models import Membership, Plan

pytestmark = pytest.mark.django_db


def bearer(user) -> dict[str, str]:  # type: ignore[no-untyped-def]
    _, raw = api_token_create(user=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def api(plan: Plan, path: str = "") -> str:
    return f"/api/v1/plans/{plan.code}/continuity{path}"


def test_without_a_token_the_continuity_endpoint_answers_401(plan):
    assert Client().get(api(plan)).status_code == 401


def test_a_viewer_reads_the_exposure_and_an_outsider_gets_404(plan, people):
    client = Client()
    response = client.get(api(plan), **bearer(people["viewer"]))
    assert response.status_code == 200
    assert response.json()["exposure"] == "none"
    assert client.get(api(plan), **bearer(people["outsider"])).status_code == 404


def test_an_editor_records_a_position_and_a_stale_version_gets_409(plan, people):
    client = Client()
    target = Membership.objects.get(plan=plan, user=people["contributor"])
    headers = bearer(people["editor"])
    body = {"kind": "appointed", "seat": "Deputy director", "version": 0}
    ok = client.put(
        api(plan, f"/people/{target.uuid}"), body, content_type="application/json", **headers
    )
    assert ok.status_code == 200 and ok.json()["version"] == 1
    stale = client.put(
        api(plan, f"/people/{target.uuid}"),
        {**body, "kind": "elected"},
        content_type="application/json",
        **headers,
    )
    assert stale.status_code == 409
    assert "changed since you opened it" in stale.json()["detail"]
    assert Tenure.objects.get(membership=target).kind == "appointed"


def test_a_viewer_may_not_record_positions_or_elections(plan, people):
    client = Client()
    target = Membership.objects.get(plan=plan, user=people["viewer"])
    headers = bearer(people["viewer"])
    body = {"kind": "career", "version": 0}
    put = client.put(
        api(plan, f"/people/{target.uuid}"), body, content_type="application/json", **headers
    )
    assert put.status_code == 403
    post = client.post(
        api(plan, "/elections"),
        {"title": "Vote", "held_on": "2027-01-01"},
        content_type="application/json",
        **headers,
    )
    assert post.status_code == 403
    assert not Tenure.objects.exists() and not Election.objects.exists()


def test_elections_name_only_members_of_the_plan(plan, people):
    client = Client()
    headers = bearer(people["owner"])
    stranger = Membership.objects.exclude(plan=plan).first()
    mine = Membership.objects.get(plan=plan, user=people["editor"])
    bad = client.post(
        api(plan, "/elections"),
        {"title": "Vote", "held_on": "2027-01-01", "members": [str(stranger.uuid)]},
        content_type="application/json",
        **headers,
    )
    assert bad.status_code == 422 and not Election.objects.exists()
    good = client.post(
        api(plan, "/elections"),
        {"title": "Vote", "held_on": "2027-01-01", "members": [str(mine.uuid)]},
        content_type="application/json",
        **headers,
    )
    assert good.status_code == 201 and good.json()["members"] == [str(mine.uuid)]
    listed = client.get(api(plan, "/elections"), **headers).json()
    assert [e["title"] for e in listed] == ["Vote"]
    gone = client.delete(api(plan, f"/elections/{good.json()['uuid']}"), **headers)
    assert gone.status_code == 204 and not Election.objects.exists()


def test_continuity_endpoints_are_in_the_openapi_description(plan):
    paths = Client().get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/plans/{code}/continuity" in paths
    assert "/api/v1/plans/{code}/continuity/elections" in paths
