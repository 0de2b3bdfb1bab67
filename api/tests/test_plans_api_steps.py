"""The step endpoints (3-9) with a real token per persona: who may read and write what,
bad input answered 422 with the form's messages and nothing saved, markup kept as typed."""

from __future__ import annotations

import pytest

from coalition.models import Person
from engagement.models import Activity, FeedbackItem
from localdata.models import DataSource, IndicatorValue
from plans.models import Membership
from readiness.models import Assessment, Item
from strategy.models import Measure, MeasureTarget, StrategicAction

pytestmark = pytest.mark.django_db
P = "plans/winnebago-mobility-action-plan"

READS = [
    "readiness/assessments", "coalition/people", "coalition/organisations",
    "coalition/working-groups", "coalition/join-requests", "coalition/launch",
    "coalition/composition", "localdata/sources", "localdata/indicators",
    "engagement/activities", "engagement/feedback", "engagement/themes", "engagement/findings",
    "strategy/vision", "strategy/priorities", "strategy/actions", "strategy/criteria",
    "strategy/scores", "strategy/measures", "strategy/reporting", "strategy/evaluation",
    "strategy/sustainability", "release", "steps", "members", "invitations", "insights",
]  # fmt: skip
WRITES = [
    ("post", "readiness/assessments", {"assessed_on": "2026-03-01"}),
    ("post", "coalition/people", {"name": "Ana"}),
    ("post", "coalition/organisations", {"name": "Rock River Homes", "kind": "nonprofit"}),
    ("put", "coalition/launch", {"date": "2026-05-02"}),
    ("post", "localdata/sources", {"name": "Evictions", "type": "survey", "access": "open"}),
    ("post", "engagement/themes", {"name": "Housing"}),
    ("post", "strategy/priorities", {"title": "Homes"}),
    ("post", "strategy/vision", {"text": "All thrive", "written_on": "2026-04-01"}),
    ("post", "strategy/criteria", {"name": "Reach", "weight": "2"}),
    ("post", "strategy/evaluation", {"question": "Q", "method": "M", "who": "W", "timing": "T"}),
]  # fmt: skip


def member(plan, user):  # type: ignore[no-untyped-def]
    return str(Membership.objects.get(plan=plan, user=user).uuid)


@pytest.mark.parametrize("path", READS)
def test_every_part_is_read_by_members_hidden_from_outsiders_and_closed_without_a_token(
    api_as, path
):
    assert api_as["viewer"].get(f"{P}/{path}").status_code == 200
    assert api_as["outsider"].get(f"{P}/{path}").status_code == 404
    assert api_as["nobody"].get(f"{P}/{path}").status_code == 401


@pytest.mark.parametrize(("method", "path", "body"), WRITES)
def test_a_viewer_may_not_write_and_an_editor_may(api_as, method, path, body):
    assert getattr(api_as["viewer"], method)(f"{P}/{path}", body).status_code == 403
    assert getattr(api_as["outsider"], method)(f"{P}/{path}", body).status_code == 404
    response = getattr(api_as["editor"], method)(f"{P}/{path}", body)
    assert response.status_code in (200, 201), response.content


# -- Step 3 ---------------------------------------------------------------------------------


def test_readiness_items_are_rated_and_a_bad_rating_saves_nothing(api_as, plan):
    made = api_as["editor"].post(f"{P}/readiness/assessments", {"assessed_on": "2026-03-01"})
    assert made.status_code == 201
    item = made.json()["domains"][0]["items"][0]["uuid"]
    ok = api_as["editor"].patch(
        f"{P}/readiness/items/{item}", {"rating": "partly", "evidence": "<p>Budget</p>"}
    )
    assert ok.status_code == 200, ok.content
    assert (ok.json()["rating"], ok.json()["evidence"]) == ("partly", "<p>Budget</p>")
    bad = api_as["editor"].patch(
        f"{P}/readiness/items/{item}", {"rating": "great", "evidence": "changed"}
    )
    assert bad.status_code == 422
    assert bad.json()["detail"].startswith("rating: Select a valid choice")
    assert Item.objects.get(uuid=item).evidence == "<p>Budget</p>"
    assert (
        api_as["contributor"].patch(f"{P}/readiness/items/{item}", {"rating": "fully"}).status_code
        == 403
    )


