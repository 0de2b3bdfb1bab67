"""Similar jurisdictions and side-by-side comparisons (the method is in docs/peers.md)."""

from __future__ import annotations

import math
import threading
import warnings
from dataclasses import dataclass, field, replace

import numpy as np
from django.db.models import Count, Max

from lib.numbers import interval_format, value_format
from metrics.models import (
    Distribution,
    Geography,
    GeographyKind,
    Metric,
    PeerProfile,
    Quality,
    Release,
    Series,
)
from metrics.selectors.geographies import geography_or_404

MIN_FEATURES = 4  # a peer needs at least this many features in common with the place
DEFAULT_COMPARE_PEERS = 5
ALIKE_WITHIN = 0.35  # standard deviations: closer than this, a feature is called "similar"
KIND_PLURAL: dict[str, str] = {GeographyKind.COUNTY: "counties", GeographyKind.PLACE: "cities"}


@dataclass(frozen=True)
class Feature:
    key: str
    label: str
    weight: float


GROUP_LABELS = {
    "black_nh": "Black",
    "hispanic": "Hispanic",
    "other_nh": "other-race",
    "white_nh": "white",
}
# Composition has four coordinates that move together, so each counts half.
FEATURES = (
    Feature("log_population", "population", 1.0),
    Feature("log_median_income", "median household income", 1.0),
    Feature("share_employed", "share of adults 25 to 54 employed", 1.0),
    Feature("log_income_spread", "income spread (80th to 20th percentile)", 0.5),
    *(
        Feature(f"share_households_{group}", f"share of {label} households", 0.5)
        for group, label in GROUP_LABELS.items()
    ),
)
WEIGHTS = np.array([feature.weight for feature in FEATURES])


@dataclass(frozen=True)
class Peer:
    geoid: str
    name: str
    state_name: str
    kind: str
    distance: float
    similarity: int  # 0-100, 100 = identical on every shared feature
    reason: str  # the closest features, in words
    difference: str  # the feature where they differ most, in words
    shared_features: int
    population: int | None = None


class PeerList(list[Peer]):
    """Suggested peers, best first; `reason` says why the list is empty when it is."""

    def __init__(self, peers: list[Peer] | None = None, *, reason: str = "") -> None:
        super().__init__(peers or [])
        self.reason = reason


@dataclass
class _Matrix:
    geoids: list[str]
    names: list[str]
    states: list[str]
    raw: np.ndarray  # features as stored, NaN where absent
    z: np.ndarray  # standardised over all geographies of the kind
    index: dict[str, int]


_cache: dict[str, tuple[tuple, _Matrix]] = {}
_lock = threading.Lock()


def _cache_key(kind: str) -> tuple:
    latest_release = Release.objects.order_by("-imported_at", "-id").values_list("id").first()
    stamp = PeerProfile.objects.filter(geography__kind=kind).aggregate(
        n=Count("id"), last=Max("updated_at")
    )
    return (latest_release, stamp["n"], stamp["last"])


def _matrix_build(kind: str) -> _Matrix:
    rows = PeerProfile.objects.filter(geography__kind=kind).values_list(
        "geography__geoid", "geography__name", "geography__state_name", "features"
    )
    geoids, names, states, raw_rows = [], [], [], []
    for geoid, name, state_name, features in rows:
        geoids.append(geoid)
        names.append(name)
        states.append(state_name)
        raw_rows.append([features.get(f.key, math.nan) for f in FEATURES])
    raw = np.array(raw_rows, dtype=float).reshape(len(geoids), len(FEATURES))
    with warnings.catch_warnings():
        # A feature nobody has yet gives an all-NaN column: harmless.
        warnings.simplefilter("ignore", RuntimeWarning)
        mean = np.nanmean(raw, axis=0)
        std = np.nanstd(raw, axis=0)
    std = np.where((std > 0) & np.isfinite(std), std, 1.0)
    z = (raw - mean) / std
    return _Matrix(geoids, names, states, raw, z, {g: i for i, g in enumerate(geoids)})


def peer_matrix(*, kind: str) -> _Matrix:
    """The features of every geography of one kind, loaded once per process and rebuilt
    when a new release is imported or the peer index changes."""
    key = _cache_key(kind)
    with _lock:
        cached = _cache.get(kind)
        if cached is None or cached[0] != key:
            cached = (key, _matrix_build(kind))
            _cache[kind] = cached
    return cached[1]


def peers_suggest(*, geoid: str, limit: int = 10) -> PeerList:
    """The most similar geographies of the same kind, closest first.

    Raises Http404 for an unknown GEOID."""
    geography = geography_or_404(geoid=geoid)
    kind = geography.kind
    if kind not in KIND_PLURAL:
        return PeerList(reason="Peers are suggested for counties and cities only.")
    matrix = peer_matrix(kind=kind)
    row = matrix.index.get(geoid)
    have = 0 if row is None else int(np.isfinite(matrix.raw[row]).sum())
    if row is None or have < MIN_FEATURES:
        return PeerList(
            reason=f"{geography.name} has {have} of the {len(FEATURES)} features used to "
            f"find peers; at least {MIN_FEATURES} are needed."
        )
    distances, shared = _distances(matrix, row)
    order = [i for i in np.argsort(distances, kind="stable") if np.isfinite(distances[i])]
    peers = [
        _peer(matrix, row, int(i), float(distances[i]), int(shared[i]), kind) for i in order[:limit]
    ]
    if not peers:
        return PeerList(reason=f"No other {KIND_PLURAL[kind]} share enough features with it.")
    return PeerList(peers)


