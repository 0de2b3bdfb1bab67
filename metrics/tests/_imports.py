"""Helpers for the importer tests: write small release-style CSV files, cut rows from the
real release, run an import that must be refused, and take a snapshot of everything an
import can write so a test can say "the database is exactly as before"."""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest
from django.db import connection

from conftest import release_dir
from metrics.models import (
    Dataset,
    Geography,
    GeographyYear,
    Release,
    Revision,
    Series,
    Subgroup,
)
from metrics.services.imports import ImportRejected, Problem, metrics_import

# The first columns of the combined county file, in the release's order and spelling.
COUNTY_HEADER = (
    "year,state,county,state_name,county_name,population,"
    "pctl_income_20,pctl_income_20_lb,pctl_income_20_ub,pctl_income_20_quality,"
    "share_employed,share_employed_quality"
)
# Autauga County, Alabama (01001) is in the slice every test database starts with.
AUTAUGA = "2020,01,001,Alabama,Autauga County,58805"


def no_refresh() -> None:
    """Skip rebuilding standings and peers after a load: these tests look at the series."""


def csv_text(header: str, *rows: str) -> str:
    return "\n".join([header, *rows]) + "\n"


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def release_rows(
    name: str, keep: Callable[[dict[str, str]], bool], *, folder: Path | None = None
) -> tuple[list[str], list[dict[str, str]]]:
    """The header of a real release file and its rows that keep() accepts. The folder is
    the release (UPWARD_METRICS_DIR), or the session's slice of it, which reads faster."""
    with ((folder or release_dir()) / name).open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), [row for row in reader if keep(row)]


def rows_text(header: list[str], rows: Iterable[dict[str, str]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def db_snapshot() -> dict[str, object]:
    """Counts of every table an import writes, and a checksum of every stored value."""
    digest = hashlib.sha256()
    with connection.cursor() as cursor:
        for query in SNAPSHOT_QUERIES:
            cursor.execute(query)
            digest.update(repr(cursor.fetchall()).encode())
    return {
        "series": Series.objects.count(),
        "geographies": Geography.objects.count(),
        "geography_years": GeographyYear.objects.count(),
        "releases": Release.objects.count(),
        "revisions": Revision.objects.count(),
        "subgroups": Subgroup.objects.count(),
        "datasets": Dataset.objects.count(),
        "checksum": digest.hexdigest(),
    }


# Read as text: decoding 20,000 JSON lists would make every snapshot take half a second.
SNAPSHOT_QUERIES = (
    "SELECT id, geography_id, metric_id, subgroup_id, dataset_id, release_id, "
    "CAST(points AS TEXT) FROM metrics_series ORDER BY id",
    "SELECT geography_id, year, name, population FROM metrics_geographyyear ORDER BY id",
    "SELECT geoid, name, population, population_year FROM metrics_geography ORDER BY id",
)


def refused(*sources: Path) -> list[Problem]:
    """Import the sources (for real, not a dry run), expect a refusal, check that nothing
    at all was written, and hand back the problems."""
    before = db_snapshot()
    with pytest.raises(ImportRejected) as caught:
        metrics_import(sources=list(sources), after_load=no_refresh)
    assert db_snapshot() == before
    assert caught.value.problems
    return caught.value.problems


def only_problem(problems: list[Problem]) -> str:
    """The one problem found, as the sentence a person reads."""
    assert len(problems) == 1, [str(p) for p in problems]
    return str(problems[0])


def says(
    text: str, *, file: str, line: int | None, column: str | None, words: Iterable[str]
) -> None:
    """The message names the file, the line and the column, and says what is wrong."""
    assert text.startswith(file), text
    if line is not None:
        assert f"line {line}," in text or f"line {line}:" in text, text
    if column is not None:
        assert f"column {column!r}" in text, text
    for word in words:
        assert word in text, text