def test_a_gap_action_is_updated_by_its_owner_only(api_as, plan, people):
    made = api_as["editor"].post(f"{P}/readiness/assessments", {"assessed_on": "2026-03-01"})
    items = made.json()["domains"][0]["items"]
    mine, other = items[0]["uuid"], items[1]["uuid"]
    owner = member(plan, people["contributor"])
    api_as["editor"].patch(
        f"{P}/readiness/items/{mine}", {"gap_action": "Hire", "gap_owner": owner}
    )
    api_as["editor"].patch(f"{P}/readiness/items/{other}", {"gap_action": "Fund"})
    done = api_as["contributor"].patch(f"{P}/readiness/items/{mine}/gap", {"status": "done"})
    assert done.status_code == 200 and done.json()["gap_status"] == "done"
    assert (
        api_as["contributor"]
        .patch(f"{P}/readiness/items/{other}/gap", {"status": "done"})
        .status_code
        == 403
    )
    assert (
        api_as["viewer"].patch(f"{P}/readiness/items/{mine}/gap", {"status": "open"}).status_code
        == 403
    )


def test_a_gap_owner_without_an_action_is_refused_with_the_pages_message(api_as, plan, people):
    made = api_as["editor"].post(f"{P}/readiness/assessments", {"assessed_on": "2026-03-01"})
    item = made.json()["domains"][0]["items"][0]["uuid"]
    owner = member(plan, people["contributor"])
    bad = api_as["editor"].patch(f"{P}/readiness/items/{item}", {"gap_owner": owner})
    assert bad.status_code == 422
    assert "gap_action: Describe the action before giving it an owner" in bad.json()["detail"]


def test_a_decision_needs_its_reasons(api_as):
    made = api_as["editor"].post(f"{P}/readiness/assessments", {"assessed_on": "2026-03-01"})
    uuid = made.json()["uuid"]
    bad = api_as["editor"].put(
        f"{P}/readiness/assessments/{uuid}/decision",
        {"decision": "proceed", "rationale": "", "decided_on": "2026-03-02"},
    )
    assert bad.status_code == 422 and bad.json()["detail"].startswith("rationale:")
    assert Assessment.objects.get(uuid=uuid).decision == ""
    ok = api_as["editor"].put(
        f"{P}/readiness/assessments/{uuid}/decision",
        {"decision": "proceed", "rationale": "Ready", "decided_on": "2026-03-02"},
    )
    assert ok.json()["decision"] == "proceed"


# -- Step 4 ---------------------------------------------------------------------------------


def test_a_contributor_changes_only_their_own_roster_record(api_as, plan, people):
    own = api_as["editor"].post(
        f"{P}/coalition/people",
        {"name": "Cory", "user": "contributor", "organisation": "Region 1 Planning Council",
         "roles": ["champion"]},
    )  # fmt: skip
    assert own.status_code == 201, own.content
    assert own.json()["organisation"] == "Region 1 Planning Council"
    other = api_as["editor"].post(f"{P}/coalition/people", {"name": "Dana"}).json()["uuid"]
    mine = own.json()["uuid"]
    ok = api_as["contributor"].patch(f"{P}/coalition/people/{mine}", {"title": "<b>Organizer</b>"})
    assert ok.status_code == 200 and ok.json()["title"] == "<b>Organizer</b>"
    assert (
        api_as["contributor"].patch(f"{P}/coalition/people/{mine}", {"roles": []}).status_code
        == 403
    )
    assert (
        api_as["contributor"].patch(f"{P}/coalition/people/{other}", {"title": "x"}).status_code
        == 403
    )
    assert Person.objects.get(uuid=mine).roles == ["champion"]


def test_a_person_with_a_bad_email_or_an_unknown_organisation_is_not_added(api_as, plan):
    bad = api_as["editor"].post(
        f"{P}/coalition/people", {"name": "Eve", "email": "nope", "organisation": "Nobody Inc"}
    )
    assert bad.status_code == 422
    detail = bad.json()["detail"]
    assert "email: Enter a valid email address" in detail
    assert "organisation: Select a valid choice" in detail
    assert not Person.objects.filter(plan=plan).exists()


