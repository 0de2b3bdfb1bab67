"""Standings and peer features computed in DuckDB from the files an import has just checked.

After an import, `Distribution` and `PeerProfile` are rebuilt from every whole-population
series in the database (`standings.distributions_refresh`, `peers.peer_index_refresh`),
which reads 100,000 series back from SQLite and decodes them in Python: about 3 s of a
full import. When the database held no series before the import, the files just checked
are the whole picture, and DuckDB already holds their values: the same rules run there in
a fraction of that time. In any other case the importer falls back to the two refreshes.

The rules, as in standings.py and peers.py:
- a whole-population value is a row of subgroup type "all"; for one geography, metric and
  year, a dataset without subgroups (the combined release file) wins over a subgroup
  file's "All", which fills the years the other lacks; between two datasets of the same
  kind the one loaded first wins (the refreshes read series in the order they were stored);
- a distribution is every such value of a metric in a year for one level, in one state or
  in the nation (state_fips ""), sorted, with median and quartiles interpolated linearly
  between the closest ranks, its values written as the JSON numbers of the stored points;
- a peer feature is the latest year's value (or, for a ratio, its denominator) of a few
  metrics, preferring the combined file within a year.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import duckdb

from metrics.models import Geography, GeographyKind
from metrics.services.imports.loading import LoadResult
from metrics.services.peers import FEATURE_SLUGS, Latest, peer_index_refresh
from metrics.services.standings import distributions_replace

TABLE = "whole_population"
LEVELS = (GeographyKind.COUNTY.value, GeographyKind.PLACE.value)
KIND_BY_LENGTH = {2: GeographyKind.STATE, 5: GeographyKind.COUNTY, 7: GeographyKind.PLACE}


@dataclass
class Derived:
    """What the files just checked say about standings and peers, keyed by codes."""

    # (file name, whether it has subgroups) in the order the files were handed over
    files: list[tuple[str, bool]] = field(default_factory=list)
    # (metric slug, year, level, state_fips, count, median, p25, p75, values as JSON text)
    distributions: list[tuple[Any, ...]] = field(default_factory=list)
    # (geoid, metric slug, year, has_subgroups, value, denominator), one per geoid and metric
    latest: list[tuple[Any, ...]] = field(default_factory=list)


def whole_population_table_create(con: duckdb.DuckDBPyConnection) -> None:
    """A table every connection to the database appends to (files are checked at once)."""
    con.execute(
        f"CREATE OR REPLACE TABLE {TABLE} (file_no INTEGER, level VARCHAR, "
        "has_subgroups BOOLEAN, geoid VARCHAR, metric VARCHAR, year INTEGER, value DOUBLE, "
        "denominator DOUBLE)"
    )


def whole_population_keep(
    con: duckdb.DuckDBPyConnection,
    *,
    file_no: int,
    level: str,
    has_subgroups: bool,
    geoids: list[str],
    per_geo: int,
) -> None:
    """Keep the whole-population values of the file being checked (its table `vals`,
    where a value's geoid is geoids[k // per_geo])."""
    con.execute(
        f"INSERT INTO {TABLE} SELECT ?, ?, ?, (?::VARCHAR[])[k // {int(per_geo)} + 1], "
        "metric, year, value, denominator FROM vals "
        "WHERE whole AND (value IS NOT NULL OR denominator IS NOT NULL)",
        [file_no, level, has_subgroups, geoids],
    )


def _quantile(values: str, q: float) -> str:
    """standings.quantile in SQL, the same arithmetic on the same doubles."""
    position = f"((len({values}) - 1)::DOUBLE * {q!r}::DOUBLE)"
    low = f"floor({position})"
    a = f"{values}[{low}::BIGINT + 1]"
    b = f"{values}[least({low}::BIGINT + 2, len({values}))]"
    return f"({a} + ({b} - {a}) * ({position} - {low}))"


def derived_compute(con: duckdb.DuckDBPyConnection, *, files: list[tuple[str, bool]]) -> Derived:
    """Distributions and the latest feature values from the kept whole-population values."""
    # One value per metric, geography and year: the combined file's, else the first
    # loaded (a file has at most one whole-population value for each).
    con.execute(
        "CREATE OR REPLACE TEMP TABLE chosen AS SELECT metric, year, level, "
        "left(geoid, 2) AS state, arg_min(value, has_subgroups::INTEGER * 1000000 + file_no) "
        f"AS value FROM {TABLE} WHERE value IS NOT NULL GROUP BY metric, year, level, geoid"
    )
    distributions = con.execute(
        "SELECT metric, year, level, state, len(vs), "
        f"{_quantile('vs', 0.5)}, {_quantile('vs', 0.25)}, {_quantile('vs', 0.75)}, "
        "to_json(vs)::VARCHAR FROM ("
        "SELECT metric, year, level, state, list_sort(list(value)) AS vs FROM chosen "
        "GROUP BY ALL UNION ALL "
        "SELECT metric, year, level, '', list_sort(list(value)) FROM chosen "
        "GROUP BY metric, year, level) ORDER BY 1, 2, 3, 4"
    ).fetchall()
    con.execute("DROP TABLE chosen")
    latest = con.execute(
        "SELECT geoid, metric, year, has_subgroups, value, denominator "
        f"FROM {TABLE} WHERE list_contains(?, metric) "
        "QUALIFY row_number() OVER (PARTITION BY geoid, metric "
        "ORDER BY year DESC, has_subgroups, file_no) = 1",
        [list(FEATURE_SLUGS)],
    ).fetchall()
    return Derived(files=files, distributions=distributions, latest=latest)


def derived_write(*, derived: Derived, result: LoadResult, metric_ids: dict[str, int]) -> bool:
    """Write the distributions and peer profiles computed from the files, when they are
    the whole picture; False (nothing written) when the refreshes must read the database."""
    if not result.first_series or result.series_changed or result.observations_revised:
        return False
    if result.datasets != derived.files:
        return False  # a family stored with other subgroups than its file: let SQL decide
    ids = _geography_ids()
    if ids is None:
        return False
    distributions_replace(
        rows=[(metric_ids[slug], *rest) for slug, *rest in derived.distributions], levels=LEVELS
    )
    latest: Latest = {
        (ids[geoid], slug): (year, not has_subgroups, value, denominator)
        for geoid, slug, year, has_subgroups, value, denominator in derived.latest
    }
    peer_index_refresh(latest=latest)
    return True


def _geography_ids() -> dict[str, int] | None:
    """geoid -> id, when every geography's kind and state follow from its code (as the
    importer writes them): then a file's level and a code's first two digits group values
    exactly as the refreshes' join with the geographies does."""
    ids: dict[str, int] = {}
    for pk, geoid, kind, state in Geography.objects.values_list(
        "id", "geoid", "kind", "state_fips"
    ):
        if state != geoid[:2] or kind != KIND_BY_LENGTH.get(len(geoid)):
            return None
        ids[geoid] = pk
    return ids
