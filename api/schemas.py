"""The shapes of the API's answers. They mirror the selectors' dataclasses field for field."""

from __future__ import annotations

from typing import Literal

from ninja import Schema

Quality = Literal["Strong", "Marginal", "Weak"] | None


class ErrorOut(Schema):
    detail: str


class MetricOut(Schema):
    slug: str
    name: str
    short_name: str
    description: str
    unit: str
    unit_label: str
    direction: Literal["higher", "lower", "parity", "context"]
    direction_label: str
    levels: list[str]
    pillar: str
    predictor: str
    mobility_parts: list[str]


class GeographyOut(Schema):
    geoid: str
    name: str
    kind: Literal["state", "county", "place"]
    state_fips: str
    state_name: str
    population: int | None
    population_year: int | None


class ObservationOut(Schema):
    metric: str
    year: int
    subgroup_type: str
    subgroup: str
    value: float | None
    lb: float | None
    ub: float | None
    quality: Quality
    dataset: str
    numerator: float | None = None
    denominator: float | None = None


# --- The profile -------------------------------------------------------------------------


class PointOut(Schema):
    year: int
    value: float | None
    lb: float | None
    ub: float | None
    quality: Quality
    text: str
    interval: str
    numerator: float | None = None
    denominator: float | None = None
    weak: bool = False


class StandingOut(Schema):
    scope: Literal["state", "nation"]
    year: int
    count: int
    rank: int | None
    better_than_pct: float | None
    worse_than_pct: float | None
    median: float | None
    median_text: str
    sentence: str
    tone: str


class ChangeOut(Schema):
    first: PointOut
    last: PointOut
    tone: str
    intervals_overlap: bool | None
    sentence: str


class GroupValueOut(Schema):
    name: str
    point: PointOut
    gap: float | None
    gap_text: str
    tone: str | None
    intervals_overlap: bool | None


class SubgroupSetOut(Schema):
    type: str
    label: str
    dataset: str
    year: int
    all: PointOut | None
    groups: list[GroupValueOut]
    widest_gap_text: str


class MetricEntryOut(Schema):
    slug: str
    name: str
    short_name: str
    description: str
    unit: str
    unit_label: str
    direction: str
    direction_label: str
    available: bool
    latest: PointOut | None
    series: list[PointOut]
    state_standing: StandingOut | None
    national_standing: StandingOut | None
    change: ChangeOut | None
    subgroups: list[SubgroupSetOut]
    weak: bool
    weak_warning: str
    missing_text: str


class PredictorEntryOut(Schema):
    slug: str
    name: str
    description: str
    metrics: list[MetricEntryOut]


class PillarEntryOut(Schema):
    slug: str
    name: str
    description: str
    predictors: list[PredictorEntryOut]


class GeographyInfoOut(Schema):
    geoid: str
    name: str
    kind: str
    kind_label: str
    kind_plural: str
    state_fips: str
    state_name: str
    population: int | None
    population_year: int | None
    vintage: int | None
    label: str


class ProfileOut(Schema):
    geography: GeographyInfoOut
    metric_count: int
    with_data_count: int
    weak_count: int
    pillars: list[PillarEntryOut]


# --- Peers and insights ------------------------------------------------------------------


class PeerOut(Schema):
    geoid: str
    name: str
    state_name: str
    kind: str
    population: int | None
    distance: float
    similarity: int
    reason: str
    difference: str
    shared_features: int


class PeersOut(Schema):
    geoid: str
    peers: list[PeerOut]
    reason: str  # why the list is empty, when it is


class EvidenceOut(Schema):
    label: str
    year: int | None
    value: float | None
    lb: float | None
    ub: float | None
    quality: Quality
    text: str


class InsightOut(Schema):
    kind: Literal["standing", "gap", "trend", "weak", "missing"]
    tone: Literal["bad", "good", "caution"]
    severity: int
    metric_slug: str
    metric_name: str
    sentence: str
    url: str
    evidence: list[EvidenceOut]


# --- Status ------------------------------------------------------------------------------


class GeographyCountsOut(Schema):
    state: int
    county: int
    place: int


class ReleaseOut(Schema):
    id: int
    label: str
    imported_at: str
    files: list[str | None]
    observations_added: int
    observations_revised: int


class StatusOut(Schema):
    geographies: GeographyCountsOut
    metrics: int
    series: int
    observations: int
    releases: list[ReleaseOut]
