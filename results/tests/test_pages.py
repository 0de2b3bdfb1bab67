from __future__ import annotations

import pytest

from results.models import MeasureStory, MeasureValue
from results.services import ValueInput, release_sync, story_save, value_add
from strategy.services import target_add


def url(plan, rest: str = "") -> str:  # type: ignore[no-untyped-def]
    return f"/plans/{plan.code}/results/{rest}"


def murl(plan, measure, rest: str = "") -> str:  # type: ignore[no-untyped-def]
    return url(plan, f"measures/{measure.uuid}/{rest}")


def value_data(**changes: str) -> dict[str, str]:
    data = {"period": "2026", "value": "14", "lb": "", "ub": "", "subgroup": "", "source": "",
            "note": ""}  # fmt: skip
    data.update(changes)
    return data


# -- who sees what --------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["owner", "editor", "contributor", "viewer"])
def test_every_member_sees_the_measures_and_each_measure_page(
    request, persona, plan, measure
) -> None:
    client = request.getfixturevalue(persona)
    page = client.get(url(plan)).content.decode()
    assert measure.name in page and "ast value from 2024" in page
    assert client.get(murl(plan, measure)).status_code == 200


def test_the_outsider_gets_not_found_and_the_anonymous_visitor_is_sent_to_sign_in(
    outsider, anonymous, plan, measure
) -> None:
    value = value_add(measure=measure, user=None, item=ValueInput(period="2025", value=1))
    paths = (
        url(plan), murl(plan, measure), url(plan, "upload/"), url(plan, "upload/template.csv"),
        murl(plan, measure, "story/"), murl(plan, measure, "chart.svg"),
        murl(plan, measure, "values/new/"), murl(plan, measure, f"values/{value.uuid}/"),
    )  # fmt: skip
    for path in paths:
        assert outsider.get(path).status_code == 404
        response = anonymous.get(path)
        assert response.status_code == 302 and "login" in response["Location"]
    assert outsider.post(murl(plan, measure, "values/new/"), value_data()).status_code == 404
    delete = murl(plan, measure, f"values/{value.uuid}/delete/")
    assert outsider.post(delete, {"version": "1"}).status_code == 404
    assert anonymous.post(delete, {"version": "1"}).status_code == 302
    assert MeasureValue.objects.count() == 1


# -- entering values ------------------------------------------------------------------------


def test_the_contributor_who_owns_the_measure_enters_a_value(
    contributor, plan, measure, people
) -> None:
    response = contributor.post(
        murl(plan, measure, "values/new/"), value_data(lb="12", ub="16", note="From the survey")
    )
    assert response.status_code == 302
    value = MeasureValue.objects.get()
    assert (value.value, value.entered_by, value.origin) == (14.0, people["contributor"], "entered")
    page = contributor.get(murl(plan, measure)).content.decode()
    assert "14 in 2026" in page and "From the survey" in page


def test_a_contributor_not_assigned_and_a_viewer_may_not_enter_values(
    contributor, viewer, plan, other_measure
) -> None:
    assert (
        contributor.post(murl(plan, other_measure, "values/new/"), value_data()).status_code == 403
    )
    assert viewer.post(murl(plan, other_measure, "values/new/"), value_data()).status_code == 403
    assert "Add a value" not in contributor.get(murl(plan, other_measure)).content.decode()
    assert not MeasureValue.objects.exists()


