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
    """The plan's local indicators with their latest value for all residents."""
    if not local_available():
        return []
    from localdata.selectors import inventory_for  # only when the app is there

    refs = []
    for indicator in inventory_for(plan=plan).indicators:
        latest = indicator.latest
        text = ""
        if latest is not None:
            interval = f"; 95% interval {latest.interval}" if latest.interval else ""
            text = f"{latest.text} in {latest.year}{interval}"
        refs.append(LocalIndicatorRef(str(indicator.uuid), indicator.name, text))
    return refs


def local_indicator_keys(*, plan: Plan) -> list[str]:
    return [ref.key for ref in local_indicators_for(plan=plan)]
