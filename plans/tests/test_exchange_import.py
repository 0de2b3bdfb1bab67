"""Importing plan files: problems named by JSON path and sentence, nothing saved on any of
them, hostile text kept as text."""

from __future__ import annotations

import json
from typing import Any

import pytest

from plans.exchange.export import plan_export
from plans.exchange.importer import MAX_BYTES, PlanImportError, plan_import
from plans.models import Organisation, Plan


@pytest.fixture
def document(plan) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    from coalition.models import Person
    from strategy.models import LogicElement, Measure, Priority, StrategicAction

    lead = plan.lead_organisation
    priority = Priority.objects.create(plan=plan, title="Early learning", order=1)
    action = StrategicAction.objects.create(plan=plan, priority=priority, title="More seats",
                                            lead_organisation=lead)  # fmt: skip
    element = LogicElement.objects.create(action=action, kind="output", text="Seats added")
    Measure.objects.create(
        plan=plan, element=element, name="Seats", unit="count", direction="higher",
        frequency="yearly", baseline_source="metric", baseline_metric_slug="share_employed",
    )  # fmt: skip
    Person.objects.create(plan=plan, name="Ana Ruiz", email="ana@example.org", organisation=lead)
    return plan_export(plan=plan)


def refused(data: bytes | str, owner: Any, **kwargs: Any) -> list[str]:
    before = Plan.objects.count(), Organisation.objects.count()
    with pytest.raises(PlanImportError) as caught:
        plan_import(data=data, owner=owner, **kwargs)
    assert (Plan.objects.count(), Organisation.objects.count()) == before, "something was saved"
    return [str(p) for p in caught.value.problems]


def test_a_file_that_is_not_json_is_refused_with_where_it_breaks(people) -> None:
    problems = refused(b'{"format": "mobility-action-plan",\n "version": 1,,}', people["owner"])
    assert problems == ["$: The file is not valid JSON: Expecting property name enclosed in "
                        "double quotes at line 2, column 15."]  # fmt: skip


def test_a_file_that_is_not_utf8_or_too_large_is_refused(people) -> None:
    assert "not UTF-8" in refused(b"\xff\xfe{}", people["owner"])[0]
    assert "up to 20 MB" in refused(b" " * (MAX_BYTES + 1), people["owner"])[0]


def test_another_format_or_version_is_named_as_such(people, document) -> None:
    assert refused(json.dumps({"hello": 1}), people["owner"]) == [
        '$.format: This is not a Mobility Action Plan file ("format" must be '
        '"mobility-action-plan").'
    ]
    document["version"] = 2
    assert "version 2 of the format" in refused(json.dumps(document), people["owner"])[0]


def test_wrong_types_and_unknown_values_are_listed_by_json_path(people, document) -> None:
    document["plan"]["title"] = 42
    document["organisations"][0]["kind"] = "guild"
    document["strategy"]["actions"][0]["starts_on"] = "next spring"
    document["strategy"]["actions"][0]["colour"] = "blue"
    del document["strategy"]["priorities"][0]["title"]
    problems = refused(json.dumps(document), people["owner"], code="other")
    assert "$.plan.title: Expected text, found 42." in problems
    assert any(p.startswith("$.organisations[0].kind: \"guild\" is not one of the allowed")
               for p in problems)  # fmt: skip
    assert (
        '$.strategy.actions[0].starts_on: "next spring" does not have the expected form.'
        in problems
    )
    assert (
        "$.strategy.actions[0]: This has fields the format does not know: 'colour' was unexpected."
        in problems
    )
    assert '$.strategy.priorities[0]: The field "title" is missing.' in problems


def test_unknown_places_metrics_and_broken_references_are_named(people, document) -> None:
    document["plan"]["geography"] = "99999"
    document["strategy"]["measures"][0]["baseline_metric_slug"] = "share_unicorns"
    document["strategy"]["actions"][0]["priority"] = "priority-7"
    document["strategy"]["logic_elements"][0]["action"] = "action-2"
    document["strategy"]["measures"][0]["element"] = "logic-element-1"
    problems = refused(json.dumps(document), people["owner"], code="other")
    absent = "which is not in the document."
    assert problems == [
        '$.plan.geography: No county or city has the GEOID "99999" here.',
        f'$.strategy.actions[0].priority: This points to "priority-7", {absent}',
        f'$.strategy.logic_elements[0].action: This points to "action-2", {absent}',
        "$.strategy.measures[0].baseline_metric_slug: The Mobility Metrics have no metric "
        '"share_unicorns".',
    ]


