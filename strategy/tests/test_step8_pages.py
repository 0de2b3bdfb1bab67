from __future__ import annotations

import datetime

import pytest

from plans.models import Membership, Plan
from plans.steps import plan_steps
from reports.blocks import BulletList, Heading, Table
from strategy import services
from strategy.document import measurement_section
from strategy.models import (
    EvaluationQuestion,
    LogicElement,
    Measure,
    MeasureTarget,
    ReportingItem,
    StrategicAction,
    SustainabilityItem,
)
from strategy.selectors import baseline_options

pytestmark = pytest.mark.django_db


def url(plan: Plan, page: str = "") -> str:
    return f"/plans/{plan.code}/strategy/measurement/{page}"


@pytest.fixture
def outcome(action: StrategicAction) -> LogicElement:
    return services.element_add(action=action, kind="outcome-short", text="More residents hired")


@pytest.fixture
def other_outcome(other_action: StrategicAction) -> LogicElement:
    return services.element_add(action=other_action, kind="output", text="Fair held")


def measure_data(element: LogicElement, **extra: object) -> dict[str, object]:
    data: dict[str, object] = {
        "element": str(element.uuid),
        "name": "Employment rate",
        "definition": "Ages 25-54",
        "unit": "share",
        "direction": "higher",
        "frequency": "release",
        "data_source": "Census",
        "breakdowns": "race and ethnicity, age",
    }
    data.update(extra)
    return data


def make_measure(plan: Plan, element: LogicElement, owner: Membership | None = None) -> Measure:
    return services.measure_save(
        plan=plan,
        element=element,
        name="Hires",
        unit="count",
        direction="higher",
        frequency="quarterly",
        owner=owner,
        baseline_source="entered",
        baseline_value=10,
        baseline_year=2024,
    )


# -- measures ------------------------------------------------------------------------------


def test_a_baseline_is_picked_from_the_places_mobility_metrics_subgroups_included(
    editor, plan, outcome
) -> None:
    options = baseline_options(plan=plan)
    employed = [o for o in options if o.metric_slug == "share_employed"]
    assert any(o.subgroup_type == "all" for o in employed)
    picked = next(o for o in options if o.subgroup_type not in ("all", ""))
    response = editor.post(
        url(plan, "measures/new/"), measure_data(outcome, baseline_pick=picked.key)
    )
    measure = Measure.objects.get()
    assert response.status_code == 302 and str(measure.uuid) in response["Location"]
    assert (measure.baseline_metric_slug, measure.baseline_subgroup_type) == (
        picked.metric_slug,
        picked.subgroup_type,
    )
    assert measure.baseline_subgroup_name == picked.subgroup_name
    assert measure.baseline_value == picked.value and measure.baseline_year == picked.year
    assert measure.breakdowns == ["race and ethnicity", "age"]
    page = editor.get(url(plan, f"measures/{measure.uuid}/")).content.decode()
    assert "Mobility Metrics" in page and "Urban Institute" in page


def test_a_baseline_entered_by_hand_needs_its_year(editor, plan, outcome) -> None:
    response = editor.post(url(plan, "measures/new/"), measure_data(outcome, baseline_value="0.7"))
    assert response.status_code == 400
    assert "needs both its value and its year" in response.content.decode()
    assert not Measure.objects.exists()
    editor.post(
        url(plan, "measures/new/"),
        measure_data(outcome, baseline_value="0.7", baseline_year="2024"),
    )
    assert Measure.objects.get().baseline_source == "entered"


def test_a_picked_and_an_entered_baseline_together_are_refused(editor, plan, outcome) -> None:
    key = baseline_options(plan=plan)[0].key
    data = measure_data(outcome, baseline_pick=key, baseline_value="1", baseline_year="2020")
    response = editor.post(url(plan, "measures/new/"), data)
    assert "not both" in response.content.decode() and not Measure.objects.exists()


