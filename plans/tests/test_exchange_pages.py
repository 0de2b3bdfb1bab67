"""The plan file on the web: the download for owners and editors, the import page for
anyone signed in, and the public schema."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from plans.exchange.export import plan_export
from plans.exchange.schema_build import SCHEMA_FILE
from plans.models import Membership, Plan, Role


@pytest.mark.parametrize("persona", ["owner", "editor"])
def test_owners_and_editors_download_the_plan_file(request, plan, persona) -> None:
    response = request.getfixturevalue(persona).get(f"/plans/{plan.code}/export.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert f'filename="{plan.code}.map.json"' in response["Content-Disposition"]
    document = json.loads(response.content)
    assert document["format"] == "mobility-action-plan"
    assert document["plan"]["title"] == plan.title


@pytest.mark.parametrize(("persona", "status"), [("contributor", 403), ("viewer", 403),
                                                 ("outsider", 404)])  # fmt: skip
def test_others_may_not_download_the_plan_file(request, plan, persona, status) -> None:
    response = request.getfixturevalue(persona).get(f"/plans/{plan.code}/export.json")
    assert response.status_code == status


def test_an_anonymous_visitor_is_sent_to_sign_in_for_the_plan_file(anonymous, plan) -> None:
    response = anonymous.get(f"/plans/{plan.code}/export.json")
    assert response.status_code == 302 and "/accounts/" in response["Location"]


def test_the_plan_home_offers_the_download_to_editors_only(owner, viewer, plan) -> None:
    link = f'href="/plans/{plan.code}/export.json"'
    assert link in owner.get(f"/plans/{plan.code}/").content.decode()
    assert link not in viewer.get(f"/plans/{plan.code}/").content.decode()


def upload(document: dict, name: str = "plan.json") -> SimpleUploadedFile:  # type: ignore[type-arg]
    return SimpleUploadedFile(name, json.dumps(document).encode(), "application/json")


def test_a_signed_in_person_imports_a_plan_file_and_becomes_its_owner(
    plan, people, outsider
) -> None:
    document = plan_export(plan=plan)
    response = outsider.post("/plans/import/", {"file": upload(document), "code": ""})
    copy = Plan.objects.get(code=f"{plan.code}-2")
    assert response.status_code == 302 and response["Location"] == f"/plans/{copy.code}/"
    assert Membership.objects.get(plan=copy, user=people["outsider"]).role == Role.OWNER
    assert outsider.get(response["Location"]).status_code == 200


def test_the_import_page_lists_each_problem_and_saves_nothing(plan, outsider) -> None:
    document = plan_export(plan=plan)
    document["plan"]["geography"] = "99999"
    document["organisations"][0]["name"] = "<b>bold</b>"
    document["organisations"][0]["kind"] = "<i>guild</i>"
    before = Plan.objects.count()
    response = outsider.post("/plans/import/", {"file": upload(document), "code": "fresh"})
    html = response.content.decode()
    assert response.status_code == 200 and Plan.objects.count() == before
    assert "Nothing was imported" in html
    assert "<code>$.organisations[0].kind</code>" in html
    assert "&quot;&lt;i&gt;guild&lt;/i&gt;&quot; is not one of the allowed values" in html
    assert "<i>guild</i>" not in html


def test_the_import_page_names_a_file_that_is_not_json_beside_the_field(outsider) -> None:
    bad = SimpleUploadedFile("plan.json", b"<html>not json</html>", "application/json")
    html = outsider.post("/plans/import/", {"file": bad}).content.decode()
    assert "usa-form-group--error" in html
    assert "The file is not valid JSON" in html


def test_the_import_page_asks_for_a_file_and_a_proper_code(outsider) -> None:
    html = outsider.post("/plans/import/", {"code": "Not a code!"}).content.decode()
    assert html.count("usa-error-message") == 2


def test_the_import_page_is_for_signed_in_people(anonymous) -> None:
    response = anonymous.get("/plans/import/")
    assert response.status_code == 302 and "/accounts/" in response["Location"]


def test_the_schema_is_public_at_a_stable_address(anonymous) -> None:
    response = anonymous.get("/schema/map-v1.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/schema+json")
    assert json.loads(response.content) == json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert 'href="/schema/map-v1.json"' in anonymous.get("/").content.decode()


def test_the_import_page_shows_its_form_with_labels(outsider) -> None:
    html = outsider.get("/plans/import/").content.decode()
    assert '<label class="usa-label" for="id_file">Plan file (JSON)' in html
    assert 'enctype="multipart/form-data"' in html


def test_the_import_page_refuses_a_file_over_20_mb_beside_the_field(outsider) -> None:
    from plans.exchange.importer import MAX_BYTES

    big = SimpleUploadedFile("plan.json", b" " * (MAX_BYTES + 1), "application/json")
    before = Plan.objects.count()
    html = outsider.post("/plans/import/", {"file": big}).content.decode()
    assert "The file is 20.0 MB; plan files up to 20 MB are accepted." in html
    assert Plan.objects.count() == before
