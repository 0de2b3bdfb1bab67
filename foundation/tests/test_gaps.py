from __future__ import annotations

import datetime

from django.urls import reverse

from coalition.models import Person
from foundation.models import RaciEntry
from foundation.selectors import gaps_find
from foundation.tests.conftest import TODAY
from results.models import MeasureValue
from tracking.models import ProgressUpdate, ReviewState


def kinds(found) -> set[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return {(g.kind, g.subject) for g in found}


def update(action, days_ago: int, state: str = ReviewState.PUBLISHED) -> None:  # type: ignore[no-untyped-def]
    ProgressUpdate.objects.create(
        action=action, written_on=TODAY - datetime.timedelta(days=days_ago), status="on-track",
        narrative="Going well.", review_state=state,
    )  # fmt: skip


def test_an_action_without_backup_or_recent_shown_update_is_a_gap(plan, action):
    update(action, 100)
    update(action, 5, ReviewState.PENDING)  # waiting for review: not shown, does not count
    found = gaps_find(plan=plan, today=TODAY, days=90)
    assert kinds(found.actions) == {("No backup", action.title), ("No recent update", action.title)}
    update(action, 10)
    assert ("No recent update", action.title) not in kinds(
        gaps_find(plan=plan, today=TODAY).actions
    )


def test_an_action_without_owner_is_a_gap_until_an_organisation_owns_it(plan, action, library):
    action.owner = None
    action.save()
    assert ("No owner", action.title) in kinds(gaps_find(plan=plan, today=TODAY).actions)
    action.owner_organisation = library
    action.save()
    assert ("No owner", action.title) not in kinds(gaps_find(plan=plan, today=TODAY).actions)


def test_a_measure_without_values_or_collector_is_a_gap(plan, measure, member):
    found = gaps_find(plan=plan, today=TODAY)
    assert kinds(found.measures) == {("No data", measure.name), ("No collector", measure.name)}
    end = datetime.date(2026, 12, 31)
    MeasureValue.objects.create(measure=measure, period="2026", period_end=end, value=12)
    measure.collector = member("contributor")
    measure.save()
    assert gaps_find(plan=plan, today=TODAY).measures == []


def test_a_working_group_without_chair_is_a_gap(plan, group):
    assert kinds(gaps_find(plan=plan, today=TODAY).groups) == {("No chair", "Jobs working group")}
    group.chair = Person.objects.create(plan=plan, name="Dana Reyes")
    group.save()
    assert gaps_find(plan=plan, today=TODAY).groups == []


def test_an_organisation_with_nothing_assigned_is_a_gap_until_it_takes_a_role(
    plan, action, library, clinic, measure, member
):
    action.partners.add(library)
    names = {g.subject for g in gaps_find(plan=plan, today=TODAY).organisations}
    assert "Crusader Community Health" in names and "Rockford Public Library" not in names
    RaciEntry.objects.create(plan=plan, measure=measure, organisation=clinic, role="I")
    names = {g.subject for g in gaps_find(plan=plan, today=TODAY).organisations}
    assert "Crusader Community Health" not in names


def test_a_members_organisation_counts_as_assigned_through_a_measure_role(
    plan, measure, clinic, member
):
    collector = member("editor")
    collector.organisation = clinic
    collector.save()
    measure.collector = collector
    measure.save()
    names = {g.subject for g in gaps_find(plan=plan, today=TODAY).organisations}
    assert "Crusader Community Health" not in names


def test_the_gaps_page_links_each_gap_to_where_it_is_fixed(viewer, plan, action, group):
    page = viewer.get(reverse("foundation:gaps", args=[plan.code]) + "?days=30")
    text = page.content.decode()
    assert page.status_code == 200
    assert reverse("tracking:ownership", args=[plan.code, action.uuid]) in text
    assert reverse("coalition:group-edit", args=[plan.code, group.uuid]) in text


def test_a_number_of_days_that_is_not_a_number_is_refused(viewer, plan):
    page = viewer.get(reverse("foundation:gaps", args=[plan.code]) + "?days=%3Cb%3E")
    assert page.status_code == 400
    assert "Enter a whole number" in page.content.decode()


def test_outsiders_get_404_and_anonymous_people_are_sent_to_sign_in(outsider, anonymous, plan):
    page = reverse("foundation:gaps", args=[plan.code])
    assert outsider.get(page).status_code == 404
    assert anonymous.get(page).status_code == 302
