"""What falls due when, and who owes it (frozen dates passed in as `today`)."""

from __future__ import annotations

import datetime

import pytest

from followup.selectors import (
    DUE,
    MILESTONE,
    OVERDUE,
    UPCOMING,
    UPDATE,
    VALUE,
    months_add,
    my_updates,
    plan_accountability,
    plan_calendar,
    plan_due,
)
from plans.models import Membership, Organisation, Plan
from strategy.models import Measure, StrategicAction
from tracking.models import Milestone, ProgressUpdate, ReviewState

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2027, 3, 22)  # a Monday


def update(action: StrategicAction, on: datetime.date, **extra: object) -> ProgressUpdate:
    return ProgressUpdate.objects.create(
        action=action, written_on=on, status="on-track", narrative="Going well.", **extra
    )


def test_months_add_keeps_the_day_or_takes_the_months_last() -> None:
    assert months_add(datetime.date(2027, 1, 31), 1) == datetime.date(2027, 2, 28)
    assert months_add(datetime.date(2027, 11, 15), 3) == datetime.date(2028, 2, 15)
    assert months_add(datetime.date(2027, 3, 15), -3) == datetime.date(2026, 12, 15)


def test_an_actions_first_update_is_due_one_quarter_after_follow_through_starts(
    settings_row, action
) -> None:
    items = [i for i in plan_due(plan=action.plan, today=TODAY).items if i.kind == UPDATE]
    first = items[0]
    assert first.due_on == datetime.date(2027, 4, 1)
    assert first.state == DUE
    assert first.state_text == "Due in 10 days, April 1"
    assert first.owner == "contributor (with editor)"
    # The next ones repeat each quarter, a year ahead.
    assert [i.due_on.month for i in items[1:]] == [7, 10, 1]
    assert all(i.repeat and i.state == UPCOMING for i in items[1:])


def test_a_shown_update_moves_the_next_one_a_cadence_later_but_one_under_review_does_not(
    settings_row, action
) -> None:
    update(action, datetime.date(2027, 3, 10))
    update(action, datetime.date(2027, 3, 20), review_state=ReviewState.PENDING)
    first = next(i for i in plan_due(plan=action.plan, today=TODAY).items if i.kind == UPDATE)
    assert first.due_on == datetime.date(2027, 6, 10)
    assert first.state == UPCOMING


def test_a_monthly_cadence_asks_for_an_update_every_month(settings_row, action) -> None:
    settings_row.action_cadence = "monthly"
    settings_row.save()
    items = [i for i in plan_due(plan=action.plan, today=TODAY).items if i.kind == UPDATE]
    assert items[0].due_on == datetime.date(2027, 2, 1)
    assert items[0].state == OVERDUE
    assert items[0].state_text == "Overdue since February 1"
    assert items[1].due_on == datetime.date(2027, 4, 1)  # March 1 has passed: not repeated


def test_a_milestone_is_flagged_overdue_only_after_the_grace_days(settings_row, milestone) -> None:
    plan = milestone.action.plan

    def state(today: datetime.date) -> tuple[str, str]:
        item = next(i for i in plan_due(plan=plan, today=today).items if i.kind == MILESTONE)
        return item.state, item.state_text

    assert state(datetime.date(2027, 2, 1)) == (UPCOMING, "Due March 1")
    assert state(datetime.date(2027, 2, 20)) == (DUE, "Due in 9 days, March 1")
    assert state(datetime.date(2027, 3, 5)) == (DUE, "Was due March 1: please send it now")
    assert state(datetime.date(2027, 3, 9)) == (OVERDUE, "Overdue since March 1")


def test_completed_milestones_and_finished_actions_owe_nothing(
    settings_row, action, milestone
) -> None:
    Milestone.objects.filter(pk=milestone.pk).update(completed_on=datetime.date(2027, 2, 27))
    assert not [i for i in plan_due(plan=action.plan, today=TODAY).items if i.kind == MILESTONE]
    StrategicAction.objects.filter(pk=action.pk).update(status="completed")
    assert plan_due(plan=action.plan, today=TODAY).items == []


def test_a_measures_next_value_is_due_when_its_freshness_says_and_its_reporter_owes_it(
    settings_row, measure
) -> None:
    item = next(i for i in plan_due(plan=measure.plan, today=TODAY).items if i.kind == VALUE)
    assert item.state == OVERDUE
    assert item.owner == "contributor"
    assert item.subject == "Employers signed"


def test_a_partner_organisations_action_names_the_organisation_and_its_contact(
    settings_row, partner_action
) -> None:
    item = plan_due(plan=partner_action.plan, today=TODAY).items[0]
    assert item.owner == "Rockford Housing Partners (Dana Ruiz)"
    assert item.organisation == "Rockford Housing Partners"
    assert item.user_ids == ()


