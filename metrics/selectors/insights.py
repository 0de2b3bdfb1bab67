"""Preliminary insights: statements computed from one geography's data, worth a closer look.

Five kinds, each with its evidence and a severity score from 0 to 100 used to rank them
(see docs/peers.md, "Insights"):

- ``standing``: the latest value is in the worst or best tenth of the nation (or, failing
  that, of the state), and its interval does not reach the median;
- ``gap``: a group of residents fares worse than all residents by at least 20%, with
  intervals that do not overlap;
- ``trend``: the value moved between the first and latest year by more than the intervals
  of both figures allow;
- ``weak``: the latest value is flagged Weak (do not act on it alone);
- ``missing``: no value at all for a metric published for this kind of geography.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q
from django.urls import reverse

from lib.numbers import difference_format, interval_format, value_format
from metrics.models import Direction, Distribution, Geography, GeographyKind, Metric, Series
from metrics.selectors.geographies import geography_or_404
from metrics.services.standings import standing_count

EXTREME_PCT = 90.0  # better or worse than this share of places counts as far from the rest
MIN_PLACES = 10  # a standing among fewer places says little
GAP_MIN_RELATIVE = 0.20  # a group must differ from all residents by a fifth or more
GAP_WIDENING = 0.05  # the relative gap grew by five points or more since the first year
WEAK = 3

# Base scores: bad news before good news, data warnings last.
BASE = {
    ("standing", "bad"): 60,
    ("gap", "bad"): 55,
    ("trend", "bad"): 50,
    ("standing", "good"): 30,
    ("trend", "good"): 25,
    ("weak", "caution"): 10,
    ("missing", "caution"): 5,
}
WEAK_PENALTY = 15
WIDENING_BONUS = 10
PLURAL = {GeographyKind.COUNTY: "counties", GeographyKind.PLACE: "cities"}
SUBGROUP_TYPE_WORDS = {
    "race-ethnicity": "race and ethnicity",
    "race-share": "the racial make-up of the neighborhood",
    "income": "income",
    "age": "age",
    "gender": "gender",
    "tenure": "renting or owning",
    "disability": "disability",
}


@dataclass(frozen=True)
class Evidence:
    label: str
    year: int | None
    value: float | None
    lb: float | None = None
    ub: float | None = None
    quality: str | None = None  # "Strong", "Marginal", "Weak" or None
    text: str = ""  # the value in words, with its interval and quality


@dataclass(frozen=True)
class Insight:
    kind: str  # standing, gap, trend, weak, missing
    tone: str  # bad, good, caution
    severity: int  # 0-100, higher first
    metric_slug: str
    metric_name: str
    sentence: str
    url: str
    evidence: list[Evidence] = field(default_factory=list)

    @property
    def tone_label(self) -> str:
        return {"bad": "Needs attention", "good": "Strength", "caution": "Data note"}[self.tone]


Point = list  # [year, value, lb, ub, quality, numerator, denominator]
Groups = dict[tuple[str, str], list[Point]]  # (subgroup type, subgroup name) -> points
Distributions = dict[tuple[int, str], Distribution]


@dataclass
class _MetricData:
    primary: list[Point] = field(default_factory=list)  # whole population, by year
    # dataset id -> (subgroup type, subgroup name) -> points
    subgroups: dict[int, Groups] = field(default_factory=lambda: defaultdict(dict))


def _quality(code: int | None) -> str | None:
    return {1: "Strong", 2: "Marginal", 3: "Weak"}.get(code) if code is not None else None


def _evidence(label: str, point: Point, unit: str) -> Evidence:
    year, value, lb, ub, quality = point[:5]
    text = value_format(value=value, unit=unit, numerator=point[5], denominator=point[6])
    interval = interval_format(lb=lb, ub=ub, unit=unit)
    if interval:
        text += f" (95% interval {interval})"
    if quality is not None:
        text += f", {_quality(quality)}"
    return Evidence(label, year, value, lb, ub, _quality(quality), text)


def _series_of(geography: Geography) -> dict[int, _MetricData]:
    """Every series of the geography, whole-population years merged by the primary rule."""
    data: dict[int, _MetricData] = defaultdict(_MetricData)
    chosen: dict[int, dict[int, tuple[bool, Point]]] = defaultdict(dict)
    rows = Series.objects.filter(geography=geography).values_list(
        "metric_id", "dataset_id", "dataset__has_subgroups", "subgroup__type", "subgroup__name",
        "points",
    )  # fmt: skip
    for metric_id, dataset_id, has_subgroups, type_, name, points in rows:
        if has_subgroups:
            data[metric_id].subgroups[dataset_id][(type_, name)] = points
        if type_ != "all":
            continue
        for point in points:
            held = chosen[metric_id].get(point[0])
            if point[1] is not None and (held is None or (held[0] and not has_subgroups)):
                chosen[metric_id][point[0]] = (has_subgroups, point)
    for metric_id, years in chosen.items():
        data[metric_id].primary = [years[y][1] for y in sorted(years)]
    return data


def _distributions(geography: Geography, wanted: dict[int, int]) -> Distributions:
    """(metric id, state FIPS or "") -> distribution at the metric's latest year."""
    if not wanted:
        return {}
    match = Q()
    for metric_id, year in wanted.items():
        match |= Q(metric_id=metric_id, year=year)
    rows = Distribution.objects.filter(
        match, level=geography.kind, state_fips__in=["", geography.state_fips]
    )
    return {(d.metric_id, d.state_fips): d for d in rows}


