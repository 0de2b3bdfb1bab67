"""Where release files come from: a folder, one file, a URL (served here by a local
http.server, the only thing that would leave the machine), or the default source."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from metrics.models import Observation
from metrics.services.imports import ImportRejected, SourceError, metrics_import
from metrics.services.imports.sources import RELEASE_FILES
from metrics.tests._imports import (
    COUNTY_HEADER,
    csv_text,
    db_snapshot,
    no_refresh,
    write,
)

pytestmark = pytest.mark.django_db

ROW = "2020,01,001,Alabama,Autauga County,58805,20000,19000,21000,Strong,0.7,Strong"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """No request log in the test output."""


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """A folder and the http://127.0.0.1 address that serves it, for the test's length."""
    folder = tmp_path / "served"
    folder.mkdir()
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield folder, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture
def data_dir(settings, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    settings.DATA_DIR = tmp_path / "data"
    return settings.DATA_DIR


def test_a_folder_brings_every_csv_file_under_it(tmp_path: Path) -> None:
    write(tmp_path, "one.csv", csv_text(COUNTY_HEADER, ROW))
    write(tmp_path, "nested/deeper/two.CSV", csv_text(COUNTY_HEADER, ROW))
    write(tmp_path, "notes.txt", "not a release file")
    write(tmp_path, "docs/dictionary.json", "{}")

    report = metrics_import(sources=[tmp_path], dry_run=True)

    assert sorted(f.name for f in report.files) == ["one.csv", "two.CSV"]


def test_a_single_file_brings_only_that_file(tmp_path: Path) -> None:
    path = write(tmp_path, "one.csv", csv_text(COUNTY_HEADER, ROW))
    write(tmp_path, "other.csv", "this one would be refused")

    report = metrics_import(sources=[str(path)], dry_run=True)

    assert [f.name for f in report.files] == ["one.csv"]


def test_a_file_named_twice_is_read_once(tmp_path: Path) -> None:
    path = write(tmp_path, "one.csv", csv_text(COUNTY_HEADER, ROW))

    report = metrics_import(sources=[tmp_path, path, str(path)], dry_run=True)

    assert [f.name for f in report.files] == ["one.csv"]


def test_a_path_that_does_not_exist_is_a_source_error(tmp_path: Path) -> None:
    before = db_snapshot()

    with pytest.raises(SourceError, match=r"nowhere\.csv does not exist"):
        metrics_import(sources=[tmp_path / "nowhere.csv"])

    assert db_snapshot() == before


def test_a_folder_with_no_csv_file_is_a_source_error(tmp_path: Path) -> None:
    write(tmp_path, "readme.md", "# nothing here")

    with pytest.raises(SourceError, match="holds no CSV files"):
        metrics_import(sources=[tmp_path])


def test_a_url_is_downloaded_into_the_cache_and_imported(
    served: tuple[Path, str], data_dir: Path
) -> None:
    folder, base = served
    write(folder, "county.csv", csv_text(COUNTY_HEADER, ROW.replace("20000", "20500")))

    report = metrics_import(sources=[f"{base}/county.csv"], after_load=no_refresh)

    cached = data_dir / "cache" / "downloads" / "county.csv"
    assert cached.read_text(encoding="utf-8") == (folder / "county.csv").read_text("utf-8")
    assert [f.name for f in report.files] == ["county.csv"]
    value = Observation.objects.get(dataset__slug="county", metric__slug="pctl_income_20")
    assert value.value == 20500.0


def test_a_download_reports_its_progress_in_bytes(served: tuple[Path, str], data_dir: Path) -> None:
    folder, base = served
    path = write(folder, "county.csv", csv_text(COUNTY_HEADER, ROW))
    calls: list[tuple[int, int | None, str]] = []

    metrics_import(
        sources=[f"{base}/county.csv"],
        dry_run=True,
        progress=lambda done, total, label: calls.append((done, total, label)),
    )

    downloaded = [c for c in calls if c[2] == "county.csv"]
    assert sum(c[0] for c in downloaded) == path.stat().st_size
    assert {c[1] for c in downloaded} == {path.stat().st_size}
    assert any(c[2] == "Reading and checking" for c in calls)


def test_two_urls_with_the_same_file_name_are_both_imported(
    served: tuple[Path, str], data_dir: Path
) -> None:
    folder, base = served
    write(folder, "2024/county.csv", csv_text(COUNTY_HEADER, ROW))
    write(folder, "2025/county.csv", csv_text(COUNTY_HEADER, ROW.replace("2020,", "2021,")))

    metrics_import(
        sources=[f"{base}/2024/county.csv", f"{base}/2025/county.csv"], after_load=no_refresh
    )

    years = Observation.objects.filter(dataset__slug="county", metric__slug="share_employed")
    assert sorted(years.values_list("year", flat=True)) == [2020, 2021]


def test_a_url_that_answers_not_found_is_a_source_error_and_leaves_no_partial_file(
    served: tuple[Path, str], data_dir: Path
) -> None:
    _folder, base = served
    before = db_snapshot()

    with pytest.raises(SourceError) as caught:
        metrics_import(sources=[f"{base}/missing.csv"])

    assert f"{base}/missing.csv" in str(caught.value)
    assert "404" in str(caught.value)
    assert list((data_dir / "cache" / "downloads").glob("*")) == []
    assert db_snapshot() == before


def test_a_file_refused_after_download_names_the_downloaded_file(
    served: tuple[Path, str], data_dir: Path
) -> None:
    folder, base = served
    write(folder, "county.csv", csv_text(COUNTY_HEADER, ROW.replace("Strong", "Good", 1)))

    with pytest.raises(ImportRejected) as caught:
        metrics_import(sources=[f"{base}/county.csv"])

    assert str(caught.value.problems[0]).startswith(
        "county.csv, line 2, column 'pctl_income_20_quality': 'Good' is not a quality flag"
    )


def test_no_source_means_the_folder_in_settings(settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    write(tmp_path, "release/county.csv", csv_text(COUNTY_HEADER, ROW))
    settings.METRICS_DIR = tmp_path / "release"

    report = metrics_import(dry_run=True)

    assert [f.name for f in report.files] == ["county.csv"]


def test_a_metrics_dir_that_is_not_a_folder_is_a_source_error(settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    settings.METRICS_DIR = tmp_path / "missing"

    with pytest.raises(SourceError, match=r"UPWARD_METRICS_DIR is .*missing, not a folder"):
        metrics_import(dry_run=True)


def test_without_a_local_copy_the_release_files_are_downloaded_once(
    settings,  # type: ignore[no-untyped-def]
    served: tuple[Path, str],
    data_dir: Path,
    metrics_slice_dir: Path,
) -> None:
    folder, base = served
    for name in RELEASE_FILES:  # the combined release files, cut to a few states
        shutil.copy(metrics_slice_dir / name, folder / name)
    settings.METRICS_DIR = None
    settings.METRICS_RELEASE_URL = base + "/"

    first = metrics_import(dry_run=True)
    (folder / RELEASE_FILES[0]).unlink()  # a second run reads the cache, not the server
    second = metrics_import(dry_run=True)

    assert sorted(f.name for f in first.files) == sorted(RELEASE_FILES)
    assert (second.rows, second.observations) == (first.rows, first.observations)
    assert sorted(p.name for p in (data_dir / "cache" / "mobility-metrics").iterdir()) == sorted(
        RELEASE_FILES
    )
