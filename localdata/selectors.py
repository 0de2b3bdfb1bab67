"""Reads of step 5: the inventory, an indicator with its values beside the Mobility
Metrics of the same predictor, and the panels of a data walk."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.http import Http404

from lib.numbers import difference_format, interval_format, value_format
from localdata.models import DataSource, Indicator, IndicatorValue
from metrics.models import Direction, Unit
from metrics.selectors.catalog import catalog_tree
from metrics.selectors.geographies import geography_label
from metrics.selectors.profiles import GeographyInfo, MetricEntry, Profile, profile_for
from plans.models import Plan

UNIT_LABELS = {str(value): str(label) for value, label in Unit.choices}
DIRECTION_LABELS = {str(value): str(label) for value, label in Direction.choices}
ALL_RESIDENTS = "All residents"


@dataclass(frozen=True)
class PredictorRef:
    slug: str
    name: str
    pillar: str


@dataclass(frozen=True)
class SourceRow:
    uuid: str
    name: str
    type_label: str
    owner: str
    access_label: str
    years: str
    groups: list[str]
    refresh_label: str
    predictors: list[PredictorRef]
    notes: str
    link: str
    indicator_count: int


@dataclass(frozen=True)
class LocalPoint:
    year: int
    subgroup: str  # "" = all residents
    value: float
    lb: float | None
    ub: float | None
    text: str
    interval: str

    @property
    def group_label(self) -> str:
        return self.subgroup or ALL_RESIDENTS


@dataclass(frozen=True)
class GroupRow:
    name: str
    point: LocalPoint
    gap_text: str  # the difference from all residents in words, "" without a reference


@dataclass
class IndicatorView:
    uuid: str
    name: str
    unit: str
    unit_label: str
    direction: str
    direction_label: str
    description: str
    predictor: PredictorRef | None
    source_name: str
    source_uuid: str
    imported_file: str
    series: list[LocalPoint]  # all residents, by year
    points: list[LocalPoint]  # every value, by year then group
    groups: list[GroupRow] = field(default_factory=list)  # the latest year with groups
    groups_year: int | None = None

    @property
    def latest(self) -> LocalPoint | None:
        return self.series[-1] if self.series else None

    @property
    def subgroups(self) -> list[str]:
        return sorted({p.subgroup for p in self.points if p.subgroup}, key=str.casefold)


@dataclass(frozen=True)
class Inventory:
    place: str
    sources: list[SourceRow]
    indicators: list[IndicatorView]


@dataclass(frozen=True)
class IndicatorPage:
    place: str
    indicator: IndicatorView
    metrics: list[MetricEntry]  # the Mobility Metrics of the same predictor, for the place
    geography: GeographyInfo | None  # the place as the profile names it, with metrics


def predictor_refs() -> dict[str, PredictorRef]:
    """Every predictor of the current framework by slug, in catalog order."""
    return {
        predictor.slug: PredictorRef(predictor.slug, predictor.name, pillar.name)
        for pillar in catalog_tree()
        for predictor in pillar.predictors
    }


def _years(source: DataSource) -> str:
    if source.year_from and source.year_to and source.year_from != source.year_to:
        return f"{source.year_from} to {source.year_to}"
    if source.year_from or source.year_to:
        return str(source.year_from or source.year_to)
    return "Not recorded"


def _source_row(source: DataSource, refs: dict[str, PredictorRef], count: int) -> SourceRow:
    return SourceRow(
        uuid=str(source.uuid),
        name=source.name,
        type_label=source.get_type_display(),
        owner=source.owner_label() or "Not recorded",
        access_label=source.get_access_display(),
        years=_years(source),
        groups=list(source.groups),
        refresh_label=source.get_refresh_display(),
        predictors=[refs[s] for s in source.predictors if s in refs],
        notes=source.notes,
        link=source.link,
        indicator_count=count,
    )


def _point(v: IndicatorValue, unit: str) -> LocalPoint:
    return LocalPoint(
        year=v.year,
        subgroup=v.subgroup,
        value=v.value,
        lb=v.lb,
        ub=v.ub,
        text=value_format(value=v.value, unit=unit),
        interval=interval_format(lb=v.lb, ub=v.ub, unit=unit),
    )


def _groups(points: list[LocalPoint], unit: str) -> tuple[int | None, list[GroupRow]]:
    """The latest year that has groups: each group with its distance from all residents."""
    years = [p.year for p in points if p.subgroup]
    if not years:
        return None, []
    year = max(years)
    reference = next((p for p in points if p.year == year and not p.subgroup), None)
    rows = []
    for p in sorted((p for p in points if p.year == year and p.subgroup), key=lambda p: p.subgroup):
        gap = ""
        if reference is not None:
            diff = p.value - reference.value
            word = "above" if diff > 0 else "below" if diff < 0 else "equal to"
            size = difference_format(value=abs(diff), unit=unit) + " " if diff else ""
            gap = f"{size}{word} all residents"
        rows.append(GroupRow(p.subgroup, p, gap))
    return year, rows


def _indicator_view(indicator: Indicator, refs: dict[str, PredictorRef]) -> IndicatorView:
    points = [_point(v, indicator.unit) for v in indicator.values.all()]
    points.sort(key=lambda p: (p.year, p.subgroup != "", p.subgroup.casefold()))
    year, groups = _groups(points, indicator.unit)
    return IndicatorView(
        uuid=str(indicator.uuid),
        name=indicator.name,
        unit=indicator.unit,
        unit_label=UNIT_LABELS.get(indicator.unit, indicator.unit),
        direction=indicator.direction,
        direction_label=DIRECTION_LABELS.get(indicator.direction, ""),
        description=indicator.description,
        predictor=refs.get(indicator.predictor),
        source_name=indicator.source.name,
        source_uuid=str(indicator.source.uuid),
        imported_file=indicator.imported_file,
        series=[p for p in points if not p.subgroup],
        points=points,
        groups=groups,
        groups_year=year,
    )


def inventory_for(*, plan: Plan) -> Inventory:
    refs = predictor_refs()
    indicators = list(
        Indicator.objects.filter(plan=plan).select_related("source").prefetch_related("values")
    )
    counts: dict[int, int] = defaultdict(int)
    for indicator in indicators:
        counts[indicator.source_id] += 1
    sources = DataSource.objects.filter(plan=plan).select_related("owner_organisation")
    return Inventory(
        place=geography_label(plan.geography),
        sources=[_source_row(s, refs, counts[s.pk]) for s in sources],
        indicators=[_indicator_view(i, refs) for i in indicators],
    )


def data_source_get(*, plan: Plan, uuid: str) -> DataSource:
    found = DataSource.objects.filter(plan=plan, uuid=uuid).first()
    if found is None:
        raise Http404("No data source with this address in the plan.")
    return found


def indicator_get(*, plan: Plan, uuid: str) -> Indicator:
    found = Indicator.objects.filter(plan=plan, uuid=uuid).select_related("source").first()
    if found is None:
        raise Http404("No local indicator with this address in the plan.")
    return found


def indicator_view(*, indicator: Indicator) -> IndicatorView:
    return _indicator_view(indicator, predictor_refs())


def predictor_metrics(*, profile: Profile, predictor: str) -> list[MetricEntry]:
    """The Mobility Metrics of one predictor in a place's profile, measured or not."""
    for pillar in profile.pillars:
        for entry in pillar.predictors:
            if entry.slug == predictor:
                return list(entry.metrics)
    return []