def _distances(matrix: _Matrix, row: int) -> tuple[np.ndarray, np.ndarray]:
    """Weighted root-mean-square difference of z-scores over the features both have."""
    diff = matrix.z - matrix.z[row]
    present = np.isfinite(diff)
    weights = present * WEIGHTS
    squares = np.where(present, diff * diff, 0.0) * WEIGHTS
    shared = present.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        distances = np.sqrt(squares.sum(axis=1) / weights.sum(axis=1))
    distances[shared < MIN_FEATURES] = np.inf
    distances[row] = np.inf
    return distances, shared


def similarity_score(distance: float) -> int:
    """100 for identical, about 37 for two places picked at random (distance near 1.4)."""
    return round(100 * math.exp(-(distance**2) / 2))


def _peer(matrix: _Matrix, row: int, other: int, distance: float, shared: int, kind: str) -> Peer:
    gaps = np.abs(matrix.z[other] - matrix.z[row])
    known = [j for j in np.argsort(gaps, kind="stable") if np.isfinite(gaps[j])]
    closest = _closest(known, matrix.raw[row], matrix.raw[other], gaps)
    widest = known[-1]
    return Peer(
        geoid=matrix.geoids[other],
        name=matrix.names[other],
        state_name=matrix.states[other],
        kind=kind,
        distance=round(distance, 3),
        similarity=similarity_score(distance),
        reason=", ".join(closest),
        difference=_phrase(widest, matrix.raw[row][widest], matrix.raw[other][widest], alike=False),
        shared_features=shared,
        population=_population(matrix.raw[other][0]),
    )


def _population(log_population: float) -> int | None:
    return round(math.exp(log_population)) if math.isfinite(log_population) else None


def _closest(order: list[int], mine: np.ndarray, theirs: np.ndarray, gaps: np.ndarray) -> list[str]:
    """The three closest features in words. Only one group share is named, and never one
    where both places have under 5% of households in that group (alike, but says little)."""
    phrases: list[str] = []
    named_group = False
    for j in order:
        is_group = FEATURES[j].key.startswith("share_households_")
        if is_group and (named_group or max(mine[j], theirs[j]) < 0.05):
            continue
        named_group = named_group or is_group
        phrases.append(_phrase(j, mine[j], theirs[j], alike=gaps[j] <= ALIKE_WITHIN))
        if len(phrases) == 3:
            break
    return phrases


def _compact(number: float) -> str:
    """1.2M, 395K, 67.5K, 950."""
    for size, suffix in ((1e6, "M"), (1e3, "K")):
        if abs(number) >= size:
            digits = 0 if abs(number) >= 100 * size else 1
            return f"{number / size:.{digits}f}".removesuffix(".0") + suffix
    return f"{number:,.0f}"


def _phrase(j: int, mine: float, theirs: float, *, alike: bool = True) -> str:
    """One feature compared in words: the peer's value against the place's."""
    feature = FEATURES[j]
    prefix = "similar " if alike else ""
    if feature.key == "log_population":
        return f"{prefix}population ({_compact(math.exp(theirs))} vs {_compact(math.exp(mine))})"
    if feature.key == "log_median_income":
        gap = abs(math.exp(theirs - mine) - 1)
        amounts = f"${_compact(math.exp(theirs))} vs ${_compact(math.exp(mine))}"
        if alike:
            return f"median income within {max(gap * 100, 1):.0f}% ({amounts})"
        return f"median income ({amounts})"
    if feature.key == "log_income_spread":
        return (
            f"{prefix}income spread (80th percentile {math.exp(theirs):.1f} times the "
            f"20th vs {math.exp(mine):.1f})"
        )
    return f"{prefix}{feature.label} ({theirs:.0%} vs {mine:.0%})"


# --- Comparison -------------------------------------------------------------------------


class UnknownMetric(ValueError):
    """The metric named in a request is not in the catalog."""


@dataclass(frozen=True)
class ComparisonRow:
    role: str  # "self", "peer", "state", "nation"
    label: str
    geoid: str | None
    year: int | None
    value: float | None
    lb: float | None = None
    ub: float | None = None
    quality: str | None = None  # "Strong", "Marginal", "Weak" or None
    count: int | None = None  # how many geographies a median is taken over
    text: str = ""  # the value in words with its unit ("No data" when missing)
    interval: str = ""  # the 95% interval in words, "" when none is published


