"""Small helpers that write rows with the ORM for the peer and insight tests. Geographies
made here use state "99", which no real release has, so they never meet the slice."""

from __future__ import annotations

from metrics.models import (
    Dataset,
    Direction,
    Framework,
    Geography,
    Metric,
    Pillar,
    Predictor,
    Release,
    Series,
    Subgroup,
    Unit,
)

STATE = "99"


def metric_row(slug: str, *, direction: str = Direction.HIGHER, unit: str = Unit.SHARE) -> Metric:
    found = Metric.objects.filter(slug=slug).first()
    if found is not None:
        return found
    framework, _ = Framework.objects.get_or_create(version="test", defaults={"title": "Test"})
    pillar, _ = Pillar.objects.get_or_create(framework=framework, slug="test", name="Test")
    predictor, _ = Predictor.objects.get_or_create(pillar=pillar, slug="test", name="Test")
    return Metric.objects.create(
        slug=slug,
        predictor=predictor,
        name=slug.replace("_", " ").capitalize(),
        unit=unit,
        direction=direction,
        levels=["county", "place"],
    )


def geography_row(
    geoid: str, name: str, *, kind: str = "county", population: int | None = 100_000
) -> Geography:
    return Geography.objects.create(
        geoid=geoid,
        kind=kind,
        name=name,
        state_fips=geoid[:2],
        state_name="Testland",
        population=population,
        population_year=2023,
        search_text=name.lower(),
    )


def dataset_row(slug: str = "test-county", *, has_subgroups: bool = False) -> Dataset:
    dataset, _ = Dataset.objects.get_or_create(
        slug=slug, defaults={"level": "county", "has_subgroups": has_subgroups}
    )
    return dataset


def release_row() -> Release:
    return Release.objects.create(label="test", source="tests")


def subgroup_row(type_: str = "all", name: str = "All") -> Subgroup:
    subgroup, _ = Subgroup.objects.get_or_create(type=type_, name=name)
    return subgroup


def observation_row(
    geography: Geography,
    slug: str,
    year: int,
    value: float | None,
    *,
    lb: float | None = None,
    ub: float | None = None,
    quality: int | None = 1,
    dataset: Dataset | None = None,
    subgroup: Subgroup | None = None,
    numerator: float | None = None,
    denominator: float | None = None,
    direction: str = Direction.HIGHER,
    unit: str = Unit.SHARE,
) -> Series:
    """Add one value to its series (created on first use), keeping the years in order."""
    series, _ = Series.objects.get_or_create(
        geography=geography,
        metric=metric_row(slug, direction=direction, unit=unit),
        dataset=dataset or dataset_row(),
        subgroup=subgroup or subgroup_row(),
        defaults={"release": Release.objects.first() or release_row()},
    )
    point = [year, value, lb, ub, quality, numerator, denominator]
    series.points = sorted([p for p in series.points if p[0] != year] + [point])
    series.save()
    return series