def test_working_groups_and_requests_name_people_by_uuid(api_as):
    ana = api_as["editor"].post(f"{P}/coalition/people", {"name": "Ana"}).json()["uuid"]
    group = api_as["editor"].post(
        f"{P}/coalition/working-groups", {"name": "Housing", "chair": ana, "members": []}
    )
    assert group.status_code == 201, group.content
    assert group.json()["members"] == [ana]
    asked = api_as["editor"].post(
        f"{P}/coalition/join-requests", {"person": ana, "asked_on": "2026-02-01"}
    )
    assert asked.status_code == 201
    answered = api_as["editor"].patch(
        f"{P}/coalition/join-requests/{asked.json()['uuid']}", {"answer": "yes"}
    )
    assert answered.json()["answer"] == "yes"
    nobody = api_as["editor"].post(f"{P}/coalition/join-requests", {"asked_on": "2026-02-01"})
    assert nobody.status_code == 422 and nobody.json()["detail"].startswith("person:")


# -- Step 5 ---------------------------------------------------------------------------------


def test_sources_and_indicators_and_values_checked_as_the_csv_upload(api_as, plan):
    source = api_as["editor"].post(
        f"{P}/localdata/sources",
        {"name": "Court filings", "type": "administrative", "access": "request",
         "owner_organisation": "Region 1 Planning Council", "groups": ["age", "race"],
         "year_from": 2015, "year_to": 2023},
    )  # fmt: skip
    assert source.status_code == 201, source.content
    assert source.json()["groups"] == ["age", "race"]
    bad = api_as["editor"].patch(
        f"{P}/localdata/sources/{source.json()['uuid']}", {"year_from": 2024, "name": "Other"}
    )
    assert bad.status_code == 422 and "year_to: The last year comes before" in bad.json()["detail"]
    assert DataSource.objects.get(plan=plan).name == "Court filings"
    indicator = api_as["editor"].post(
        f"{P}/localdata/indicators",
        {"name": "Evictions", "source": source.json()["uuid"], "unit": "count",
         "direction": "lower"},
    )  # fmt: skip
    assert indicator.status_code == 201, indicator.content
    path = f"{P}/localdata/indicators/{indicator.json()['uuid']}/values"
    loaded = api_as["editor"].put(path, [{"year": 2021, "value": 120}, {"year": 2022, "value": 98}])
    assert loaded.json() == {"loaded": 2, "replaced": 0}
    broken = api_as["editor"].put(path, [{"year": 2023, "value": 90}, {"year": 1492, "value": 1}])
    assert broken.status_code == 422 and "item 2" in broken.json()["detail"]
    assert IndicatorValue.objects.count() == 2
    one = api_as["editor"].post(path, {"year": 2023, "value": 90})
    assert [v["year"] for v in one.json()["values"]] == [2021, 2022, 2023]


# -- Step 6 ---------------------------------------------------------------------------------


def test_a_facilitating_contributor_adds_feedback_to_their_activity_only(api_as, plan, people):
    body = {"title": "Listening session", "method": "listening-session", "spectrum": "consult",
            "date": "2026-03-14", "mode": "online", "languages": ["English", "Spanish"],
            "makeup": {"Renters": 12}}  # fmt: skip
    from engagement.models import Method, Spectrum

    body["method"], body["spectrum"] = Method.values[0], Spectrum.values[0]
    theirs = api_as["editor"].post(
        f"{P}/engagement/activities", body | {"facilitator": member(plan, people["contributor"])}
    )
    assert theirs.status_code == 201, theirs.content
    assert theirs.json()["makeup"] == {"Renters": 12}
    other = api_as["editor"].post(f"{P}/engagement/activities", body | {"title": "Other"})
    feedback = {"text": "<script>Buses</script> stop early"}
    ok = api_as["contributor"].post(
        f"{P}/engagement/activities/{theirs.json()['uuid']}/feedback", feedback
    )
    assert ok.status_code == 201 and ok.json()["text"] == feedback["text"]
    no = api_as["contributor"].post(
        f"{P}/engagement/activities/{other.json()['uuid']}/feedback", feedback
    )
    assert no.status_code == 403
    assert FeedbackItem.objects.count() == 1