def test_a_forged_baseline_or_unknown_unit_is_refused_beside_the_field(
    editor, plan, outcome
) -> None:
    data = measure_data(outcome, baseline_pick="share_employed|all|All|1850", unit="furlongs")
    page = editor.post(url(plan, "measures/new/"), data).content.decode()
    assert page.count("usa-error-message") == 2 and not Measure.objects.exists()


def test_a_measure_for_another_plans_element_is_refused(editor, plan, outcome, people) -> None:
    theirs = Plan.objects.exclude(pk=plan.pk).get()
    priority = services.priority_save(plan=theirs, pillars=[], title="Theirs")
    foreign = services.element_add(
        action=services.action_save(plan=theirs, priority=priority, title="X"),
        kind="input",
        text="Y",
    )
    response = editor.post(url(plan, "measures/new/"), measure_data(foreign))
    assert response.status_code == 400 and not Measure.objects.exists()


def test_the_contributor_adds_a_measure_to_their_own_action_and_owns_it(
    contributor, plan, outcome, contributor_membership
) -> None:
    response = contributor.post(url(plan, "measures/new/"), measure_data(outcome))
    assert response.status_code == 302
    assert Measure.objects.get().owner == contributor_membership


def test_a_contributor_may_not_measure_an_action_they_do_not_own(
    contributor, plan, outcome, other_outcome
) -> None:
    response = contributor.post(url(plan, "measures/new/"), measure_data(other_outcome))
    assert response.status_code == 400 and not Measure.objects.exists()


def test_a_contributor_edits_the_measure_they_own_but_not_another(
    contributor, plan, outcome, contributor_membership
) -> None:
    theirs = make_measure(plan, outcome, owner=contributor_membership)
    unowned = make_measure(plan, outcome)
    response = contributor.post(
        url(plan, f"measures/{theirs.uuid}/"), measure_data(outcome, name="Hires a month")
    )
    assert response.status_code == 302
    theirs.refresh_from_db()
    assert theirs.name == "Hires a month" and theirs.owner == contributor_membership
    response = contributor.post(url(plan, f"measures/{unowned.uuid}/"), measure_data(outcome))
    assert response.status_code == 403
    response = contributor.post(
        url(plan, f"measures/{unowned.uuid}/targets/"),
        {"kind": "level", "target_date": "2030-01-01", "value": "20"},
    )
    assert response.status_code == 403 and not MeasureTarget.objects.exists()


def test_a_viewer_reads_a_measure_but_may_not_add_or_change_one(viewer, plan, outcome) -> None:
    measure = make_measure(plan, outcome)
    assert viewer.get(url(plan, f"measures/{measure.uuid}/")).status_code == 200
    assert (
        viewer.post(url(plan, f"measures/{measure.uuid}/"), measure_data(outcome)).status_code
        == 403
    )
    assert viewer.post(url(plan, "measures/new/"), measure_data(outcome)).status_code == 403
    assert viewer.get(url(plan, "measures/new/")).status_code == 403


def test_an_outsider_gets_404_and_an_anonymous_visitor_is_sent_to_sign_in(
    outsider, anonymous, plan, outcome
) -> None:
    measure = make_measure(plan, outcome)
    for page in ("", f"measures/{measure.uuid}/", "sustainability/"):
        assert outsider.get(url(plan, page)).status_code == 404
        assert anonymous.get(url(plan, page))["Location"].startswith("/accounts/login/")


def test_markup_in_a_measure_is_shown_escaped(viewer, plan, outcome) -> None:
    measure = make_measure(plan, outcome)
    measure.name = "<script>x()</script>"
    measure.save()
    for page in ("", f"measures/{measure.uuid}/"):
        body = viewer.get(url(plan, page)).content.decode()
        assert "&lt;script&gt;x()&lt;/script&gt;" in body and "<script>x()" not in body


# -- targets -------------------------------------------------------------------------------


