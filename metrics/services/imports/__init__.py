"""Importing Mobility Metrics release files: read, validate, then load (all or nothing)."""

from __future__ import annotations

import contextlib
import functools
import gc
import queue
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

import duckdb

from metrics.models import Geography
from metrics.selectors.catalog import MetricInfo, catalog_columns
from metrics.services.imports.derived import (
    Derived,
    derived_compute,
    derived_write,
    whole_population_keep,
    whole_population_table_create,
)
from metrics.services.imports.engine import CheckedFile, FileChecker, NamesAhead
from metrics.services.imports.loading import LoadResult, release_load
from metrics.services.imports.problems import ImportRejected, Problem
from metrics.services.imports.reading import dataset_slug
from metrics.services.imports.sources import (
    Progress,
    SourceError,
    default_sources,
    sources_expand,
)
from metrics.services.imports.validation import GeographyRecord

LABEL_LENGTH = 100  # Release.label
DUCKDB_THREADS = 2
# Files checked at once, each on its own DuckDB connection: most of one file's checks run
# on one core (a file's rows fit in one of DuckDB's row groups).
CHECKERS = 2

__all__ = ["ImportRejected", "ImportReport", "Problem", "SourceError", "metrics_import"]


@dataclass
class FileReport:
    name: str
    dataset: str
    level: str
    has_subgroups: bool
    rows: int
    observations: int
    unknown_columns: list[str]


@dataclass
class ImportReport:
    files: list[FileReport] = field(default_factory=list)
    dry_run: bool = False
    changed: bool = False
    release_id: int | None = None
    observations_added: int = 0
    observations_revised: int = 0
    geographies: int = 0
    geographies_added: int = 0
    seconds: float = 0.0
    # Standings and peer features were computed from the files (a first import), not
    # read back from the database.
    derived_from_files: bool = False

    @property
    def rows(self) -> int:
        return sum(f.rows for f in self.files)

    @property
    def observations(self) -> int:
        return sum(f.observations for f in self.files)

    def summary(self) -> str:
        verb = "Checked" if self.dry_run else "Imported"
        text = (
            f"{verb} {_count(len(self.files), 'file')}, {_count(self.rows, 'row')}, "
            f"{_count(self.observations, 'observation')}, "
            f"{_count(self.geographies, 'geography', 'geographies')} in {self.seconds:.1f} s"
        )
        if self.dry_run:
            return text + " (dry run: nothing was loaded)."
        if not self.changed:
            return text + ": nothing changed, the database already held these values."
        return (
            text + f": {_count(self.observations_added, 'new observation')}, "
            f"{self.observations_revised:,} revised, "
            f"{_count(self.geographies_added, 'new geography', 'new geographies')}."
        )


def _count(number: int, word: str, plural: str | None = None) -> str:
    return f"{number:,} {word if number == 1 else plural or word + 's'}"