def test_impossible_dates_duplicate_ids_and_names_are_refused(people, document) -> None:
    document["strategy"]["actions"][0]["ends_on"] = "2027-02-30"
    document["organisations"].append(dict(document["organisations"][0]))
    problems = refused(json.dumps(document), people["owner"], code="other")
    assert '$.strategy.actions[0].ends_on: "2027-02-30" is not a real date.' in problems
    assert '$.organisations[1].id: The id "organisation-1" names two records.' in problems
    assert "$.organisations[1]: Another record of this list has the same name." in problems


def test_a_taken_code_is_refused_unless_a_new_one_is_given_or_chosen(
    people, document, plan
) -> None:
    assert refused(json.dumps(document), people["owner"]) == [
        f'$.plan.code: A plan with the code "{plan.code}" exists already; import it under '
        "another code."
    ]
    assert "cannot be a plan code" in refused(json.dumps(document), people["owner"],
                                              code="Not A Slug")[0]  # fmt: skip
    copy = plan_import(data=json.dumps(document), owner=people["owner"], code_auto=True)
    assert copy.code == f"{plan.code}-2"


def test_script_tags_are_stored_as_text_and_shown_escaped(people, document, owner) -> None:
    attack = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    document["plan"]["title"] = attack
    document["organisations"][0]["name"] = attack
    copy = plan_import(data=json.dumps(document), owner=people["owner"], code="hostile")
    assert Plan.objects.get(code="hostile").title == attack
    html = owner.get(f"/plans/{copy.code}/").content.decode()
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html


def test_a_short_hand_written_file_makes_a_plan_with_only_what_it_says(people) -> None:
    text = json.dumps({
        "format": "mobility-action-plan", "version": 1,
        "plan": {"code": "rockford-start", "title": "Rockford, a start", "geography": "1765000"},
        "organisations": [{"id": "organisation-1", "name": "City of Rockford",
                           "kind": "government"}],
        "strategy": {"priorities": [{"id": "priority-1", "title": "Jobs close to home"}]},
    })  # fmt: skip
    plan = plan_import(data=text, owner=people["viewer"])
    assert (plan.title, plan.geography.geoid, plan.lead_organisation) == (
        "Rockford, a start", "1765000", None)  # fmt: skip
    assert [p.title for p in plan.priorities.all()] == ["Jobs close to home"]
    assert plan.memberships.get().user == people["viewer"]
    document = plan_export(plan=plan)
    assert document["organisations"][0]["website"] == ""
    assert document["readiness"] == {"assessments": [], "domains": [], "items": []}


def test_numbers_json_does_not_have_are_refused(people, document) -> None:
    text = json.dumps(document).replace('"title": "Early learning"', '"title": NaN', 1)
    assert refused(text, people["owner"], code="other") == [
        "$: The file holds the number NaN, which has no place in a plan file."
    ]
    text = json.dumps(document).replace('"order": 1', '"order": 1e999', 1)
    assert "1e999" in refused(text, people["owner"], code="other")[0]
    document["strategy"]["priorities"][0]["order"] = 40000
    assert refused(json.dumps(document), people["owner"], code="other") == [
        "$.strategy.priorities[0].order: 40000 must be at most 32767."
    ]


def test_a_record_that_breaks_a_rule_of_the_data_is_named_and_nothing_is_left_behind(
    people, document
) -> None:
    from django.contrib.auth import get_user_model

    document["members"] = [{"id": "member-1", "name": "Ana Ruiz", "plan_member": True}]
    document["engagement"]["feedback"] = [
        {"id": "feedback-1", "source": "activity", "activity": None, "text": "Buses stop at 6."}
    ]
    users = get_user_model().objects.count()
    problems = refused(json.dumps(document), people["owner"], code="other")
    assert problems == [
        "$.engagement.feedback[0]: This record breaks the rule that feedback from an activity "
        "names it."
    ]
    assert get_user_model().objects.count() == users