def test_a_bad_value_is_refused_with_the_message_beside_the_field(editor, plan, measure) -> None:
    response = editor.post(
        murl(plan, measure, "values/new/"), value_data(period="spring", value="lots", lb="1")
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "is not a period we can read" in page and "is not a number" in page
    assert not MeasureValue.objects.exists()


def test_a_mobility_metrics_values_cannot_be_typed_in(editor, plan, metric_measure) -> None:
    release_sync(plan=plan)
    page = editor.get(murl(plan, metric_measure)).content.decode()
    assert "Add a value" not in page and "Urban Institute" in page
    response = editor.post(murl(plan, metric_measure, "values/new/"), value_data(value="0.5"))
    assert response.status_code == 403


def test_a_stale_edit_is_refused_and_the_first_save_stays(editor, owner, plan, measure) -> None:
    value = value_add(measure=measure, user=None, item=ValueInput(period="2025", value=11))
    path = murl(plan, measure, f"values/{value.uuid}/")
    assert editor.post(path, value_data(period="2025", value="12", version="1")).status_code == 302
    response = owner.post(path, value_data(period="2025", value="99", version="1"))
    assert response.status_code == 409
    assert "changed since you opened it" in response.content.decode()
    value.refresh_from_db()
    assert (value.value, value.version) == (12.0, 2)


def test_editors_delete_values_and_contributors_may_not(
    editor, contributor, viewer, plan, measure
) -> None:
    value = value_add(measure=measure, user=None, item=ValueInput(period="2025", value=11))
    path = murl(plan, measure, f"values/{value.uuid}/delete/")
    assert contributor.post(path, {"version": "1"}).status_code == 403
    assert viewer.post(path, {"version": "1"}).status_code == 403
    assert MeasureValue.objects.exists()
    editor.post(path, {"version": "1"})
    assert not MeasureValue.objects.exists()


def test_markup_typed_in_a_note_is_shown_as_text(editor, plan, measure) -> None:
    editor.post(murl(plan, measure, "values/new/"), value_data(note="<script>alert(1)</script>"))
    page = editor.get(murl(plan, measure)).content.decode()
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page


# -- what the page says -------------------------------------------------------------------


def test_the_page_says_when_a_change_may_be_noise_and_where_the_line_goes(
    editor, plan, measure
) -> None:
    for period, v, lb, ub in (("2025", 12, 9, 15), ("2026", 13, 10, 16)):
        value_add(measure=measure, user=None,
                  item=ValueInput(period=period, value=v, lb=lb, ub=ub))  # fmt: skip
    target_add(measure=measure, kind="level", target_date=__import__("datetime").date(2028, 12, 31),
               value=30)  # fmt: skip
    page = editor.get(murl(plan, measure)).content.decode()
    assert "The 2026 value is higher than 2025 (better), but their intervals overlap" in page
    assert "Off track" in page and "short of the target of 30" in page
    assert "least squares" in page and "<details" in page and "data-vega-spec" in page


def test_a_revised_release_value_is_shown_as_a_revision(editor, plan, metric_measure) -> None:
    release_sync(plan=plan)
    value = MeasureValue.objects.filter(measure=metric_measure).order_by("-period_end").first()
    assert value is not None
    value.value += 0.05
    value.save()
    release_sync(plan=plan)
    page = editor.get(murl(plan, metric_measure)).content.decode()
    assert "Revised from" in page and "import" in page
    assert "Moved in the last import" in editor.get(url(plan)).content.decode()


def test_the_chart_downloads_as_svg(viewer, plan, measure) -> None:
    value_add(measure=measure, user=None, item=ValueInput(period="2025", value=11))
    response = viewer.get(murl(plan, measure, "chart.svg"))
    assert response.status_code == 200 and response["Content-Type"] == "image/svg+xml"
    assert viewer.get(murl(plan, measure, "chart.gif")).status_code == 404


# -- the story ------------------------------------------------------------------------------


def test_the_owner_of_the_measure_writes_the_story_and_a_stale_save_is_refused(
    contributor, editor, plan, measure
) -> None:
    path = murl(plan, measure, "story/")
    data = {"story": "Plants closed.", "partners": "Chamber", "what_works": "", "next_steps": ""}
    assert contributor.post(path, {**data, "version": "0"}).status_code == 302
    assert editor.post(path, {**data, "story": "Mine", "version": "0"}).status_code == 409
    assert MeasureStory.objects.get().story == "Plants closed."
    assert "Plants closed." in editor.get(murl(plan, measure)).content.decode()


def test_the_story_is_closed_to_viewers_and_unassigned_contributors(
    viewer, contributor, plan, other_measure
) -> None:
    assert viewer.get(murl(plan, other_measure, "story/")).status_code == 403
    assert (
        contributor.post(murl(plan, other_measure, "story/"), {"version": "0"}).status_code == 403
    )
    story_save(measure=other_measure, user=None, version=0, texts={"story": "x"})
    assert MeasureStory.objects.get().story == "x"


# -- upload ---------------------------------------------------------------------------------


def _file(text: str, name: str = "values.csv"):  # type: ignore[no-untyped-def]
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, text.encode(), content_type="text/csv")


