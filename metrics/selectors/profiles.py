"""The jurisdiction profile: every metric of one county or city, placed and explained.

One tree of dataclasses serves the page, the CSV, the charts and the API. It costs a handful
of queries whatever the geography: the catalog, the geography's series (one query on the
index that starts with the geography), and the distributions it needs, which are kept in
this process until a new import writes new ones.
"""

from __future__ import annotations

import threading
from array import array
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Max, Q

from lib.numbers import difference_format, interval_format, ordinal, value_format
from metrics.models import Direction, Distribution, GeographyKind, Metric, Series, Unit
from metrics.selectors.geographies import geography_label, geography_or_404
from metrics.selectors.observations import quality_label
from metrics.services.standings import EPSILON, StandingCount, standing_count

UNIT_LABELS = {str(value): str(label) for value, label in Unit.choices}
DIRECTION_LABELS = {str(value): str(label) for value, label in Direction.choices}
KIND_LABELS = {str(value): str(label) for value, label in GeographyKind.choices}
KIND_PLURAL = {"county": "counties", "place": "cities", "state": "states"}
WEAK = 3
WEAK_WARNING = "Weak data: do not act on this figure alone."
SUBGROUP_TYPE_LABELS = {
    "race-ethnicity": "Race and ethnicity",
    "race-share": "Racial make-up of the neighborhood",
    "age": "Age",
    "gender": "Gender",
    "tenure": "Owners and renters",
    "disability": "Disability",
    "income": "Income",
}


@dataclass(frozen=True)
class Point:
    year: int
    value: float | None
    lb: float | None
    ub: float | None
    quality: str | None  # "Strong", "Marginal", "Weak" or None
    text: str  # the value with its unit
    interval: str  # "a to b", or "" when none was published
    numerator: float | None = None
    denominator: float | None = None
    weak: bool = False


@dataclass(frozen=True)
class Standing:
    scope: str  # "state" or "nation"
    year: int
    count: int
    rank: int | None
    better_than_pct: float | None
    worse_than_pct: float | None
    median: float | None
    median_text: str
    sentence: str
    tone: str  # "better", "worse" or "even"
    ranked: bool = True  # False for context-only metrics: rank counts from the highest


@dataclass(frozen=True)
class Change:
    first: Point
    last: Point
    tone: str  # "better", "worse" or "even"
    intervals_overlap: bool | None  # None when a year has no interval
    sentence: str


@dataclass(frozen=True)
class GroupValue:
    name: str
    point: Point
    gap: float | None  # group value minus the value for all residents
    gap_text: str
    tone: str | None  # "better", "worse", "even" or None when there is no reference
    intervals_overlap: bool | None


@dataclass(frozen=True)
class SubgroupSet:
    type: str
    label: str
    dataset: str
    year: int
    all: Point | None
    groups: list[GroupValue]
    widest_gap_text: str


@dataclass(frozen=True)
class MetricEntry:
    slug: str
    name: str
    short_name: str
    description: str
    unit: str
    unit_label: str
    direction: str
    direction_label: str
    available: bool  # False when the release does not measure it at this level
    latest: Point | None
    series: list[Point]
    state_standing: Standing | None
    national_standing: Standing | None
    change: Change | None
    subgroups: list[SubgroupSet]
    weak: bool
    weak_warning: str
    missing_text: str

    def subgroup_set(self, subgroup_type: str) -> SubgroupSet | None:
        return next((s for s in self.subgroups if s.type == subgroup_type), None)


@dataclass(frozen=True)
class PredictorEntry:
    slug: str
    name: str
    description: str
    metrics: list[MetricEntry]


@dataclass(frozen=True)
class PillarEntry:
    slug: str
    name: str
    description: str
    predictors: list[PredictorEntry]


@dataclass(frozen=True)
class GeographyInfo:
    geoid: str
    name: str
    kind: str
    kind_label: str
    kind_plural: str
    state_fips: str
    state_name: str
    population: int | None
    population_year: int | None
    vintage: int | None  # the latest year of any metric for this place
    label: str


