"""Checking every cell before anything is loaded: FIPS codes, years, numbers, intervals,
quality flags, duplicates and names. A refused file is named with its line and column,
and the database is exactly as before; what passes is stored the way the release means it."""

from __future__ import annotations

from pathlib import Path

import pytest

from metrics.models import Geography, Observation, Series
from metrics.services.imports import ImportRejected, metrics_import
from metrics.tests._imports import (
    AUTAUGA,
    COUNTY_HEADER,
    csv_text,
    db_snapshot,
    no_refresh,
    only_problem,
    refused,
    release_rows,
    rows_text,
    says,
    write,
)

pytestmark = pytest.mark.django_db

SUBGROUP_HEADER = (
    "year,state,county,subgroup_type,subgroup,"
    "rate_injury_death,rate_injury_death_lb,rate_injury_death_ub,rate_injury_death_quality"
)


def county_file(folder: Path, *rows: str, name: str = "county.csv") -> Path:
    return write(folder, name, csv_text(COUNTY_HEADER, *rows))


def values(dataset: str, metric: str) -> list[tuple[object, ...]]:
    return list(
        Observation.objects.filter(dataset__slug=dataset, metric__slug=metric)
        .order_by("geography__geoid", "year", "subgroup__type", "subgroup__name")
        .values_list(
            "geography__geoid",
            "year",
            "subgroup__type",
            "subgroup__name",
            "value",
            "lb",
            "ub",
            "quality",
        )
    )


def test_a_word_where_a_number_belongs_is_refused(tmp_path: Path) -> None:
    path = county_file(tmp_path, f"{AUTAUGA},about 20k,19000,21000,Strong,0.7,Strong")

    message = only_problem(refused(path))

    says(
        message,
        file="county.csv",
        line=2,
        column="pctl_income_20",
        words=["'about 20k' is not a number"],
    )


def test_infinity_and_numbers_too_large_to_hold_are_refused(tmp_path: Path) -> None:
    path = county_file(tmp_path, f"{AUTAUGA},inf,19000,21000,Strong,1e400,Strong")

    problems = [str(p) for p in refused(path)]

    assert problems == [
        "county.csv, line 2, column 'pctl_income_20': 'inf' is not a number.",
        "county.csv, line 2, column 'share_employed': '1e400' is not a number.",
    ]


def test_a_county_code_too_long_for_its_state_is_refused(tmp_path: Path) -> None:
    path = county_file(tmp_path, "2020,06,12345,California,Nowhere County,10,1,0,2,1,0.5,1")

    message = only_problem(refused(path))

    says(
        message,
        file="county.csv",
        line=2,
        column="county",
        words=["'12345' is too long", "3 digits"],
    )


def test_a_county_written_as_its_full_geoid_is_accepted(tmp_path: Path) -> None:
    path = county_file(tmp_path, "2020,01,01001,Alabama,Autauga County,58805,1,0,2,1,0.5,1")

    report = metrics_import(sources=[path], dry_run=True)

    assert report.geographies == 1


def test_codes_that_lost_their_leading_zeros_are_padded(tmp_path: Path) -> None:
    path = county_file(tmp_path, "2020,1,1,Alabama,Autauga County,58805,20000,19000,21000,1,,")

    metrics_import(sources=[path], after_load=no_refresh)

    assert values("county", "pctl_income_20") == [
        ("01001", 2020, "all", "All", 20000.0, 19000.0, 21000.0, 1)
    ]
    assert Geography.objects.filter(geoid="01001", name="Autauga County").exists()


def test_letters_in_a_fips_code_are_refused(tmp_path: Path) -> None:
    path = county_file(tmp_path, "2020,01,0O1,Alabama,Autauga County,58805,1,0,2,1,0.5,1")

    message = only_problem(refused(path))

    says(message, file="county.csv", line=2, column="county", words=["'0O1'", "other than digits"])


def test_a_state_code_that_is_no_state_is_refused(tmp_path: Path) -> None:
    path = county_file(tmp_path, "2020,99,001,Nowhere,Nowhere County,10,1,0,2,1,0.5,1")

    message = only_problem(refused(path))

    says(message, file="county.csv", line=2, column="state", words=["'99' is not a state"])


