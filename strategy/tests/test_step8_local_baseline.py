"""Step 8: a measure's baseline read from one of the plan's local indicators (step 5)."""

from __future__ import annotations

import pytest

from localdata.models import DataSource, Indicator, IndicatorValue
from plans.models import Plan
from reports.blocks import Paragraph, Table
from strategy import services
from strategy.document import measurement_section
from strategy.models import BaselineSource, LogicElement, Measure, StrategicAction

pytestmark = pytest.mark.django_db


def url(plan: Plan, page: str = "") -> str:
    return f"/plans/{plan.code}/strategy/measurement/{page}"


def indicator_for(plan: Plan, name: str = "Eviction filings") -> Indicator:
    source = DataSource.objects.create(plan=plan, name=f"{name} records", type="administrative")
    indicator = Indicator.objects.create(
        plan=plan, name=name, unit="share", direction="lower", source=source
    )
    IndicatorValue.objects.create(indicator=indicator, year=2022, subgroup="", value=0.05)
    IndicatorValue.objects.create(
        indicator=indicator, year=2023, subgroup="Renters", value=0.081, lb=0.07, ub=0.09
    )
    return indicator


@pytest.fixture
def outcome(action: StrategicAction) -> LogicElement:
    return services.element_add(action=action, kind="outcome-short", text="Fewer evictions")


@pytest.fixture
def indicator(plan: Plan) -> Indicator:
    return indicator_for(plan)


def measure_data(element: LogicElement, **extra: object) -> dict[str, object]:
    data: dict[str, object] = {
        "element": str(element.uuid),
        "name": "Eviction filing rate",
        "unit": "share",
        "direction": "lower",
        "frequency": "yearly",
    }
    data.update(extra)
    return data


def local_measure(editor, plan, outcome, indicator) -> Measure:  # type: ignore[no-untyped-def]
    response = editor.post(
        url(plan, "measures/new/"),
        measure_data(
            outcome, baseline_local=f"{indicator.uuid}|Renters", baseline_local_year="2023"
        ),
    )
    assert response.status_code == 302
    return Measure.objects.get()


def test_a_baseline_is_read_from_a_local_indicators_group_and_year(
    editor, plan, outcome, indicator
) -> None:
    form = editor.get(url(plan, "measures/new/")).content.decode()
    assert "Baseline from a local indicator" in form and "Renters (2023)" in form
    measure = local_measure(editor, plan, outcome, indicator)
    assert measure.baseline_source == BaselineSource.LOCAL
    assert measure.baseline_indicator == indicator
    assert (measure.baseline_subgroup_name, measure.baseline_year) == ("Renters", 2023)
    assert measure.baseline_value == 0.081  # read from the indicator, not typed
    page = editor.get(url(plan, f"measures/{measure.uuid}/")).content.decode()
    assert "8.1% (7.0% to 9.0%); Local indicator: Eviction filings, Renters, 2023" in page
    assert "(source: Urban Institute)" not in page
    plan_page = editor.get(url(plan)).content.decode()
    assert "Local indicator: Eviction filings, Renters, 2023" in plan_page


def test_the_edit_form_shows_the_local_indicator_and_year_chosen(
    editor, plan, outcome, indicator
) -> None:
    measure = local_measure(editor, plan, outcome, indicator)
    page = editor.get(url(plan, f"measures/{measure.uuid}/")).content.decode()
    assert f'value="{indicator.uuid}|Renters" selected' in page
    assert 'name="baseline_local_year" value="2023"' in page


def test_the_all_residents_value_serves_as_a_baseline_too(editor, plan, outcome, indicator) -> None:
    editor.post(
        url(plan, "measures/new/"),
        measure_data(outcome, baseline_local=f"{indicator.uuid}|", baseline_local_year="2022"),
    )
    measure = Measure.objects.get()
    assert measure.baseline_value == 0.05 and measure.baseline_subgroup_name == ""
    page = editor.get(url(plan, f"measures/{measure.uuid}/")).content.decode()
    assert "5.0%; Local indicator: Eviction filings, All residents, 2022" in page


