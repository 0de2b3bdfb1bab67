from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from engagement import services
from engagement.models import FeedbackItem, FeedbackSource
from engagement.tests.conftest import activity_make
from plans.models import Plan

pytestmark = pytest.mark.django_db


def test_a_facilitator_from_another_plan_is_refused(plan) -> None:
    other = Plan.objects.exclude(pk=plan.pk).get().memberships.get()
    with pytest.raises(ValidationError, match="must be a member of this plan"):
        activity_make(plan, facilitator=other)


def test_counts_by_group_must_be_whole_numbers_of_people(plan) -> None:
    with pytest.raises(ValidationError, match="each with a count of 0 or more"):
        activity_make(plan, makeup={"Renters": -1})
    with pytest.raises(ValidationError, match="each with a count of 0 or more"):
        activity_make(plan, makeup={"Renters": "many"})


def test_an_online_activity_needs_no_place(plan) -> None:
    assert activity_make(plan, mode="online", place="").place == ""


def test_feedback_from_an_activity_always_names_it(plan) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        FeedbackItem.objects.create(plan=plan, source=FeedbackSource.ACTIVITY, text="x")


def test_feedback_from_the_public_page_is_the_same_record_coded_into_the_same_themes(
    plan,
) -> None:
    """Residents' feedback on a published plan (issue 5) needs no activity and counts with
    the rest."""
    from engagement.selectors import theme_counts

    theme = services.theme_create(plan=plan, name="Transit")
    item = FeedbackItem.objects.create(plan=plan, source=FeedbackSource.PUBLIC, text="More buses")
    item.themes.add(theme)
    assert [(t.name, t.count) for t in theme_counts(plan=plan)] == [("Transit", 1)]


def test_updating_an_activity_checks_the_whole_record(plan, activity) -> None:
    with pytest.raises(ValidationError, match="Say where it took place"):
        services.activity_update(activity=activity, place="")
    activity.refresh_from_db()
    assert activity.place == "Rockford Public Library"