def test_level_and_gap_targets_are_listed_by_date(editor, plan, outcome) -> None:
    measure = make_measure(plan, outcome)
    target_url = url(plan, f"measures/{measure.uuid}/targets/")
    editor.post(
        target_url,
        {
            "kind": "gap",
            "target_date": "2032-06-30",
            "value": "0.02",
            "group_a": "White, Non-Hispanic",
            "group_b": "Black, Non-Hispanic",
        },
    )
    editor.post(target_url, {"kind": "level", "target_date": "2030-12-31", "value": "25"})
    page = editor.get(url(plan, f"measures/{measure.uuid}/")).content.decode()
    assert page.index("25 by 2030-12-31") < page.index(
        "Gap between White, Non-Hispanic and Black, Non-Hispanic"
    )


def test_a_gap_target_without_two_different_groups_is_refused(editor, plan, outcome) -> None:
    measure = make_measure(plan, outcome)
    target_url = url(plan, f"measures/{measure.uuid}/targets/")
    response = editor.post(
        target_url,
        {
            "kind": "gap",
            "target_date": "2030-01-01",
            "value": "0",
            "group_a": "Renters",
            "group_b": "renters",
        },
    )
    assert response.status_code == 302
    page = editor.get(url(plan, f"measures/{measure.uuid}/")).content.decode()
    assert "two different groups" in page
    editor.post(target_url, {"kind": "level", "target_date": "someday", "value": "x"})
    assert not MeasureTarget.objects.exists()


def test_a_target_is_removed(editor, plan, outcome) -> None:
    measure = make_measure(plan, outcome)
    target = services.target_add(
        measure=measure, kind="level", target_date=datetime.date(2030, 1, 1), value=5
    )
    editor.post(url(plan, f"measures/{measure.uuid}/targets/{target.uuid}/delete/"))
    assert not MeasureTarget.objects.exists()


# -- coverage, schedule, evaluation, sustainability ----------------------------------------


def test_the_coverage_check_lists_elements_without_a_measure(
    viewer, plan, outcome, other_outcome
) -> None:
    make_measure(plan, outcome)
    page = viewer.get(url(plan)).content.decode()
    coverage = page[page.index('id="coverage"') : page.index('id="schedule"')]
    assert "Fair held" in coverage and "More residents hired" not in coverage


def test_an_editor_schedules_reporting_and_evaluation_and_removes_a_line(editor, plan) -> None:
    editor.post(
        url(plan, "schedule/"),
        {"what": "Dashboard", "audience": "City council", "frequency": "quarterly"},
    )
    editor.post(
        url(plan, "evaluation/"),
        {
            "question": "Did hiring rise?",
            "method": "Survey",
            "who": "University partner",
            "timing": "2028",
        },
    )
    page = editor.get(url(plan)).content.decode()
    assert "City council" in page and "Did hiring rise?" in page
    item = ReportingItem.objects.get()
    editor.post(url(plan, f"reporting/{item.uuid}/delete/"))
    assert not ReportingItem.objects.exists() and EvaluationQuestion.objects.count() == 1


def test_an_incomplete_schedule_line_is_refused_with_a_message(editor, plan) -> None:
    response = editor.post(
        url(plan, "schedule/"), {"what": "Dashboard", "frequency": "weekly"}, follow=True
    )
    page = response.content.decode()
    assert "To whom" in page and "Select a valid choice" in page
    assert not ReportingItem.objects.exists()


def test_viewers_and_contributors_may_not_change_schedule_evaluation_or_sustainability(
    viewer, contributor, plan
) -> None:
    for client in (viewer, contributor):
        assert (
            client.post(
                url(plan, "schedule/"), {"what": "x", "audience": "y", "frequency": "yearly"}
            ).status_code
            == 403
        )
        assert (
            client.post(
                url(plan, "evaluation/"),
                {"question": "q", "method": "m", "who": "w", "timing": "t"},
            ).status_code
            == 403
        )
        assert client.post(url(plan, "sustainability/"), {"funding_text": "x"}).status_code == 403
    assert not ReportingItem.objects.exists() and not SustainabilityItem.objects.exists()