@dataclass
class Comparison:
    geoid: str
    name: str
    kind: str
    metric_slug: str
    metric_name: str
    unit: str
    direction: str
    rows: list[ComparisonRow] = field(default_factory=list)
    unknown_peers: list[str] = field(default_factory=list)
    suggestions: list[Peer] = field(default_factory=list)  # the suggested peers, best first
    peers_reason: str = ""  # why there are no suggestions, when there are none

    @property
    def extra_peers(self) -> list[ComparisonRow]:
        """Peers asked for that are not among the suggestions."""
        suggested = {p.geoid for p in self.suggestions}
        return [r for r in self.rows if r.role == "peer" and r.geoid not in suggested]


def _quality_label(quality: int | None) -> str | None:
    return Quality(quality).label if quality in Quality.values else None


def latest_values(*, geoids: list[str], metric: Metric) -> dict[str, dict]:
    """The latest whole-population value of one metric for each geography (the dataset
    without subgroups wins a tie on year)."""
    rows = Series.objects.filter(
        geography__geoid__in=geoids, metric=metric, subgroup__type="all"
    ).values_list("geography__geoid", "dataset__has_subgroups", "points")
    best: dict[str, tuple[tuple[int, bool], dict]] = {}
    for geoid, has_subgroups, points in rows:
        point = next((p for p in reversed(points) if p[1] is not None), None)
        if point is None:
            continue
        rank = (point[0], not has_subgroups)
        if geoid not in best or rank > best[geoid][0]:
            keys = ("year", "value", "lb", "ub", "quality")
            best[geoid] = (rank, dict(zip(keys, point, strict=False)))
    return {geoid: row for geoid, (_, row) in best.items()}


def _median_row(
    *, metric: Metric, kind: str, state_fips: str, year: int | None, label: str
) -> ComparisonRow:
    found = Distribution.objects.filter(metric=metric, level=kind, state_fips=state_fips)
    if year is not None:
        found = found.filter(year__lte=year)
    dist = found.order_by("-year").only("year", "median", "count").first()
    role = "nation" if state_fips == "" else "state"
    if dist is None:
        return ComparisonRow(role=role, label=label, geoid=None, year=None, value=None)
    return ComparisonRow(
        role=role, label=label, geoid=None, year=dist.year, value=dist.median, count=dist.count
    )


def peers_compare(*, geoid: str, metric: str, peers: list[str] | None = None) -> Comparison:
    """One metric for a place, its peers (suggested unless given), its state's median and
    the national median of the same kind of geography.

    Raises Http404 for an unknown GEOID and UnknownMetric for a bad slug."""
    place = geography_or_404(geoid=geoid)
    found = Metric.objects.filter(slug=metric).first()
    if found is None:
        raise UnknownMetric(f"There is no metric called “{metric}”.")
    comparison = Comparison(
        geoid=place.geoid,
        name=str(place),
        kind=place.kind,
        metric_slug=found.slug,
        metric_name=found.name,
        unit=found.unit,
        direction=found.direction,
    )
    suggested = peers_suggest(geoid=geoid, limit=10)
    comparison.suggestions, comparison.peers_reason = list(suggested), suggested.reason
    if peers is None:
        peers = [p.geoid for p in suggested[:DEFAULT_COMPARE_PEERS]]
    peers = [p for p in dict.fromkeys(peers) if p != geoid]
    known = {g.geoid: g for g in Geography.objects.filter(geoid__in=peers)}
    comparison.unknown_peers = [p for p in peers if p not in known]
    values = latest_values(geoids=[geoid, *known], metric=found)
    comparison.rows.append(_geo_row("self", place, values.get(geoid)))
    comparison.rows.extend(_geo_row("peer", known[p], values.get(p)) for p in peers if p in known)
    mine = values.get(geoid)
    year = mine["year"] if mine else None
    plural = KIND_PLURAL.get(place.kind, "places")
    comparison.rows.append(
        _median_row(
            metric=found,
            kind=place.kind,
            state_fips=place.state_fips,
            year=year,
            label=f"{place.state_name}: median of its {plural}",
        )
    )
    comparison.rows.append(
        _median_row(
            metric=found,
            kind=place.kind,
            state_fips="",
            year=year,
            label=f"Nation: median of {plural}",
        )
    )
    comparison.rows = [_with_text(row, found.unit) for row in comparison.rows]
    return comparison


def _with_text(row: ComparisonRow, unit: str) -> ComparisonRow:
    return replace(
        row,
        text=value_format(value=row.value, unit=unit),
        interval=interval_format(lb=row.lb, ub=row.ub, unit=unit),
    )


def _geo_row(role: str, geography: Geography, row: dict | None) -> ComparisonRow:
    if row is None:
        return ComparisonRow(
            role=role, label=str(geography), geoid=geography.geoid, year=None, value=None
        )
    return ComparisonRow(
        role=role,
        label=str(geography),
        geoid=geography.geoid,
        year=row["year"],
        value=row["value"],
        lb=row["lb"],
        ub=row["ub"],
        quality=_quality_label(row["quality"]),
    )
