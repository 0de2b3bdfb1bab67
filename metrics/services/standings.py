"""Where a value stands among its peers: the distributions behind every rank and percentile.

`distributions_refresh` rebuilds the `Distribution` rows after an import; `standing_count`
places one value in one sorted distribution with bisection, direction-aware (for parity
metrics the distance from 1 counts, so 0.8 and 1.25 are both worse than 0.95).
"""

from __future__ import annotations

import gc
import json
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection

from metrics.models import Dataset, Direction, Distribution, Geography, Series, Subgroup

# Two values closer than this count as equal (the release rounds, floats do not).
EPSILON = 1e-9
BATCH_SIZE = 500


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


def quantile(values: Sequence[float | str], q: float) -> float | None:
    """Linear interpolation between the closest ranks, as numpy's default does (values sorted,
    as numbers or as their JSON texts)."""
    if len(values) == 0:
        return None
    position = (len(values) - 1) * q
    low = int(position)
    high = min(low + 1, len(values) - 1)
    a, b = float(values[low]), float(values[high])
    return a + (b - a) * (position - low)


def _whole_population_rows(levels: tuple[str, ...]) -> list[tuple[int, int, int, object]]:
    """(metric_id, geography_id, dataset_id, points) of every whole-population series."""
    all_ids = list(Subgroup.objects.filter(type="all").values_list("id", flat=True))
    if not all_ids or not levels:
        return []
    quote = connection.ops.quote_name
    marks = ", ".join(["%s"] * len(all_ids))
    level_marks = ", ".join(["%s"] * len(levels))
    sql = (
        f"SELECT s.{quote('metric_id')}, s.{quote('geography_id')}, s.{quote('dataset_id')}, "  # noqa: S608
        f"s.{quote('points')} FROM {quote(Series._meta.db_table)} s "
        f"JOIN {quote(Geography._meta.db_table)} g ON g.{quote('id')} = s.{quote('geography_id')} "
        f"WHERE s.{quote('subgroup_id')} IN ({marks}) AND g.{quote('kind')} IN ({level_marks})"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*all_ids, *levels])
        return cursor.fetchall()


_NOT_NUMBERS = frozenset({"null", "NaN", "Infinity", "-Infinity"})


def _year_value_tokens(raw: object) -> list[list[str]]:
    """[[year, value], ...] of one series as JSON text, without decoding the whole points.

    The importer writes points as compact JSON, so splitting the text is exact and several
    times faster than json.loads followed by repr; anything else is decoded properly.
    """
    text = raw.decode() if isinstance(raw, bytes) else raw
    if isinstance(text, str):
        if text.startswith("[[") and " " not in text:
            return [point.split(",", 2)[:2] for point in text[2:-2].split("],[")]
        raw = json.loads(text)
    return [
        [str(point[0]), "null" if point[1] is None else repr(float(point[1]))]
        for point in raw  # type: ignore[attr-defined]
    ]


def primary_values(series: list[tuple[int, bool, object]]) -> dict[int, dict[int, str]]:
    """{year: {geography_id: value as JSON text}} from (geography_id, from_subgroups,
    points) of one metric.

    A value from a combined release file (a dataset without subgroups) wins over one from a
    subgroup file for the same year; the subgroup file's "All" fills years the other lacks.
    """
    by_year: dict[str, dict[int, str]] = defaultdict(dict)
    for geography_id, _, raw in sorted(series, key=lambda item: item[1]):
        if raw in ("[]", b"[]", []):
            continue
        for year, token in _year_value_tokens(raw):
            if token in _NOT_NUMBERS:
                continue
            found = by_year[year]
            if geography_id not in found:
                found[geography_id] = token
    return {int(float(year)): found for year, found in by_year.items()}


def _summary(tokens: list[str]) -> tuple[Any, ...]:
    """Count, quartiles and the JSON array of a group given as number texts sorted by value."""
    quartiles = [quantile(tokens, q) for q in (0.5, 0.25, 0.75)]
    return (len(tokens), *quartiles, "[" + ",".join(tokens) + "]")


