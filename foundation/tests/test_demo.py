from __future__ import annotations

from coalition.demo import demo_seed as coalition_seed
from foundation.demo import demo_seed
from foundation.models import CharterRevision, LearningQuestion
from foundation.selectors import foundation_home, raci_matrix
from foundation.tests.conftest import TODAY
from strategy.demo import demo_seed as strategy_seed


def test_the_demo_plan_has_a_charter_in_two_revisions_roles_for_everything_and_a_learning_agenda(
    plan, people
):
    coalition_seed(plan=plan, owner=people["owner"])
    strategy_seed(plan=plan, owner=people["owner"])
    demo_seed(plan=plan, owner=people["owner"])
    assert list(CharterRevision.objects.filter(plan=plan).values_list("number", flat=True)) == [
        2,
        1,
    ]
    matrix = raci_matrix(plan=plan)
    assert matrix.actions and matrix.measures
    assert matrix.warnings == 0  # every action and measure has exactly one accountable party
    assert all(any(c.role == "R" for c in row.cells) for row in matrix.actions)
    home = foundation_home(plan=plan, today=TODAY)
    assert home.questions == {"open": 3, "answered": 2, "dropped": 0}
    assert home.answered == 5
    assert LearningQuestion.objects.filter(plan=plan, action__isnull=False).count() == 4
