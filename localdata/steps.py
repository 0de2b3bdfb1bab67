"""Step 5 on the plan's home: complete with three sources in the inventory and one local
indicator with values; in progress as soon as anything is recorded."""

from __future__ import annotations

from django.urls import reverse

from localdata.models import DataSource, Indicator, IndicatorValue
from plans.models import Plan
from plans.steps import COMPLETE, IN_PROGRESS, StepStatus, step_register

SOURCES_NEEDED = 3


@step_register(5)
def _initial_understanding(plan: Plan, status: StepStatus) -> None:
    status.url = reverse("localdata:home", args=[plan.code])
    sources = DataSource.objects.filter(plan=plan).count()
    indicators = Indicator.objects.filter(plan=plan).count()
    with_values = (
        IndicatorValue.objects.filter(indicator__plan=plan).values("indicator").distinct().count()
    )
    if sources:
        status.done.append(f"{sources} data source{'s' if sources != 1 else ''} in the inventory")
    if indicators:
        status.done.append(
            f"{indicators} local indicator{'s' if indicators != 1 else ''}, "
            f"{with_values} with values"
        )
    if sources >= SOURCES_NEEDED and with_values:
        status.state = COMPLETE
    elif sources or indicators:
        status.state = IN_PROGRESS
        status.next_action = (
            f"Add {SOURCES_NEEDED - sources} more local data source"
            f"{'s' if SOURCES_NEEDED - sources != 1 else ''} to the inventory."
            if sources < SOURCES_NEEDED
            else "Load the values of a local indicator from a CSV file."
        )
    else:
        status.next_action = "List the local data sources the coalition can draw on."
