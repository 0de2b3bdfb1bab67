"""Where a value stands among its peers: the distributions behind every rank and percentile.

`distributions_refresh` rebuilds the `Distribution` rows after an import; `standing_count`
places one value in one sorted distribution with bisection, direction-aware (for parity
metrics the distance from 1 counts, so 0.8 and 1.25 are both worse than 0.95).
"""

from __future__ import annotations

import json
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db import connection

from metrics.models import Dataset, Direction, Distribution, Geography, Series, Subgroup

# Two values closer than this count as equal (the release rounds, floats do not).
EPSILON = 1e-9


@dataclass(frozen=True)
class StandingCount:
    """How many of the n values in a distribution are strictly better and strictly worse."""

    better: int
    worse: int
    n: int

    @property
    def rank(self) -> int:
        """1 for the best; ties share the better rank."""
        return self.better + 1

    @property
    def better_than_pct(self) -> float | None:
        """The share of the other places that this one does better than, 0-100."""
        return None if self.n < 2 else 100.0 * self.worse / (self.n - 1)

    @property
    def worse_than_pct(self) -> float | None:
        return None if self.n < 2 else 100.0 * self.better / (self.n - 1)


def standing_count(*, value: float, direction: str, values: Sequence[float]) -> StandingCount:
    """Count the values better and worse than `value` in `values` (sorted ascending)."""
    n = len(values)
    if direction == Direction.PARITY:
        distance = abs(value - 1.0)
        # Strictly closer to 1: inside (1 - d, 1 + d); strictly farther: outside the closed one.
        closer = bisect_left(values, 1.0 + distance - EPSILON) - bisect_right(
            values, 1.0 - distance + EPSILON
        )
        farther = bisect_left(values, 1.0 - distance - EPSILON) + (
            n - bisect_right(values, 1.0 + distance + EPSILON)
        )
        return StandingCount(better=max(closer, 0), worse=farther, n=n)
    below = bisect_left(values, value - EPSILON)
    above = n - bisect_right(values, value + EPSILON)
    if direction == Direction.LOWER:
        return StandingCount(better=below, worse=above, n=n)
    return StandingCount(better=above, worse=below, n=n)


def quantile(values: Sequence[float], q: float) -> float | None:
    """Linear interpolation between the closest ranks, as numpy's default does."""
    if not values:
        return None
    position = (len(values) - 1) * q
    low = int(position)
    high = min(low + 1, len(values) - 1)
    return values[low] + (values[high] - values[low]) * (position - low)


def _whole_population_rows(levels: tuple[str, ...]) -> Iterable[tuple[int, int, int, object]]:
    """(metric_id, geography_id, dataset_id, points) of every whole-population series."""
    all_ids = list(Subgroup.objects.filter(type="all").values_list("id", flat=True))
    if not all_ids:
        return
    quote = connection.ops.quote_name
    marks = ", ".join(["%s"] * len(all_ids))
    level_marks = ", ".join(["%s"] * len(levels))
    sql = (
        f"SELECT s.{quote('metric_id')}, s.{quote('geography_id')}, s.{quote('dataset_id')}, "  # noqa: S608
        f"s.{quote('points')} FROM {quote(Series._meta.db_table)} s "
        f"JOIN {quote(Geography._meta.db_table)} g ON g.{quote('id')} = s.{quote('geography_id')} "
        f"WHERE s.{quote('subgroup_id')} IN ({marks}) AND g.{quote('kind')} IN ({level_marks}) "
        f"ORDER BY s.{quote('metric_id')}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*all_ids, *levels])
        yield from cursor


def _points(raw: object) -> list[list[object]]:
    return json.loads(raw) if isinstance(raw, (str, bytes)) else raw  # type: ignore[return-value]


def primary_values(
    series: Iterable[tuple[int, int, object]], subgroup_datasets: set[int]
) -> dict[tuple[int, int], float]:
    """{(geography_id, year): value} from (geography_id, dataset_id, points) of one metric.

    A value from a combined release file (a dataset without subgroups) wins over one from a
    subgroup file for the same year; the subgroup file's "All" fills years the other lacks.
    """
    chosen: dict[tuple[int, int], tuple[bool, float]] = {}
    for geography_id, dataset_id, raw in series:
        from_subgroups = dataset_id in subgroup_datasets
        for point in _points(raw):
            value = point[1]
            if value is None:
                continue
            key = (geography_id, int(point[0]))  # type: ignore[call-overload]
            held = chosen.get(key)
            if held is None or (held[0] and not from_subgroups):
                chosen[key] = (from_subgroups, float(value))  # type: ignore[arg-type]
    return {key: value for key, (_, value) in chosen.items()}


def _distributions_of_metric(
    metric_id: int,
    values: dict[tuple[int, int], float],
    places: dict[int, tuple[str, str]],
) -> list[Distribution]:
    groups: dict[tuple[int, str, str], list[float]] = defaultdict(list)
    for (geography_id, year), value in values.items():
        level, state = places[geography_id]
        groups[(year, level, state)].append(value)
        groups[(year, level, "")].append(value)
    rows = []
    for (year, level, state), found in groups.items():
        found.sort()
        rows.append(
            Distribution(
                metric_id=metric_id,
                year=year,
                level=level,
                state_fips=state,
                count=len(found),
                median=quantile(found, 0.5),
                p25=quantile(found, 0.25),
                p75=quantile(found, 0.75),
                values=found,
            )
        )
    return rows


def distributions_refresh(*, levels: tuple[str, ...] = ("county", "place")) -> int:
    """Rebuild the distributions of every metric and year for the nation and each state.

    Returns the number of `Distribution` rows written. Runs inside the caller's transaction.
    """
    from metrics.selectors.profiles import distribution_cache_clear

    places = {
        pk: (kind, state)
        for pk, kind, state in Geography.objects.filter(kind__in=levels).values_list(
            "id", "kind", "state_fips"
        )
    }
    subgroup_datasets = set(Dataset.objects.filter(has_subgroups=True).values_list("id", flat=True))
    rows: list[Distribution] = []
    current: int | None = None
    batch: list[tuple[int, int, object]] = []
    for metric_id, geography_id, dataset_id, points in _whole_population_rows(levels):
        if metric_id != current and batch:
            values = primary_values(batch, subgroup_datasets)
            rows.extend(_distributions_of_metric(current, values, places))  # type: ignore[arg-type]
            batch = []
        current = metric_id
        batch.append((geography_id, dataset_id, points))
    if batch:
        values = primary_values(batch, subgroup_datasets)
        rows.extend(_distributions_of_metric(current, values, places))  # type: ignore[arg-type]
    Distribution.objects.filter(level__in=levels).delete()
    Distribution.objects.bulk_create(rows, batch_size=500)
    distribution_cache_clear()
    return len(rows)
