"""Reads of step 10's measures over time: freshness, values, status, charts' data."""

from __future__ import annotations

import datetime

from metrics.models import Series
from results.freshness import RELEASE, Freshness, freshness_periodic, freshness_release
from results.models import MeasureValue
from results.periods import Period, PeriodError, period_parse
from strategy.models import Measure


def metric_years(*, measure: Measure) -> list[int]:
    """The years the imported release has a value of the measure's metric for the plan's
    place (any group, any file)."""
    if not measure.baseline_metric_slug:
        return []
    years: set[int] = set()
    rows = Series.objects.filter(
        geography_id=measure.plan.geography_id, metric__slug=measure.baseline_metric_slug
    ).values_list("points", flat=True)
    for points in rows:
        years.update(int(p[0]) for p in points if p[1] is not None)
    return sorted(years)


def _last_period(measure: Measure) -> Period | None:
    """The measure's latest value's period, or its baseline year when it has no value."""
    label = (
        MeasureValue.objects.filter(measure=measure)
        .order_by("-period_end", "-id")
        .values_list("period", flat=True)
        .first()
    )
    if label is None and measure.has_baseline():
        label = str(measure.baseline_year)
    if label is None:
        return None
    try:
        return period_parse(text=label)
    except PeriodError:
        return None


def measure_freshness(*, measure: Measure, today: datetime.date | None = None) -> Freshness:
    """Whether the measure's data is up to date, and a sentence saying so.

    Regular cadences: the period after the last value, plus a grace period (see
    results/freshness.py). Mobility Metrics and other irregular measures: the metric's own
    years in the imported release (or the measure's own years)."""
    today = today or datetime.date.today()
    if measure.frequency == RELEASE or measure.is_mobility_metric():
        years = set(metric_years(measure=measure))
        years.update(
            MeasureValue.objects.filter(measure=measure).values_list("period_end__year", flat=True)
        )
        if measure.has_baseline() and measure.baseline_year is not None:
            years.add(measure.baseline_year)
        return freshness_release(
            years=sorted(years), today=today, by_hand=not measure.is_mobility_metric()
        )
    return freshness_periodic(
        frequency=measure.frequency,
        last=_last_period(measure),
        started_on=measure.created_at.date(),
        today=today,
    )