@dataclass(frozen=True)
class Profile:
    geography: GeographyInfo
    pillars: list[PillarEntry]
    metric_count: int = 0
    with_data_count: int = 0
    weak_count: int = 0
    _by_slug: dict[str, MetricEntry] = field(default_factory=dict, repr=False, compare=False)

    def metric(self, slug: str) -> MetricEntry | None:
        return self._by_slug.get(slug)

    def metrics(self) -> list[MetricEntry]:
        return list(self._by_slug.values())


# -- distributions, cached per process --------------------------------------------------


@dataclass(frozen=True)
class DistributionData:
    count: int
    median: float | None
    p25: float | None
    p75: float | None
    values: array  # sorted ascending


DistributionKey = tuple[int, int, str, str]  # metric id, year, level, state ("" = nation)


class _DistributionCache:
    """Distributions read once and kept until the table changes (a refresh, an import)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._token: tuple[Any, ...] | None = None
        self._data: dict[DistributionKey, DistributionData | None] = {}

    def clear(self) -> None:
        with self._lock:
            self._token = None
            self._data = {}

    def get(self, keys: set[DistributionKey]) -> dict[DistributionKey, DistributionData | None]:
        token = tuple(Distribution.objects.aggregate(last=Max("id"), n=Count("id")).values())
        with self._lock:
            if token != self._token:
                self._data, self._token = {}, token
            missing = [key for key in keys if key not in self._data]
        if missing:
            found = _distributions_read(missing)
            with self._lock:
                if token == self._token:
                    self._data.update(found)
        with self._lock:
            return {key: self._data.get(key) for key in keys}


def _distributions_read(keys: list[DistributionKey]) -> dict[DistributionKey, Any]:
    found: dict[DistributionKey, DistributionData | None] = dict.fromkeys(keys)
    condition = Q()
    for metric_id, year, level, state in keys:
        condition |= Q(metric_id=metric_id, year=year, level=level, state_fips=state)
    rows = Distribution.objects.filter(condition).values_list(
        "metric_id", "year", "level", "state_fips", "count", "median", "p25", "p75", "values"
    )
    for metric_id, year, level, state, count, median, p25, p75, values in rows:
        found[(metric_id, year, level, state)] = DistributionData(
            count=count, median=median, p25=p25, p75=p75, values=array("d", values)
        )
    return found


_DISTRIBUTIONS = _DistributionCache()


def distribution_cache_clear() -> None:
    _DISTRIBUTIONS.clear()


# -- building the entries ---------------------------------------------------------------


def _point(raw: list[Any], unit: str) -> Point:
    year, value, lb, ub, quality, numerator, denominator = (list(raw) + [None] * 7)[:7]
    return Point(
        year=int(year),
        value=value,
        lb=lb,
        ub=ub,
        quality=quality_label(quality),
        text=value_format(value=value, unit=unit, numerator=numerator, denominator=denominator),
        interval=interval_format(lb=lb, ub=ub, unit=unit),
        numerator=numerator,
        denominator=denominator,
        weak=quality == WEAK,
    )


def _whole_population(found: list[tuple[bool, list[Any]]], unit: str) -> list[Point]:
    """One point per year: a combined-release value wins over a subgroup file's "All"."""
    chosen: dict[int, tuple[bool, list[Any]]] = {}
    for from_subgroups, points in found:
        for raw in points:
            if raw[1] is None:
                continue
            held = chosen.get(int(raw[0]))
            if held is None or (held[0] and not from_subgroups):
                chosen[int(raw[0])] = (from_subgroups, raw)
    return [_point(chosen[year][1], unit) for year in sorted(chosen)]


def _is_better(new: float, old: float, direction: str) -> int:
    """1 when new is better than old, -1 when worse, 0 when they are the same or when
    neither way is better (context-only metrics)."""
    if direction == Direction.CONTEXT:
        return 0
    if direction == Direction.PARITY:
        new, old = -abs(new - 1.0), -abs(old - 1.0)
    elif direction == Direction.LOWER:
        new, old = -new, -old
    if abs(new - old) <= EPSILON:
        return 0
    return 1 if new > old else -1


TONES = {1: "better", -1: "worse", 0: "even"}