def test_a_missing_county_code_is_refused(tmp_path: Path) -> None:
    path = county_file(tmp_path, "2020,01,NA,Alabama,Autauga County,58805,1,0,2,1,0.5,1")

    message = only_problem(refused(path))

    says(message, file="county.csv", line=2, column="county", words=["county code is missing"])


@pytest.mark.parametrize(
    ("year", "words"),
    [
        ("1899", ["'1899' is not a plausible year", "from 2000"]),
        ("2020.5", ["'2020.5' is not a plausible year"]),
        ("twenty", ["'twenty' is not a plausible year"]),
        ("", ["the year is missing"]),
    ],
)
def test_a_year_that_cannot_be_a_data_year_is_refused(
    tmp_path: Path, year: str, words: list[str]
) -> None:
    path = county_file(tmp_path, f"{year},01,001,Alabama,Autauga County,58805,1,0,2,1,0.5,1")

    message = only_problem(refused(path))

    says(message, file="county.csv", line=2, column="year", words=words)


def test_the_same_county_year_and_subgroup_twice_is_refused_naming_both_lines(
    tmp_path: Path,
) -> None:
    rows = [
        "2021,01,001,all,All,65.7,55.2,76.3,1",
        "2021,01,001,race-ethnicity,Black,70.1,60.2,80.3,2",
        "2021,01,003,all,All,60.0,50.0,70.0,1",
        "2021,01,001,race_ethnicity,Black,71.0,60.2,80.3,2",
    ]
    path = write(tmp_path, "injury.csv", csv_text(SUBGROUP_HEADER, *rows))

    message = only_problem(refused(path))

    says(
        message,
        file="injury.csv",
        line=5,
        column=None,
        words=["repeats county 01001, year 2021, subgroup 'Black'", "first given on line 3"],
    )


def test_a_lower_bound_above_the_upper_bound_is_refused(tmp_path: Path) -> None:
    path = county_file(tmp_path, f"{AUTAUGA},20000,22000,21000,Strong,0.7,Strong")

    message = only_problem(refused(path))

    says(
        message,
        file="county.csv",
        line=2,
        column="pctl_income_20_lb",
        words=["lower bound 22000.0 is above the upper bound 21000.0"],
    )


def test_a_value_outside_its_interval_is_refused(tmp_path: Path) -> None:
    path = county_file(tmp_path, f"{AUTAUGA},25000,19000,21000,Strong,0.7,Strong")

    message = only_problem(refused(path))

    says(
        message,
        file="county.csv",
        line=2,
        column="pctl_income_20",
        words=["25000.0 lies outside its interval 19000.0 to 21000.0"],
    )


def test_a_value_a_rounding_hair_outside_its_interval_is_accepted(tmp_path: Path) -> None:
    path = county_file(tmp_path, f"{AUTAUGA},21000.00001,19000,21000,Strong,0.7,Strong")

    report = metrics_import(sources=[path], dry_run=True)

    assert report.observations == 2


def test_an_unknown_quality_word_is_refused(tmp_path: Path) -> None:
    path = county_file(tmp_path, f"{AUTAUGA},20000,19000,21000,Good,0.7,Strong")

    message = only_problem(refused(path))

    says(
        message,
        file="county.csv",
        line=2,
        column="pctl_income_20_quality",
        words=["'Good' is not a quality flag", "Strong, Marginal or Weak"],
    )


def test_quality_flags_are_read_from_numbers_and_from_words(tmp_path: Path) -> None:
    rows = [
        "2021,01,001,all,All,65.7,55.2,76.3,1",
        "2021,01,001,race-ethnicity,Black,70.1,60.2,80.3,2",
        "2021,01,001,race-ethnicity,White,60.1,50.2,70.3,3",
        "2021,01,001,race-ethnicity,Asian,60.1,50.2,70.3,marginal",
        "2021,01,001,race-ethnicity,Other,60.1,50.2,70.3,NA",
    ]
    path = write(tmp_path, "flags.csv", csv_text(SUBGROUP_HEADER, *rows))

    metrics_import(sources=[path], after_load=no_refresh)

    qualities = {row[3]: row[7] for row in values("flags", "rate_injury_death")}
    assert qualities == {"All": 1, "Black": 2, "White": 3, "Asian": 2, "Other": None}


