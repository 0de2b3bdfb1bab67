"""Local indicators (step 5, the `localdata` app) as evidence for findings, when that app
is installed. Findings keep an indicator's public UUID, so they outlive the app's absence."""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps

from plans.models import Plan


@dataclass(frozen=True)
class LocalIndicatorRef:
    key: str  # the indicator's UUID
    name: str
    latest: str  # "12.5% in 2023", or "" when it has no value


def local_available() -> bool:
    return apps.is_installed("localdata")


def local_indicators_for(*, plan: Plan) -> list[LocalIndicatorRef]:
    if not local_available():
        return []
    return []


def local_indicator_keys(*, plan: Plan) -> list[str]:
    return [ref.key for ref in local_indicators_for(plan=plan)]