def test_an_activity_in_person_needs_a_place(api_as):
    from engagement.models import Method, Spectrum

    bad = api_as["editor"].post(
        f"{P}/engagement/activities",
        {"title": "Fair", "method": Method.values[0], "spectrum": Spectrum.values[0],
         "date": "2026-03-14", "mode": "in-person"},
    )  # fmt: skip
    assert bad.status_code == 422 and bad.json()["detail"].startswith("place:")
    assert not Activity.objects.exists()


def test_a_finding_cites_themes_and_metrics(api_as):
    theme = api_as["editor"].post(f"{P}/engagement/themes", {"name": "Transit"}).json()["uuid"]
    made = api_as["editor"].post(
        f"{P}/engagement/findings",
        {"statement": "Long commutes", "themes": [theme], "metrics": ["pctl_income_50"]},
    )
    assert made.status_code == 201, made.content
    assert made.json()["themes"] == [theme]
    bad = api_as["editor"].post(f"{P}/engagement/findings", {"statement": "x", "metrics": ["nope"]})
    assert bad.status_code == 422 and bad.json()["detail"].startswith("metrics:")


# -- Steps 7 and 8 ----------------------------------------------------------------------------


@pytest.fixture
def actions(api_as, plan, people):  # type: ignore[no-untyped-def]
    """A priority with two actions: one owned by the contributor, one by the editor."""
    priority = api_as["editor"].post(f"{P}/strategy/priorities", {"title": "Homes"}).json()["uuid"]
    made = {}
    for name in ("contributor", "editor"):
        response = api_as["editor"].post(
            f"{P}/strategy/actions",
            {"title": f"{name}'s action", "priority": priority,
             "owner": member(plan, people[name]), "predictors": ["financial-security"],
             "partners": ["Region 1 Planning Council"]},
        )  # fmt: skip
        assert response.status_code == 201, response.content
        made[name] = response.json()["uuid"]
    return made


def test_a_contributor_changes_the_action_they_own_and_no_other(api_as, actions):
    mine, other = actions["contributor"], actions["editor"]
    ok = api_as["contributor"].patch(
        f"{P}/strategy/actions/{mine}", {"description": "<em>Now</em>"}
    )
    assert ok.status_code == 200, ok.content
    assert ok.json()["description"] == "<em>Now</em>"
    assert ok.json()["partners"] == ["Region 1 Planning Council"]
    assert (
        api_as["contributor"]
        .patch(f"{P}/strategy/actions/{other}", {"description": "x"})
        .status_code
        == 403
    )
    assert (
        api_as["contributor"].patch(f"{P}/strategy/actions/{mine}", {"owner": None}).status_code
        == 403
    )
    assert (
        api_as["viewer"].patch(f"{P}/strategy/actions/{mine}", {"description": "x"}).status_code
        == 403
    )
    assert api_as["contributor"].post(f"{P}/strategy/actions", {"title": "x"}).status_code == 403
    assert StrategicAction.objects.get(uuid=other).description == ""


def test_an_action_ending_before_it_starts_is_refused_and_unchanged(api_as, actions):
    bad = api_as["editor"].patch(
        f"{P}/strategy/actions/{actions['editor']}",
        {"starts_on": "2027-01-01", "ends_on": "2026-01-01", "title": "Changed"},
    )
    assert bad.status_code == 422
    assert bad.json()["detail"] == "ends_on: The end date comes before the start date."
    assert StrategicAction.objects.get(uuid=actions["editor"]).title == "editor's action"


