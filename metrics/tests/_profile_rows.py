"""Small hand-made rows for the standings, profile and search tests.

They live in a made-up state (FIPS 98, "Testland") so they never mix with the slice of the
real release that the session loads.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from metrics.models import (
    Dataset,
    Framework,
    Geography,
    Metric,
    Pillar,
    Predictor,
    Release,
    Series,
    Subgroup,
)

STATE = "98"
STATE_NAME = "Testland"


def metric_make(
    *,
    slug: str = "test_share_good",
    unit: str = "share",
    direction: str = "higher",
    levels: Sequence[str] = ("county", "place"),
    name: str | None = None,
) -> Metric:
    framework, _ = Framework.objects.get_or_create(version="test", defaults={"title": "Test"})
    pillar, _ = Pillar.objects.get_or_create(
        framework=framework, slug="test-pillar", defaults={"name": "Test pillar", "order": 99}
    )
    predictor, _ = Predictor.objects.get_or_create(
        pillar=pillar, slug="test-predictor", defaults={"name": "Test predictor"}
    )
    return Metric.objects.create(
        slug=slug,
        predictor=predictor,
        name=name or f"Test metric {slug}",
        short_name=name or slug,
        unit=unit,
        direction=direction,
        levels=list(levels),
    )


def geography_make(
    geoid: str,
    name: str,
    *,
    population: int = 1000,
    state: str = STATE,
    state_name: str = STATE_NAME,
) -> Geography:
    kind = {2: "state", 5: "county", 7: "place"}[len(geoid)]
    return Geography.objects.create(
        geoid=geoid,
        kind=kind,
        name=name,
        state_fips=state,
        state_name=state_name,
        population=population,
        population_year=2021,
        search_text=name.lower(),
    )


def series_make(
    geography: Geography,
    metric: Metric,
    points: Sequence[Sequence[Any]],
    *,
    dataset: str = "test-combined",
    subgroup: tuple[str, str] = ("all", "All"),
) -> Series:
    """points: [year, value, lb, ub, quality, numerator, denominator] (shorter is padded)."""
    release = Release.objects.first() or Release.objects.create(label="test", source="tests")
    has_subgroups = dataset != "test-combined"
    found, _ = Dataset.objects.get_or_create(
        slug=dataset, defaults={"level": geography.kind, "has_subgroups": has_subgroups}
    )
    group, _ = Subgroup.objects.get_or_create(type=subgroup[0], name=subgroup[1])
    padded = [(list(point) + [None] * 7)[:7] for point in points]
    return Series.objects.create(
        geography=geography,
        metric=metric,
        dataset=found,
        subgroup=group,
        points=sorted(padded, key=lambda p: p[0]),
        release=release,
    )