def _overlap(a: Point, b: Point) -> bool | None:
    if a.lb is None or a.ub is None or b.lb is None or b.ub is None:
        return None
    return max(a.lb, b.lb) <= min(a.ub, b.ub)


def _change(series: list[Point], direction: str) -> Change | None:
    if len(series) < 2:
        return None
    first, last = series[0], series[-1]
    assert first.value is not None and last.value is not None
    tone = TONES[_is_better(last.value, first.value, direction)]
    if abs(last.value - first.value) <= EPSILON:
        moved = f"Unchanged at {last.text} between {first.year} and {last.year}"
    else:
        verb = "Rose" if last.value > first.value else "Fell"
        moved = f"{verb} from {first.text} in {first.year} to {last.text} in {last.year}"
        moved += f" ({tone})" if tone != "even" else ""
    overlap = _overlap(first, last)
    if overlap is None:
        caveat = "without an interval for both years we cannot tell whether it is more than noise"
    elif overlap:
        caveat = "the intervals overlap, so the change may not be real"
    else:
        caveat = "the intervals do not overlap, so the change is likely real"
    return Change(first, last, tone, overlap, f"{moved}; {caveat}.")


def _standing_words(
    scope: str, counted: StandingCount, geography: GeographyInfo
) -> tuple[str, str]:
    """(sentence, tone) for a metric where a direction is better."""
    plural = geography.kind_plural
    better, worse = counted.better_than_pct, counted.worse_than_pct
    if scope == "state":
        if counted.n < 2:
            return f"The only one of the {plural} in {geography.state_name} with a figure", "even"
        half = (counted.n - 1) / 2
        tone = TONES[(counted.worse > half) - (counted.better > half)]
        return f"{ordinal(counted.rank)} of {counted.n} {plural} in {geography.state_name}", tone
    if better is None or worse is None:
        return f"The only one of the {plural} with a figure", "even"
    if better >= worse:
        return f"Better than {better:.0f}% of {plural} in the nation", TONES[better > worse]
    return f"Worse than {worse:.0f}% of {plural} in the nation", "worse"


def _position_words(scope: str, counted: StandingCount, geography: GeographyInfo) -> str:
    """Where a context-only figure sits, in words that praise and blame neither end."""
    plural = geography.kind_plural
    above, below = counted.better_than_pct, counted.worse_than_pct  # counted as higher-better
    if scope == "state":
        if counted.n < 2:
            return f"The only one of the {plural} in {geography.state_name} with a figure"
        return f"{ordinal(counted.rank)} highest of {counted.n} {plural} in {geography.state_name}"
    if above is None or below is None:
        return f"The only one of the {plural} with a figure"
    if above >= below:
        return f"Higher than {above:.0f}% of {plural} in the nation"
    return f"Lower than {below:.0f}% of {plural} in the nation"


def _standing(
    *,
    scope: str,
    point: Point,
    direction: str,
    unit: str,
    distribution: DistributionData | None,
    geography: GeographyInfo,
) -> Standing | None:
    if distribution is None or point.value is None or distribution.count == 0:
        return None
    ranked = direction != Direction.CONTEXT
    counted = standing_count(
        value=point.value, direction=direction if ranked else Direction.HIGHER,
        values=distribution.values,
    )  # fmt: skip
    if ranked:
        sentence, tone = _standing_words(scope, counted, geography)
    else:
        sentence, tone = _position_words(scope, counted, geography), "even"
    return Standing(
        scope=scope,
        year=point.year,
        count=counted.n,
        rank=counted.rank,
        better_than_pct=counted.better_than_pct if ranked else None,
        worse_than_pct=counted.worse_than_pct if ranked else None,
        median=distribution.median,
        median_text=value_format(value=distribution.median, unit=unit),
        sentence=sentence,
        tone=tone,
        ranked=ranked,
    )