def test_markup_in_a_name_is_refused(tmp_path: Path) -> None:
    row = "2020,01,001,Alabama,<script>alert(1)</script> County,58805,1,0,2,1,0.5,1"
    path = county_file(tmp_path, row)

    message = only_problem(refused(path))

    says(message, file="county.csv", line=2, column="county_name", words=["markup"])


def test_a_name_too_long_for_any_place_is_refused(tmp_path: Path) -> None:
    path = county_file(tmp_path, f"2020,01,001,Alabama,{'A' * 201},58805,1,0,2,1,0.5,1")

    message = only_problem(refused(path))

    says(message, file="county.csv", line=2, column="county_name", words=["longer than 200"])


def test_a_population_that_is_not_a_number_of_people_is_refused(tmp_path: Path) -> None:
    path = county_file(tmp_path, "2020,01,001,Alabama,Autauga County,-5,1,0,2,1,0.5,1")

    message = only_problem(refused(path))

    says(message, file="county.csv", line=2, column="population", words=["'-5'", "people"])


def test_a_county_a_per_metric_file_names_but_no_release_knows_is_refused(
    tmp_path: Path,
) -> None:
    rows = ["2021,01,001,all,All,65.7,55.2,76.3,1", "2021,01,999,all,All,65.7,55.2,76.3,1"]
    path = write(tmp_path, "injury.csv", csv_text(SUBGROUP_HEADER, *rows))

    message = only_problem(refused(path))

    says(
        message,
        file="injury.csv",
        line=3,
        column="county",
        words=["county 01999 is not a county Upward knows"],
    )


def test_a_ratio_is_kept_as_numerator_denominator_and_quotient(tmp_path: Path) -> None:
    header = "year,state,county,ratio_black_nh_house_value_households"
    path = write(tmp_path, "ratio.csv", csv_text(header, "2021,01,001,0.190:0.272"))

    metrics_import(sources=[path], after_load=no_refresh)

    stored = Observation.objects.get(
        dataset__slug="ratio", metric__slug="ratio_black_nh_house_value_households"
    )
    assert (stored.numerator, stored.denominator) == (0.19, 0.272)
    assert stored.value == pytest.approx(0.19 / 0.272)


@pytest.mark.parametrize("text", ["1:2:3", "a:0.2", "0.1:"])
def test_a_ratio_that_is_not_two_numbers_is_refused(tmp_path: Path, text: str) -> None:
    header = "year,state,county,ratio_black_nh_house_value_households"
    path = write(tmp_path, "ratio.csv", csv_text(header, f"2021,01,001,{text}"))

    message = only_problem(refused(path))

    says(
        message,
        file="ratio.csv",
        line=2,
        column="ratio_black_nh_house_value_households",
        words=[f"'{text}' is not a ratio written as two numbers a:b"],
    )


def test_na_and_empty_cells_are_missing_values_not_zeros(tmp_path: Path) -> None:
    rows = [
        "2020,01,001,Alabama,Autauga County,58805,NA,NA,NA,NA,0.7,Strong",
        "2021,01,001,Alabama,Autauga County,58805,,,,,NA,",
        "2022,01,001,Alabama,Autauga County,58805,20000,NA,,Weak,0.0,Weak",
    ]
    path = county_file(tmp_path, *rows)

    metrics_import(sources=[path], after_load=no_refresh)

    assert values("county", "pctl_income_20") == [
        ("01001", 2022, "all", "All", 20000.0, None, None, 3)
    ]
    assert [(r[1], r[4]) for r in values("county", "share_employed")] == [(2020, 0.7), (2022, 0.0)]


def test_subgroup_types_are_spelled_one_way(tmp_path: Path) -> None:
    rows = [
        "2021,01,001,all,All,65.7,55.2,76.3,1",
        '2021,01,001,race_ethnicity,"Black, Non-Hispanic",70.1,60.2,80.3,2',
        "2021,01,001,race-ethncity,Hispanic,60.1,50.2,70.3,3",
        "2021,01,001,Race-Ethnicity,Other,60.1,50.2,70.3,3",
    ]
    path = write(tmp_path, "injury.csv", csv_text(SUBGROUP_HEADER, *rows))

    metrics_import(sources=[path], after_load=no_refresh)

    groups = [(r[2], r[3]) for r in values("injury", "rate_injury_death")]
    assert groups == [
        ("all", "All"),
        ("race-ethnicity", "Black, Non-Hispanic"),
        ("race-ethnicity", "Hispanic"),
        ("race-ethnicity", "Other"),
    ]


