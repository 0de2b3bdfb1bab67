"""Build the peer index: one row of features per county and city (see docs/peers.md)."""

from __future__ import annotations

import math
from collections.abc import Iterable

from django.db import transaction

from metrics.models import Geography, GeographyKind, PeerProfile, Series

GROUPS = ("black_nh", "hispanic", "other_nh", "white_nh")
RATIO_SLUGS = {f"ratio_{group}_house_value_households": group for group in GROUPS}
INCOME_SLUGS = ("pctl_income_20", "pctl_income_50", "pctl_income_80")
FEATURE_SLUGS = (*INCOME_SLUGS, "share_employed", *RATIO_SLUGS)
PEER_KINDS = (GeographyKind.COUNTY, GeographyKind.PLACE)

# (geography id, metric slug) -> (year, is primary dataset, value, denominator)
Latest = dict[tuple[int, str], tuple[int, bool, float | None, float | None]]


def _latest_whole_population(rows: Iterable[tuple]) -> Latest:
    """Keep, for each geography and metric, the latest year with a value (or, for a ratio,
    a denominator); within a year prefer the dataset without subgroups (the combined file).
    A point is [year, value, lb, ub, quality, numerator, denominator], sorted by year."""
    latest: Latest = {}
    for geo_id, slug, has_subgroups, points in rows:
        point = next((p for p in reversed(points) if p[1] is not None or p[6] is not None), None)
        if point is None:
            continue
        candidate = (point[0], not has_subgroups, point[1], point[6])
        key = (geo_id, slug)
        current = latest.get(key)
        if current is None or candidate[:2] > current[:2]:
            latest[key] = candidate
    return latest


def _household_shares(latest: Latest, geo_id: int) -> dict[str, float]:
    """Group shares of households: the denominators of the housing-wealth ratios. When
    exactly one group is missing, the four shares sum to one, so it is the remainder."""
    shares: dict[str, float] = {}
    for slug, group in RATIO_SLUGS.items():
        row = latest.get((geo_id, slug))
        if row is not None and row[3] is not None:
            shares[group] = row[3]
    missing = [group for group in GROUPS if group not in shares]
    if len(missing) == 1:
        shares[missing[0]] = max(0.0, 1.0 - sum(shares.values()))
    return {f"share_households_{group}": round(share, 4) for group, share in shares.items()}


def peer_features_for(*, latest: Latest, geo_id: int, population: int | None) -> dict:
    features: dict[str, float] = {}
    if population and population > 0:
        features["log_population"] = math.log(population)
    values = {slug: latest[(geo_id, slug)][2] for slug in FEATURE_SLUGS if (geo_id, slug) in latest}
    median = values.get("pctl_income_50")
    if median and median > 0:
        features["log_median_income"] = math.log(median)
    low, high = values.get("pctl_income_20"), values.get("pctl_income_80")
    if low and high and low > 0 and high > 0:
        features["log_income_spread"] = math.log(high / low)
    employed = values.get("share_employed")
    if employed is not None:
        features["share_employed"] = employed
    features.update(_household_shares(latest, geo_id))
    return features


def peer_index_refresh(*, latest: Latest | None = None) -> int:
    """Rebuild every PeerProfile from the latest whole-population observations.

    Two reads (geographies, then the series of the few feature metrics) and bulk writes;
    the importer calls this inside its transaction, passing `latest` when it has already
    picked the values from the files it loaded. Returns the number of profiles written."""
    geographies = list(
        Geography.objects.filter(kind__in=PEER_KINDS).values_list("id", "population")
    )
    if latest is None:
        rows = Series.objects.filter(
            geography__kind__in=PEER_KINDS,
            metric__slug__in=FEATURE_SLUGS,
            subgroup__type="all",
        ).values_list("geography_id", "metric__slug", "dataset__has_subgroups", "points")
        latest = _latest_whole_population(rows.iterator(chunk_size=5000))
    profiles = [
        PeerProfile(
            geography_id=geo_id,
            features=peer_features_for(latest=latest, geo_id=geo_id, population=population),
        )
        for geo_id, population in geographies
    ]
    with transaction.atomic():
        PeerProfile.objects.all().delete()
        PeerProfile.objects.bulk_create(profiles, batch_size=1000)
    return len(profiles)