def indicator_page(*, plan: Plan, uuid: str) -> IndicatorPage:
    indicator = indicator_get(plan=plan, uuid=uuid)
    profile = profile_for(geoid=plan.geography.geoid) if indicator.predictor else None
    return IndicatorPage(
        place=geography_label(plan.geography),
        indicator=indicator_view(indicator=indicator),
        metrics=predictor_metrics(profile=profile, predictor=indicator.predictor)
        if profile
        else [],
        geography=profile.geography if profile else None,
    )


# -- data walks ---------------------------------------------------------------------------


@dataclass(frozen=True)
class WalkChoice:
    key: str  # a metric slug or an indicator uuid
    label: str
    group: str  # the predictor, or "Local indicators"


@dataclass(frozen=True)
class WalkChoices:
    metrics: list[WalkChoice]
    indicators: list[WalkChoice]


@dataclass(frozen=True)
class WalkRow:
    year: int
    group: str
    text: str
    interval: str


@dataclass(frozen=True)
class WalkPanel:
    key: str
    kind: str  # "Mobility Metric" or "Local indicator"
    title: str
    source: str
    words: str  # the figure in words
    prompts: tuple[str, str]
    spec: dict[str, object]
    rows: list[WalkRow]


def walk_choices(*, plan: Plan) -> WalkChoices:
    """What a data walk can show: the place's measured metrics and the indicators with
    values."""
    profile = profile_for(geoid=plan.geography.geoid)
    metrics = [
        WalkChoice(entry.slug, entry.name, predictor.name)
        for pillar in profile.pillars
        for predictor in pillar.predictors
        for entry in predictor.metrics
        if entry.latest is not None
    ]
    indicators = [
        WalkChoice(str(i.uuid), i.name, "Local indicators")
        for i in Indicator.objects.filter(plan=plan, values__isnull=False).distinct()
    ]
    return WalkChoices(metrics, indicators)