def test_a_year_the_indicator_lacks_is_refused_beside_the_year(
    editor, plan, outcome, indicator
) -> None:
    response = editor.post(
        url(plan, "measures/new/"),
        measure_data(
            outcome, baseline_local=f"{indicator.uuid}|Renters", baseline_local_year="2019"
        ),
    )
    page = response.content.decode()
    assert response.status_code == 400 and not Measure.objects.exists()
    assert "“Eviction filings” has no value for Renters in 2019; it has 2023." in page
    assert page.count("usa-error-message") == 1
    response = editor.post(
        url(plan, "measures/new/"),
        measure_data(outcome, baseline_local=f"{indicator.uuid}|Renters"),
    )
    assert "Choose the year of the baseline: 2023." in response.content.decode()
    assert not Measure.objects.exists()


def test_a_local_indicator_and_a_baseline_by_hand_together_are_refused(
    editor, plan, outcome, indicator
) -> None:
    data = measure_data(
        outcome,
        baseline_local=f"{indicator.uuid}|Renters",
        baseline_local_year="2023",
        baseline_value="0.1",
        baseline_year="2023",
    )
    response = editor.post(url(plan, "measures/new/"), data)
    assert response.status_code == 400 and "not both" in response.content.decode()
    assert not Measure.objects.exists()


def test_another_plans_indicator_is_refused(editor, plan, outcome, indicator) -> None:
    theirs = indicator_for(Plan.objects.exclude(pk=plan.pk).get(), name="Their filings")
    response = editor.post(
        url(plan, "measures/new/"),
        measure_data(outcome, baseline_local=f"{theirs.uuid}|Renters", baseline_local_year="2023"),
    )
    page = response.content.decode()
    assert response.status_code == 400 and not Measure.objects.exists()
    assert "Select a valid choice" in page and "Their filings" not in page
    with pytest.raises(services.ValidationError):
        services.measure_save(
            plan=plan,
            element=outcome,
            name="Forged",
            unit="share",
            direction="lower",
            frequency="yearly",
            baseline_source=BaselineSource.LOCAL,
            baseline_indicator=theirs,
            baseline_year=2023,
            baseline_value=0.081,
        )
    assert not Measure.objects.exists()


def test_the_local_baseline_is_read_by_members_and_hidden_from_others(
    editor, viewer, contributor, outsider, anonymous, plan, outcome, indicator
) -> None:
    measure = local_measure(editor, plan, outcome, indicator)
    for client in (viewer, contributor):
        page = client.get(url(plan, f"measures/{measure.uuid}/")).content.decode()
        assert "Local indicator: Eviction filings, Renters, 2023" in page
    data = measure_data(outcome, baseline_local=f"{indicator.uuid}|", baseline_local_year="2022")
    assert viewer.post(url(plan, f"measures/{measure.uuid}/"), data).status_code == 403
    assert contributor.post(url(plan, f"measures/{measure.uuid}/"), data).status_code == 403
    assert outsider.get(url(plan, f"measures/{measure.uuid}/")).status_code == 404
    assert anonymous.get(url(plan, f"measures/{measure.uuid}/"))["Location"].startswith(
        "/accounts/login/"
    )
    measure.refresh_from_db()
    assert measure.baseline_year == 2023


def test_the_plan_document_names_the_local_indicator_of_a_baseline(
    editor, plan, outcome, indicator
) -> None:
    local_measure(editor, plan, outcome, indicator)
    section = measurement_section(plan=plan)
    assert section is not None
    text = " ".join(
        " ".join(" ".join(row) for row in b.rows) if isinstance(b, Table) else str(b)
        for b in section.blocks
    )
    assert "Local indicator: Eviction filings, Renters, 2023" in text
    notes = [b.text for b in section.blocks if isinstance(b, Paragraph)]
    assert not any("Urban Institute" in n for n in notes)


def test_a_removed_indicator_leaves_the_baseline_and_says_so(
    editor, plan, outcome, indicator
) -> None:
    measure = local_measure(editor, plan, outcome, indicator)
    indicator.delete()
    page = editor.get(url(plan, f"measures/{measure.uuid}/")).content.decode()
    assert "Local indicator: (since removed), Renters, 2023" in page
