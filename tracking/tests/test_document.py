from __future__ import annotations

import datetime as dt

from reports.blocks import BulletList, Chart, Heading, Paragraph
from tracking import services
from tracking.document import progress_section
from tracking.services import MilestoneFields

D = dt.date


def post(action, user, when, status, percent=None, narrative="Work went on."):  # type: ignore[no-untyped-def]
    return services.progress_update_post(
        action=action, author=user, written_on=when, status=status,
        percent_complete=percent, narrative=narrative,
    )  # fmt: skip


def test_the_progress_section_lists_actions_by_status_as_they_stood_at_the_period_end(
    plan, action, other_action, people
):
    post(action, people["editor"], D(2026, 7, 10), "at-risk", 30, "Two employers hesitate.")
    post(action, people["editor"], D(2026, 10, 5), "completed", 100, "All signed.")  # after Q3
    post(other_action, people["editor"], D(2026, 2, 1), "on-track", 50)
    services.milestone_add(
        action=action, fields=MilestoneFields("Pledge drafted", D(2026, 8, 1), D(2026, 7, 30))
    )
    section = progress_section(plan=plan, period_start=D(2026, 7, 1), period_end=D(2026, 9, 30))
    assert section is not None
    headings = [b.text for b in section.blocks if isinstance(b, Heading)]
    assert "At risk (1)" in headings and "On track (1)" in headings
    assert not any(h.startswith("Completed") for h in headings)
    items = [i for b in section.blocks if isinstance(b, BulletList) for i in b.items]
    assert any("Two employers hesitate." in i and "30% complete" in i for i in items)
    assert "Job fair: no update in this period." in items
    assert any("Pledge drafted" in i for i in items)
    assert any(isinstance(b, Chart) and b.table is not None for b in section.blocks)
    texts = " ".join(b.text for b in section.blocks if isinstance(b, Paragraph))
    assert "1 of them were updated" in texts and "weighted mean" in texts


def test_the_progress_section_is_none_for_a_plan_without_actions(plan):
    assert (
        progress_section(plan=plan, period_start=D(2026, 1, 1), period_end=D(2026, 12, 31)) is None
    )
