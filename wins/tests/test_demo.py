from __future__ import annotations

import datetime

from coalition.demo import demo_seed as coalition_seed
from strategy.demo import demo_seed as strategy_seed
from tracking.demo import demo_seed as tracking_seed
from wins.demo import demo_seed
from wins.models import SuggestionDismissal, Win, WinMessage
from wins.selectors import suggestions_list, wins_list, wins_public


def test_the_demo_plan_has_early_wins_with_messengers_and_one_suggestion_set_aside(plan, people):
    for seed in (coalition_seed, strategy_seed, tracking_seed, demo_seed):
        seed(plan=plan, owner=people["owner"])
    wins = wins_list(plan=plan)
    assert 4 <= len(wins) <= 6
    assert all(w.action and w.messages for w in wins)
    assert any(w.organisations for w in wins)
    assert Win.objects.filter(plan=plan).exclude(source_key="").count() == 4
    assert WinMessage.objects.filter(status="planned").exists()
    dismissed = SuggestionDismissal.objects.get(plan=plan)
    left = suggestions_list(plan=plan, today=datetime.date(2026, 11, 23))
    assert dismissed.key not in {s.key for s in left}
    assert not {w.title for w in wins} & {s.title for s in left}
    plan.published = True
    plan.save()
    assert wins_public(plan=plan)
