"""The funding ledger through the JSON API, with personal tokens: the same role rules as the
pages."""

from __future__ import annotations

from decimal import Decimal

from django.test import Client

from accounts.services import api_token_create
from funding.models import FundingEntry
from funding.tests.conftest import need_make


def client_for(user) -> Client:  # type: ignore[no-untyped-def]
    _, raw = api_token_create(user=user, name="test")
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


def base(plan) -> str:  # type: ignore[no-untyped-def]
    return f"/api/v1/plans/{plan.code}/funding"


NEW = {"source_type": "federal-grant", "funder": "U.S. Department of Labor",
       "status": "committed", "committed": "2500.50"}  # fmt: skip


def test_without_a_token_the_ledger_answers_401(plan):
    assert Client().get(f"{base(plan)}/entries").status_code == 401


def test_a_viewer_lists_entries_and_an_outsider_gets_404(plan, people, grant):
    listed = client_for(people["viewer"]).get(f"{base(plan)}/entries")
    assert listed.status_code == 200
    [row] = listed.json()
    assert row["funder"] == "Rock River Community Foundation"
    assert Decimal(row["committed"]) == Decimal("50000")
    assert client_for(people["outsider"]).get(f"{base(plan)}/entries").status_code == 404


def test_the_owning_contributor_adds_an_entry_and_a_plan_organisation_is_linked_by_name(
    plan, people, action, foundation
):
    api = client_for(people["contributor"])
    made = api.post(f"{base(plan)}/actions/{action.uuid}/entries", NEW,
                    content_type="application/json")  # fmt: skip
    assert made.status_code == 201, made.content
    assert Decimal(made.json()["committed"]) == Decimal("2500.50")
    linked = api.post(f"{base(plan)}/actions/{action.uuid}/entries",
                      NEW | {"funder": "rock river community foundation"},
                      content_type="application/json")  # fmt: skip
    assert FundingEntry.objects.get(uuid=linked.json()["uuid"]).funder_organisation == foundation


def test_a_viewer_and_a_contributor_on_someone_elses_action_get_403(plan, people, other_action):
    for name in ("viewer", "contributor"):
        answer = client_for(people[name]).post(
            f"{base(plan)}/actions/{other_action.uuid}/entries", NEW,
            content_type="application/json",
        )  # fmt: skip
        assert answer.status_code == 403
    assert not FundingEntry.objects.exists()


def test_hostile_amounts_are_refused_with_a_reason(plan, people, action):
    api = client_for(people["editor"])
    where = f"{base(plan)}/actions/{action.uuid}/entries"
    for amount, said in ((-1, "negative"), (1e30, "more than this ledger holds"),
                         ("1,200", "committed")):  # fmt: skip
        answer = api.post(where, NEW | {"committed": amount}, content_type="application/json")
        assert answer.status_code == 422
        assert said in answer.json()["detail"]
    assert not FundingEntry.objects.exists()


def test_a_change_at_a_stale_version_gets_409_and_nothing_is_overwritten(plan, people, grant):
    api = client_for(people["editor"])
    where = f"{base(plan)}/entries/{grant.uuid}"
    first = api.patch(where, {"version": 1, "spent": "6000"}, content_type="application/json")
    assert first.status_code == 200 and first.json()["version"] == 2
    stale = api.patch(where, {"version": 1, "spent": "1"}, content_type="application/json")
    assert stale.status_code == 409
    assert "changed since you opened it" in stale.json()["detail"]
    grant.refresh_from_db()
    assert grant.spent == Decimal("6000")
    assert api.delete(f"{where}?version=1").status_code == 409
    assert api.delete(f"{where}?version=2").status_code == 204


def test_gaps_by_priority_and_needs_through_the_api(plan, people, action, grant):
    api = client_for(people["contributor"])
    put = api.put(f"{base(plan)}/actions/{action.uuid}/need", {"amount": "90000", "version": 0},
                  content_type="application/json")  # fmt: skip
    assert put.status_code == 200
    again = api.put(f"{base(plan)}/actions/{action.uuid}/need", {"amount": "1", "version": 0},
                    content_type="application/json")  # fmt: skip
    assert again.status_code == 409
    [row] = api.get(f"{base(plan)}/gaps?by=priority").json()
    assert row["label"] == "Good jobs"
    assert Decimal(row["shortfall"]) == Decimal("40000")
    assert api.get(f"{base(plan)}/gaps?by=colour").status_code == 422


def test_funding_endpoints_are_in_the_openapi_description(plan):
    paths = Client().get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/plans/{code}/funding/gaps" in paths
    assert "/api/v1/plans/{code}/funding/entries/{entry}" in paths


def test_an_action_without_a_need_counts_as_unknown_in_the_gaps(plan, people, action):
    need_make(action, "10")
    [row] = client_for(people["viewer"]).get(f"{base(plan)}/gaps").json()
    assert row["without_need"] == 0 and Decimal(row["needed"]) == Decimal("10")


def test_a_change_may_clear_a_date_and_ignores_a_null_amount(plan, people, grant):
    api = client_for(people["owner"])
    body = {"version": 1, "ends_on": None, "committed": None, "notes": "Extended"}
    answer = api.patch(f"{base(plan)}/entries/{grant.uuid}", body, content_type="application/json")
    assert answer.status_code == 200
    grant.refresh_from_db()
    assert grant.ends_on is None and grant.committed == Decimal("50000")
    assert grant.notes == "Extended"
