"""Step 3 of an import: validated files into the database, in one transaction."""

from __future__ import annotations

import functools
import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from itertools import chain
from pathlib import Path

from django.db import connection, transaction

from lib.fips import STATES
from metrics.models import (
    Dataset,
    Geography,
    GeographyYear,
    Release,
    Revision,
    Series,
    Subgroup,
)
from metrics.services.imports.engine import CheckedFile, NamesAhead
from metrics.services.imports.validation import GeographyRecord

Point = list[float | int | None]  # [year, value, lb, ub, quality, numerator, denominator]

BATCH = 2000
ROWS_PER_INSERT = 500
CACHE_KIB = 256 * 1024  # SQLite's page cache while loading (the release's database is ~130 MB)


@dataclass
class LoadResult:
    release: Release | None
    series_added: int = 0
    series_changed: int = 0
    observations_added: int = 0
    observations_revised: int = 0
    geographies_added: int = 0
    geographies_changed: int = 0
    revisions: list[Revision] = field(default_factory=list)
    # The database held no series when this load began: every stored series is one of ours.
    first_series: bool = False
    # (file name, whether its dataset has subgroups, as stored) in the order loaded
    datasets: list[tuple[str, bool]] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(
            self.series_added
            or self.series_changed
            or self.geographies_added
            or self.geographies_changed
        )


@contextmanager
def _bulk_pragmas() -> Iterator[None]:
    """A larger page cache for this connection while it loads (SQLite): the series' two
    indexes outgrow the default 2 MB and each insert would then read pages back."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        (before,) = cursor.fetchone()
        cursor.execute(f"PRAGMA cache_size = {-CACHE_KIB}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {int(before)}")


class _NothingChanged(Exception):
    """Raised inside the transaction to roll back the release row of a no-op import."""


def _dump(points: list[Point]) -> str:
    return json.dumps(points, separators=(",", ":"))


class _Geographies:
    """The stored geographies and their names by year, read once per load and kept in step
    with what each file writes (reading them again for every file cost about 0.2 s each)."""

    def __init__(self) -> None:
        self.existing: dict[str, Geography] | None = None
        self.years: dict[tuple[int, int], tuple[str, int | None]] = {}
        self.ids: dict[str, int] = {}

    def load(self, records: Iterable[GeographyRecord]) -> tuple[dict[str, int], int, int]:
        """Add or update the geographies of one file: (geoid -> id, added, changed)."""
        if self.existing is None:
            self.existing = {g.geoid: g for g in Geography.objects.all()}
            self._states_create(self.existing)
            self.years = {
                (g, y): (n, p)
                for g, y, n, p in GeographyYear.objects.values_list(
                    "geography_id", "year", "name", "population"
                )
            }
            self.ids = {geoid: g.id for geoid, g in self.existing.items()}
        new, updates, years = _geographies_compare(records, self.existing)
        Geography.objects.bulk_create(new, batch_size=BATCH)
        Geography.objects.bulk_update(
            updates,
            ["name", "population", "population_year", "state_name", "search_text"],
            batch_size=BATCH,
        )
        if new:
            self.ids = dict(Geography.objects.values_list("geoid", "id"))
            for geo in new:
                geo.id = self.ids[geo.geoid]
                self.existing[geo.geoid] = geo
        # A name or population revised for an earlier year is a change too.
        changed = len(updates) + _geography_years_load(self.ids, years, self.years)
        return self.ids, len(new), changed

    @staticmethod
    def _states_create(existing: dict[str, Geography]) -> None:
        for code, (_abbr, name) in STATES.items():
            if code not in existing:
                existing[code] = Geography.objects.create(
                    geoid=code,
                    kind="state",
                    name=name,
                    state_fips=code,
                    state_name=name,
                    search_text=name.lower(),
                )


def _geographies_compare(
    records: Iterable[GeographyRecord], existing: dict[str, Geography]
) -> tuple[list[Geography], list[Geography], list[tuple[str, int, str, int | None]]]:
    """The geographies to create, those to update (changed in place), and every year named."""
    new: list[Geography] = []
    updates: list[Geography] = []
    years: list[tuple[str, int, str, int | None]] = []
    for record in records:
        if not record.years:
            continue
        latest = max(record.years)
        name, _ = record.years[latest]
        pops = [(y, p) for y, (_n, p) in record.years.items() if p is not None]
        pop_year, population = max(pops) if pops else (None, None)
        abbr = STATES[record.state_fips][0]
        search = f"{name} {record.state_name} {abbr} {record.geoid}".lower()
        geo = existing.get(record.geoid)
        if geo is not None and population is None:
            # A file without a population column says nothing about the population.
            population, pop_year = geo.population, geo.population_year
        if geo is None:
            geo = Geography(
                geoid=record.geoid,
                kind=record.kind,
                name=name,
                state_fips=record.state_fips,
                state_name=record.state_name,
                population=population,
                population_year=pop_year,
                search_text=search,
            )
            new.append(geo)
        elif (geo.name, geo.population, geo.population_year, geo.state_name) != (
            name,
            population,
            pop_year,
            record.state_name,
        ) and (pop_year or 0) >= (geo.population_year or 0):
            geo.name, geo.population, geo.population_year = name, population, pop_year
            geo.state_name, geo.search_text = record.state_name, search
            updates.append(geo)
        years += [(record.geoid, y, n, p) for y, (n, p) in record.years.items()]
    return new, updates, years


def _records_merge(files: Sequence[CheckedFile | NamesAhead]) -> dict[str, GeographyRecord]:
    """One record per geography from every file that names it: the first file to give a
    year's name keeps it, and a population fills a year that had none (several files
    name the same cities; only the combined one gives their population)."""
    records: dict[str, GeographyRecord] = {}
    for checked in files:
        for geoid, record in checked.geographies.items():
            have = records.get(geoid)
            if have is None:
                records[geoid] = replace(record, years=dict(record.years))
                continue
            for year, (name, population) in record.years.items():
                before = have.years.get(year)
                if before is None:
                    have.years[year] = (name, population)
                elif before[1] is None and population is not None:
                    have.years[year] = (before[0], population)
    return records


def _geography_years_load(
    ids: dict[str, int],
    years: list[tuple[str, int, str, int | None]],
    existing: dict[tuple[int, int], tuple[str, int | None]],
) -> int:
    """Insert or update the names and populations by year (existing is kept in step);
    how many rows that touched."""
    new: list[tuple[int, int, str, int | None]] = []
    changed: list[tuple[str, int | None, int, int]] = []
    for geoid, year, name, population in years:
        key = (ids[geoid], year)
        old = existing.get(key)
        if old is None:
            new.append((key[0], year, name, population))
            existing[key] = (name, population)
            continue
        if population is None:
            population = old[1]  # this file has no population column
        if old != (name, population):
            changed.append((name, population, *key))
            existing[key] = (name, population)
    with connection.cursor() as cursor:
        cursor.executemany(
            "INSERT INTO metrics_geographyyear (geography_id, year, name, population) "
            "VALUES (%s, %s, %s, %s)",
            new,
        )
        if changed:
            cursor.executemany(
                "UPDATE metrics_geographyyear SET name = %s, population = %s "
                "WHERE geography_id = %s AND year = %s",
                changed,
            )
    return len(new) + len(changed)


def _merge(old: list[Point], new: list[Point]) -> tuple[list[Point], list[tuple[Point, Point]]]:
    """The file's points replace the stored ones for the same years; other years stay."""
    by_year = {int(p[0]): p for p in old}  # type: ignore[arg-type]
    revised: list[tuple[Point, Point]] = []
    for point in new:
        year = int(point[0])  # type: ignore[arg-type]
        before = by_year.get(year)
        if before is not None and list(before) != list(point):
            revised.append((before, point))
        by_year[year] = point
    return [by_year[y] for y in sorted(by_year)], revised


