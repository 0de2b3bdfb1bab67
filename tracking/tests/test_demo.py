from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from plans.demo import demo_plan_seed
from strategy.models import StrategicAction
from tracking.models import Milestone, PartnerKey, ProgressUpdate, ReviewState


@pytest.fixture
def demo_plan(db):  # type: ignore[no-untyped-def]
    owner = get_user_model().objects.create_user(username="demo", password="correct horse 42")
    return demo_plan_seed(owner=owner), owner


def test_the_demo_plan_carries_a_year_of_follow_through_on_every_action(demo_plan):
    plan, _ = demo_plan
    actions = list(StrategicAction.objects.filter(plan=plan))
    assert len(actions) == 5
    for action in actions:
        shown = ProgressUpdate.objects.filter(action=action, review_state=ReviewState.PUBLISHED)
        assert 3 <= shown.count() <= 6, action.title
        assert Milestone.objects.filter(action=action).exists()
    dates = ProgressUpdate.objects.filter(action__plan=plan).values_list("written_on", flat=True)
    assert min(dates) >= dt.date(2025, 11, 1) and max(dates) <= dt.date(2026, 10, 31)
    assert len({a.status for a in actions}) >= 3
    states = set(
        ProgressUpdate.objects.filter(action__plan=plan).values_list("review_state", flat=True)
    )
    assert states == {ReviewState.PUBLISHED, ReviewState.RETURNED, ReviewState.PENDING}


def test_in_the_demo_a_partners_records_system_reports_with_its_key(demo_plan):
    plan, owner = demo_plan
    key = PartnerKey.objects.get(plan=plan)
    assert key.organisation.name == "Blackhawk Community Health Network" and key.is_active()
    from_system = ProgressUpdate.objects.filter(
        action__plan=plan, author_organisation__isnull=False
    )
    assert from_system.count() == 2
    assert {u.review_state for u in from_system} == {ReviewState.PUBLISHED}
    client = Client()
    client.force_login(owner)
    keys_page = client.get(reverse("tracking:keys", args=[plan.code])).content.decode()
    assert "Community benefit records" in keys_page
    action = from_system.first().action
    page = client.get(reverse("tracking:action", args=[plan.code, action.uuid])).content.decode()
    assert "Blackhawk Community Health Network (reporting system)" in page


def test_the_demo_board_and_an_action_page_show_the_record(demo_plan):
    plan, owner = demo_plan
    client = Client()
    client.force_login(owner)
    board = client.get(reverse("tracking:board", args=[plan.code])).content.decode()
    assert "Blackhawk Community Health Network" in board and "waiting for review" in board
    action = StrategicAction.objects.get(plan=plan, title__startswith="A living-wage compact")
    page = client.get(reverse("tracking:action", args=[plan.code, action.uuid])).content.decode()
    assert "Say which employers signed" in page and "Off track" in page
    rollup = client.get(reverse("tracking:rollup", args=[plan.code]))
    assert rollup.status_code == 200
