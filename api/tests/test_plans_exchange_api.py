"""The plan file through the JSON API: export by owners and editors, import as a new plan."""

from __future__ import annotations

import pytest

from plans.models import Plan

pytestmark = pytest.mark.django_db


def test_an_editor_exports_the_plan_and_imports_it_as_a_new_plan(api_as, plan):
    exported = api_as["editor"].get(f"plans/{plan.code}/export")
    assert exported.status_code == 200
    document = exported.json()
    assert document["plan"]["title"] == plan.title
    imported = api_as["editor"].post("plan-imports?code=copy-of-plan", document)
    assert imported.status_code == 201
    copy = Plan.objects.get(code="copy-of-plan")
    assert copy.title == plan.title
    assert copy.memberships.get(role="owner").user.username == "editor"


def test_viewers_may_not_export_and_outsiders_get_404(api_as, plan):
    assert api_as["viewer"].get(f"plans/{plan.code}/export").status_code == 403
    assert api_as["outsider"].get(f"plans/{plan.code}/export").status_code == 404
    assert api_as["nobody"].get(f"plans/{plan.code}/export").status_code == 401


def test_a_broken_document_is_refused_with_its_problems_and_nothing_is_made(api_as, plan):
    before = Plan.objects.count()
    response = api_as["owner"].post("plan-imports", {"format": "something-else"})
    assert response.status_code == 422
    assert "$" in response.json()["detail"]
    assert Plan.objects.count() == before
