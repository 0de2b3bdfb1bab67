"""The pages, for each persona: members read the calendar and the accountability view,
editors change the settings, each person sees and changes only their own things."""

from __future__ import annotations

import datetime
import json
import re

import pytest

from followup.models import FollowupSettings, ReminderPreference
from plans.models import Plan
from strategy.models import StrategicAction

pytestmark = pytest.mark.django_db


def url(plan: Plan, page: str = "") -> str:
    return f"/plans/{plan.code}/followup/{page}"


@pytest.fixture
def everything(settings_row, action, partner_action, milestone, measure) -> None:
    """Due items of every kind (dates in 2027; the measure's value is already overdue)."""


# -- the reporting calendar ----------------------------------------------------------------


def test_a_viewer_reads_the_calendar_month_by_month_with_links_to_post(
    viewer, plan, everything, action: StrategicAction
) -> None:
    page = viewer.get(url(plan)).content.decode()
    assert "<h1>Reporting calendar</h1>" in page
    assert 'id="month-2027-03"' in page
    assert "Milestone: Ten employers sign (Living-wage pledge)" in page
    assert "Rockford Housing Partners (Dana Ruiz)" in page
    assert f"/plans/{plan.code}/" in page and str(action.uuid) in page
    assert "Overdue since" in page  # the measure's value, in words beside its tag
    assert 'class="usa-tag bg-secondary-dark text-white">Overdue<' in page
    assert "Make one in the settings" not in page  # a viewer cannot make a feed link


def test_the_calendar_filters_by_person_and_organisation(
    owner, plan, everything, members, partner
) -> None:
    page = owner.get(url(plan), {"organisation": partner.name}).content.decode()
    assert "Tenant legal aid" in page and "Living-wage pledge" not in page
    page = owner.get(url(plan), {"person": str(members["editor"].uuid)}).content.decode()
    assert "Living-wage pledge" in page and "Tenant legal aid" not in page
    assert "Items for editor" in page


def test_people_typed_text_is_shown_escaped(owner, plan, everything, action) -> None:
    StrategicAction.objects.filter(pk=action.pk).update(title="<script>alert(1)</script>")
    page = owner.get(url(plan)).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_outsiders_do_not_find_the_plans_pages_and_anonymous_people_sign_in_first(
    outsider, anonymous, plan
) -> None:
    for page in ("", "accountability/", "settings/"):
        assert outsider.get(url(plan, page)).status_code == 404
        response = anonymous.get(url(plan, page))
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert outsider.post(url(plan, "settings/feed/")).status_code == 404


# -- accountability ------------------------------------------------------------------------


def test_the_accountability_view_gives_shares_and_overdue_items_with_a_chart_and_its_table(
    viewer, plan, everything
) -> None:
    page = viewer.get(url(plan, "accountability/")).content.decode()
    assert "0 of 1 (0%)" in page  # measures up to date
    assert "0 of 2 (0%)" in page  # actions updated in the last quarter
    assert "<caption>Overdue items by owner</caption>" in page
    spec = json.loads(
        re.search(r'id="spec-overdue-owners"[^>]*>(.*?)</script>', page, re.S).group(1)  # type: ignore[union-attr]
    )
    assert {v["who"] for v in spec["data"]["values"]} >= {"contributor"}
    assert spec["mark"]["type"] == "bar"


# -- settings ------------------------------------------------------------------------------


def test_an_editor_changes_the_cadence_and_the_calendar_follows(editor, plan, everything) -> None:
    response = editor.post(
        url(plan, "settings/"),
        {"action_cadence": "monthly", "grace_days": 3, "lead_days": 10,
         "started_on": "2027-01-01", "version": 1},
    )  # fmt: skip
    assert response.status_code == 302
    saved = FollowupSettings.objects.get(plan=plan)
    assert (saved.action_cadence, saved.grace_days, saved.lead_days, saved.version) == (
        "monthly", 3, 10, 2,
    )  # fmt: skip
    assert "every month" in editor.get(url(plan)).content.decode()


def test_a_stale_settings_form_is_refused_and_nothing_is_overwritten(editor, plan, settings_row):
    data = {"action_cadence": "monthly", "grace_days": 3, "lead_days": 10, "version": 1}
    assert editor.post(url(plan, "settings/"), data).status_code == 302
    again = editor.post(url(plan, "settings/"), {**data, "grace_days": 30})
    assert "changed since you opened the page" in again.content.decode()
    assert FollowupSettings.objects.get(plan=plan).grace_days == 3


