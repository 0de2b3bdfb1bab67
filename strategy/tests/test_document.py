from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from reports.blocks import Paragraph, Table
from strategy import services
from strategy.document import map_section

pytestmark = pytest.mark.django_db


def test_the_plan_has_no_strategy_section_before_anything_is_recorded(plan) -> None:
    assert map_section(plan=plan) is None


def test_the_strategy_section_carries_vision_theory_logic_model_and_ranking(
    plan, action, other_action, people
) -> None:
    services.vision_write(
        plan=plan,
        text="Every <family> thrives",
        written_on=datetime.date(2026, 1, 1),
        user=people["owner"],
    )
    services.element_add(action=action, kind="activity", text="Recruit employers")
    reach = services.criterion_add(plan=plan, name="Reach", weight=Decimal(2))
    services.matrix_scores_set(scores={action: {reach: 4}, other_action: {reach: 5}})
    section = map_section(plan=plan)
    assert section is not None and section.order == 70
    texts = [b.text for b in section.blocks if isinstance(b, Paragraph)]
    assert "Every <family> thrives" in texts  # plain text: the renderers escape it
    tables = {b.caption: b for b in section.blocks if isinstance(b, Table)}
    assert tables["Theory of change: Good jobs"].rows[0] == ["Problem", "Too few jobs pay enough."]
    assert tables["Logic model: Living-wage pledge"].rows == [["Activity", "1. Recruit employers"]]
    ranking = tables["Prioritization matrix: scores from 1 to 5"]
    assert ranking.header == ["Rank", "Action", "Reach (weight 2)", "Weighted total"]
    assert ranking.rows[0] == ["1", "Job fair", "5", "10"]
    assert any(c.startswith("Line of sight: Living-wage pledge") for c in tables)


def test_the_summary_lists_the_vision_priorities_and_the_highest_ranked_actions_first(
    plan, action, other_action, people
) -> None:
    from reports.blocks import BulletList
    from strategy.document import summary_section

    assert summary_section(plan=plan) is not None  # a priority alone is worth a summary
    services.vision_write(
        plan=plan, text="Thrive", written_on=datetime.date(2026, 1, 1), user=people["owner"]
    )
    reach = services.criterion_add(plan=plan, name="Reach", weight=Decimal(1))
    services.matrix_scores_set(scores={other_action: {reach: 5}, action: {reach: 2}})
    section = summary_section(plan=plan)
    lists = [b.items for b in section.blocks if isinstance(b, BulletList)]
    assert lists == [["Good jobs"], ["Job fair", "Living-wage pledge"]]
    assert any(
        isinstance(b, Paragraph) and b.emphasis and b.text == "Thrive" for b in section.blocks
    )