def _group_value(name: str, point: Point, reference: Point | None, metric: Metric) -> GroupValue:
    if reference is None or reference.value is None or point.value is None:
        return GroupValue(name, point, None, "", None, None)
    gap = point.value - reference.value
    tone = TONES[_is_better(point.value, reference.value, metric.direction)]
    if abs(gap) <= EPSILON:
        text = "the same as all residents"
    else:
        size = difference_format(value=gap, unit=metric.unit)
        text = f"{size} {'above' if gap > 0 else 'below'} all residents"
        text += f" ({tone})" if tone != "even" else ""
    return GroupValue(name, point, gap, text, tone, _overlap(point, reference))


def _widest_gap(groups: list[GroupValue], unit: str) -> str:
    valued = [g for g in groups if g.point.value is not None]
    if len(valued) < 2:
        return ""
    low = min(valued, key=lambda g: g.point.value)  # type: ignore[arg-type,return-value]
    high = max(valued, key=lambda g: g.point.value)  # type: ignore[arg-type,return-value]
    size = difference_format(value=high.point.value - low.point.value, unit=unit)  # type: ignore[operator]
    return (
        f"The widest gap is {size}, between {high.name} ({high.point.text}) "
        f"and {low.name} ({low.point.text})."
    )


def _subgroup_sets(
    found: dict[tuple[str, str], dict[str, list[Any]]], metric: Metric
) -> list[SubgroupSet]:
    """found: {(dataset, subgroup type): {group name: points}} for one metric."""
    best: dict[str, tuple[int, str]] = {}
    for (dataset, group_type), named in found.items():
        if group_type == "all":
            continue
        years = [raw[0] for points in named.values() for raw in points if raw[1] is not None]
        if years and (group_type not in best or (max(years), dataset) > best[group_type]):
            best[group_type] = (int(max(years)), dataset)
    sets = []
    for group_type, (year, dataset) in sorted(best.items()):
        everyone = found.get((dataset, "all"), {}).get("All", [])
        reference = next((_point(r, metric.unit) for r in everyone if r[0] == year), None)
        groups: list[GroupValue] = []
        for name, points in sorted(found[(dataset, group_type)].items()):
            raw = next((r for r in points if r[0] == year and r[1] is not None), None)
            if raw is not None:
                groups.append(_group_value(name, _point(raw, metric.unit), reference, metric))
        label = SUBGROUP_TYPE_LABELS.get(group_type, group_type.replace("-", " ").capitalize())
        sets.append(
            SubgroupSet(
                group_type,
                label,
                dataset,
                year,
                reference,
                groups,
                _widest_gap(groups, metric.unit),
            )
        )
    return sets


@dataclass
class _Found:
    """The series of one metric for the geography, sorted out by kind."""

    whole: list[tuple[bool, list[Any]]] = field(default_factory=list)
    groups: dict[tuple[str, str], dict[str, list[Any]]] = field(
        default_factory=lambda: defaultdict(dict)
    )


def _series_of(geography_id: int) -> dict[int, _Found]:
    found: dict[int, _Found] = defaultdict(_Found)
    rows = Series.objects.filter(geography_id=geography_id).values_list(
        "metric_id",
        "dataset__slug",
        "dataset__has_subgroups",
        "subgroup__type",
        "subgroup__name",
        "points",
    )
    for metric_id, dataset, has_subgroups, group_type, group, points in rows:
        if group_type == "all":
            found[metric_id].whole.append((has_subgroups, points))
        if has_subgroups:
            found[metric_id].groups[(dataset, group_type)][group] = points
    return found


