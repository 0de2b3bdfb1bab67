"""Suggested wins: milestones reached lately and measures that improved beyond their
intervals in their good direction; accepted, changed then accepted, or set aside for good."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from results.models import MeasureValue
from strategy import services as strategy
from tracking.models import Milestone
from wins.models import SuggestionDismissal, Win, WinKind
from wins.selectors import suggestions_list
from wins.tests.conftest import TODAY


def day(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


@pytest.fixture
def reached(action) -> Milestone:  # type: ignore[no-untyped-def]
    return Milestone.objects.create(
        action=action, title="Night route approved by the board", due_on=day("2026-08-01"),
        completed_on=day("2026-07-28"),
    )  # fmt: skip


def measure_with(plan, action, direction: str, values):  # type: ignore[no-untyped-def]
    element = strategy.element_add(action=action, kind="outcome", text="People reach jobs")
    measure = strategy.measure_save(
        plan=plan, element=element, name=f"Measure ({direction})", unit="percent",
        direction=direction, frequency="annual",
    )  # fmt: skip
    for period, value, lb, ub in values:
        MeasureValue.objects.create(
            measure=measure, period=period, period_end=datetime.date(int(period), 12, 31),
            value=value, lb=lb, ub=ub,
        )  # fmt: skip
    return measure


def test_a_milestone_reached_in_the_last_year_is_suggested_with_its_action(plan, reached):
    [found] = suggestions_list(plan=plan, today=TODAY)
    assert found.key == f"milestone:{reached.uuid}"
    assert found.title == "Night route approved by the board"
    assert found.action == "Late-night bus to the industrial park"
    assert found.happened_on == day("2026-07-28")


def test_old_open_or_future_milestones_are_not_suggested(plan, action):
    for title, completed in (("Old", "2025-06-01"), ("Open", None), ("Ahead", "2026-12-31")):
        Milestone.objects.create(
            action=action, title=title, due_on=day("2026-01-01"),
            completed_on=day(completed) if completed else None,
        )  # fmt: skip
    assert suggestions_list(plan=plan, today=TODAY) == []


def test_a_measure_counts_only_when_intervals_do_not_overlap_and_it_went_the_good_way(plan, action):
    real = measure_with(plan, action, "higher", [("2023", 50, 48, 52), ("2024", 58, 56, 60)])
    measure_with(plan, action, "higher", [("2023", 50, 45, 55), ("2024", 53, 49, 57)])  # noise
    measure_with(plan, action, "lower", [("2023", 50, 48, 52), ("2024", 58, 56, 60)])  # worse
    measure_with(plan, action, "higher", [("2023", 50, None, None), ("2024", 70, None, None)])
    lower = measure_with(plan, action, "lower", [("2023", 30, 29, 31), ("2024", 20, 19, 21)])
    found = suggestions_list(plan=plan, today=TODAY)
    assert {s.key for s in found} == {f"measure:{real.uuid}:2024", f"measure:{lower.uuid}:2024"}
    assert all(s.kind == WinKind.OUTCOME for s in found)
    assert "intervals do not overlap" in found[0].what_happened


def test_accepting_as_it_is_makes_a_win_and_it_is_not_proposed_again(contributor, plan, reached):
    key = f"milestone:{reached.uuid}"
    form = contributor.get(reverse("wins:accept", args=[plan.code]), {"key": key})
    assert form.status_code == 200
    assert "Night route approved by the board" in form.content.decode()
    page = contributor.post(
        reverse("wins:accept", args=[plan.code]),
        {"key": key, "title": "Board approves the night route", "kind": "policy-adopted",
         "happened_on": "2026-07-28", "what_happened": "Unanimous vote.", "public": "on"},
    )  # fmt: skip
    assert page.status_code == 302
    win = Win.objects.get()
    assert win.title == "Board approves the night route" and win.source_key == key
    assert suggestions_list(plan=plan, today=TODAY) == []
    again = contributor.post(reverse("wins:accept", args=[plan.code]), {"key": key})
    assert again.status_code == 404
    assert Win.objects.count() == 1


def test_a_dismissed_suggestion_is_remembered_and_only_editors_dismiss(
    editor, contributor, viewer, plan, reached
):
    key = f"milestone:{reached.uuid}"
    dismiss = reverse("wins:dismiss", args=[plan.code])
    assert contributor.post(dismiss, {"key": key}).status_code == 403
    assert viewer.post(dismiss, {"key": key}).status_code == 403
    assert editor.post(dismiss, {"key": key}).status_code == 302
    assert SuggestionDismissal.objects.get().key == key
    assert suggestions_list(plan=plan, today=TODAY) == []
    page = viewer.get(reverse("wins:suggestions", args=[plan.code])).content.decode()
    assert "Set aside" in page and "Night route approved by the board" in page
    assert editor.post(dismiss, {"key": "milestone:forged"}).status_code == 404


def test_the_suggestions_page_lists_them_and_a_viewer_cannot_accept(viewer, plan, reached):
    page = viewer.get(reverse("wins:suggestions", args=[plan.code])).content.decode()
    assert "Night route approved by the board" in page and "Review and accept" not in page
    key = f"milestone:{reached.uuid}"
    assert viewer.get(reverse("wins:accept", args=[plan.code]), {"key": key}).status_code == 403