@functools.cache
def _series_insert_sql(rows: int, mark: str = "%s") -> str:
    values = ", ".join(["(" + ", ".join([mark] * 6) + ")"] * rows)
    return (
        "INSERT INTO metrics_series (geography_id, metric_id, subgroup_id, dataset_id, "
        f"points, release_id) VALUES {values}"
    )


def _series_update_sql() -> str:
    points = "%s"
    return f"UPDATE metrics_series SET points = {points}, release_id = %s WHERE id = %s"


def _existing_series(dataset_id: int) -> dict[tuple[int, int, int], tuple[int, object]]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT geography_id, metric_id, subgroup_id, id, points FROM metrics_series "
            "WHERE dataset_id = %s",
            [dataset_id],
        )
        return {(g, m, s): (i, p) for g, m, s, i, p in cursor.fetchall()}


def _file_load(
    checked: CheckedFile,
    ids: dict[str, int],
    metric_ids: dict[str, int],
    release: Release,
    result: LoadResult,
    subgroups: dict[tuple[str, str], int],
) -> None:
    dataset, created = Dataset.objects.get_or_create(
        slug=checked.dataset,
        defaults={"level": checked.level, "has_subgroups": checked.has_subgroups},
    )
    if dataset.last_file != checked.name:
        dataset.last_file = checked.name
        dataset.save(update_fields=["last_file"])
    used = {checked.subgroups[s] for _, _, s, _ in checked.series}
    for sg_type, sg_name in used - subgroups.keys():
        subgroups[(sg_type, sg_name)] = Subgroup.objects.get_or_create(type=sg_type, name=sg_name)[
            0
        ].id
    result.datasets.append((checked.name, dataset.has_subgroups))
    existing = {} if created else _existing_series(dataset.id)
    if not existing:
        # Nothing stored for this family yet: every series is new, nothing to compare.
        geo = [ids[geoid] for geoid in checked.geoids]
        metric = [metric_ids[slug] for slug in checked.metrics]
        sg = [subgroups.get(key) for key in checked.subgroups]  # None: a subgroup unused
        rows = [
            (geo[g], metric[m], sg[s], dataset.id, text, release.id)
            for g, m, s, text in checked.series
        ]
        _series_insert(rows)
        result.series_added += len(checked.series)
        result.observations_added += checked.observations
        return
    inserts, updates = [], []
    for geoid, slug, sg_type, sg_name, text in checked.series_keyed():
        key = (ids[geoid], metric_ids[slug], subgroups[(sg_type, sg_name)])
        found = existing.get(key)
        if found is None:
            inserts.append((*key, dataset.id, text, release.id))
            existing[key] = (-1, text)
            result.observations_added += text.count("],[") + 1
            continue
        series_id, stored = found
        old: list[Point] = json.loads(stored) if isinstance(stored, str) else stored  # type: ignore[assignment]
        points = json.loads(text)
        if old == points:
            continue
        merged, revised = _merge(old, points)
        if merged == old:
            continue
        updates.append((_dump(merged), release.id, series_id))
        result.observations_added += len(merged) - len(old)
        result.observations_revised += len(revised)
        result.revisions += [_revision(series_id, release, b, a) for b, a in revised]
    _series_insert(inserts)
    if updates:
        with connection.cursor() as cursor:
            cursor.executemany(_series_update_sql(), updates)
    result.series_added += len(inserts)
    result.series_changed += len(updates)