class CheckStream:
    """Checks the files in worker threads (two files at a time) and hands each one over,
    in order, as soon as it passes, so the database load of one file overlaps the checks
    of the next (DuckDB and SQLite both release the interpreter while they work).
    Problems are gathered from every file; once any is found no further file is handed
    over, and the iteration ends by raising ImportRejected, which rolls back whatever was
    loaded meanwhile."""

    def __init__(
        self,
        paths: list[Path],
        columns: dict[str, MetricInfo],
        progress: Progress | None,
        *,
        derive: bool = False,
    ) -> None:
        headers = {path: _first_line(path) for path in paths}
        self.paths = _load_order(headers)
        # The order files are listed in (report, release, problems): those that name
        # their geographies first, then by path.
        listed = sorted(paths, key=lambda p: (not _names_geographies(headers[p]), str(p)))
        self.listed = {path: n for n, path in enumerate(listed)}
        # The first file of each level hands its geographies over ahead of it (no earlier
        # file can name the same ones, and the order files name them in decides names).
        levels = [_level(headers[path]) for path in self.paths]
        self.first_of_level = {levels.index(level) for level in set(levels) if level}
        self.handover: queue.Queue[object] | None = None
        self.cursor_lock = threading.Lock()
        self.catalog = set(columns)
        self.ratios = {slug for slug, info in columns.items() if info.ratio_text}
        self.progress = progress
        self.known = set(Geography.objects.values_list("geoid", flat=True))
        self.checked: list[CheckedFile] = []
        self.problems: list[Problem] = []
        self.more = 0
        self.stopped = threading.Event()
        self.worker: threading.Thread | None = None
        # Standings and peer features from the files, when every file passes (derive=True)
        self.derive = derive
        self.derived: Derived | None = None

    def _work(self, out: queue.Queue[object]) -> None:
        try:
            with duckdb.connect() as db, ThreadPoolExecutor(CHECKERS) as pool:
                db.execute(f"SET threads TO {DUCKDB_THREADS}")
                if self.derive:
                    whole_population_table_create(db)
                order = _check_order(self.paths)
                futures = {n: pool.submit(self._check_ahead, db, n) for n in order}
                ahead = [futures[n] for n in range(len(self.paths))]
                try:
                    self._hand_over(db, ahead, out)
                finally:
                    for future in ahead:
                        future.cancel()
        except BaseException as exc:  # handed to the reading thread, which re-raises it
            out.put(exc)
        finally:
            out.put(_DONE)

    @contextlib.contextmanager
    def _cursor(self, db: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
        """A connection of one's own to the checking database (the parent connection
        keeps a list of them, so they are opened and closed one at a time)."""
        with self.cursor_lock:
            con = db.cursor()
        try:
            yield con
        finally:
            with self.cursor_lock:
                con.close()

    def _checker(self, con: duckdb.DuckDBPyConnection, path: Path) -> FileChecker:
        return FileChecker(con, path, path.name, dataset_slug(path), self.catalog, self.ratios)

    def _check_ahead(
        self, db: duckdb.DuckDBPyConnection, number: int
    ) -> tuple[FileChecker, CheckedFile | None] | None:
        """Check one file on its own connection, before the files ahead of it are done:
        whether the geographies it refers to without naming them exist is left to
        _hand_over, which knows by then what the files before it named."""
        if self.stopped.is_set():
            return None
        with self._cursor(db) as con:
            checker = self._checker(con, self.paths[number])
            if self.derive:
                checker.keep = functools.partial(_keep, file_no=number)
            if number in self.first_of_level and self.handover is not None:
                checker.named = functools.partial(self._names_ahead, self.paths[number])
            return checker, checker.run(None)

    def _names_ahead(self, path: Path, geographies: dict[str, GeographyRecord]) -> None:
        if self.handover is not None:
            self.handover.put(NamesAhead(path, geographies))

    def _hand_over(
        self,
        db: duckdb.DuckDBPyConnection,
        ahead: list[Future[tuple[FileChecker, CheckedFile | None] | None]],
        out: queue.Queue[object],
    ) -> None:
        """Hand the files over in their order, each once the files before it are known."""
        total = sum(p.stat().st_size for p in self.paths)
        kept: list[tuple[str, bool]] = []
        for path, future in zip(self.paths, ahead, strict=True):
            done = future.result()
            if done is None or self.stopped.is_set():
                return
            checker, result = done
            if any(geoid not in self.known for geoid in checker.unnamed):
                # It refers to a geography that no earlier file named: check it again
                # knowing them all, so its problems read as they would alone.
                with self._cursor(db) as con:
                    checker = self._checker(con, path)
                    result = checker.run(self.known)
            if result is not None:
                self.known |= result.geographies.keys()
                kept.append((checker.label, checker.has_subgroups))
            out.put((path, result, checker.out.items, checker.out.more))
            if self.progress:
                self.progress(path.stat().st_size, total, "Reading and checking")
        if self.derive and len(kept) == len(self.paths) and not self.stopped.is_set():
            # While the loader writes the last file's series.
            self.derived = derived_compute(db, files=kept)

    def __iter__(self) -> Iterator[CheckedFile | NamesAhead]:
        handover: queue.Queue[object] = queue.Queue()  # results are in memory already
        self.handover = handover
        found: dict[Path, list[Problem]] = {}
        worker = self.worker = threading.Thread(target=self._work, args=(handover,), daemon=True)
        worker.start()
        try:
            while (item := handover.get()) is not _DONE:
                if isinstance(item, BaseException):
                    raise item
                if isinstance(item, NamesAhead):
                    if not self.problems:
                        yield item
                    continue
                path, result, problems, more = cast(_Handed, item)
                found[path] = problems
                self.problems += problems
                self.more += more
                if result is not None:
                    self.checked.append(result)
                    if not self.problems:
                        yield result
        finally:
            # When the loader stops early (an error while loading), the checks may still
            # run: tell them to stop, and take what they hand over until they end.
            self.stopped.set()
            while worker.is_alive():
                with contextlib.suppress(queue.Empty):
                    handover.get(timeout=0.05)
            worker.join()
        # Files and problems are listed in the order of the files' names (those naming
        # geographies first), whatever order they were checked and loaded in.
        self.checked.sort(key=lambda checked: self.listed[checked.path])
        if self.problems:
            order = sorted(found, key=lambda path: self.listed[path])
            self.problems = [problem for path in order for problem in found[path]]
            raise ImportRejected(self.problems, more=self.more)


_DONE = object()


def _keep(checker: FileChecker, *, file_no: int) -> None:
    whole_population_keep(
        checker.con,
        file_no=file_no,
        level=checker.level,
        has_subgroups=checker.has_subgroups,
        geoids=checker.geoids,
        per_geo=checker.per_geo,
    )


_Handed = tuple[Path, CheckedFile | None, list[Problem], int]


def _load_order(headers: dict[Path, str]) -> list[Path]:
    """The order files are loaded in: one level of geography after the other, the level
    with fewer bytes first (so loading starts while the other's files are checked); within
    a level, the files that name their geographies first, so the others may refer to them,
    then by path. (Between levels order makes no difference: a county file cannot refer to
    a city; within one, the file loaded first wins a tie between two families.)"""
    levels = {path: _level(header) for path, header in headers.items()}
    size: dict[str, int] = {}
    for path, level in levels.items():
        size[level] = size.get(level, 0) + _size(path)
    return sorted(
        headers,
        key=lambda p: (
            not levels[p],  # a file of no known level (it will be refused) last
            size[levels[p]],
            levels[p],
            not _names_geographies(headers[p]),
            str(p),
        ),
    )


def _check_order(paths: list[Path]) -> list[int]:
    """The largest file first (it takes longest to check; the other checker meanwhile goes
    through the rest), then the others in their load order."""
    if not paths:
        return []
    largest = max(range(len(paths)), key=lambda n: _size(paths[n]))
    return [largest, *(n for n in range(len(paths)) if n != largest)]


def _names_geographies(header: str) -> bool:
    return "county_name" in header or "place_name" in header


def _first_line(path: Path) -> str:
    try:
        with path.open(encoding="utf-8", errors="replace") as handle:
            return handle.readline().lower()
    except OSError:
        return ""


def _level(header: str) -> str:
    """As FileChecker reads it: a county column makes a county file, else a place one."""
    names = {name.strip().strip('"') for name in header.split(",")}
    return "county" if "county" in names else "place" if "place" in names else ""


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def metrics_import(
    *,
    sources: list[str | Path] | None = None,
    dry_run: bool = False,
    label: str | None = None,
    progress: Progress | None = None,
    after_load: Callable[[], None] | None = None,
) -> ImportReport:
    """Import release files. Raises ImportRejected (nothing loaded) when any file has a
    problem, SourceError when a source cannot be found or fetched."""
    started = time.perf_counter()
    paths = sources_expand(
        sources=list(sources) if sources else list(default_sources(progress=progress)),
        progress=progress,
    )
    columns = catalog_columns()
    if not columns:
        raise SourceError("the framework catalog is empty: load it first.")
    report = ImportReport(dry_run=dry_run)
    with _collector_paused():
        _import_run(
            report,
            CheckStream(paths, columns, progress, derive=not dry_run and after_load is None),
            metric_ids={slug: info.id for slug, info in columns.items()},
            label=(label or _default_label(paths))[:LABEL_LENGTH],
            source=", ".join(str(p) for p in (sources or paths)),
            after_load=after_load,
        )
    if not dry_run and report.changed:
        plans_refresh_after_import()
    report.seconds = time.perf_counter() - started
    return report


def plans_refresh_after_import() -> None:
    """Hook: plans whose measures follow a Mobility Metric read the new values (step 10's
    results app: new years added, revised values kept as revisions, moved measures flagged)."""
    from django.apps import apps

    if apps.is_installed("results"):
        from results.services import release_sync

        release_sync()


def _import_run(
    report: ImportReport,
    stream: CheckStream,
    *,
    metric_ids: dict[str, int],
    label: str,
    source: str,
    after_load: Callable[[], None] | None,
) -> None:
    """Check (and unless it is a dry run, load) the files; fill the report. The checked
    files and their series go when this returns, before the collector runs again."""
    if report.dry_run:
        for _checked in stream:
            pass
    else:
        _stream_load(
            stream, report, metric_ids=metric_ids, label=label, source=source, after_load=after_load
        )
    valid = stream.checked
    report.files = [
        FileReport(
            v.name, v.dataset, v.level, v.has_subgroups, v.rows, v.observations, v.unknown_columns
        )
        for v in valid
    ]
    named = {g for v in valid for g in v.geographies}
    report.geographies = len(named | {v.geoids[k[0]] for v in valid for k in v.series})


def _stream_load(
    stream: CheckStream,
    report: ImportReport,
    *,
    metric_ids: dict[str, int],
    label: str,
    source: str,
    after_load: Callable[[], None] | None,
) -> None:
    def refresh(result: LoadResult) -> None:
        if after_load is not None:
            after_load()
            return
        report.derived_from_files = _refresh_derived(
            result, derived=stream.derived, metric_ids=metric_ids
        )

    result = release_load(
        files=stream,
        metric_ids=metric_ids,
        label=label,
        source=source,
        after_load=refresh,
        listed=stream.listed,
    )
    _report_load(report, result)


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while the files' million strings and tuples live: the
    collector would walk them again and again (half a second of a full import) and they
    hold no cycles."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def _report_load(report: ImportReport, result: LoadResult) -> None:
    report.changed = result.changed
    report.release_id = result.release.id if result.release else None
    report.observations_added = result.observations_added
    report.observations_revised = result.observations_revised
    report.geographies_added = result.geographies_added


def _default_label(paths: list[Path]) -> str:
    return f"Mobility Metrics release ({_count(len(paths), 'file')})"


def _refresh_derived(
    result: LoadResult, *, derived: Derived | None, metric_ids: dict[str, int]
) -> bool:
    """Rebuild what is computed from the observations: standings, then the peer index.
    True when they came from the files just checked (see derived.py), False when they
    were read back from the database."""
    from metrics.services.peers import peer_index_refresh
    from metrics.services.standings import distributions_refresh

    if derived is not None and derived_write(derived=derived, result=result, metric_ids=metric_ids):
        return True
    distributions_refresh()
    peer_index_refresh()
    return False