def test_without_settings_updates_count_from_the_plans_creation_every_quarter(action) -> None:
    item = plan_due(plan=action.plan, today=TODAY).items[0]
    assert item.due_on == months_add(action.plan.created_at.date(), 3)


# -- the calendar --------------------------------------------------------------------------


def test_the_calendar_lists_items_month_by_month_with_overdue_ones_counted(
    settings_row, action, partner_action, milestone, measure
) -> None:
    data = plan_calendar(plan=action.plan, today=TODAY)
    labels = [m.label for m in data.months]
    assert labels[:3] == ["November 2026", "March 2027", "April 2027"]
    assert data.months[1].overdue_count == 1  # the milestone
    assert data.counts == {OVERDUE: 2, DUE: 2, UPCOMING: data.counts[UPCOMING]}
    assert "every quarter" in data.cadence_text


def test_the_calendar_filters_by_person_and_by_organisation(
    settings_row, action, partner_action, milestone, members: dict[str, Membership],
    partner: Organisation,
) -> None:  # fmt: skip
    plan = action.plan
    editor = str(members["editor"].uuid)
    mine = [i for m in plan_calendar(plan=plan, today=TODAY, person=editor).months for i in m.items]
    assert {i.subject for i in mine} == {"Living-wage pledge"}
    by_org = plan_calendar(plan=plan, today=TODAY, organisation=partner.name)
    assert {i.subject for m in by_org.months for i in m.items} == {"Tenant legal aid"}
    assert by_org.filtered_by == "Rockford Housing Partners"


# -- one person's updates ------------------------------------------------------------------


def test_my_updates_shows_a_person_only_their_own_items(
    settings_row, action, partner_action, milestone, measure, people
) -> None:
    mine = my_updates(user=people["contributor"], today=TODAY)
    assert {(i.kind, i.subject) for i in mine.overdue} == {
        (MILESTONE, "Living-wage pledge"),
        (VALUE, "Employers signed"),
    }
    assert [(i.kind, i.due_on) for i in mine.due] == [(UPDATE, datetime.date(2027, 4, 1))]
    backup = my_updates(user=people["editor"], today=TODAY)
    assert {i.kind for i in backup.overdue + backup.due} == {MILESTONE, UPDATE}
    nothing = my_updates(user=people["viewer"], today=TODAY)
    assert nothing.overdue == nothing.due == nothing.upcoming == []
    assert my_updates(user=people["outsider"], today=TODAY).plan_count == 1


def test_my_updates_lists_what_was_done_in_the_last_thirty_days(
    settings_row, action, milestone, people
) -> None:
    update(action, datetime.date(2027, 3, 1))
    update(action, datetime.date(2027, 1, 5))  # too long ago
    Milestone.objects.filter(pk=milestone.pk).update(completed_on=datetime.date(2027, 3, 2))
    done = my_updates(user=people["contributor"], today=TODAY).done
    assert [(d.kind, d.done_on) for d in done] == [
        (MILESTONE, datetime.date(2027, 3, 2)),
        (UPDATE, datetime.date(2027, 3, 1)),
    ]


# -- accountability ------------------------------------------------------------------------


def test_accountability_counts_current_measures_recent_updates_and_overdue_by_owner(
    settings_row, action, partner_action, milestone, measure: Measure
) -> None:
    plan: Plan = action.plan
    data = plan_accountability(plan=plan, today=TODAY)
    assert data.measures.text == "0 of 1 (0%)"
    assert data.actions.text == "0 of 2 (0%)"
    assert [(r.name, r.count) for r in data.by_owner] == [("contributor", 2)]
    assert data.by_owner[0].items == (
        "Measure value: Employers signed: Overdue since November 14, 2026",
        "Milestone: Ten employers sign (Living-wage pledge): Overdue since March 1",
    )
    update(partner_action, datetime.date(2027, 2, 1))
    data = plan_accountability(plan=plan, today=TODAY)
    assert data.actions.text == "1 of 2 (50%)"
    assert data.period_text == "since December 22, 2026"
    assert data.overdue_total == 2


def test_the_calendar_looks_as_many_months_ahead_as_asked(settings_row, action) -> None:
    three = plan_calendar(plan=action.plan, today=TODAY, months_ahead=3)
    assert [i.due_on for m in three.months for i in m.items] == [datetime.date(2027, 4, 1)]
    twelve = plan_calendar(plan=action.plan, today=TODAY, months_ahead=12)
    assert len([i for m in twelve.months for i in m.items]) == 4
