from __future__ import annotations

import json

import pytest

from engagement import services
from engagement.models import FeedbackItem, Theme
from engagement.tests.conftest import ESCAPED, HOSTILE, activity_make, page_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def themes(plan):  # type: ignore[no-untyped-def]
    return {
        name: services.theme_create(plan=plan, name=name, description=f"About {name.lower()}")
        for name in ("Housing costs", "Transit", "Child care")
    }


def test_an_editor_adds_feedback_coded_into_themes_and_a_predictor(
    editor, plan, activity, themes
) -> None:
    response = editor.post(
        page_url(plan, f"activities/{activity.uuid}/feedback/"),
        {"text": "Rent went up twice this year", "themes": [str(themes["Housing costs"].uuid)],
         "predictor": "opportunity-rich-inclusive-neighborhoods/housing-affordability"},
    )  # fmt: skip
    assert response.status_code == 302
    item = FeedbackItem.objects.get()
    assert [t.name for t in item.themes.all()] == ["Housing costs"]
    assert item.predictor.name == "Housing affordability"
    assert item.pillar.name == "Opportunity-Rich and Inclusive Neighborhoods"
    page = editor.get(page_url(plan, f"activities/{activity.uuid}/")).content.decode()
    assert "Rent went up twice this year" in page and "Themes: Housing costs." in page


def test_the_contributor_who_facilitates_adds_feedback_to_that_activity(
    contributor, plan, facilitated, activity
) -> None:
    page = contributor.get(page_url(plan, f"activities/{facilitated.uuid}/")).content.decode()
    assert "Add the feedback" in page
    response = contributor.post(
        page_url(plan, f"activities/{facilitated.uuid}/feedback/"), {"text": "Buses stop at 7"}
    )
    assert response.status_code == 302
    assert FeedbackItem.objects.get().activity == facilitated


def test_a_contributor_may_not_add_feedback_to_an_activity_someone_else_facilitates(
    contributor, plan, activity
) -> None:
    page = contributor.get(page_url(plan, f"activities/{activity.uuid}/")).content.decode()
    assert "Add the feedback" not in page
    response = contributor.post(
        page_url(plan, f"activities/{activity.uuid}/feedback/"), {"text": "Buses stop at 7"}
    )
    assert response.status_code == 403 and not FeedbackItem.objects.exists()


def test_a_contributor_may_not_recode_feedback_even_on_their_activity(
    contributor, plan, facilitated
) -> None:
    item = services.feedback_create(activity=facilitated, text="Too far to walk")
    response = contributor.post(page_url(plan, f"feedback/{item.uuid}/"), {"text": "changed"})
    assert response.status_code == 403
    item.refresh_from_db()
    assert item.text == "Too far to walk"


def test_a_viewer_reads_feedback_but_may_not_add_or_change_it(viewer, plan, activity) -> None:
    item = services.feedback_create(activity=activity, text="Too far to walk")
    assert viewer.get(page_url(plan, "feedback/")).status_code == 200
    add = page_url(plan, f"activities/{activity.uuid}/feedback/")
    assert viewer.post(add, {"text": "mine"}).status_code == 403
    assert viewer.post(page_url(plan, f"feedback/{item.uuid}/delete/")).status_code == 403
    assert FeedbackItem.objects.count() == 1


def test_empty_feedback_is_refused_beside_the_field(editor, plan, activity) -> None:
    response = editor.post(page_url(plan, f"activities/{activity.uuid}/feedback/"), {"text": ""})
    assert response.status_code == 200
    assert "This field is required" in response.content.decode()
    assert not FeedbackItem.objects.exists()


def test_a_theme_of_another_plan_cannot_be_used_to_code_feedback(editor, plan, activity) -> None:
    from plans.models import Plan

    other = services.theme_create(plan=Plan.objects.exclude(pk=plan.pk).get(), name="Theirs")
    response = editor.post(
        page_url(plan, f"activities/{activity.uuid}/feedback/"),
        {"text": "x", "themes": [str(other.uuid)]},
    )
    assert response.status_code == 200 and not FeedbackItem.objects.exists()


def test_an_editor_recodes_feedback(editor, plan, activity, themes) -> None:
    item = services.feedback_create(activity=activity, text="Too far to walk")
    response = editor.post(
        page_url(plan, f"feedback/{item.uuid}/"),
        {"text": "Too far to walk", "themes": [str(themes["Transit"].uuid)], "predictor": ""},
    )
    assert response.status_code == 302
    assert [t.name for t in item.themes.all()] == ["Transit"]


