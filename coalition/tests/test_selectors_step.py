"""Step 4 on the plan home reads a light overview: it must say what the full one says."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from coalition.selectors import coalition_overview, coalition_progress, coalition_step_overview
from plans.demo import demo_plan_build

pytestmark = pytest.mark.django_db


def test_the_plan_home_counts_step_four_as_the_coalition_page_does():
    owner = get_user_model().objects.create_user(username="demo-owner")
    plan = demo_plan_build(owner=owner).plan
    full, light = coalition_overview(plan=plan), coalition_step_overview(plan=plan)
    assert coalition_progress(overview=light) == coalition_progress(overview=full)
    assert light.sectors == full.sectors and light.role_counts == full.role_counts
