"""Loading checked files: one transaction, nothing written twice, newer vintages revise
values and keep the old ones, and every file's geographies merge without losing a name or
a population. Each test starts from the slice of the real release the root conftest loads."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path

import pytest

from metrics.models import (
    Dataset,
    Distribution,
    Geography,
    GeographyYear,
    Observation,
    Release,
    Revision,
    Series,
    Subgroup,
)
from metrics.selectors.catalog import catalog_columns
from metrics.services.imports import CheckStream, ImportRejected, metrics_import
from metrics.tests._imports import (
    COUNTY_HEADER,
    csv_text,
    db_snapshot,
    no_refresh,
    release_rows,
    rows_text,
    write,
)

pytestmark = pytest.mark.django_db

COUNTY_FILE = "11_mobility-metrics_county_longitudinal.csv"
PLACE_FILE = "61_mobility-metrics_place_longitudinal.csv"


@pytest.fixture
def cook_county(metrics_slice_dir: Path) -> Callable[..., Path]:
    """Writes Cook County's rows of the real combined county file under the release's own
    file name (so they are the same dataset), optionally with cells of one year changed."""
    return functools.partial(_cook_county, source=metrics_slice_dir)


def _cook_county(
    folder: Path, change: dict[str, str] | None = None, year: str = "", *, source: Path
) -> Path:
    header, rows = release_rows(
        COUNTY_FILE, lambda r: r["state"] == "17" and r["county"] == "031", folder=source
    )
    if year:
        rows = [r for r in rows if r["year"] == year]
        rows[0].update(change or {})
    return write(folder, COUNTY_FILE, rows_text(header, rows))


def cook_points(metric: str) -> list[list[object]]:
    series = Series.objects.get(
        geography__geoid="17031",
        metric__slug=metric,
        subgroup__type="all",
        dataset__slug="mobility-metrics_county_longitudinal",
    )
    return series.points


def education_file(folder: Path) -> Path:
    """A subgroup file of a kind the release has never published, in its conventions."""
    header = (
        "year,state,place,state_name,place_name,subgroup,subgroup_type,"
        "share_employed,share_employed_lb,share_employed_ub,share_employed_quality"
    )
    rows = [
        "2022,17,14000,Illinois,Chicago city,All,all,0.78,0.77,0.79,Strong",
        "2022,17,14000,Illinois,Chicago city,Less than high school,education,0.55,0.5,0.6,Marginal",
        "2022,17,14000,Illinois,Chicago city,College degree,education,0.86,0.85,0.87,Strong",
        "2022,17,65000,Illinois,Rockford city,All,all,0.72,0.7,0.74,Strong",
        "2022,17,65000,Illinois,Rockford city,Less than high school,education,NA,NA,NA,NA",
        "2022,17,65000,Illinois,Rockford city,College degree,education,0.84,0.8,0.88,Weak",
    ]
    name = "69_mobility-metrics_place_education_longitudinal.csv"
    return write(folder, name, csv_text(header, *rows))


def test_a_dry_run_reports_what_it_would_load_and_loads_nothing(tmp_path: Path) -> None:
    path = education_file(tmp_path)
    before = db_snapshot()

    report = metrics_import(sources=[path], dry_run=True)

    assert db_snapshot() == before
    assert (report.dry_run, report.changed, report.release_id) == (True, False, None)
    assert (report.rows, report.observations, report.geographies) == (6, 5, 2)
    assert report.summary().endswith("(dry run: nothing was loaded).")


def test_importing_files_already_loaded_changes_nothing_and_records_no_release(
    tmp_path: Path, cook_county: Callable[..., Path]
) -> None:
    path = cook_county(tmp_path)
    before = db_snapshot()

    report = metrics_import(sources=[path], after_load=no_refresh)

    assert (report.changed, report.release_id) == (False, None)
    assert db_snapshot() == before
    assert "nothing changed" in report.summary()


def test_importing_a_new_file_twice_loads_it_once(tmp_path: Path) -> None:
    path = education_file(tmp_path)

    first = metrics_import(sources=[path], after_load=no_refresh)
    after_first = db_snapshot()
    second = metrics_import(sources=[path], after_load=no_refresh)

    assert first.changed and first.release_id is not None
    assert (second.changed, second.release_id) == (False, None)
    assert db_snapshot() == after_first


def test_a_newer_vintage_revises_the_value_and_keeps_the_old_one(
    tmp_path: Path, cook_county: Callable[..., Path]
) -> None:
    before = next(p for p in cook_points("pctl_income_20") if p[0] == 2023)
    change = {
        "pctl_income_20": "31000.5",
        "pctl_income_20_lb": "30000",
        "pctl_income_20_ub": "32000",
        "pctl_income_20_quality": "Marginal",
    }
    path = cook_county(tmp_path, change, year="2023")

    report = metrics_import(sources=[path], label="2026 vintage", after_load=no_refresh)

    release = Release.objects.get(id=report.release_id)
    revision = Revision.objects.get(release=release)
    assert (revision.series.metric.slug, revision.series.geography.geoid, revision.year) == (
        "pctl_income_20",
        "17031",
        2023,
    )
    assert (revision.old_value, revision.old_lb, revision.old_ub, revision.old_quality) == (
        before[1],
        before[2],
        before[3],
        1,
    )
    assert (revision.new_value, revision.new_lb, revision.new_ub, revision.new_quality) == (
        31000.5,
        30000.0,
        32000.0,
        2,
    )
    assert (release.label, release.observations_revised, release.observations_added) == (
        "2026 vintage",
        1,
        0,
    )
    assert (report.observations_revised, report.observations_added) == (1, 0)


def test_a_newer_vintage_shows_its_value_and_keeps_the_years_it_does_not_repeat(
    tmp_path: Path, cook_county: Callable[..., Path]
) -> None:
    years_before = [p[0] for p in cook_points("pctl_income_20")]
    path = cook_county(tmp_path, {"pctl_income_20": "31000.5"}, year="2023")

    metrics_import(sources=[path], after_load=no_refresh)

    assert [p[0] for p in cook_points("pctl_income_20")] == years_before
    latest = Observation.objects.get(
        geography__geoid="17031",
        metric__slug="pctl_income_20",
        subgroup__type="all",
        dataset__slug="mobility-metrics_county_longitudinal",
        year=2023,
    )
    assert latest.value == 31000.5


def test_a_release_file_never_seen_before_imports_as_a_new_dataset(tmp_path: Path) -> None:
    path = education_file(tmp_path)

    report = metrics_import(sources=[path], after_load=no_refresh)

    dataset = Dataset.objects.get(slug="mobility-metrics_place_education_longitudinal")
    assert (dataset.level, dataset.has_subgroups) == ("place", True)
    assert report.files[0].unknown_columns == []
    rows = Observation.objects.filter(dataset=dataset).order_by(
        "geography__geoid", "subgroup__name"
    )
    assert [(r.geography.geoid, r.subgroup.name, r.value, r.quality) for r in rows] == [
        ("1714000", "All", 0.78, 1),
        ("1714000", "College degree", 0.86, 1),
        ("1714000", "Less than high school", 0.55, 2),
        ("1765000", "All", 0.72, 1),
        ("1765000", "College degree", 0.84, 3),
    ]
    assert Subgroup.objects.filter(type="education").count() == 2


def test_cities_keep_the_population_of_the_combined_file_that_other_files_leave_out(
    tmp_path: Path,
) -> None:
    _header, rows = release_rows(PLACE_FILE, lambda r: r["state"] == "17" and r["place"] == "14000")
    latest = max(rows, key=lambda r: r["year"])

    metrics_import(sources=[education_file(tmp_path)], after_load=no_refresh)

    chicago = Geography.objects.get(geoid="1714000")
    assert (chicago.population, chicago.population_year) == (
        int(latest["population"]),
        int(latest["year"]),
    )
    by_year = dict(chicago.years.values_list("year", "population"))
    assert by_year == {int(r["year"]): int(r["population"]) for r in rows}


def test_a_new_city_named_only_on_its_subgroup_rows_is_created(tmp_path: Path) -> None:
    header = "year,state,place,state_name,place_name,subgroup,subgroup_type,share_employed"
    rows = [
        "2022,06,44000,California,Los Angeles city,Black,race-ethnicity,0.61",
        "2022,06,44000,California,Los Angeles city,Hispanic,race-ethnicity,0.7",
    ]
    path = write(tmp_path, "la.csv", csv_text(header, *rows))

    report = metrics_import(sources=[path], after_load=no_refresh)

    city = Geography.objects.get(geoid="0644000")
    assert (city.kind, city.name, city.state_name, city.population) == (
        "place",
        "Los Angeles city",
        "California",
        None,
    )
    assert report.geographies_added == 1
    assert GeographyYear.objects.filter(geography=city, year=2022).exists()


def test_a_new_county_gets_its_name_population_and_state(tmp_path: Path) -> None:
    row = "2021,35,013,New Mexico,Doña Ana County,219561,30000,29000,31000,Strong,0.6,Weak"
    path = write(tmp_path, "nm.csv", csv_text(COUNTY_HEADER, row))

    metrics_import(sources=[path], after_load=no_refresh)

    county = Geography.objects.get(geoid="35013")
    assert (county.kind, county.name, county.state_name, county.population) == (
        "county",
        "Doña Ana County",
        "New Mexico",
        219561,
    )
    assert county.search_text == "doña ana county new mexico nm 35013"


def test_one_bad_file_among_good_ones_rejects_the_whole_import(
    tmp_path: Path, cook_county: Callable[..., Path]
) -> None:
    education_file(tmp_path)
    cook_county(tmp_path / "newer", {"pctl_income_20": "31000.5"}, year="2023")
    bad = "2021,01,001,Alabama,Autauga County,58805,20000,19000,21000,Good,0.7,Strong"
    write(tmp_path, "zz-bad.csv", csv_text(COUNTY_HEADER, bad))
    before = db_snapshot()

    with pytest.raises(ImportRejected) as caught:
        metrics_import(sources=[tmp_path], after_load=no_refresh)

    assert db_snapshot() == before
    assert {p.file for p in caught.value.problems} == {"zz-bad.csv"}
    assert "Nothing was imported" in str(caught.value)


def test_a_failure_while_loading_leaves_nothing_behind(tmp_path: Path) -> None:
    path = education_file(tmp_path)
    before = db_snapshot()

    def fail() -> None:
        raise RuntimeError("the disk is full")

    with pytest.raises(RuntimeError):
        metrics_import(sources=[path], after_load=fail)

    assert db_snapshot() == before


def test_a_per_metric_file_without_populations_does_not_erase_them(tmp_path: Path) -> None:
    header = "year,state,county,county_name,subgroup_type,subgroup,rate_injury_death"
    path = write(tmp_path, "injury.csv", csv_text(header, "2023,17,031,Cook County,all,All,61.1"))
    before = dict(
        GeographyYear.objects.filter(geography__geoid="17031").values_list("year", "population")
    )

    metrics_import(sources=[path], after_load=no_refresh)

    after = dict(
        GeographyYear.objects.filter(geography__geoid="17031").values_list("year", "population")
    )
    assert after == before
    assert Geography.objects.get(geoid="17031").population == before[2023]


def test_a_revised_population_for_an_earlier_year_is_loaded(
    tmp_path: Path, cook_county: Callable[..., Path]
) -> None:
    path = cook_county(tmp_path, {"population": "5100000"}, year="2015")

    report = metrics_import(sources=[path], after_load=no_refresh)

    assert report.changed
    assert GeographyYear.objects.get(geography__geoid="17031", year=2015).population == 5100000


def test_the_release_records_its_files_and_where_they_came_from(tmp_path: Path) -> None:
    path = education_file(tmp_path)

    report = metrics_import(sources=[path], after_load=no_refresh)

    release = Release.objects.get(id=report.release_id)
    assert release.source == str(path)
    assert release.label == "Mobility Metrics release (1 file)"
    [facts] = release.files
    assert (facts["name"], facts["rows"], len(facts["sha256"])) == (path.name, 6, 64)
    assert release.observations_added == 5


def test_the_import_refreshes_standings_after_loading_by_default(tmp_path: Path) -> None:
    Distribution.objects.all().delete()
    path = education_file(tmp_path)

    metrics_import(sources=[path])

    assert Distribution.objects.filter(metric__slug="share_employed", level="place").exists()


def test_the_release_rows_of_dona_ana_county_give_one_clean_name_and_state(
    tmp_path: Path,
) -> None:
    # The release spells it "DoÃ±a Ana County" in some years and, in 2014, puts the county
    # in the state_name column ("New Mexico, Doña Ana County") with no county_name.
    header, rows = release_rows(COUNTY_FILE, lambda r: r["state"] == "35" and r["county"] == "013")
    path = write(tmp_path, COUNTY_FILE, rows_text(header, rows))

    metrics_import(sources=[path], after_load=no_refresh)

    county = Geography.objects.get(geoid="35013")
    assert (county.name, county.state_name) == ("Doña Ana County", "New Mexico")
    names = set(county.years.values_list("name", flat=True))
    assert names == {"Doña Ana County"}
    assert county.years.count() == len([r for r in rows if r["county_name"].strip()])


def test_a_load_that_stops_early_leaves_no_reading_thread_behind(tmp_path: Path) -> None:
    row = "2020,01,001,Alabama,Autauga County,58805,20000,19000,21000,Strong,0.7,Strong"
    paths = [write(tmp_path, f"county-{n}.csv", csv_text(COUNTY_HEADER, row)) for n in range(6)]
    stream = CheckStream(paths, catalog_columns(), None)
    files = iter(stream)

    next(files)
    files.close()  # what happens when the loader raises after the first file

    assert stream.worker is not None
    assert not stream.worker.is_alive()
