"""A partner organisation's reporting key: the plan's owners make and revoke it; the
organisation's own system reports with it, through the JSON API, on the actions the
organisation owns and their measures, and on nothing else."""

from __future__ import annotations

import datetime as dt
import re
import uuid

import pytest
from django.test import Client

from accounts.services import api_token_create
from plans.models import Organisation, Plan
from results.models import MeasureValue
from strategy import services as strategy_services
from strategy.models import ActionStatus, Measure, StrategicAction
from tracking import services
from tracking.keys import partner_key_create
from tracking.models import PartnerKey, ProgressUpdate, ReviewState

UPDATE = {
    "written_on": "2026-04-30",
    "status": "at-risk",
    "percent_complete": 40,
    "narrative": "Twelve families moved in; the waiting list grew.",
}


@pytest.fixture
def riverbend(plan) -> Organisation:  # type: ignore[no-untyped-def]
    return Organisation.objects.create(plan=plan, name="Riverbend Housing", kind="nonprofit")


@pytest.fixture
def college(plan) -> Organisation:  # type: ignore[no-untyped-def]
    return Organisation.objects.create(plan=plan, name="Rock Valley College", kind="school")


def _owned_by(action: StrategicAction, organisation: Organisation) -> StrategicAction:
    return services.action_ownership_set(
        action=action,
        owner=None,
        owner_organisation=organisation,
        owner_contact="Data desk",
        backup=None,
    )


@pytest.fixture
def housing_action(action, riverbend) -> StrategicAction:  # type: ignore[no-untyped-def]
    """The conftest's action, owned by Riverbend Housing."""
    return _owned_by(action, riverbend)


@pytest.fixture
def college_action(other_action, college) -> StrategicAction:  # type: ignore[no-untyped-def]
    return _owned_by(other_action, college)


def _measure(plan: Plan, action: StrategicAction, name: str) -> Measure:
    outcome = strategy_services.element_add(action=action, kind="outcome-short", text=name)
    return strategy_services.measure_save(
        plan=plan,
        element=outcome,
        name=name,
        unit="count",
        direction="higher",
        frequency="quarterly",
    )


@pytest.fixture
def key(plan, riverbend, people) -> dict[str, str]:  # type: ignore[no-untyped-def]
    _, raw = partner_key_create(
        plan=plan, organisation=riverbend, name="Case records", created_by=people["owner"]
    )
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def person_bearer(user) -> dict[str, str]:  # type: ignore[no-untyped-def]
    _, raw = api_token_create(user=user, name="personal")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def api(plan: Plan, path: str) -> str:
    return f"/api/v1/plans/{plan.code}/{path}"


def post(path: str, body: object, headers: dict[str, str]):  # type: ignore[no-untyped-def]
    return Client().post(path, body, content_type="application/json", **headers)


# -- the page where owners make and revoke keys --------------------------------------------


def test_an_owner_makes_a_key_and_sees_it_only_once(plan, owner, riverbend):
    page = f"/plans/{plan.code}/tracking/keys/"
    assert "No organisation has a key yet" in owner.get(page).content.decode()
    response = owner.post(page, {"organisation": riverbend.pk, "name": "Case records"})
    html = response.content.decode()
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    record = PartnerKey.objects.get()
    raw = html.split('id="new-key" readonly value="')[1].split('"')[0]
    assert raw.startswith("upk_") and record.key_hash != raw and raw not in record.key_hash
    assert "shown only this once" in html
    again = owner.get(page).content.decode()
    assert raw not in again and record.prefix in again and "Riverbend Housing" in again
    assert "Last used: never" in again


def test_only_the_plans_owners_see_and_make_keys(
    plan, editor, contributor, viewer, outsider, riverbend
):
    page = f"/plans/{plan.code}/tracking/keys/"
    for client in (editor, contributor, viewer):
        assert client.get(page).status_code == 403
        assert client.post(page, {"organisation": riverbend.pk, "name": "x"}).status_code == 403
    assert outsider.get(page).status_code == 404
    assert Client().get(page).status_code == 302  # to the sign-in page
    assert not PartnerKey.objects.exists()


def test_a_key_for_another_plans_organisation_or_without_a_name_is_refused(plan, owner, people):
    from plans.models import Organisation as Org

    theirs = Org.objects.exclude(plan=plan).first()
    assert theirs is not None  # the Cook County plan's lead organisation
    page = f"/plans/{plan.code}/tracking/keys/"
    response = owner.post(page, {"organisation": theirs.pk, "name": "Sneaky"})
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    mine = Organisation.objects.filter(plan=plan).first()
    response = owner.post(page, {"organisation": mine.pk, "name": "   "})
    assert response.status_code == 400 and "This field is required" in response.content.decode()
    assert not PartnerKey.objects.exists()