def test_a_subgroup_row_without_its_type_is_refused(tmp_path: Path) -> None:
    rows = ["2021,01,001,all,All,65.7,55.2,76.3,1", "2021,01,001,,Black,70.1,60.2,80.3,2"]
    path = write(tmp_path, "injury.csv", csv_text(SUBGROUP_HEADER, *rows))

    message = only_problem(refused(path))

    says(message, file="injury.csv", line=3, column="subgroup_type", words=["type is missing"])


def test_markup_in_a_subgroup_is_refused(tmp_path: Path) -> None:
    rows = ["2021,01,001,all,All,65.7,55.2,76.3,1", "2021,01,001,race,<b>Black</b>,70.1,60,80,2"]
    path = write(tmp_path, "injury.csv", csv_text(SUBGROUP_HEADER, *rows))

    message = only_problem(refused(path))

    says(message, file="injury.csv", line=3, column="subgroup", words=["'<b>Black</b>'", "markup"])


def test_a_subgroup_row_without_its_group_is_refused(tmp_path: Path) -> None:
    rows = ["2021,01,001,all,All,65.7,55.2,76.3,1", "2021,01,001,race-ethnicity,,70.1,60,80,2"]
    path = write(tmp_path, "injury.csv", csv_text(SUBGROUP_HEADER, *rows))

    message = only_problem(refused(path))

    says(message, file="injury.csv", line=3, column="subgroup", words=["subgroup is empty"])


def test_every_problem_in_a_file_is_reported_at_once(tmp_path: Path) -> None:
    rows = [
        f"{AUTAUGA},lots,19000,21000,Strong,0.7,Strong",
        "2021,01,001,Alabama,Autauga County,58805,20000,19000,21000,Good,0.7,Strong",
        "2022,01,001,Alabama,Autauga County,58805,20000,19000,21000,Strong,0.7,Fair",
    ]
    path = county_file(tmp_path, *rows)

    problems = refused(path)

    assert [(p.line, p.column) for p in problems] == [
        (2, "pctl_income_20"),
        (3, "pctl_income_20_quality"),
        (4, "share_employed_quality"),
    ]


def test_a_file_with_thousands_of_problems_lists_fifty_and_counts_the_rest(
    tmp_path: Path,
) -> None:
    rows = [f"2020,01,{n:03},Alabama,County {n},1,x,0,2,1,0.5,1" for n in range(1, 71)]
    path = county_file(tmp_path, *rows)
    before = db_snapshot()

    with pytest.raises(ImportRejected) as caught:
        metrics_import(sources=[path], after_load=no_refresh)

    assert len(caught.value.problems) == 50
    summary = caught.value.summary()
    assert summary.startswith("Nothing was imported: 70 problem(s) in county.csv.")
    assert summary.endswith("... and 20 more problem(s) of the same kinds.")
    assert db_snapshot() == before


def test_a_bad_cell_deep_in_a_large_real_file_is_found_on_its_line(tmp_path: Path) -> None:
    header, rows = release_rows(
        "11_mobility-metrics_county_longitudinal.csv", lambda r: r["state"] in {"01", "17"}
    )
    rows[1000]["share_employed"] = "n/a?"
    path = write(tmp_path, "11_mobility-metrics_county_longitudinal.csv", rows_text(header, rows))

    message = only_problem(refused(path))

    says(
        message,
        file="11_mobility-metrics_county_longitudinal.csv",
        line=1002,
        column="share_employed",
        words=["'n/a?' is not a number"],
    )


def test_values_that_pass_are_stored_with_their_interval_and_quality(tmp_path: Path) -> None:
    path = county_file(tmp_path, f"{AUTAUGA},20000,19000,21000,Marginal,0.7,Weak")

    metrics_import(sources=[path], after_load=no_refresh)

    series = Series.objects.get(dataset__slug="county", metric__slug="pctl_income_20")
    assert series.points == [[2020, 20000.0, 19000.0, 21000.0, 2, None, None]]
