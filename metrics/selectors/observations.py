"""Single values of the Mobility Metrics for one geography, filtered as the caller asks."""

from __future__ import annotations

from dataclasses import dataclass

from metrics.models import Metric, Observation, Quality
from metrics.selectors.geographies import geography_label, geography_or_404

QUALITY_LABELS: dict[int, str] = {int(q.value): str(q.label) for q in Quality}


@dataclass(frozen=True)
class ObservationRow:
    metric: str
    year: int
    subgroup_type: str
    subgroup: str
    value: float | None
    lb: float | None
    ub: float | None
    quality: str | None  # "Strong", "Marginal", "Weak" or None
    dataset: str
    numerator: float | None = None
    denominator: float | None = None


@dataclass(frozen=True)
class ExportRow:
    """One line of the profile CSV: an observation with the names a reader needs."""

    geoid: str
    name: str
    pillar: str
    predictor: str
    metric: str
    metric_name: str
    row: ObservationRow


def quality_label(quality: int | None) -> str | None:
    return None if quality is None else QUALITY_LABELS.get(int(quality))


def observations_for(
    *,
    geoid: str,
    metric: str | None = None,
    year: int | None = None,
    subgroup_type: str | None = None,
    subgroup: str | None = None,
) -> list[ObservationRow]:
    """Every observation of a geography (404 when it does not exist), narrowed by the filters.

    Sorted as the framework lists its metrics, then by year, subgroup type and subgroup.
    """
    geography = geography_or_404(geoid=geoid)
    query = Observation.objects.filter(geography_id=geography.pk)
    if metric:
        query = query.filter(metric__slug=metric)
    if year is not None:
        query = query.filter(year=year)
    if subgroup_type:
        query = query.filter(subgroup__type=subgroup_type)
    if subgroup:
        query = query.filter(subgroup__name=subgroup)
    rows = query.order_by(
        "metric__predictor__pillar__order",
        "metric__predictor__order",
        "metric__order",
        "metric__slug",
        "year",
        "subgroup__type",
        "subgroup__name",
        "dataset__slug",
    ).values_list(
        "metric__slug",
        "year",
        "subgroup__type",
        "subgroup__name",
        "value",
        "lb",
        "ub",
        "quality",
        "dataset__slug",
        "numerator",
        "denominator",
    )
    return [
        ObservationRow(
            metric=slug,
            year=int(year_),
            subgroup_type=group_type,
            subgroup=group,
            value=value,
            lb=lb,
            ub=ub,
            quality=quality_label(quality),
            dataset=dataset,
            numerator=num,
            denominator=den,
        )
        for slug, year_, group_type, group, value, lb, ub, quality, dataset, num, den in rows
    ]


def observation_export_rows(*, geoid: str) -> list[ExportRow]:
    """Every observation of a geography with its pillar, predictor and metric names."""
    geography = geography_or_404(geoid=geoid)
    names = {
        slug: (pillar, predictor, name)
        for slug, pillar, predictor, name in Metric.objects.values_list(
            "slug", "predictor__pillar__name", "predictor__name", "name"
        )
    }
    return [
        ExportRow(
            geoid=geography.geoid,
            name=geography_label(geography),
            pillar=names.get(row.metric, ("", "", ""))[0],
            predictor=names.get(row.metric, ("", "", ""))[1],
            metric=row.metric,
            metric_name=names.get(row.metric, ("", "", ""))[2],
            row=row,
        )
        for row in observations_for(geoid=geoid)
    ]
