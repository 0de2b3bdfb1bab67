"""`manage.py metrics import` and `metrics status`, read the way a person reads a terminal."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from metrics.models import Observation
from metrics.tests._imports import COUNTY_HEADER, csv_text, db_snapshot, write

pytestmark = pytest.mark.django_db

ROW = "2020,35,013,New Mexico,Doña Ana County,219561,30000,29000,31000,Strong,0.6,Weak"


def run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("metrics", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_an_import_ends_with_one_summary_line(tmp_path: Path) -> None:
    write(tmp_path, "county.csv", csv_text(COUNTY_HEADER, ROW))

    out, _err = run("import", str(tmp_path), "--no-progress", "--label", "New Mexico")

    [line] = out.splitlines()
    assert re.fullmatch(
        r"Imported 1 file, 1 row, 2 observations, 1 geography in \d+\.\d s: "
        r"2 new observations, 0 revised, 1 new geography\.",
        line,
    ), line
    assert Observation.objects.filter(geography__geoid="35013").count() == 2


def test_a_dry_run_says_so_and_loads_nothing(tmp_path: Path) -> None:
    path = write(tmp_path, "county.csv", csv_text(COUNTY_HEADER, ROW))
    before = db_snapshot()

    out, _err = run("import", str(path), "--dry-run", "--no-progress")

    assert re.fullmatch(
        r"Checked 1 file, 1 row, 2 observations, 1 geography in \d+\.\d s "
        r"\(dry run: nothing was loaded\)\.\n",
        out,
    ), out
    assert db_snapshot() == before


def test_a_rejected_import_fails_and_prints_every_problem(tmp_path: Path) -> None:
    bad = ROW.replace("30000,29000", "30000,39000").replace("0.6,Weak", "lots,Weak")
    path = write(tmp_path, "county.csv", csv_text(COUNTY_HEADER, bad))
    before = db_snapshot()

    with pytest.raises(CommandError) as caught:
        run("import", str(path), "--no-progress")

    assert caught.value.returncode == 1  # what `manage.py` exits with
    assert str(caught.value).splitlines() == [
        "Nothing was imported: 2 problem(s) in county.csv.",
        "  - county.csv, line 2, column 'pctl_income_20_lb': the lower bound 39000.0 is above "
        "the upper bound 31000.0.",
        "  - county.csv, line 2, column 'share_employed': 'lots' is not a number.",
    ]
    assert db_snapshot() == before


def test_a_source_that_does_not_exist_fails_with_a_sentence(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match=r"Nothing was imported: .*nowhere does not exist\."):
        run("import", str(tmp_path / "nowhere"), "--no-progress")


def test_columns_outside_the_catalog_are_named_in_the_output(tmp_path: Path) -> None:
    header = COUNTY_HEADER + ",share_tree_cover,notes"
    path = write(tmp_path, "extra.csv", csv_text(header, ROW + ",0.3,checked"))

    out, _err = run("import", str(path), "--dry-run", "--no-progress")

    assert out.splitlines()[0] == (
        "extra.csv: columns not in the catalog, not imported: share_tree_cover, notes"
    )


def test_without_a_terminal_the_import_says_what_it_is_doing_on_stderr(tmp_path: Path) -> None:
    path = write(tmp_path, "county.csv", csv_text(COUNTY_HEADER, ROW))

    out, err = run("import", str(path), "--dry-run")

    assert err == "Reading and checking the release files...\n"
    assert out.startswith("Checked 1 file")


def test_no_argument_imports_the_folder_in_settings(settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    write(tmp_path, "release/county.csv", csv_text(COUNTY_HEADER, ROW))
    settings.METRICS_DIR = tmp_path / "release"

    out, _err = run("import", "--dry-run", "--no-progress")

    assert out.startswith("Checked 1 file, 1 row, 2 observations")


def test_status_as_json_counts_what_is_loaded(tmp_path: Path) -> None:
    write(tmp_path, "county.csv", csv_text(COUNTY_HEADER, ROW))
    run("import", str(tmp_path), "--no-progress", "--label", "New Mexico")

    out, _err = run("status", "--json")

    status = json.loads(out)
    assert status["geographies"]["county"] >= 1 and status["geographies"]["place"] >= 1
    assert status["metrics"] > 40
    assert status["observations"] == Observation.objects.count()
    assert status["releases"][-1]["label"] == "New Mexico"
    assert status["releases"][-1]["files"] == ["county.csv"]
    assert status["releases"][-1]["observations_added"] == 2


def test_status_in_words_gives_counts_and_each_release(tmp_path: Path) -> None:
    write(tmp_path, "county.csv", csv_text(COUNTY_HEADER, ROW))
    run("import", str(tmp_path), "--no-progress", "--label", "New Mexico")
    status = json.loads(run("status", "--json")[0])

    out, _err = run("status")

    first, *releases = out.splitlines()
    counts = status["geographies"]
    assert first == (
        f"{counts['county']:,} counties, {counts['place']:,} cities, {counts['state']:,} states; "
        f"{status['metrics']} metrics; {status['observations']:,} observations."
    )
    assert len(releases) == len(status["releases"])
    assert releases[-1].startswith(f"  release {status['releases'][-1]['id']}: New Mexico at ")
    assert releases[-1].endswith("(2 added, 0 revised)")
