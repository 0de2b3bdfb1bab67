from __future__ import annotations

import pytest

from engagement.models import Activity
from engagement.tests.conftest import ESCAPED, HOSTILE, activity_make, page_url

pytestmark = pytest.mark.django_db

FORM = {
    "title": "Focus group with parents",
    "method": "focus-group",
    "spectrum": "involve",
    "date": "2026-04-02",
    "mode": "in-person",
    "place": "Washington Park Community Center",
    "languages": "English, Spanish, English",
    "accessibility": "Child care on site",
    "compensation": ["stipend", "child-care"],
    "participants": "12",
    "makeup": "Parents of young children: 12\nRenters: 9\n",
    "notes": "",
}


def test_an_editor_records_an_activity_and_sees_it_listed(editor, plan) -> None:
    response = editor.post(page_url(plan, "activities/new/"), FORM)
    activity = Activity.objects.get(plan=plan)
    assert response.status_code == 302
    assert response["Location"] == page_url(plan, f"activities/{activity.uuid}/")
    assert activity.languages == ["English", "Spanish"]
    assert activity.makeup == {"Parents of young children": 12, "Renters": 9}
    assert activity.compensation == ["stipend", "child-care"]
    home = editor.get(page_url(plan)).content.decode()
    assert "Focus group with parents" in home and "Involve" in home
    detail = editor.get(response["Location"]).content.decode()
    assert "Parents of young children" in detail and "Stipend, Child care" in detail


def test_the_home_explains_each_level_of_residents_say(viewer, plan) -> None:
    page = viewer.get(page_url(plan)).content.decode()
    assert "Defer to residents" in page
    assert "Residents decide, and the coalition carries out what they choose." in page


def test_an_activity_in_person_without_a_place_is_refused_beside_the_field(editor, plan) -> None:
    response = editor.post(page_url(plan, "activities/new/"), {**FORM, "place": ""})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Say where it took place" in page and "usa-form-group--error" in page
    assert not Activity.objects.exists()


@pytest.mark.parametrize(
    ("makeup", "message"),
    [
        ("Renters twelve", "write the group, a colon, then a count"),
        ("Renters: twelve", "is not a whole number of people"),
        ("Renters: -3", "is not a whole number of people"),
        ("Renters: 3\nRenters: 4", "is listed twice"),
    ],
)
def test_a_makeup_that_is_not_counts_by_group_is_refused(editor, plan, makeup, message) -> None:
    response = editor.post(page_url(plan, "activities/new/"), {**FORM, "makeup": makeup})
    assert message in response.content.decode()
    assert not Activity.objects.exists()


def test_none_cannot_go_with_another_compensation(editor, plan) -> None:
    response = editor.post(
        page_url(plan, "activities/new/"), {**FORM, "compensation": ["none", "meal"]}
    )
    assert "cannot go with another kind of compensation" in response.content.decode()
    assert not Activity.objects.exists()


def test_a_date_that_is_not_a_date_is_refused(editor, plan) -> None:
    response = editor.post(page_url(plan, "activities/new/"), {**FORM, "date": "next spring"})
    assert "Enter a valid date" in response.content.decode()
    assert not Activity.objects.exists()


def test_an_editor_changes_an_activity(editor, plan, activity) -> None:
    edit = page_url(plan, f"activities/{activity.uuid}/edit/")
    assert "Rockford Public Library" in editor.get(edit).content.decode()
    response = editor.post(edit, {**FORM, "title": "Renamed", "mode": "online", "place": ""})
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.title == "Renamed" and activity.mode == "online"


def test_an_editor_deletes_an_activity(editor, plan, activity) -> None:
    response = editor.post(page_url(plan, f"activities/{activity.uuid}/delete/"))
    assert response.status_code == 302 and not Activity.objects.exists()


def test_a_viewer_reads_activities_but_may_not_record_change_or_delete_them(
    viewer, plan, activity
) -> None:
    assert viewer.get(page_url(plan)).status_code == 200
    assert viewer.get(page_url(plan, f"activities/{activity.uuid}/")).status_code == 200
    assert viewer.get(page_url(plan, "activities/new/")).status_code == 200
    assert viewer.post(page_url(plan, "activities/new/"), FORM).status_code == 403
    assert viewer.get(page_url(plan, f"activities/{activity.uuid}/edit/")).status_code == 403
    assert viewer.post(page_url(plan, f"activities/{activity.uuid}/delete/")).status_code == 403
    assert Activity.objects.count() == 1


def test_a_contributor_may_not_record_an_activity(contributor, plan) -> None:
    assert contributor.post(page_url(plan, "activities/new/"), FORM).status_code == 403
    assert not Activity.objects.exists()


def test_an_outsider_gets_404_everywhere_in_step_6(outsider, plan, activity) -> None:
    for path in ("", "activities/new/", f"activities/{activity.uuid}/", "feedback/", "themes/",
                 "findings/", "summary/", "feedback/import/"):  # fmt: skip
        assert outsider.get(page_url(plan, path)).status_code == 404, path


def test_an_activity_of_another_plan_is_not_found_through_ours(owner, plan, people) -> None:
    from plans.models import Plan

    theirs = activity_make(Plan.objects.exclude(pk=plan.pk).get())
    assert owner.get(page_url(plan, f"activities/{theirs.uuid}/")).status_code == 404


def test_an_anonymous_visitor_is_sent_to_sign_in(anonymous, plan) -> None:
    response = anonymous.get(page_url(plan))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_markup_typed_into_an_activity_is_shown_escaped(viewer, plan) -> None:
    activity = activity_make(
        plan, title=HOSTILE, place=HOSTILE, accessibility=HOSTILE, notes=HOSTILE,
        languages=[HOSTILE], makeup={HOSTILE: 3},
    )  # fmt: skip
    for path in ("", f"activities/{activity.uuid}/", "summary/"):
        page = viewer.get(page_url(plan, path)).content.decode()
        assert ESCAPED in page and HOSTILE not in page, path


def test_each_hint_is_the_one_its_field_points_screen_readers_to(editor, plan) -> None:
    page = editor.get(page_url(plan, "activities/new/")).content.decode()
    for name in ("languages", "makeup", "spectrum"):
        assert f'aria-describedby="id_{name}_helptext"' in page
        assert f'id="id_{name}_helptext"' in page
