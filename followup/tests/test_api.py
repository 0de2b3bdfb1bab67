"""Follow-up through the JSON API, with personal tokens: the same role rules as the pages."""

from __future__ import annotations

import pytest
from django.test import Client

from accounts.services import api_token_create
from plans.models import Plan

pytestmark = pytest.mark.django_db


def bearer(user) -> dict[str, str]:  # type: ignore[no-untyped-def]
    _, raw = api_token_create(user=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def api(plan: Plan, path: str) -> str:
    return f"/api/v1/plans/{plan.code}/followup/{path}"


@pytest.fixture
def everything(settings_row, action, partner_action, milestone, measure) -> None:
    pass


def test_a_viewer_reads_the_calendar_as_of_a_date(plan, people, everything) -> None:
    response = Client().get(
        api(plan, "calendar"), {"today": "2027-03-22"}, **bearer(people["viewer"])
    )
    assert response.status_code == 200
    body = response.json()
    assert body["counts"] == {"overdue": 2, "due": 2, "upcoming": body["counts"]["upcoming"]}
    milestone = next(i for i in body["items"] if i["kind"] == "milestone")
    assert milestone["state_text"] == "Overdue since March 1"
    assert milestone["due_on"] == "2027-03-01"


def test_accountability_figures_come_out_as_numbers(plan, people, everything) -> None:
    response = Client().get(
        api(plan, "accountability"), {"today": "2027-03-22"}, **bearer(people["contributor"])
    )
    body = response.json()
    assert body["measures_up_to_date"] == {"part": 0, "whole": 1, "percent": 0}
    assert body["overdue_total"] == 2


def test_without_a_token_401_and_an_outsider_404(plan, people) -> None:
    assert Client().get(api(plan, "calendar")).status_code == 401
    outsider = bearer(people["outsider"])
    assert Client().get(api(plan, "calendar"), **outsider).status_code == 404
    assert Client().get(api(plan, "accountability"), **outsider).status_code == 404
