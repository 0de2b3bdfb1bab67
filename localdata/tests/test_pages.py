from __future__ import annotations

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from localdata.models import DataSource, Indicator, IndicatorValue
from plans.models import Plan

pytestmark = pytest.mark.django_db


def url(plan: Plan, page: str = "") -> str:
    return f"/plans/{plan.code}/data/{page}"


SOURCE = {
    "name": "Housing authority waitlist", "type": "administrative", "owner_organisation": "",
    "owner_name": "Rockford Housing Authority", "access": "restricted", "year_from": "2018",
    "year_to": "2024", "groups": "age, household size\nage", "refresh": "quarterly",
    "predictors": ["housing-affordability", "housing-stability"], "notes": "", "link": "",
}  # fmt: skip


def upload(text: str, name: str = "values.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


# -- inventory -------------------------------------------------------------------------


def test_an_editor_adds_a_source_and_sees_it_in_the_inventory(editor, plan) -> None:
    response = editor.post(url(plan, "sources/new/"), SOURCE)
    assert response.status_code == 302 and response["Location"] == url(plan)
    saved = DataSource.objects.get(plan=plan)
    assert saved.groups == ["age", "household size"]
    assert saved.predictors == ["housing-affordability", "housing-stability"]
    page = editor.get(url(plan)).content.decode()
    assert "Housing authority waitlist" in page and "Rockford Housing Authority" in page
    assert "2018 to 2024" in page and "Housing stability" in page and "Restricted" in page


def test_a_source_can_be_held_by_one_of_the_plans_organizations(owner, plan) -> None:
    lead = plan.lead_organisation
    response = owner.post(
        url(plan, "sources/new/"), {**SOURCE, "owner_organisation": str(lead.pk), "owner_name": ""}
    )
    assert response.status_code == 302
    assert DataSource.objects.get(plan=plan).owner_organisation == lead
    assert "Region 1 Planning Council" in owner.get(url(plan)).content.decode()


def test_an_editor_changes_a_source(editor, plan, source) -> None:
    response = editor.post(url(plan, f"sources/{source.uuid}/"), {**SOURCE, "name": "Renamed"})
    assert response.status_code == 302
    source.refresh_from_db()
    assert source.name == "Renamed" and source.access == "restricted"


def test_bad_years_and_a_taken_name_are_explained_beside_the_fields(editor, plan, source) -> None:
    response = editor.post(
        url(plan, "sources/new/"),
        {**SOURCE, "name": source.name, "year_from": "2024", "year_to": "2018"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "The last year comes before the first." in page
    response = editor.post(url(plan, "sources/new/"), {**SOURCE, "name": source.name.upper()})
    assert "This plan already has one named" in response.content.decode()
    response = editor.post(url(plan, "sources/new/"), {**SOURCE, "link": "javascript:alert(1)"})
    assert "usa-error-message" in response.content.decode()
    assert DataSource.objects.filter(plan=plan).count() == 1


def test_a_source_with_indicators_cannot_be_deleted_until_they_are_gone(
    editor, plan, source, indicator
) -> None:
    editor.post(url(plan, f"sources/{source.uuid}/delete/"))
    assert DataSource.objects.filter(pk=source.pk).exists()
    editor.post(url(plan, f"indicators/{indicator.uuid}/delete/"))
    editor.post(url(plan, f"sources/{source.uuid}/delete/"))
    assert not DataSource.objects.filter(pk=source.pk).exists()
    assert not IndicatorValue.objects.filter(indicator_id=indicator.pk).exists()


def test_a_viewer_and_a_contributor_read_but_may_not_change_the_inventory(
    viewer, contributor, plan, source
) -> None:
    for client in (viewer, contributor):
        assert client.get(url(plan)).status_code == 200
        assert "Add a data source" not in client.get(url(plan)).content.decode()
        assert client.get(url(plan, "sources/new/")).status_code == 403
        assert client.post(url(plan, "sources/new/"), SOURCE).status_code == 403
        assert client.post(url(plan, f"sources/{source.uuid}/delete/")).status_code == 403
    assert DataSource.objects.filter(plan=plan).count() == 1


def test_an_outsider_gets_404_and_an_anonymous_visitor_is_sent_to_sign_in(
    outsider, anonymous, plan, source, indicator
) -> None:
    pages = [
        "", "sources/new/", f"sources/{source.uuid}/", f"indicators/{indicator.uuid}/",
        f"indicators/{indicator.uuid}/values.csv", "walk/", "template.csv",
    ]  # fmt: skip
    for page in pages:
        assert outsider.get(url(plan, page)).status_code == 404, page
        response = anonymous.get(url(plan, page))
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert outsider.post(url(plan, "sources/new/"), SOURCE).status_code == 404


def test_a_source_of_another_plan_is_not_found_through_ours(outsider, owner, plan) -> None:
    theirs = Plan.objects.get(title="Cook County Mobility Plan")
    outsider.post(url(theirs, "sources/new/"), SOURCE)
    found = DataSource.objects.get(plan=theirs)
    assert owner.get(url(plan, f"sources/{found.uuid}/")).status_code == 404


def test_text_people_typed_is_shown_escaped(owner, plan) -> None:
    typed = {"name": "<script>alert(1)</script>", "notes": "<b>bold</b>", "groups": "<i>x</i>"}
    owner.post(url(plan, "sources/new/"), {**SOURCE, **typed})
    page = owner.get(url(plan)).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert(1)" not in page
    assert "&lt;b&gt;bold&lt;/b&gt;" in page and "<i>x</i>" not in page


# -- step 5 on the plan home ---------------------------------------------------------------


def test_step_five_is_in_progress_with_a_source_and_complete_with_three_and_values(
    editor, plan, indicator
) -> None:
    home = editor.get(f"/plans/{plan.code}/").content.decode()
    assert "1 data source in the inventory" in home and "Add 2 more local data sources" in home
    for name in ("Survey A", "Survey B"):
        editor.post(url(plan, "sources/new/"), {**SOURCE, "name": name})
    home = editor.get(f"/plans/{plan.code}/").content.decode()
    assert "3 data sources in the inventory" in home
    assert "1 local indicator, 1 with values" in home
    from plans.steps import COMPLETE, plan_steps

    assert plan_steps(plan=plan)[4].state == COMPLETE


# -- indicators ----------------------------------------------------------------------------


def test_an_editor_creates_an_indicator_and_lands_on_its_page(editor, plan, source) -> None:
    response = editor.post(
        url(plan, "indicators/new/"),
        {"name": "Chronic absence", "source": str(source.uuid), "unit": "share",
         "direction": "lower", "predictor": "effective-public-education", "description": ""},
    )  # fmt: skip
    created = Indicator.objects.get(plan=plan)
    assert response.status_code == 302
    assert response["Location"] == url(plan, f"indicators/{created.uuid}/")
    page = editor.get(response["Location"]).content.decode()
    assert "No values yet." in page and "Effective public education" in page
    assert "Load values from a CSV file" in page


def test_an_indicator_needs_a_source_from_the_plans_inventory(editor, outsider, plan) -> None:
    theirs = Plan.objects.get(title="Cook County Mobility Plan")
    outsider.post(url(theirs, "sources/new/"), SOURCE)
    foreign = DataSource.objects.get(plan=theirs)
    response = editor.post(
        url(plan, "indicators/new/"),
        {"name": "X", "source": str(foreign.uuid), "unit": "count", "direction": "higher"},
    )
    assert response.status_code == 200 and "usa-error-message" in response.content.decode()
    assert not Indicator.objects.filter(plan=plan).exists()


def test_the_indicator_page_shows_the_trend_the_groups_and_the_mobility_metric_beside_it(
    viewer, plan, indicator
) -> None:
    page = viewer.get(url(plan, f"indicators/{indicator.uuid}/")).content.decode()
    assert "72.0%" in page and "70.0% to 74.0%" in page  # latest, all residents
    assert 'id="spec-local"' in page and "Show the data table" in page
    assert "Source: District attendance records (local data)" in page
    # The Mobility Metric of the same predictor, for Winnebago County.
    assert "Employment Opportunities" in page or "employment" in page.lower()
    assert 'id="card-share_employed"' in page
    # The groups in 2021, compared with all residents.
    assert "Black residents" in page and "11.0 points below all residents" in page
    assert "Load values from a CSV file" not in page  # a viewer reads only


def test_a_csv_with_problems_lists_line_and_column_and_loads_nothing(
    editor, plan, indicator
) -> None:
    before = list(
        IndicatorValue.objects.filter(indicator=indicator).values_list("value", flat=True)
    )
    response = editor.post(
        url(plan, f"indicators/{indicator.uuid}/import/"),
        {
            "file": upload(
                "year,subgroup,value,lb,ub\n2019,,0.5,0.6,0.7\n2020,,0.4,,\n2020,,1.5,,\n2020,,0.3,,\n"
            )
        },
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "The file was not loaded: 3 problems" in page
    assert "Line 2, column “lb”: The lower bound 0.6 is above the value." in page
    assert "Line 4, column “value”: A share is a fraction from 0 to 1" in page
    assert "Line 5, column “year”: 2020 for all residents is already on line 3." in page
    after = list(IndicatorValue.objects.filter(indicator=indicator).values_list("value", flat=True))
    assert after == before


def test_loading_a_file_again_replaces_the_values(editor, plan, indicator) -> None:
    response = editor.post(
        url(plan, f"indicators/{indicator.uuid}/import/"),
        {"file": upload("year,value,notes\n2022,0.75,new\n2023,0.76,\n", "second.csv")},
    )
    assert response.status_code == 302
    assert sorted(
        IndicatorValue.objects.filter(indicator=indicator).values_list("year", flat=True)
    ) == [2022, 2023]
    page = editor.get(response["Location"]).content.decode()
    assert "2 values loaded from second.csv. Columns not read: notes." in page


def test_a_viewer_and_a_contributor_may_not_load_or_enter_values(
    viewer, contributor, plan, indicator
) -> None:
    for client in (viewer, contributor):
        page = url(plan, f"indicators/{indicator.uuid}/")
        assert (
            client.post(page + "import/", {"file": upload("year,value\n2019,0.1\n")}).status_code
            == 403
        )
        assert client.post(page + "values/", {"year": "2022", "value": "0.5"}).status_code == 403
        assert client.post(page + "values/delete/", {"year": "2019"}).status_code == 403
        assert client.post(page + "edit/", {"name": "x"}).status_code == 403
        assert client.post(page + "delete/").status_code == 403
    assert IndicatorValue.objects.filter(indicator=indicator).count() == 3


def test_an_editor_enters_one_value_by_hand_and_it_replaces_the_same_year(
    editor, plan, indicator
) -> None:
    page = url(plan, f"indicators/{indicator.uuid}/")
    assert editor.post(page + "values/", {"year": "2022", "value": "0.74"}).status_code == 302
    assert (
        editor.post(
            page + "values/", {"year": "2022", "value": "0.76", "lb": "0.7", "ub": "0.8"}
        ).status_code
        == 302
    )
    saved = IndicatorValue.objects.get(indicator=indicator, year=2022)
    assert (saved.value, saved.lb, saved.ub) == (0.76, 0.7, 0.8)


def test_a_bad_value_by_hand_is_explained_beside_its_field_and_not_saved(
    editor, plan, indicator
) -> None:
    page = url(plan, f"indicators/{indicator.uuid}/")
    response = editor.post(
        page + "values/", {"year": "2022", "value": "0.5", "lb": "0.6", "ub": "0.7"}
    )
    assert response.status_code == 400
    assert "The lower bound 0.6 is above the value." in response.content.decode()
    response = editor.post(page + "values/", {"year": "1492", "value": "12"})
    assert "1492 is not between 1900" in response.content.decode()
    assert "A share is a fraction from 0 to 1" in response.content.decode()
    assert not IndicatorValue.objects.filter(indicator=indicator, year__in=[2022, 1492]).exists()


def test_an_editor_deletes_one_value(editor, plan, indicator) -> None:
    page = url(plan, f"indicators/{indicator.uuid}/")
    editor.post(page + "values/delete/", {"year": "2021", "subgroup": "Black residents"})
    assert IndicatorValue.objects.filter(indicator=indicator).count() == 2


def test_group_names_typed_into_a_file_are_shown_escaped(editor, plan, indicator) -> None:
    page = url(plan, f"indicators/{indicator.uuid}/")
    editor.post(
        page + "import/",
        {"file": upload("year,subgroup,value\n2020,<img src=x onerror=alert(1)>,0.5\n")},
    )
    html = editor.get(page).content.decode()
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html


def test_the_values_download_as_csv_with_formulas_defused(viewer, editor, plan, indicator) -> None:
    page = url(plan, f"indicators/{indicator.uuid}/")
    editor.post(page + "values/", {"year": "2022", "subgroup": "=HYPERLINK(1)", "value": "0.5"})
    response = viewer.get(page + "values.csv")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert rows[0] == {"year": "2019", "subgroup": "", "value": "0.7", "lb": "0.68", "ub": "0.72"}
    assert "'=HYPERLINK(1)" in [r["subgroup"] for r in rows]


def test_the_csv_template_loads_as_it_is(editor, plan, indicator) -> None:
    template = editor.get(url(plan, "template.csv"))
    assert template.status_code == 200 and "attachment" in template["Content-Disposition"]
    response = editor.post(
        url(plan, f"indicators/{indicator.uuid}/import/"),
        {"file": SimpleUploadedFile("t.csv", template.content)},
    )
    assert response.status_code == 302


def test_an_unknown_indicator_is_a_404(viewer, plan) -> None:
    assert (
        viewer.get(url(plan, "indicators/00000000-0000-0000-0000-000000000000/")).status_code == 404
    )


# -- data walk ------------------------------------------------------------------------------


def test_the_data_walk_offers_the_places_metrics_and_the_indicators_with_values(
    viewer, plan, indicator
) -> None:
    page = viewer.get(url(plan, "walk/")).content.decode()
    assert 'name="indicator" value="' + str(indicator.uuid) in page
    assert 'value="share_employed"' in page


def test_the_printable_data_walk_has_a_panel_per_choice_with_chart_words_and_prompts(
    viewer, plan, indicator
) -> None:
    response = viewer.get(
        url(plan, "walk/"),
        {"metric": ["share_employed", "not_a_metric"], "indicator": [str(indicator.uuid), "junk"]},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count('class="walk-panel"') == 2
    assert page.count('src="data:image/svg+xml;base64,') == 2
    assert "data-walk.css" in page and "Let's talk about it" in page
    assert "Adults working, county survey, Winnebago County, Illinois: 72.0% in 2021" in page
    assert "It was 70.0% in 2019. Source: District attendance records." in page
    assert "What stands out about how this figure moved between 2019 and 2021?" in page
    assert "Groups of residents are not in the same place" in page


def test_deleting_a_plan_takes_its_sources_indicators_and_values_with_it(plan, indicator) -> None:
    plan.lead_organisation = None  # the plans app protects the lead organisation
    plan.save()
    plan.delete()
    assert not DataSource.objects.exists() and not Indicator.objects.exists()
    assert not IndicatorValue.objects.exists()
