"""Importing Mobility Metrics release files: read, validate, then load (all or nothing)."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from metrics.models import Geography
from metrics.selectors.catalog import MetricInfo, catalog_columns
from metrics.services.imports.engine import CheckedFile, FileChecker
from metrics.services.imports.loading import LoadResult, release_load
from metrics.services.imports.problems import ImportRejected, Problem
from metrics.services.imports.reading import dataset_slug
from metrics.services.imports.sources import (
    Progress,
    SourceError,
    default_sources,
    sources_expand,
)

LABEL_LENGTH = 100  # Release.label

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


def _check_all(
    paths: list[Path], columns: dict[str, MetricInfo], progress: Progress | None
) -> tuple[list[CheckedFile], list[Problem], int]:
    catalog = set(columns)
    ratios = {slug for slug, info in columns.items() if info.ratio_text}
    known = set(Geography.objects.values_list("geoid", flat=True))
    # Files that name their geographies go first, so the others may refer to them.
    paths = sorted(paths, key=lambda p: (not _names_geographies(p), str(p)))
    total = sum(p.stat().st_size for p in paths)
    checked: list[CheckedFile] = []
    problems: list[Problem] = []
    more = 0
    with duckdb.connect() as con:
        con.execute("SET threads TO 2")
        for path in paths:
            checker = FileChecker(con, path, path.name, dataset_slug(path), catalog, ratios)
            result = checker.run(known)
            problems += checker.out.items
            more += checker.out.more
            if result is not None:
                checked.append(result)
                known |= result.geographies.keys()
            if progress:
                progress(path.stat().st_size, total, "Reading and checking")
    return checked, problems, more


def _names_geographies(path: Path) -> bool:
    try:
        with path.open(encoding="utf-8", errors="replace") as handle:
            first = handle.readline().lower()
    except OSError:
        return False
    return "county_name" in first or "place_name" in first


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
    valid, problems, more = _check_all(paths, columns, progress)
    if problems:
        raise ImportRejected(problems, more=more)
    report = ImportReport(dry_run=dry_run)
    report.files = [
        FileReport(
            v.name, v.dataset, v.level, v.has_subgroups, v.rows, v.observations, v.unknown_columns
        )
        for v in valid
    ]
    report.geographies = len(
        {g for v in valid for g in v.geographies} | {k[0] for v in valid for k in v.series}
    )
    if not dry_run:
        facts: list[dict[str, object]] = [
            {"name": f.name, "sha256": f.sha256, "rows": f.rows} for f in valid
        ]
        result = release_load(
            files=valid,
            metric_ids={slug: info.id for slug, info in columns.items()},
            label=(label or _default_label(paths))[:LABEL_LENGTH],
            source=", ".join(str(p) for p in (sources or paths)),
            file_facts=facts,
            after_load=after_load or _refresh_derived,
        )
        _report_load(report, result)
    report.seconds = time.perf_counter() - started
    return report


def _report_load(report: ImportReport, result: LoadResult) -> None:
    report.changed = result.changed
    report.release_id = result.release.id if result.release else None
    report.observations_added = result.observations_added
    report.observations_revised = result.observations_revised
    report.geographies_added = result.geographies_added


def _default_label(paths: list[Path]) -> str:
    return f"Mobility Metrics release ({_count(len(paths), 'file')})"


def _refresh_derived() -> None:
    """Rebuild what is computed from the observations: standings, then the peer index."""
    from metrics.services.peers import peer_index_refresh
    from metrics.services.standings import distributions_refresh

    distributions_refresh()
    peer_index_refresh()
