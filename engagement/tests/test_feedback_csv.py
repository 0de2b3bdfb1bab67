from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from engagement import services
from engagement.feedback_csv import (
    feedback_csv_import,
    feedback_csv_load,
    feedback_csv_read,
    feedback_csv_validate,
)
from engagement.models import FeedbackItem, Theme
from engagement.tests.conftest import ESCAPED, HOSTILE, activity_make, page_url

pytestmark = pytest.mark.django_db

GOOD = (
    "activity,text,themes\n"
    "Listening session at the library,Rent went up twice this year,Housing costs\n"
    '"listening  session at the LIBRARY","No bus after 7pm, so I cannot take the night shift",'
    '"Transit; Housing costs"\n'
    "Listening session at the library,Thank you for the meal,\n"
)


@pytest.fixture
def themes(plan):  # type: ignore[no-untyped-def]
    return [services.theme_create(plan=plan, name=n) for n in ("Housing costs", "Transit")]


def test_reading_gives_one_row_per_feedback_with_its_line_and_themes() -> None:
    result = feedback_csv_read(data=GOOD.encode())
    assert result.problems == []
    assert [r.line for r in result.rows] == [2, 3, 4]
    assert result.rows[1].themes == ["Transit", "Housing costs"]
    assert result.rows[1].text.startswith("No bus after 7pm, so")
    assert result.rows[2].themes == []


def test_reading_counts_lines_across_quoted_line_breaks_and_blank_lines() -> None:
    data = b'activity,text\nA,"two\nlines"\n\nB,third\n'
    assert [r.line for r in feedback_csv_read(data=data).rows] == [2, 5]


def test_reading_accepts_a_byte_order_mark_and_header_in_any_case() -> None:
    result = feedback_csv_read(data="\ufeffActivity,TEXT\nA,b\n".encode())
    assert result.problems == [] and result.rows[0].activity == "A"


def test_a_file_without_a_text_column_is_refused_on_line_1() -> None:
    problems = feedback_csv_read(data=b"activity,comment\nA,b\n").problems
    assert [str(p) for p in problems] == ["Line 1: The header has no column “text”."]


def test_a_file_that_is_not_utf8_names_the_line() -> None:
    problems = feedback_csv_read(data="activity,text\nA,ok\nB,caf\xe9\n".encode("latin-1")).problems
    assert problems[0].line == 3 and "not UTF-8" in problems[0].message


def test_a_row_with_too_many_cells_is_named() -> None:
    problems = feedback_csv_read(data=b"activity,text\nA,b,c\n").problems
    assert str(problems[0]) == "Line 2: 3 cells where the header has 2."


def test_validation_names_line_and_column_of_each_problem(plan, activity, themes) -> None:
    activity_make(plan, title="Twin")
    activity_make(plan, title="Twin")
    data = (
        b"activity,text,themes\n"
        b"Listening session at the library,,Transit\n"
        b"Nowhere,Something,\n"
        b"Twin,Something,\n"
        b"Listening session at the library,Something,Parks; Transit\n"
    )
    rows = feedback_csv_read(data=data).rows
    problems = [str(p) for p in feedback_csv_validate(plan=plan, rows=rows, create_themes=False)]
    assert problems == [
        "Line 2, column “text”: The feedback is empty.",
        "Line 3, column “activity”: No activity of this plan is called “Nowhere”.",
        "Line 4, column “activity”: 2 activities are called “Twin”; give its UUID instead.",
        "Line 5, column “themes”: No theme of this plan is called “Parks”.",
    ]


def test_an_activity_may_be_named_by_its_uuid(plan, activity) -> None:
    rows = feedback_csv_read(data=f"activity,text\n{activity.uuid},Hello\n".encode()).rows
    assert feedback_csv_validate(plan=plan, rows=rows, create_themes=False) == []