def test_an_organisation_keeps_at_most_five_working_keys(plan, owner, riverbend, people):
    for n in range(5):
        partner_key_create(
            plan=plan, organisation=riverbend, name=f"k{n}", created_by=people["owner"]
        )
    page = f"/plans/{plan.code}/tracking/keys/"
    response = owner.post(page, {"organisation": riverbend.pk, "name": "sixth"})
    assert response.status_code == 400 and "revoke one" in response.content.decode()
    assert PartnerKey.objects.count() == 5


def test_a_revoked_key_stops_working_and_the_page_says_who_revoked_it(
    plan, owner, key, housing_action
):
    assert Client().get(api(plan, "tracking/actions"), **key).status_code == 200
    record = PartnerKey.objects.get()
    assert record.last_used_at is not None
    response = owner.post(f"/plans/{plan.code}/tracking/keys/{record.uuid}/revoke/")
    assert response.status_code == 302
    assert Client().get(api(plan, "tracking/actions"), **key).status_code == 401
    html = owner.get(f"/plans/{plan.code}/tracking/keys/").content.decode()
    assert "Revoked" in html and "by owner" in html


def test_only_owners_revoke_a_key(plan, editor, contributor, key):
    record = PartnerKey.objects.get()
    for client in (editor, contributor):
        assert (
            client.post(f"/plans/{plan.code}/tracking/keys/{record.uuid}/revoke/").status_code
            == 403
        )
    record.refresh_from_db()
    assert record.revoked_at is None


# -- what a key may do through the API -----------------------------------------------------


def test_a_key_posts_an_update_on_its_organisations_action_and_it_shows_as_from_its_system(
    plan, key, housing_action, owner
):
    response = post(api(plan, f"tracking/actions/{housing_action.uuid}/updates"), UPDATE, key)
    assert response.status_code == 201
    assert response.json()["author"] == "Riverbend Housing (reporting system)"
    housing_action.refresh_from_db()
    assert housing_action.status == ActionStatus.AT_RISK
    update = ProgressUpdate.objects.get()
    assert update.author is None and update.author_organisation.name == "Riverbend Housing"
    page = owner.get(f"/plans/{plan.code}/tracking/actions/{housing_action.uuid}/")
    assert "Riverbend Housing (reporting system)" in page.content.decode()


def test_a_key_sees_and_reports_only_on_its_organisations_actions(
    plan, key, housing_action, college_action, people
):
    board = Client().get(api(plan, "tracking/actions"), **key).json()
    assert [row["title"] for row in board] == [housing_action.title]
    for action in (college_action, housing_action):
        services.progress_update_post(
            action=action, author=people["editor"], **{**UPDATE, "written_on": dt.date(2026, 4, 30)}
        )
    seen = Client().get(api(plan, "tracking/updates"), **key).json()
    assert [u["action_title"] for u in seen] == [housing_action.title]
    other = api(plan, f"tracking/actions/{college_action.uuid}/updates")
    refused = post(other, UPDATE, key)
    assert refused.status_code == 403 and "Riverbend Housing owns" in refused.json()["detail"]
    assert Client().get(other, **key).status_code == 403
    milestone = {"title": "Open day", "due_on": "2026-09-01"}
    path = api(plan, f"tracking/actions/{college_action.uuid}/milestones")
    assert post(path, milestone, key).status_code == 403
    own = api(plan, f"tracking/actions/{housing_action.uuid}/milestones")
    assert post(own, milestone, key).status_code == 201
    assert not ProgressUpdate.objects.filter(author_organisation__isnull=False).exists()


def test_a_key_works_only_on_its_own_plan_and_only_on_the_reporting_endpoints(
    plan, key, housing_action, people
):
    other_plan = Plan.objects.exclude(pk=plan.pk).get()
    assert (
        Client().get(f"/api/v1/plans/{other_plan.code}/tracking/actions", **key).status_code == 404
    )
    # Everything else of the plan answers as if no key were sent.
    assert Client().get(f"/api/v1/plans/{plan.code}", **key).status_code == 401
    assert Client().get(api(plan, "strategy/actions"), **key).status_code == 401
    # An editor's work stays an editor's.
    services.tracking_settings_set(plan=plan, review_contributor_updates=True)
    editor = person_bearer(people["editor"])
    pending = post(api(plan, f"tracking/actions/{housing_action.uuid}/updates"), UPDATE, key).json()
    approve = api(plan, f"tracking/updates/{pending['uuid']}/approve")
    assert post(approve, {}, key).status_code == 403
    assert post(approve, {}, editor).status_code == 200


