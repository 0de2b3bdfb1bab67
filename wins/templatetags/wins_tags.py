"""`{% load wins_tags %}{% wins_public_list plan %}` on the public plan page: the latest
wins and a link to all of them and their feed, when the owner shows the plan's wins."""

from __future__ import annotations

from typing import Any

from django import template

from plans.models import Plan
from wins.selectors import public_wins

register = template.Library()
SHOWN = 5


@register.inclusion_tag("wins/_public.html")
def wins_public_list(plan: Plan) -> dict[str, Any]:
    wins = public_wins(plan=plan)
    return {"plan": plan, "wins": wins[:SHOWN], "more": len(wins) > SHOWN}