def test_a_contributor_builds_the_logic_model_and_measures_of_their_action(
    api_as, actions, plan, people
):
    mine, other = actions["contributor"], actions["editor"]
    element = api_as["contributor"].post(
        f"{P}/strategy/actions/{mine}/elements", {"kind": "output", "text": "Homes built"}
    )
    assert element.status_code == 201
    assert (
        api_as["contributor"]
        .post(f"{P}/strategy/actions/{other}/elements", {"kind": "output", "text": "x"})
        .status_code
        == 403
    )
    measure = api_as["contributor"].post(
        f"{P}/strategy/measures",
        {"element": element.json()["uuid"], "name": "Homes", "unit": "count",
         "direction": "higher", "frequency": "yearly", "breakdowns": ["ward"]},
    )  # fmt: skip
    assert measure.status_code == 201, measure.content
    assert measure.json()["owner"] == member(plan, people["contributor"])
    uuid = measure.json()["uuid"]
    gap = api_as["contributor"].post(
        f"{P}/strategy/measures/{uuid}/targets",
        {"kind": "gap", "target_date": "2030-01-01", "value": 0, "group_a": "Black"},
    )
    assert gap.status_code == 422 and gap.json()["detail"].startswith("group_b:")
    assert not MeasureTarget.objects.exists()
    target = api_as["contributor"].post(
        f"{P}/strategy/measures/{uuid}/targets", {"target_date": "2030-01-01", "value": 500}
    )
    assert target.status_code == 201
    hand = api_as["contributor"].patch(
        f"{P}/strategy/measures/{uuid}", {"baseline_value": 120, "baseline_year": 2024}
    )
    assert hand.json()["baseline_source"] == "entered"
    half = api_as["contributor"].patch(f"{P}/strategy/measures/{uuid}", {"baseline_value": 3})
    assert half.status_code == 422 and half.json()["detail"].startswith("baseline_year:")
    assert Measure.objects.get(uuid=uuid).baseline_value == 120
    assert api_as["viewer"].patch(f"{P}/strategy/measures/{uuid}", {"name": "x"}).status_code == 403


def test_the_matrix_is_scored_and_a_score_out_of_range_saves_nothing(api_as, actions):
    crit = api_as["editor"].post(f"{P}/strategy/criteria", {"name": "Reach", "weight": "2"}).json()
    cell = {"action": actions["editor"], "criterion": crit["uuid"], "score": 4}
    assert api_as["editor"].put(f"{P}/strategy/scores", [cell]).json() == [cell]
    bad = api_as["editor"].put(f"{P}/strategy/scores", [cell | {"score": 9}])
    assert bad.status_code == 422
    assert api_as["viewer"].get(f"{P}/strategy/scores").json() == [cell]


def test_the_sustainability_worksheet_names_owners_by_membership(api_as, plan, people):
    owner = member(plan, people["editor"])
    saved = api_as["editor"].put(
        f"{P}/strategy/sustainability", [{"area": "funding", "text": "Grants", "owners": [owner]}]
    )
    assert saved.status_code == 200, saved.content
    funding = next(r for r in saved.json() if r["area"] == "funding")
    assert funding == {"area": "funding", "text": "Grants", "owners": [owner]}
    bad = api_as["editor"].put(f"{P}/strategy/sustainability", [{"area": "luck", "text": "x"}])
    assert bad.status_code == 422


# -- Step 9 and the description -----------------------------------------------------------------


def test_the_release_checklist_is_read_only_and_private(api_as):
    body = api_as["viewer"].get(f"{P}/release").json()
    assert body["published"] is False
    assert body["checklist"] and not any(row["checked"] for row in body["checklist"])


def test_every_plan_endpoint_is_in_the_openapi_description_with_a_summary_and_a_token(api_as):
    from django.test import Client

    spec = Client().get("/api/v1/openapi.json").json()
    plan_paths = {p: ops for p, ops in spec["paths"].items() if p.startswith("/api/v1/plans")}
    assert len(plan_paths) > 50
    for path, operations in plan_paths.items():
        for method, operation in operations.items():
            assert operation.get("summary"), f"{method} {path} has no summary"
            assert operation.get("security"), f"{method} {path} is open without a token"
    for part in ("readiness/items/{uuid}/gap", "coalition/people/{uuid}",
                 "localdata/indicators/{uuid}/values", "engagement/findings/{uuid}",
                 "strategy/measures/{uuid}/targets", "release"):  # fmt: skip
        assert f"/api/v1/plans/{{code}}/{part}" in plan_paths


