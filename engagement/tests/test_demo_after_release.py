"""The demo's engagement after the release: residents' feedback with answers and spam set
aside, and decision points, as a visitor of the published plan sees them."""

from __future__ import annotations

import pytest

from engagement.demo import demo_seed
from engagement.models import DecisionPoint, FeedbackItem

pytestmark = pytest.mark.django_db


def test_the_demo_shows_answered_feedback_and_decisions_but_never_spam(
    plan, people, anonymous
) -> None:
    demo_seed(plan=plan, owner=people["owner"])
    plan.published = True
    plan.save(update_fields=["published"])
    public = FeedbackItem.objects.filter(plan=plan, source="public")
    assert public.filter(moderation="spam").count() == 1
    assert DecisionPoint.objects.filter(plan=plan).count() == 2
    page = anonymous.get(f"/p/{plan.code}/feedback/").content.decode()
    assert "Best prices on watches" not in page
    assert "two later runs on route 31" in page
    assert "Not taken up" in page
    assert "4 of 5 pieces of feedback from residents answered" in page
    assert "Who is offered the new preschool seats first" in page
