"""Step 3 in the plan document: scorecard table and chart, decision, open gap actions."""

from __future__ import annotations

import datetime as dt

import pytest

from metrics.charts import chart_render
from plans.models import Membership
from readiness.document import map_section
from readiness.models import Item
from readiness.services import assessment_decide, assessment_start
from reports.blocks import Chart, Paragraph, Table

pytestmark = pytest.mark.django_db


def test_a_plan_without_an_assessment_has_no_readiness_section(plan) -> None:
    assert map_section(plan=plan) is None


def test_the_section_carries_the_scorecard_the_decision_and_open_gaps(plan, people) -> None:
    assessment = assessment_start(plan=plan, user=people["owner"], assessed_on=dt.date(2026, 2, 1))
    items = Item.objects.filter(domain__assessment=assessment).order_by(
        "domain__position", "position"
    )
    first, second = items[0], items[1]
    first.rating, second.rating = "fully", "not_in_place"
    second.gap_action = "Draft a council <resolution>"
    second.gap_owner = Membership.objects.get(plan=plan, user=people["editor"])
    second.gap_due = dt.date(2026, 4, 30)
    first.save()
    second.save()
    assessment_decide(
        assessment=assessment,
        decision="not_yet",
        rationale="Leaders are split.\n\nAsk again in June.",
        decided_on=dt.date(2026, 2, 15),
    )
    section = map_section(plan=plan)
    assert section is not None and section.key == "readiness" and section.order == 30
    chart = next(b for b in section.blocks if isinstance(b, Chart))
    assert chart.table is not None
    leadership = chart.table.rows[0]
    assert leadership[0] == "Leadership commitment" and leadership[-1] == "1.5 of 3"
    assert chart.table.rows[-1][0] == "All domains"
    svg = chart_render(spec=chart.spec, fmt="svg").decode()
    assert "<svg" in svg and "Leadership commitment" in svg
    texts = [b.text for b in section.blocks if isinstance(b, Paragraph)]
    assert "Not yet, decided on 15 February 2026." in texts and "Ask again in June." in texts
    gaps = [
        b for b in section.blocks if isinstance(b, Table) and b.caption == "Gap actions still open"
    ]
    assert gaps[0].rows == [
        [
            "Leadership commitment",
            second.text,
            "Draft a council <resolution>",
            "editor",
            "30 April 2026",
        ]
    ]
