"""`dollars` for amounts, and `funding_public` for the public plan page:
`{% load funding_tags %}{% funding_public plan %}` shows funding per action when the owner
chose to show it, and nothing otherwise."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template

from funding.selectors import money, public_funding
from plans.models import Plan

register = template.Library()


@register.filter
def dollars(value: Decimal | None) -> str:
    return money(value)


@register.inclusion_tag("funding/_public.html")
def funding_public(plan: Plan) -> dict[str, Any]:
    return {"actions": public_funding(plan=plan)}