def test_when_the_plan_reviews_updates_a_keys_update_waits_for_an_editor(
    plan, key, housing_action, people
):
    services.tracking_settings_set(plan=plan, review_contributor_updates=True)
    path = api(plan, f"tracking/actions/{housing_action.uuid}/updates")
    sent = post(path, UPDATE, key).json()
    assert sent["review_state"] == "pending"
    housing_action.refresh_from_db()
    assert housing_action.status == ActionStatus.NOT_STARTED
    assert [u["uuid"] for u in Client().get(path, **key).json()] == [sent["uuid"]]
    assert Client().get(path, **person_bearer(people["viewer"])).json() == []
    assert ProgressUpdate.objects.get().review_state == ReviewState.PENDING


def test_a_batch_from_a_key_is_all_or_nothing(plan, key, housing_action, college_action):
    item = {k: v for k, v in UPDATE.items()}
    body = {
        "updates": [
            {**item, "action": str(housing_action.uuid)},
            {**item, "action": college_action.title},
        ]
    }
    refused = post(api(plan, "tracking/updates"), body, key)
    assert refused.status_code == 422
    assert (
        "updates[1].action: This key posts only on the actions Riverbend Housing owns"
        in (refused.json()["detail"])
    )
    assert not ProgressUpdate.objects.exists()
    body["updates"] = body["updates"][:1]
    assert post(api(plan, "tracking/updates"), body, key).json() == {"loaded": 1, "pending": 0}
    assert ProgressUpdate.objects.get().author_organisation.name == "Riverbend Housing"


def test_a_key_enters_values_and_the_story_of_its_measures_only(
    plan, key, housing_action, college_action, owner
):
    ours = _measure(plan, housing_action, "Families housed")
    theirs = _measure(plan, college_action, "Credentials earned")
    listed = Client().get(api(plan, "results/measures"), **key).json()
    assert [m["name"] for m in listed] == ["Families housed"]
    value = {"measure": str(ours.uuid), "period": "2026-Q1", "value": 12}
    made = post(api(plan, "results/values"), [value], key)
    assert made.status_code == 201
    stored = MeasureValue.objects.get()
    assert stored.entered_by is None and stored.entered_by_organisation.name == "Riverbend Housing"
    page = owner.get(f"/plans/{plan.code}/results/measures/{ours.uuid}/").content.decode()
    assert "Riverbend Housing (reporting system)" in page
    # Another organisation's measure: refused, and nothing of the batch is kept.
    both = [
        {**value, "period": "2026-Q2"},
        {"measure": str(theirs.uuid), "period": "2026-Q2", "value": 3},
    ]
    refused = post(api(plan, "results/values"), both, key)
    assert refused.status_code == 403 and "Credentials earned" in refused.json()["detail"]
    assert MeasureValue.objects.count() == 1
    assert Client().get(api(plan, f"results/measures/{theirs.uuid}"), **key).status_code == 403
    # Removing a value is an editor's work.
    remove = api(plan, f"results/measures/{ours.uuid}/values/{stored.uuid}?version=1")
    assert Client().delete(remove, **key).status_code == 403
    story = Client().put(
        api(plan, f"results/measures/{ours.uuid}/story"),
        {"version": 0, "story": "More units opened in spring."},
        content_type="application/json",
        **key,
    )
    assert story.status_code == 200 and story.json()["version"] == 1


def test_every_endpoint_outside_follow_through_refuses_a_key_as_if_none_were_sent(plan, key):
    spec = Client().get("/api/v1/openapi.json").json()
    checked = 0
    for path, operations in spec["paths"].items():
        if not path.startswith("/api/v1/plan") or re.search(r"/(tracking|results)/", path):
            continue
        address = re.sub(r"\{[a-z_]+\}", str(uuid.uuid4()), path.replace("{code}", plan.code))
        for method in operations:
            response = getattr(Client(), method)(address, content_type="application/json", **key)
            assert response.status_code == 401, (method, path, response.status_code)
            checked += 1
    assert checked > 100


def test_a_keys_name_with_markup_shows_as_text(plan, owner, riverbend):
    page = f"/plans/{plan.code}/tracking/keys/"
    html = owner.post(page, {"organisation": riverbend.pk, "name": "<b>Sync</b>"}).content.decode()
    assert "Key “&lt;b&gt;Sync&lt;/b&gt;” for Riverbend Housing is made" in html
    assert "<b>Sync</b>" not in html
    assert "&lt;b&gt;Sync&lt;/b&gt;" in owner.get(page).content.decode()