def test_derived_views_read_what_was_recorded(api_as, actions):
    element = (
        api_as["editor"]
        .post(
            f"{P}/strategy/actions/{actions['editor']}/elements",
            {"kind": "outcome-short", "text": "Fewer evictions"},
        )
        .json()["uuid"]
    )
    coverage = api_as["viewer"].get(f"{P}/strategy/coverage").json()
    assert [u["element"] for u in coverage["uncovered"]] == [element]
    crit = api_as["editor"].post(f"{P}/strategy/criteria", {"name": "Reach", "weight": "1"}).json()
    cells = [
        {"action": actions["editor"], "criterion": crit["uuid"], "score": 5},
        {"action": actions["contributor"], "criterion": crit["uuid"], "score": 2},
    ]
    api_as["editor"].put(f"{P}/strategy/scores", cells)
    ranking = api_as["viewer"].get(f"{P}/strategy/ranking").json()
    assert [r["action"] for r in ranking] == [actions["editor"], actions["contributor"]]
    api_as["editor"].post(
        f"{P}/coalition/organisations", {"name": "Rock Valley College", "kind": "school"}
    )
    sectors = api_as["viewer"].get(f"{P}/coalition/representativeness").json()["sectors"]
    assert "Education" in sectors["covered"]


def test_review_comments_come_from_members_who_contribute(api_as, actions):
    path = f"{P}/strategy/actions/{actions['editor']}/comments"
    assert api_as["viewer"].post(path, {"text": "Why?"}).status_code == 403
    made = api_as["contributor"].post(path, {"text": "<u>Cost?</u>"})
    assert made.status_code == 201 and made.json()["text"] == "<u>Cost?</u>"
    comment = made.json()["uuid"]
    other = api_as["editor"].post(path, {"text": "Timing?"}).json()["uuid"]
    assert api_as["contributor"].patch(f"{P}/strategy/comments/{comment}", {}).json()["resolved"]
    assert api_as["contributor"].patch(f"{P}/strategy/comments/{other}", {}).status_code == 403
    approval = f"{P}/strategy/actions/{actions['editor']}/approvals"
    assert api_as["contributor"].post(approval, {"decision": "approve"}).status_code == 403
    assert api_as["editor"].post(approval, {"decision": "maybe"}).status_code == 422
    assert api_as["editor"].post(approval, {"decision": "approve"}).status_code == 201


def test_records_of_another_plan_are_not_found_or_not_choosable(api_as, actions):
    theirs = api_as["outsider"].post(
        "plans/cook-county-mobility-plan/strategy/priorities", {"title": "Theirs"}
    )
    assert theirs.status_code == 201
    foreign = theirs.json()["uuid"]
    assert api_as["editor"].get(f"{P}/strategy/priorities/{foreign}").status_code == 404
    assert api_as["editor"].get(f"{P}/strategy/priorities/not-a-uuid").status_code == 404
    moved = api_as["editor"].patch(
        f"{P}/strategy/actions/{actions['editor']}", {"priority": foreign}
    )
    assert moved.status_code == 422 and moved.json()["detail"].startswith("priority:")


def test_two_assessments_are_compared_item_by_item(api_as):
    first = api_as["editor"].post(f"{P}/readiness/assessments", {"assessed_on": "2026-01-10"})
    item = first.json()["domains"][0]["items"][0]["uuid"]
    api_as["editor"].patch(f"{P}/readiness/items/{item}", {"rating": "emerging"})
    second = api_as["editor"].post(f"{P}/readiness/assessments", {"assessed_on": "2026-06-10"})
    again = second.json()["domains"][0]["items"][0]["uuid"]
    api_as["editor"].patch(f"{P}/readiness/items/{again}", {"rating": "fully"})
    before, after = first.json()["uuid"], second.json()["uuid"]
    body = api_as["viewer"].get(f"{P}/readiness/compare?before={before}&after={after}").json()
    assert [m["direction"] for m in body["moves"]] == ["up"]


def test_an_editors_new_measure_is_theirs_unless_they_name_its_owner(api_as, actions, plan, people):
    element = (
        api_as["editor"]
        .post(
            f"{P}/strategy/actions/{actions['editor']}/elements",
            {"kind": "output", "text": "Loans"},
        )
        .json()["uuid"]
    )
    body = {"element": element, "name": "Loans made", "unit": "count", "direction": "higher",
            "frequency": "quarterly"}  # fmt: skip
    mine = api_as["editor"].post(f"{P}/strategy/measures", body).json()
    assert mine["owner"] == member(plan, people["editor"])
    named = (
        api_as["editor"]
        .post(f"{P}/strategy/measures", body | {"owner": member(plan, people["contributor"])})
        .json()
    )
    assert named["owner"] == member(plan, people["contributor"])