def test_loading_adds_every_row_coded_into_its_themes(plan, activity, themes) -> None:
    rows = feedback_csv_read(data=GOOD.encode()).rows
    assert feedback_csv_load(plan=plan, rows=rows, user=None, create_themes=False) == 3
    second = FeedbackItem.objects.get(text__startswith="No bus")
    assert sorted(t.name for t in second.themes.all()) == ["Housing costs", "Transit"]
    assert second.activity == activity


def test_unknown_themes_are_added_when_asked(plan, activity) -> None:
    count, problems = feedback_csv_import(
        plan=plan, data=GOOD.encode(), user=None, create_themes=True
    )
    assert (count, problems) == (3, [])
    assert sorted(Theme.objects.filter(plan=plan).values_list("name", flat=True)) == [
        "Housing costs",
        "Transit",
    ]


def test_nothing_is_loaded_when_one_row_has_a_problem(plan, activity, themes) -> None:
    data = GOOD + "Nowhere,A last word,\n"
    count, problems = feedback_csv_import(plan=plan, data=data.encode(), user=None)
    assert count == 0 and [p.line for p in problems] == [5]
    assert not FeedbackItem.objects.exists()


def test_activities_of_another_plan_are_not_found(plan, activity) -> None:
    from plans.models import Plan

    theirs = activity_make(Plan.objects.exclude(pk=plan.pk).get(), title="Their session")
    for name in ("Their session", str(theirs.uuid)):
        count, problems = feedback_csv_import(
            plan=plan, data=f"activity,text\n{name},x\n".encode(), user=None
        )
        assert count == 0 and problems[0].column == "activity"


def _upload(text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("feedback.csv", text.encode(), content_type="text/csv")


def test_an_editor_uploads_feedback_and_sees_it(editor, plan, activity, themes) -> None:
    response = editor.post(page_url(plan, "feedback/import/"), {"file": _upload(GOOD)})
    assert response.status_code == 302
    assert FeedbackItem.objects.filter(plan=plan).count() == 3
    page = editor.get(page_url(plan, "feedback/")).content.decode()
    assert "Rent went up twice this year" in page


def test_an_upload_with_problems_lists_them_and_loads_nothing(editor, plan, activity) -> None:
    response = editor.post(
        page_url(plan, "feedback/import/"), {"file": _upload(f"activity,text\n{HOSTILE},x\n")}
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Nothing was added: 1 problem" in page
    assert '<th scope="row">2</th><td>activity</td>' in page
    assert ESCAPED in page and HOSTILE not in page
    assert not FeedbackItem.objects.exists()


def test_an_upload_without_a_file_is_refused_beside_the_field(editor, plan) -> None:
    response = editor.post(page_url(plan, "feedback/import/"), {})
    assert response.status_code == 200 and "This field is required" in response.content.decode()


def test_viewers_and_contributors_may_not_upload_feedback(
    viewer, contributor, plan, activity
) -> None:
    for client in (viewer, contributor):
        response = client.post(page_url(plan, "feedback/import/"), {"file": _upload(GOOD)})
        assert response.status_code == 403
    assert not FeedbackItem.objects.exists()


def test_feedback_downloads_as_csv_with_formulas_defused_and_reads_back(
    viewer, plan, activity, themes
) -> None:
    import csv
    import io

    services.feedback_create(activity=activity, text="=HYPERLINK(1)", themes=themes)
    services.feedback_create(activity=activity, text="Bus on Sundays")
    response = viewer.get(page_url(plan, f"feedback.csv?theme={themes[1].uuid}"))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows == [
        ["activity", "text", "themes", "pillar", "predictor", "source"],
        ["Listening session at the library", "'=HYPERLINK(1)", "Housing costs; Transit", "",
         "", "activity"],
    ]  # fmt: skip
    everything = viewer.get(page_url(plan, "feedback.csv")).content
    read = feedback_csv_read(data=everything)
    assert read.problems == [] and [r.text for r in read.rows][1] == "Bus on Sundays"
    assert feedback_csv_validate(plan=plan, rows=read.rows, create_themes=False) == []


def test_an_outsider_cannot_download_the_feedback(outsider, plan) -> None:
    assert outsider.get(page_url(plan, "feedback.csv")).status_code == 404