def _trend_prompt(first: int, last: int, place: str) -> str:
    if first == last:
        return (
            f"Does this figure match what you see day to day in {place}? "
            "Where does it not, and why might that be?"
        )
    return (
        f"What stands out about how this figure moved between {first} and {last}? "
        f"What was happening in {place} over those years?"
    )


def _groups_prompt(has_groups: bool) -> str:
    if has_groups:
        return (
            "Groups of residents are not in the same place on this figure. What barriers "
            "might lie behind the differences, and who should be part of the conversation?"
        )
    return "Whose experience might this figure leave out, and how could we hear from them directly?"


def _metric_panel(entry: MetricEntry, place: str) -> WalkPanel:
    from metrics.charts import trend_spec

    latest = entry.latest
    assert latest is not None
    interval = f" (95% interval {latest.interval})" if latest.interval else ""
    quality = f" The Urban Institute rates its quality {latest.quality}." if latest.quality else ""
    change = f" {entry.change.sentence}" if entry.change else ""
    words = f"{entry.name}, {place}: {latest.text} in {latest.year}{interval}.{quality}{change}"
    return WalkPanel(
        key=entry.slug,
        kind="Mobility Metric",
        title=entry.name,
        source="Urban Institute, Mobility Metrics",
        words=words,
        prompts=(
            _trend_prompt(entry.series[0].year, latest.year, place),
            _groups_prompt(bool(entry.subgroups)),
        ),
        spec=trend_spec(entry=entry, place=place),
        rows=[WalkRow(p.year, ALL_RESIDENTS, p.text, p.interval) for p in entry.series],
    )


def indicator_words(*, indicator: IndicatorView, place: str) -> str:
    """The latest figure of a local indicator in a sentence, with its source."""
    source = f"Source: {indicator.source_name}."
    latest = indicator.latest
    if latest is None:
        if not indicator.points:
            return f"{indicator.name}, {place}: no values recorded yet."
        last = indicator.points[-1]
        return (
            f"{indicator.name}, {place}: {last.text} in {last.year} for {last.subgroup}. {source}"
        )
    interval = f" (interval {latest.interval})" if latest.interval else ""
    words = f"{indicator.name}, {place}: {latest.text} in {latest.year}{interval}, all residents."
    if len(indicator.series) > 1:
        first = indicator.series[0]
        words += f" It was {first.text} in {first.year}."
    return f"{words} {source}"


def _indicator_panel(indicator: IndicatorView, place: str) -> WalkPanel:
    from localdata.charts import indicator_trend_spec

    years = [p.year for p in indicator.points]
    return WalkPanel(
        key=indicator.uuid,
        kind="Local indicator",
        title=indicator.name,
        source=f"{indicator.source_name} (local data)",
        words=indicator_words(indicator=indicator, place=place),
        prompts=(
            _trend_prompt(min(years), max(years), place),
            _groups_prompt(bool(indicator.subgroups)),
        ),
        spec=indicator_trend_spec(indicator=indicator, place=place),
        rows=[WalkRow(p.year, p.group_label, p.text, p.interval) for p in indicator.points],
    )


def walk_panels(*, plan: Plan, metrics: list[str], indicators: list[str]) -> list[WalkPanel]:
    """One panel per chosen metric (in the order asked) and indicator; unknown keys and
    metrics without figures are left out."""
    place = geography_label(plan.geography)
    panels = []
    if metrics:
        profile = profile_for(geoid=plan.geography.geoid)
        for slug in dict.fromkeys(metrics):
            entry = profile.metric(slug)
            if entry is not None and entry.latest is not None:
                panels.append(_metric_panel(entry, place))
    refs = predictor_refs()
    keys = [k for k in dict.fromkeys(indicators) if _is_uuid(k)]
    found = {
        str(i.uuid): i
        for i in Indicator.objects.filter(plan=plan, uuid__in=keys)
        .select_related("source")
        .prefetch_related("values")
    }
    for key in keys:
        if key in found:
            view = _indicator_view(found[key], refs)
            if view.points:
                panels.append(_indicator_panel(view, place))
    return panels


def _is_uuid(text: str) -> bool:
    import uuid

    try:
        uuid.UUID(text)
    except ValueError:
        return False
    return True
