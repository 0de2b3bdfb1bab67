"""Reading a release file: its bytes, its CSV shape and its header. Every refused file is
named with the line (and the column where one applies), and leaves the database as it was."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from metrics.models import Dataset, Observation
from metrics.services.imports import ImportRejected, metrics_import
from metrics.services.imports.reading import dataset_slug, header_problems, metric_columns
from metrics.tests._imports import (
    AUTAUGA,
    COUNTY_HEADER,
    csv_text,
    no_refresh,
    only_problem,
    refused,
    says,
    write,
)

pytestmark = pytest.mark.django_db

GOOD_ROW = f"{AUTAUGA},20000,19000,21000,Strong,0.7,Strong"


def test_a_file_saved_as_latin_1_is_refused_at_the_cell_that_cannot_be_read(tmp_path: Path) -> None:
    text = csv_text(COUNTY_HEADER, "2020,35,013,New Mexico,Doña Ana County,219561,1,0,2,1,0.5,1")
    path = write(tmp_path, "county.csv", text.encode("latin-1"))

    message = only_problem(refused(path))

    says(
        message,
        file="county.csv",
        line=2,
        column="county_name",
        words=["not UTF-8", "0xF1", "Doña Ana County", "Save it as UTF-8"],
    )


def test_a_file_without_a_year_column_is_not_a_kind_upward_imports(tmp_path: Path) -> None:
    header = COUNTY_HEADER.replace("year,", "")
    path = write(tmp_path, "no-year.csv", csv_text(header, GOOD_ROW.removeprefix("2020,")))

    message = only_problem(refused(path))

    says(message, file="no-year.csv", line=1, column=None, words=["key columns", "missing: year."])


def test_a_file_with_neither_county_nor_place_is_refused(tmp_path: Path) -> None:
    header = "year,state,state_name,pctl_income_20"
    path = write(tmp_path, "states.csv", csv_text(header, "2020,01,Alabama,20000"))

    message = only_problem(refused(path))

    says(message, file="states.csv", line=1, column=None, words=["missing: county or place"])


def test_a_csv_that_is_not_a_release_file_is_refused_as_an_unknown_kind(tmp_path: Path) -> None:
    path = write(tmp_path, "budget.csv", csv_text("department,amount", "Parks,1200"))

    message = only_problem(refused(path))

    says(
        message,
        file="budget.csv",
        line=1,
        column=None,
        words=["not a kind of file Upward can import", "year, state, county or place"],
    )


def test_a_release_shaped_file_with_no_metric_upward_knows_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "odd.csv", csv_text("year,state,county,tree_cover", "2020,01,001,0.4"))

    message = only_problem(refused(path))

    says(message, file="odd.csv", line=1, column=None, words=["no column", "tree_cover"])


def test_an_empty_file_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "empty.csv", "")

    message = only_problem(refused(path))

    says(message, file="empty.csv", line=None, column=None, words=["the file is empty"])


def test_a_file_with_only_a_header_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "header-only.csv", COUNTY_HEADER + "\n")

    message = only_problem(refused(path))

    says(message, file="header-only.csv", line=None, column=None, words=["no rows of data"])


def test_a_file_cut_off_in_its_last_row_is_refused_once_at_that_row(tmp_path: Path) -> None:
    text = csv_text(COUNTY_HEADER, GOOD_ROW).rstrip("\n") + "\n2021,01,001,Alabama,Autau"
    path = write(tmp_path, "cut.csv", text)

    message = only_problem(refused(path))

    says(
        message,
        file="cut.csv",
        line=3,
        column="population",
        words=["this row has 5 values but the header has 12 columns", "truncated"],
    )


def test_a_file_whose_rows_all_lost_a_column_counts_every_row_it_refuses(
    tmp_path: Path,
) -> None:
    rows = [f"2020,01,{n:03},Alabama,County {n},1,2,1,3,Strong,0.5" for n in range(1, 81)]
    path = write(tmp_path, "short.csv", csv_text(COUNTY_HEADER, *rows))

    with pytest.raises(ImportRejected) as caught:
        metrics_import(sources=[path], dry_run=True)

    assert len(caught.value.problems) == 50
    assert caught.value.summary().startswith("Nothing was imported: 80 problem(s) in short.csv.")
    assert str(caught.value.problems[0]) == (
        "short.csv, line 2, column 'share_employed_quality': this row has 11 values but the "
        "header has 12 columns (a row cut short: the file may be truncated, or a comma is "
        "missing)."
    )


def test_a_name_with_a_comma_outside_quotes_is_refused(tmp_path: Path) -> None:
    row = GOOD_ROW.replace("Autauga County", "Autauga, County")
    path = write(tmp_path, "stray.csv", csv_text(COUNTY_HEADER, GOOD_ROW, row))

    message = only_problem(refused(path))

    says(message, file="stray.csv", line=3, column=None, words=["13 values", "12 columns"])


def test_a_quote_left_open_is_found_on_the_line_where_it_starts(tmp_path: Path) -> None:
    rows = [GOOD_ROW, "", '2021,01,001,Alabama,"Autauga County,58805,1,0,2,1,0.5,1', GOOD_ROW]
    path = write(tmp_path, "quote.csv", csv_text(COUNTY_HEADER, *rows))

    message = only_problem(refused(path))

    says(message, file="quote.csv", line=4, column="county_name", words=["not closed"])
    assert str(tmp_path) not in message


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"PK\x03\x04" + b"\x00" * 40, ["spreadsheet workbook", "save the sheet as CSV UTF-8"]),
        (gzip.compress(csv_text(COUNTY_HEADER, GOOD_ROW).encode()), ["gzip", "unpack it"]),
        (csv_text(COUNTY_HEADER, GOOD_ROW).encode("utf-16"), ["UTF-16", "save it as CSV UTF-8"]),
    ],
    ids=["workbook", "gzip", "utf-16"],
)
def test_a_file_that_is_not_csv_text_is_refused_with_what_to_do(
    tmp_path: Path, content: bytes, words: list[str]
) -> None:
    path = write(tmp_path, "metrics.csv", content)

    message = only_problem(refused(path))

    says(message, file="metrics.csv", line=1, column=None, words=words)


def test_a_file_with_both_county_and_place_columns_is_refused(tmp_path: Path) -> None:
    header = "year,state,county,place,pctl_income_20"
    path = write(tmp_path, "both.csv", csv_text(header, "2020,17,031,14000,20000"))

    message = only_problem(refused(path))

    says(message, file="both.csv", line=1, column=None, words=["both a county and a place"])


def test_a_column_named_twice_is_refused(tmp_path: Path) -> None:
    header = "year,state,county,pctl_income_20,pctl_income_20"
    path = write(tmp_path, "twice.csv", csv_text(header, "2020,01,001,1,2"))

    message = only_problem(refused(path))

    says(message, file="twice.csv", line=1, column=None, words=["'pctl_income_20' appears twice"])


def test_lines_are_counted_as_an_editor_shows_them_across_blank_lines_and_quoted_breaks(
    tmp_path: Path,
) -> None:
    rows = [
        GOOD_ROW,
        "",
        '2021,01,001,Alabama,"Autauga\nCounty",58805,1,0,2,1,0.5,1',
        "2022,01,001,Alabama,Autauga County,58805,lots,0,2,1,0.5,1",
    ]
    path = write(tmp_path, "gaps.csv", csv_text(COUNTY_HEADER, *rows))

    message = only_problem(refused(path))

    says(message, file="gaps.csv", line=6, column="pctl_income_20", words=["'lots'"])


def test_a_spreadsheet_export_with_a_byte_order_mark_crlf_and_quotes_is_read(
    tmp_path: Path,
) -> None:
    header = ",".join(f'"{name}"' for name in COUNTY_HEADER.split(","))
    rows = [
        '2020,"01","001","Alabama","Autauga County",58805,20001,19000,21000,"Strong",0.7,"Weak"',
        "2021.0,1.0,1,Alabama,Autauga County,58805,20002,19000,21000,Strong,0.71,Weak",
    ]
    text = "\ufeff" + "\r\n".join([header.upper(), *rows]) + "\r\n"
    path = write(tmp_path, "excel.csv", text)

    report = metrics_import(sources=[path], dry_run=True)

    assert (report.rows, report.observations, report.geographies) == (2, 4, 1)


def test_columns_outside_the_catalog_are_listed_in_the_report_never_dropped_silently(
    tmp_path: Path,
) -> None:
    header = COUNTY_HEADER + ",share_tree_cover,share_tree_cover_quality,notes"
    path = write(tmp_path, "extra.csv", csv_text(header, GOOD_ROW + ",0.3,Strong,checked"))

    report = metrics_import(sources=[path], dry_run=True)

    assert report.files[0].unknown_columns == [
        "share_tree_cover",
        "share_tree_cover_quality",
        "notes",
    ]


def test_bounds_of_a_metric_the_file_does_not_hold_are_listed_as_unknown(
    tmp_path: Path,
) -> None:
    header = COUNTY_HEADER + ",rate_learning_lb,rate_learning_ub"
    path = write(tmp_path, "bounds.csv", csv_text(header, GOOD_ROW + ",0.8,1.1"))

    report = metrics_import(sources=[path], dry_run=True)

    assert report.files[0].unknown_columns == ["rate_learning_lb", "rate_learning_ub"]


def test_a_subgroup_file_needs_both_subgroup_columns(tmp_path: Path) -> None:
    header = "year,state,county,subgroup,rate_injury_death"
    path = write(tmp_path, "half.csv", csv_text(header, "2021,01,001,All,65.7"))

    message = only_problem(refused(path))

    says(message, file="half.csv", line=1, column=None, words=["subgroup and subgroup_type"])


def test_the_level_and_subgroups_are_read_from_the_header(tmp_path: Path) -> None:
    place = write(
        tmp_path,
        "place.csv",
        csv_text(
            "year,state,place,subgroup_type,subgroup,share_employed", "2021,17,14000,all,All,0.7"
        ),
    )
    county = write(tmp_path, "county.csv", csv_text(COUNTY_HEADER, GOOD_ROW))

    report = metrics_import(sources=[place, county], dry_run=True)

    kinds = {f.name: (f.level, f.has_subgroups) for f in report.files}
    assert kinds == {"place.csv": ("place", True), "county.csv": ("county", False)}


def test_files_of_one_family_share_a_dataset_across_vintages() -> None:
    older = dataset_slug(Path("homelessness_2019-2022_subgroups_county.csv"))
    newer = dataset_slug(Path("homelessness_2019-2023_subgroups_county.csv"))
    combined = dataset_slug(Path("11_mobility-metrics_county_longitudinal.csv"))

    assert older == newer == "homelessness_subgroups_county"
    assert combined == "mobility-metrics_county_longitudinal"


def test_bounds_and_quality_columns_belong_to_their_metric() -> None:
    header = ["year", "state", "county", "share_employed", "share_employed_lb", "share_x_quality"]

    metrics, unknown = metric_columns(header, {"share_employed"})

    assert metrics == [("share_employed", "share_employed_lb", None, None)]
    assert unknown == ["share_x_quality"]


def test_a_column_with_no_name_is_refused_by_the_header_rules() -> None:
    problems = header_problems(["year", "state", "county", "", "share_employed"], "f.csv")

    assert [str(p) for p in problems] == ["f.csv, line 1: a column of the header has no name."]


def test_a_file_read_fine_is_loaded_under_its_own_dataset(tmp_path: Path) -> None:
    path = write(tmp_path, "county_extra_2024.csv", csv_text(COUNTY_HEADER, GOOD_ROW))

    metrics_import(sources=[path], after_load=no_refresh)

    dataset = Dataset.objects.get(slug="county_extra")
    assert (dataset.level, dataset.has_subgroups, dataset.last_file) == (
        "county",
        False,
        "county_extra_2024.csv",
    )
    values = Observation.objects.filter(dataset=dataset).values_list("metric__slug", "value")
    assert sorted(values) == [("pctl_income_20", 20000.0), ("share_employed", 0.7)]