def test_bad_settings_are_explained_beside_the_field_and_not_saved(editor, plan) -> None:
    response = editor.post(
        url(plan, "settings/"), {"action_cadence": "weekly", "grace_days": -1, "lead_days": 500}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count("usa-error-message") == 3
    assert not FollowupSettings.objects.exists()


def test_viewers_and_contributors_may_not_change_the_settings(viewer, contributor, plan) -> None:
    data = {"action_cadence": "monthly", "grace_days": 3, "lead_days": 10}
    assert viewer.get(url(plan, "settings/")).status_code == 403
    assert contributor.post(url(plan, "settings/"), data).status_code == 403
    assert viewer.post(url(plan, "settings/feed/"), {"do": "renew"}).status_code == 403
    assert not FollowupSettings.objects.exists()


def test_an_owner_makes_and_switches_off_the_plans_calendar_link(owner, viewer, plan) -> None:
    owner.post(url(plan, "settings/feed/"), {"do": "renew"})
    token = FollowupSettings.objects.get(plan=plan).feed_token
    assert len(token) >= 24
    assert f"/followup/feed/{token}.ics" in viewer.get(url(plan)).content.decode()
    owner.post(url(plan, "settings/feed/"), {"do": "stop"})
    assert FollowupSettings.objects.get(plan=plan).feed_token == ""


# -- my updates and preferences ------------------------------------------------------------


def test_my_updates_shows_only_my_own_items_linking_to_where_i_post_them(
    contributor, viewer, plan, everything, measure
) -> None:
    page = contributor.get("/me/updates/").content.decode()
    assert "Measure value: Employers signed" in page
    assert f"/plans/{plan.code}/" in page
    assert "Tenant legal aid" not in page  # a partner's action
    assert "Employers signed" not in viewer.get("/me/updates/").content.decode()


def test_personal_pages_ask_anonymous_people_to_sign_in(anonymous) -> None:
    for page in ("/me/updates/", "/me/reminders/"):
        response = anonymous.get(page)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert anonymous.post("/me/reminders/feed/").status_code == 302


def test_a_person_chooses_daily_reminders_for_one_plan(contributor, people, plan) -> None:
    page = contributor.get("/me/reminders/").content.decode()
    assert 'value="weekly" selected' in page  # the default
    response = contributor.post(
        "/me/reminders/",
        {"frequency": "daily", "weekday": 0, "plans": [plan.code], "lead_days": "", "version": 1},
    )
    assert response.status_code == 302
    saved = ReminderPreference.objects.get(user=people["contributor"])
    assert saved.frequency == "daily"
    assert list(saved.plans.all()) == [plan]
    assert saved.lead_days is None


def test_a_person_cannot_choose_a_plan_they_do_not_belong_to(outsider, people, plan) -> None:
    response = outsider.post(
        "/me/reminders/", {"frequency": "daily", "weekday": 0, "plans": [plan.code]}
    )
    assert response.status_code == 200
    assert "usa-error-message" in response.content.decode()
    assert not ReminderPreference.objects.filter(user=people["outsider"]).exists()


def test_a_person_makes_a_new_calendar_link_and_the_old_one_stops(
    contributor, people, everything
) -> None:
    contributor.post("/me/reminders/feed/", {"do": "renew"})
    first = ReminderPreference.objects.get(user=people["contributor"]).feed_token
    assert contributor.get(f"/me/feed/{first}.ics").status_code == 200
    contributor.post("/me/reminders/feed/", {"do": "renew"})
    second = ReminderPreference.objects.get(user=people["contributor"]).feed_token
    assert second != first
    assert contributor.get(f"/me/feed/{first}.ics").status_code == 404
    assert f"/me/feed/{second}.ics" in contributor.get("/me/reminders/").content.decode()


def test_the_calendar_works_without_any_settings_saved(viewer, plan, action) -> None:
    page = viewer.get(url(plan)).content.decode()
    assert "every quarter" in page
    assert f"Follow-through counts from {plan.created_at:%B} {plan.created_at.day}" in page
    assert datetime.date.today().year <= int(re.findall(r'id="month-(\d{4})', page)[0]) + 1