def test_the_sustainability_worksheet_keeps_text_and_owners_per_area(editor, plan, people) -> None:
    member = plan.memberships.get(user=people["editor"])
    editor.post(
        url(plan, "sustainability/"),
        {
            "governance_text": "A steering group <meets> monthly",
            "governance_owners": [member.pk],
            "capacity_text": "Two analysts",
            "funding_text": "",
            "adaptation_text": "",
        },
    )
    item = SustainabilityItem.objects.get(plan=plan, area="governance")
    assert item.text == "A steering group <meets> monthly" and list(item.owners.all()) == [member]
    page = editor.get(url(plan)).content.decode()
    assert "A steering group &lt;meets&gt; monthly" in page


# -- step status and document --------------------------------------------------------------


def test_step_eight_is_complete_when_outcomes_are_measured_and_scheduled_and_sustained(
    plan, outcome, people
) -> None:
    assert plan_steps(plan=plan)[7].state == "not started"
    measure = make_measure(plan, outcome)
    assert plan_steps(plan=plan)[7].state == "in progress"
    services.target_add(
        measure=measure, kind="level", target_date=datetime.date(2030, 1, 1), value=20
    )
    services.reporting_item_add(
        plan=plan, what="Dashboard", audience="Council", frequency="yearly", responsible=None
    )
    assert plan_steps(plan=plan)[7].next_action == "Fill in the sustainability worksheet."
    services.sustainability_save(
        plan=plan,
        areas={a: ("Written", []) for a in ("governance", "capacity", "funding", "adaptation")},
    )
    assert plan_steps(plan=plan)[7].state == "complete"
    services.element_add(action=outcome.action, kind="outcome-long", text="Fewer in poverty")
    assert plan_steps(plan=plan)[7].state == "in progress"


def test_the_measurement_section_has_the_plan_table_coverage_and_worksheet(
    plan, outcome, other_outcome
) -> None:
    assert measurement_section(plan=plan) is None
    measure = make_measure(plan, outcome)
    services.target_add(
        measure=measure,
        kind="gap",
        target_date=datetime.date(2030, 1, 1),
        value=0,
        group_a="Renters",
        group_b="Owners",
    )
    services.sustainability_save(plan=plan, areas={"funding": ("City <budget>", [])})
    section = measurement_section(plan=plan)
    assert section is not None and section.order == 80
    tables = {b.caption: b for b in section.blocks if isinstance(b, Table)}
    headings = [b.text for b in section.blocks if isinstance(b, Heading)]
    assert headings[:2] == ["Measures", "Hires"]
    lists = [b for b in section.blocks if isinstance(b, BulletList)]
    facts = lists[0].items
    assert facts[0] == "Measures: Living-wage pledge. Short-term outcome: More residents hired"
    assert "Baseline: 10 (2024)" in facts and "Unit: Count; higher is better" in facts
    assert "Targets: Gap between Renters and Owners: 0 by 2030-01-01" in facts
    assert tables["Sustainability worksheet"].rows == [["Funding", "City <budget>", "—"]]
    assert "Fair held" in lists[1].items[0]  # the coverage check


def test_the_action_page_says_which_measure_covers_each_element(
    viewer, plan, action, outcome
) -> None:
    make_measure(plan, outcome)
    page = viewer.get(f"/plans/{plan.code}/strategy/actions/{action.uuid}/").content.decode()
    assert "Measured by" in page and ">Hires</a>" in page
    assert "Add a measure" not in page  # a viewer adds nothing


def test_the_plan_home_counts_step_eight_as_the_measurement_plan_does(
    plan, outcome, other_outcome
) -> None:
    from strategy.selectors import measurement_plan, measurement_progress

    measure = make_measure(plan, outcome)
    make_measure(plan, other_outcome)
    services.target_add(
        measure=measure, kind="level", target_date=datetime.date(2030, 1, 1), value=20
    )
    services.sustainability_save(plan=plan, areas={"funding": ("City budget", [])})
    full, counted = measurement_plan(plan=plan), measurement_progress(plan=plan)
    assert counted.measures == len(full.measures) == 2
    assert (
        (counted.outcomes_total, counted.outcomes_ready)
        == (
            full.outcomes_total,
            full.outcomes_ready,
        )
        == (1, 1)
    )
    assert counted.sustainability_filled == 1 and counted.sustainability_areas == 4