def _is_worse(a: float, b: float, direction: str) -> bool:
    """Whether a is worse than b for a metric with this direction."""
    if direction == Direction.LOWER:
        return a > b
    if direction == Direction.PARITY:
        return abs(a - 1) > abs(b - 1)
    return a < b


def _apart(a: Point, b: Point) -> bool:
    """Whether two values are told apart by their intervals. A value without an interval
    counts as the single point it is."""
    a_lb, a_ub = (a[2], a[3]) if a[2] is not None and a[3] is not None else (a[1], a[1])
    b_lb, b_ub = (b[2], b[3]) if b[2] is not None and b[3] is not None else (b[1], b[1])
    return a_ub < b_lb or b_ub < a_lb


def _relative(a: float, b: float) -> float:
    return abs(a - b) / abs(b) if b else float("inf") if a != b else 0.0


def _standing(
    geography: Geography, metric: Metric, point: Point, dists: Distributions
) -> Insight | None:
    for scope in ("", geography.state_fips):
        dist = dists.get((metric.id, scope))
        if dist is None or dist.count < MIN_PLACES or dist.median is None:
            continue
        count = standing_count(value=point[1], direction=metric.direction, values=dist.values)
        better, worse = count.better_than_pct or 0.0, count.worse_than_pct or 0.0
        median_point = [dist.year, dist.median, *[None] * 5]
        if max(better, worse) < EXTREME_PCT or not _apart(point, median_point):
            continue
        tone = "bad" if worse >= EXTREME_PCT else "good"
        pct = worse if tone == "bad" else better
        where = "in the nation" if scope == "" else f"in {geography.state_name}"
        plural = PLURAL[geography.kind]
        median_label = f"Median of {dist.count:,} {plural} {where}"
        shown = value_format(value=point[1], unit=metric.unit)
        median = value_format(value=dist.median, unit=metric.unit)
        sentence = (
            f"{metric.name}: {'worse' if tone == 'bad' else 'better'} than {pct:.0f}% of "
            f"{plural} {where} ({shown} in {point[0]}, against a median of {median})."
        )
        score = BASE[("standing", tone)] + 2 * (pct - EXTREME_PCT) - (10 if scope else 0)
        evidence = [
            _evidence(str(geography), point, metric.unit),
            _evidence(median_label, median_point, metric.unit),
        ]
        return _insight("standing", tone, score, metric, sentence, geography, evidence, point)
    return None


def _trend(geography: Geography, metric: Metric, points: list[Point]) -> Insight | None:
    first, last = points[0], points[-1]
    if first[0] == last[0] or None in (first[2], first[3], last[2], last[3]):
        return None
    if not _apart(first, last):
        return None
    tone = "bad" if _is_worse(last[1], first[1], metric.direction) else "good"
    change = _relative(last[1], first[1])
    sentence = (
        f"{metric.name} got {'worse' if tone == 'bad' else 'better'} between {first[0]} and "
        f"{last[0]}: from {value_format(value=first[1], unit=metric.unit)} to "
        f"{value_format(value=last[1], unit=metric.unit)}, a change larger than the "
        "uncertainty of either figure."
    )
    score = BASE[("trend", tone)] + 20 * min(change / 0.25, 1.0)
    evidence = [
        _evidence(f"{geography} in {first[0]}", first, metric.unit),
        _evidence(f"{geography} in {last[0]}", last, metric.unit),
    ]
    return _insight("trend", tone, score, metric, sentence, geography, evidence, first, last)