def _entry(
    metric: Metric,
    found: _Found | None,
    geography: GeographyInfo,
    distributions: dict[DistributionKey, DistributionData | None],
) -> MetricEntry:
    series = _whole_population(found.whole, metric.unit) if found else []
    latest = series[-1] if series else None
    available = geography.kind in (metric.levels or [geography.kind])
    standings: dict[str, Standing | None] = {"state": None, "nation": None}
    if latest is not None and geography.kind != GeographyKind.STATE:
        for scope, state in (("state", geography.state_fips), ("nation", "")):
            standings[scope] = _standing(
                scope=scope,
                point=latest,
                direction=metric.direction,
                unit=metric.unit,
                distribution=distributions.get((metric.pk, latest.year, geography.kind, state)),
                geography=geography,
            )
    if available:
        missing = "No data for this place."
    else:
        missing = f"Not measured for {geography.kind_plural}."
    return MetricEntry(
        slug=metric.slug,
        name=metric.name,
        short_name=metric.short_name or metric.name,
        description=metric.description,
        unit=metric.unit,
        unit_label=UNIT_LABELS.get(metric.unit, metric.unit),
        direction=metric.direction,
        direction_label=DIRECTION_LABELS.get(metric.direction, metric.direction),
        available=available,
        latest=latest,
        series=series,
        state_standing=standings["state"],
        national_standing=standings["nation"],
        change=_change(series, metric.direction),
        subgroups=_subgroup_sets(found.groups, metric) if found else [],
        weak=bool(latest and latest.weak),
        weak_warning=WEAK_WARNING if latest and latest.weak else "",
        missing_text="" if latest else missing,
    )


def _latest_years(found: dict[int, _Found]) -> dict[int, int]:
    """{metric id: latest year with a whole-population value}, cheaply, for the lookups."""
    latest = {}
    for metric_id, item in found.items():
        years = [raw[0] for _, points in item.whole for raw in points if raw[1] is not None]
        if years:
            latest[metric_id] = int(max(years))
    return latest


def profile_for(*, geoid: str) -> Profile:
    """The whole profile of one county or city (404 for an unknown or malformed GEOID)."""
    place = geography_or_404(geoid=geoid)
    found = _series_of(place.pk)
    latest_years = _latest_years(found)
    geography = GeographyInfo(
        geoid=place.geoid,
        name=place.name,
        kind=place.kind,
        kind_label=KIND_LABELS.get(place.kind, place.kind),
        kind_plural=KIND_PLURAL.get(place.kind, place.kind),
        state_fips=place.state_fips,
        state_name=place.state_name,
        population=place.population,
        population_year=place.population_year,
        vintage=max(latest_years.values(), default=None),
        label=geography_label(place),
    )
    keys = {
        (metric_id, year, place.kind, state)
        for metric_id, year in latest_years.items()
        for state in (place.state_fips, "")
    }
    distributions = _DISTRIBUTIONS.get(keys) if place.kind != GeographyKind.STATE else {}
    metrics = Metric.objects.select_related("predictor__pillar").order_by(
        "predictor__pillar__order", "predictor__order", "order", "slug"
    )
    pillars: dict[int, PillarEntry] = {}
    predictors: dict[int, PredictorEntry] = {}
    by_slug: dict[str, MetricEntry] = {}
    for metric in metrics:
        predictor, pillar = metric.predictor, metric.predictor.pillar
        if pillar.pk not in pillars:
            pillars[pillar.pk] = PillarEntry(pillar.slug, pillar.name, pillar.description, [])
        if predictor.pk not in predictors:
            predictors[predictor.pk] = PredictorEntry(
                predictor.slug, predictor.name, predictor.description, []
            )
            pillars[pillar.pk].predictors.append(predictors[predictor.pk])
        entry = _entry(metric, found.get(metric.pk), geography, distributions)
        predictors[predictor.pk].metrics.append(entry)
        by_slug[metric.slug] = entry
    return Profile(
        geography=geography,
        pillars=list(pillars.values()),
        metric_count=len(by_slug),
        with_data_count=sum(1 for e in by_slug.values() if e.latest),
        weak_count=sum(1 for e in by_slug.values() if e.weak),
        _by_slug=by_slug,
    )


def _plain(value: Any) -> Any:
    """Dataclasses to dicts, lists to lists; a lighter `dataclasses.asdict` (no deep copy)."""
    fields = getattr(type(value), "__dataclass_fields__", None)
    if fields is not None:
        return {name: _plain(getattr(value, name)) for name in fields if name[0] != "_"}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    return value


def profile_as_dict(profile: Profile) -> dict[str, Any]:
    """The profile as plain JSON-ready data (the API's answer)."""
    return {
        "geography": _plain(profile.geography),
        "metric_count": profile.metric_count,
        "with_data_count": profile.with_data_count,
        "weak_count": profile.weak_count,
        "pillars": _plain(profile.pillars),
    }