def test_feedback_is_filtered_by_theme_and_by_activity(viewer, plan, activity, themes) -> None:
    other = activity_make(plan, title="Survey of bus riders", method="survey")
    services.feedback_create(
        activity=activity, text="Rent is too high", themes=[themes["Housing costs"]]
    )
    services.feedback_create(
        activity=activity, text="No bus on Sundays", themes=[themes["Transit"]]
    )
    services.feedback_create(activity=other, text="Buses are late", themes=[themes["Transit"]])
    transit = str(themes["Transit"].uuid)
    page = viewer.get(page_url(plan, f"feedback/?theme={transit}")).content.decode()
    assert "No bus on Sundays" in page and "Buses are late" in page
    assert "Rent is too high" not in page
    both = viewer.get(
        page_url(plan, f"feedback/?theme={transit}&activity={other.uuid}")
    ).content.decode()
    assert "Buses are late" in both and "No bus on Sundays" not in both
    assert "1 of 3 feedback items" in both


def test_an_unknown_filter_shows_all_feedback(viewer, plan, activity) -> None:
    services.feedback_create(activity=activity, text="Rent is too high")
    page = viewer.get(page_url(plan, "feedback/?theme=nonsense&activity=<b>")).content.decode()
    assert "Rent is too high" in page and "1 of 1 feedback item" in page


def test_counts_per_theme_are_charted_with_the_table_behind_a_toggle(
    viewer, plan, activity, themes
) -> None:
    for text in ("Rent", "Deposit", "Eviction"):
        services.feedback_create(activity=activity, text=text, themes=[themes["Housing costs"]])
    services.feedback_create(activity=activity, text="Bus", themes=[themes["Transit"]])
    page = viewer.get(page_url(plan)).content.decode()
    spec_text = page.split('id="spec-themes" type="application/json">')[1].split("</script>")[0]
    spec = json.loads(spec_text)
    assert spec["data"]["values"][:2] == [
        {"theme": "Housing costs", "count": 3},
        {"theme": "Transit", "count": 1},
    ]
    assert "Housing costs: 3; Transit: 1" in spec["description"]
    table = page.split("<details")[1]
    assert "<caption>Feedback items per theme, all activities</caption>" in table
    assert "Housing costs</a></th><td>3</td>" in table and "Child care</a></th><td>0</td>" in table


def test_the_chart_renders_to_svg_on_the_server(plan, activity, themes) -> None:
    from engagement.selectors import engagement_home
    from metrics.charts import chart_render

    services.feedback_create(activity=activity, text="Rent", themes=[themes["Housing costs"]])
    spec = engagement_home(plan=plan).chart
    assert spec is not None
    assert b"<svg" in chart_render(spec=spec, fmt="svg")


def test_themes_are_listed_with_counts_and_a_duplicate_name_is_refused(
    editor, plan, themes
) -> None:
    response = editor.post(page_url(plan, "themes/"), {"name": "transit", "description": ""})
    assert "already has a theme called" in response.content.decode()
    assert Theme.objects.filter(plan=plan).count() == 3
    response = editor.post(page_url(plan, "themes/"), {"name": "Safety", "description": "Streets"})
    assert response.status_code == 302
    assert "Safety" in editor.get(page_url(plan, "themes/")).content.decode()


def test_an_editor_renames_and_deletes_a_theme_keeping_its_feedback(
    editor, plan, activity, themes
) -> None:
    item = services.feedback_create(activity=activity, text="Bus", themes=[themes["Transit"]])
    theme = themes["Transit"]
    editor.post(page_url(plan, f"themes/{theme.uuid}/"), {"name": "Getting around"})
    theme.refresh_from_db()
    assert theme.name == "Getting around"
    editor.post(page_url(plan, f"themes/{theme.uuid}/delete/"))
    assert not Theme.objects.filter(pk=theme.pk).exists()
    assert FeedbackItem.objects.filter(pk=item.pk).exists()


def test_a_viewer_may_not_add_a_theme(viewer, plan) -> None:
    assert viewer.post(page_url(plan, "themes/"), {"name": "Mine"}).status_code == 403
    assert not Theme.objects.exists()


def test_resident_words_are_shown_escaped_everywhere(viewer, plan, activity) -> None:
    theme = services.theme_create(plan=plan, name=HOSTILE, description=HOSTILE)
    services.feedback_create(activity=activity, text=HOSTILE, themes=[theme])
    for path in ("", f"activities/{activity.uuid}/", "feedback/", f"feedback/?theme={theme.uuid}",
                 "themes/", "summary/"):  # fmt: skip
        page = viewer.get(page_url(plan, path)).content.decode()
        assert HOSTILE not in page, path
        assert ESCAPED in page or "\\u003Cscript\\u003E" in page, path