def _series_insert(rows: Sequence[tuple[int | str | None, ...]]) -> None:
    """Insert series a few hundred to a statement: on SQLite that costs 40% less than one
    statement per series (each statement also reads and writes the table's autoincrement
    counter and opens a statement journal). Sent through the driver's own cursor: with
    DEBUG on, Django would quote and keep 70 MB of parameters in its query log, and on
    SQLite it rewrites every statement's 3,000 placeholders with a regular expression."""
    per = _rows_per_insert(columns=6)
    mark = "?" if connection.vendor == "sqlite" else "%s"
    with connection.cursor() as cursor:
        execute = connection.connection.execute if mark == "?" else cursor.cursor.execute
        for start in range(0, len(rows), per):
            chunk = rows[start : start + per]
            execute(_series_insert_sql(len(chunk), mark), list(chain.from_iterable(chunk)))


def _rows_per_insert(*, columns: int) -> int:
    if connection.vendor == "sqlite":
        limit = connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
        return max(1, min(ROWS_PER_INSERT, limit // columns))
    return ROWS_PER_INSERT


def _revision(series_id: int, release: Release, before: Point, after: Point) -> Revision:
    return Revision(
        series_id=series_id,
        year=int(after[0]),  # type: ignore[arg-type]
        release=release,  # type: ignore[arg-type]
        old_value=before[1],
        old_lb=before[2],
        old_ub=before[3],
        old_quality=before[4],
        new_value=after[1],
        new_lb=after[2],
        new_ub=after[3],
        new_quality=after[4],
    )


def release_load(
    *,
    files: Iterable[CheckedFile | NamesAhead],
    metric_ids: dict[str, int],
    label: str,
    source: str,
    after_load: Callable[[LoadResult], None] | None = None,
    listed: dict[Path, int] | None = None,
) -> LoadResult:
    """Load every file in one transaction, each as soon as the iterable hands it over
    (a file's geographies may come ahead of it). When nothing differs from what is
    stored, nothing is written at all (not even the release record); an exception from
    the iterable rolls everything back. after_load runs inside the transaction, once
    everything is loaded. The release lists the files in the order of `listed` (file
    path -> position), else in the order loaded."""
    result = LoadResult(release=None)
    try:
        with _bulk_pragmas(), transaction.atomic():
            result.first_series = not Series.objects.exists()
            release = Release.objects.create(label=label, source=source, files=[])
            subgroups = {
                (t, n): i for i, t, n in Subgroup.objects.values_list("id", "type", "name")
            }
            geographies = _Geographies()
            ids: dict[str, int] | None = None
            ahead: set[Path] = set()  # files whose geographies came ahead of them
            loaded: list[CheckedFile] = []
            for checked in files:
                named = checked.geographies and checked.path not in ahead
                if named or ids is None:
                    records = _records_merge([checked])
                    ids, added, changed = geographies.load(records.values())
                    result.geographies_added += added
                    result.geographies_changed += changed
                if isinstance(checked, NamesAhead):
                    ahead.add(checked.path)
                    continue
                _file_load(checked, ids, metric_ids, release, result, subgroups)
                loaded.append(checked)
            if not result.changed:
                raise _NothingChanged
            Revision.objects.bulk_create(result.revisions, batch_size=BATCH)
            if listed is not None:
                loaded.sort(key=lambda checked: listed[checked.path])
            release.files = [{"name": f.name, "sha256": f.sha256, "rows": f.rows} for f in loaded]
            release.observations_added = result.observations_added
            release.observations_revised = result.observations_revised
            release.save(update_fields=["files", "observations_added", "observations_revised"])
            if after_load is not None:
                after_load(result)
            result.release = release
    except _NothingChanged:
        result.release = None
    return result