def _gap(geography: Geography, metric: Metric, groups: Groups) -> Insight | None:
    """The worst-off group against the same dataset's "All" at the latest year they share."""
    reference = groups.get(("all", "All"))
    if not reference or metric.unit == "count":
        return None
    all_by_year = {p[0]: p for p in reference if p[1] is not None}
    best: tuple[float, tuple[str, str], Point, Point] | None = None
    for key, points in groups.items():
        if key[0] == "all":
            continue
        shared = [p for p in points if p[1] is not None and p[0] in all_by_year]
        if not shared:
            continue
        point, ref = shared[-1], all_by_year[shared[-1][0]]
        relative = _relative(point[1], ref[1])
        if (
            _is_worse(point[1], ref[1], metric.direction)
            and relative >= GAP_MIN_RELATIVE
            and _apart(point, ref)
            and (best is None or relative > best[0])
        ):
            best = (relative, key, point, ref)
    if best is None:
        return None
    relative, (type_, name), point, ref = best
    first = next(p for p in groups[(type_, name)] if p[1] is not None and p[0] in all_by_year)
    widening = first[0] < point[0] and (
        relative - _relative(first[1], all_by_year[first[0]][1]) >= GAP_WIDENING
    )
    words = SUBGROUP_TYPE_WORDS.get(type_, type_.replace("-", " "))
    gap = difference_format(value=abs(point[1] - ref[1]), unit=metric.unit)
    sentence = (
        f"{metric.name}, by {words}: {name} at {value_format(value=point[1], unit=metric.unit)}"
        f" against {value_format(value=ref[1], unit=metric.unit)} for all residents in "
        f"{point[0]}, a gap of {gap} ({relative:.0%})"
        + (f", wider than in {first[0]}." if widening else ".")
    )
    score = BASE[("gap", "bad")] + 20 * min(relative / 0.5, 1.0)
    score += WIDENING_BONUS if widening else 0
    evidence = [
        _evidence(f"{name}, {point[0]}", point, metric.unit),
        _evidence(f"All residents, {ref[0]}", ref, metric.unit),
    ]
    return _insight("gap", "bad", score, metric, sentence, geography, evidence, point, ref)


def _insight(
    kind: str,
    tone: str,
    score: float,
    metric: Metric,
    sentence: str,
    geography: Geography,
    evidence: list[Evidence],
    *points: Point,
) -> Insight:
    if any(p[4] == WEAK for p in points):
        score -= WEAK_PENALTY
        sentence += " A figure here is flagged Weak: do not act on it alone."
    return Insight(
        kind=kind,
        tone=tone,
        severity=max(0, min(100, round(score))),
        metric_slug=metric.slug,
        metric_name=metric.name,
        sentence=sentence,
        url=reverse("metric-detail", kwargs={"geoid": geography.geoid, "metric": metric.slug}),
        evidence=evidence,
    )


def _metric_insights(
    geography: Geography, metric: Metric, data: _MetricData, dists: Distributions
) -> list[Insight]:
    if not data.primary:
        sentence = f"No figure for {metric.name.lower()} in this release for {geography.name}."
        score = BASE[("missing", "caution")]
        return [_insight("missing", "caution", score, metric, sentence, geography, [])]
    latest = data.primary[-1]
    found = [
        _standing(geography, metric, latest, dists),
        _trend(geography, metric, data.primary),
        *(_gap(geography, metric, groups) for groups in data.subgroups.values()),
    ]
    insights = [i for i in found if i is not None]
    if latest[4] == WEAK and not any("flagged Weak" in i.sentence for i in insights):
        shown = value_format(value=latest[1], unit=metric.unit)
        sentence = (
            f"The latest figure for {metric.name.lower()} ({shown} in {latest[0]}) is "
            "flagged Weak: do not act on it alone."
        )
        evidence = [_evidence(str(geography), latest, metric.unit)]
        score = BASE[("weak", "caution")]
        insights.append(_insight("weak", "caution", score, metric, sentence, geography, evidence))
    return insights


def insights_for(*, geoid: str, limit: int | None = None) -> list[Insight]:
    """The insights for a county or city, most important first (404 for an unknown GEOID)."""
    geography = geography_or_404(geoid=geoid)
    if geography.kind not in PLURAL:
        return []
    metrics = [m for m in Metric.objects.all() if geography.kind in (m.levels or [])]
    data = _series_of(geography)
    latest_years = {m.id: data[m.id].primary[-1][0] for m in metrics if data[m.id].primary}
    dists = _distributions(geography, latest_years)
    insights: list[Insight] = []
    for metric in metrics:
        insights.extend(_metric_insights(geography, metric, data[metric.id], dists))
    insights.sort(key=lambda i: -i.severity)  # stable: catalog order breaks ties
    return insights[:limit] if limit is not None else insights