def test_an_uploaded_csv_loads_every_value(editor, plan, measure, other_measure) -> None:
    text = ("measure,period,value,lb,ub\n"
            f"{measure.name},2025,11,10,12\n{other_measure.uuid},2026-Q1,3,,\n")  # fmt: skip
    response = editor.post(url(plan, "upload/"), {"file": _file(text)})
    assert response.status_code == 302
    assert MeasureValue.objects.filter(origin="csv").count() == 2


def test_an_uploaded_csv_with_a_problem_loads_nothing_and_lists_line_and_column(
    editor, plan, measure
) -> None:
    text = f"measure,period,value\n{measure.name},2025,11\n{measure.name},2026,<b>x</b>\n"
    response = editor.post(url(plan, "upload/"), {"file": _file(text)})
    page = response.content.decode()
    assert response.status_code == 400 and "nothing was loaded" in page
    assert "<td>value</td>" in page and "&lt;b&gt;x&lt;/b&gt;" in page
    assert not MeasureValue.objects.exists()


def test_the_template_csv_lists_the_measures_entered_by_hand(
    viewer, plan, measure, metric_measure
) -> None:
    text = viewer.get(url(plan, "upload/template.csv")).content.decode()
    assert text.startswith("measure,period,value,lb,ub,subgroup,source,note")
    assert measure.name in text and metric_measure.name not in text


def test_a_viewer_may_not_upload(viewer, plan, measure) -> None:
    assert viewer.get(url(plan, "upload/")).status_code == 403


# -- hostile input --------------------------------------------------------------------------


def test_markup_in_a_story_and_in_a_measure_name_is_shown_as_text(editor, plan, outcome) -> None:
    from results.tests.conftest import measure_make

    hostile = measure_make(plan, outcome, name="</script><script>alert(1)</script>")
    value_add(measure=hostile, user=None, item=ValueInput(period="2025", value=1))
    story_save(
        measure=hostile, user=None, version=0, texts={"story": "<img src=x onerror=alert(1)>"}
    )
    page = editor.get(murl(plan, hostile)).content.decode()
    assert "<script>alert(1)</script>" not in page and "<img src=x" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page


def test_a_value_of_another_measure_or_another_plan_is_not_found(
    editor, outsider, people, plan, measure, other_measure
) -> None:
    value = value_add(measure=other_measure, user=None, item=ValueInput(period="2025", value=1))
    assert editor.get(murl(plan, measure, f"values/{value.uuid}/")).status_code == 404
    assert (
        editor.post(
            murl(plan, measure, f"values/{value.uuid}/delete/"), {"version": "1"}
        ).status_code
        == 404
    )
    # the outsider's own plan code does not open our measure either
    from plans.models import Plan

    theirs = Plan.objects.exclude(pk=plan.pk).get()
    assert outsider.get(f"/plans/{theirs.code}/results/measures/{measure.uuid}/").status_code == 404
    assert MeasureValue.objects.count() == 1


def test_a_huge_or_infinite_number_and_a_long_period_are_refused(editor, plan, measure) -> None:
    for data in (
        value_data(value="1e999"),
        value_data(period="2026" * 50),
        value_data(value="0x10"),
    ):
        assert editor.post(murl(plan, measure, "values/new/"), data).status_code == 400
    assert not MeasureValue.objects.exists()


def test_a_viewer_downloads_every_value_and_the_outsider_cannot(
    viewer, outsider, plan, measure
) -> None:
    value_add(measure=measure, user=None, item=ValueInput(period="2025", value=11))
    text = viewer.get(url(plan, "values.csv")).content.decode()
    assert text.splitlines()[1].startswith(f"{measure.name},2025,11.0")
    assert outsider.get(url(plan, "values.csv")).status_code == 404
