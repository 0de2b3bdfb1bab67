"""The fast paths of the importer give what the slow ones give.

A first import (no series stored yet) computes standings and peer features in DuckDB from
the files it has just checked; any other import reads every series back from the database
(`distributions_refresh`, `peer_index_refresh`). Both must store the same distributions
and the same peer features, or a place's rank would depend on how its data arrived.

Files are checked two at a time, so a file may be checked before the file that names its
geographies: what it refers to is looked up once the files before it are done, and the
problems read as they would if each file were checked alone, in order."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest
from django.db import connection

from metrics.models import Distribution, Observation, PeerProfile, Series
from metrics.services.imports import ImportRejected, metrics_import
from metrics.services.peers import peer_index_refresh
from metrics.services.standings import distributions_refresh
from metrics.tests._imports import COUNTY_HEADER, csv_text, no_refresh, write

pytestmark = pytest.mark.django_db

TOLERANCE = 1e-12


def _distributions() -> dict[tuple[Any, ...], tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT m.slug, d.year, d.level, d.state_fips, d.count, d.median, d.p25, d.p75, "
            'CAST(d."values" AS TEXT) FROM metrics_distribution d '
            "JOIN metrics_metric m ON m.id = d.metric_id"
        )
        return {tuple(row[:4]): (*row[4:8], json.loads(row[8])) for row in cursor.fetchall()}


def _peer_features() -> dict[str, dict[str, float]]:
    return dict(PeerProfile.objects.values_list("geography__geoid", "features"))


def _close(a: object, b: object) -> bool:
    """Equal, numbers within a relative 1e-12, lists and dicts item by item."""
    if isinstance(a, float | int) and isinstance(b, float | int):
        return math.isclose(a, b, rel_tol=TOLERANCE, abs_tol=0.0)
    if isinstance(a, list | tuple) and isinstance(b, list | tuple):
        return len(a) == len(b) and all(_close(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_close(a[k], b[k]) for k in a)
    return a == b


def _differences(fast: dict[Any, Any], slow: dict[Any, Any]) -> list[Any]:
    return sorted(
        (k for k in fast.keys() | slow.keys() if not _close(fast.get(k), slow.get(k))), key=str
    )


def _import_first(sources: list[Path]) -> None:
    """Import into a database that holds no series yet (the geographies stay)."""
    Series.objects.all().delete()
    Distribution.objects.all().delete()
    PeerProfile.objects.all().delete()
    report = metrics_import(sources=list(sources))
    assert report.derived_from_files, "the first import should compute standings itself"


def _assert_the_database_agrees() -> None:
    """Recompute from the stored series and compare with what the import wrote."""
    fast_distributions, fast_peers = _distributions(), _peer_features()

    distributions_refresh()
    peer_index_refresh()

    slow_distributions, slow_peers = _distributions(), _peer_features()
    assert fast_distributions and fast_peers
    assert _differences(fast_distributions, slow_distributions) == []
    assert _differences(fast_peers, slow_peers) == []


def test_a_first_import_of_the_release_slice_ranks_every_place_as_the_database_would(
    metrics_slice_dir: Path,
) -> None:
    _import_first([metrics_slice_dir])

    _assert_the_database_agrees()
    illinois = Distribution.objects.get(
        metric__slug="share_employed", year=2021, level="county", state_fips="17"
    )
    cook = Observation.objects.get(
        geography__geoid="17031",
        metric__slug="share_employed",
        year=2021,
        subgroup__type="all",
        dataset__has_subgroups=False,
    )
    assert illinois.count == len(illinois.values) > 90  # of Illinois's 102 counties
    assert illinois.values == sorted(illinois.values)
    assert cook.value in illinois.values


def test_the_combined_file_wins_and_the_first_subgroup_file_fills_its_missing_years(
    tmp_path: Path,
) -> None:
    # Autauga County: the combined file has 2020 only; two subgroup files both give 2021
    # (the first one loaded wins), and one of them also 2019 and 2020 (the combined wins).
    combined = write(
        tmp_path,
        "11_county.csv",
        csv_text(
            COUNTY_HEADER,
            "2020,01,001,Alabama,Autauga County,58805,20000,19000,21000,Strong,0.70,Strong",
            "2020,01,003,Alabama,Baldwin County,231767,21000,20000,22000,Strong,0.65,Strong",
        ),
    )
    header = "year,state,county,subgroup_type,subgroup,share_employed"
    first = write(
        tmp_path,
        "a_employment_county.csv",
        csv_text(
            header,
            "2019,01,001,all,All,0.50",
            "2020,01,001,all,All,0.51",
            "2021,01,001,all,All,0.52",
            "2021,01,001,race-ethnicity,Black,0.40",
        ),
    )
    second = write(
        tmp_path,
        "b_employment_county.csv",
        csv_text(header, "2021,01,001,all,All,0.60", "2021,01,003,all,All,0.61"),
    )

    _import_first([combined, first, second])

    _assert_the_database_agrees()
    nation = Distribution.objects.filter(
        metric__slug="share_employed", level="county", state_fips=""
    )
    assert {d.year: d.values for d in nation} == {
        2019: [0.5],
        2020: [0.65, 0.7],
        2021: [0.52, 0.61],
    }
    features = PeerProfile.objects.get(geography__geoid="01001").features
    assert features["share_employed"] == 0.52


def test_an_import_into_a_database_with_series_reads_the_standings_back_from_it(
    tmp_path: Path,
) -> None:
    # A newer vintage of the combined county file revises one value.
    row = "2023,01,001,Alabama,Autauga County,58805,20000,19000,21000,Strong,0.9,Strong"
    path = write(
        tmp_path, "11_mobility-metrics_county_longitudinal.csv", csv_text(COUNTY_HEADER, row)
    )

    report = metrics_import(sources=[path])

    assert not report.derived_from_files
    autauga = Distribution.objects.get(
        metric__slug="share_employed", year=2023, level="county", state_fips="01"
    )
    assert 0.9 in autauga.values


INJURY_HEADER = "year,state,county,subgroup_type,subgroup,rate_injury_death"


def test_a_file_may_refer_to_a_county_that_a_file_before_it_names(tmp_path: Path) -> None:
    named = write(
        tmp_path,
        "11_county.csv",
        csv_text(COUNTY_HEADER, "2021,01,998,Alabama,Example County,1000,1,0,2,1,0.5,1"),
    )
    injury = write(tmp_path, "injury.csv", csv_text(INJURY_HEADER, "2021,01,998,all,All,65.7"))

    metrics_import(sources=[injury, named], after_load=no_refresh)

    assert Series.objects.filter(geography__geoid="01998", dataset__slug="injury").exists()


def test_a_county_named_only_by_a_refused_file_is_unknown_to_the_files_after_it(
    tmp_path: Path,
) -> None:
    named = write(
        tmp_path,
        "11_county.csv",
        csv_text(COUNTY_HEADER, "2021,01,998,Alabama,Example County,1000,1,0,2,1,many,1"),
    )
    injury = write(
        tmp_path,
        "injury.csv",
        csv_text(INJURY_HEADER, "2021,01,001,all,All,lots", "2021,01,998,all,All,65.7"),
    )

    with pytest.raises(ImportRejected) as caught:
        metrics_import(sources=[named, injury], after_load=no_refresh)

    assert [(p.file, p.line, p.column) for p in caught.value.problems] == [
        ("11_county.csv", 2, "share_employed"),
        ("injury.csv", 3, "county"),  # a county it does not name comes before its values
        ("injury.csv", 2, "rate_injury_death"),
    ]
    assert "county 01998 is not a county Upward knows" in caught.value.problems[1].message


def test_problems_are_listed_by_file_name_whatever_order_the_files_load_in(
    tmp_path: Path,
) -> None:
    # The city file is the smaller level, so it loads first; its problems still come
    # after the county file's, as the files' names go.
    county_rows = [f"20{y},01,001,Alabama,Autauga County,58805,1,0,2,1,x,1" for y in range(15, 22)]
    county = write(tmp_path, "11_county.csv", csv_text(COUNTY_HEADER, *county_rows))
    place_header = "year,state,place,state_name,place_name,population,share_employed"
    place = write(
        tmp_path, "61_place.csv", csv_text(place_header, "2021,01,07000,Alabama,Birmingham,1,y")
    )

    with pytest.raises(ImportRejected) as caught:
        metrics_import(sources=[place, county], after_load=no_refresh)

    assert [p.file for p in caught.value.problems] == ["11_county.csv"] * 7 + ["61_place.csv"]