def _number_of(item: tuple[int, str]) -> float:
    return float(item[1])


def _distributions_of_metric(
    metric_id: int,
    by_year: dict[int, dict[int, str]],
    places: dict[int, tuple[str, str]],
) -> list[tuple[Any, ...]]:
    """Rows for the INSERT: one per year, level and state, and one per year and level.

    Each year is sorted once; walking it in order fills every state's list already sorted.
    """
    rows: list[tuple[Any, ...]] = []
    for year, values in by_year.items():
        states: dict[tuple[str, str], list[str]] = defaultdict(list)
        nation: dict[str, list[str]] = defaultdict(list)
        for geography_id, token in sorted(values.items(), key=_number_of):
            place = places[geography_id]
            states[place].append(token)
            nation[place[0]].append(token)
        rows.extend((metric_id, year, *place, *_summary(found)) for place, found in states.items())
        rows.extend((metric_id, year, lvl, "", *_summary(found)) for lvl, found in nation.items())
    return rows


def _distributions_insert(rows: list[tuple[Any, ...]]) -> None:
    """Write the rows with plain INSERTs: the values are already JSON text, which spares
    the ORM's per-row encoding (most of the refresh's time when it used bulk_create)."""
    quote = connection.ops.quote_name
    columns = ("metric_id", "year", "level", "state_fips", "count", "median", "p25", "p75")
    json_mark = "CAST(%s AS jsonb)" if connection.vendor == "postgresql" else "%s"
    sql = (
        f"INSERT INTO {quote(Distribution._meta.db_table)} "  # noqa: S608
        f"({', '.join(quote(c) for c in (*columns, 'values'))}) "
        f"VALUES ({', '.join(['%s'] * len(columns))}, {json_mark})"
    )
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH_SIZE):
            cursor.executemany(sql, rows[start : start + BATCH_SIZE])


def distributions_refresh(*, levels: tuple[str, ...] = ("county", "place")) -> int:
    """Rebuild the distributions of every metric and year for the nation and each state.

    Returns the number of `Distribution` rows written. Runs inside the caller's transaction.
    """
    collecting = gc.isenabled()
    gc.disable()  # millions of short-lived tuples: the collector would only slow us down
    try:
        rows = _distributions_rebuild(levels)
    finally:
        if collecting:
            gc.enable()
    return distributions_replace(rows=rows, levels=levels)


def distributions_replace(*, rows: list[tuple[Any, ...]], levels: tuple[str, ...]) -> int:
    """Replace the distributions of the levels with rows (metric_id, year, level,
    state_fips, count, median, p25, p75, values as JSON text), as `distributions_refresh`
    computes them (the importer computes the same rows in DuckDB on a fresh import)."""
    from metrics.selectors.profiles import distribution_cache_clear

    Distribution.objects.filter(level__in=levels).delete()
    _distributions_insert(rows)
    distribution_cache_clear()
    return len(rows)


def _distributions_rebuild(levels: tuple[str, ...]) -> list[tuple[Any, ...]]:
    where = Geography.objects.filter(kind__in=levels).values_list("id", "kind", "state_fips")
    places = {pk: (kind, state) for pk, kind, state in where}
    subgroup_datasets = set(Dataset.objects.filter(has_subgroups=True).values_list("id", flat=True))
    by_metric: dict[int, list[tuple[int, int, object]]] = defaultdict(list)
    for metric_id, geography_id, dataset_id, points in _whole_population_rows(levels):
        by_metric[metric_id].append((geography_id, dataset_id, points))
    rows: list[tuple[Any, ...]] = []
    for metric_id, batch in by_metric.items():
        series = [(geo, dataset in subgroup_datasets, points) for geo, dataset, points in batch]
        rows.extend(_distributions_of_metric(metric_id, primary_values(series), places))
    return rows
