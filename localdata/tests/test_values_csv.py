from __future__ import annotations

import datetime

from localdata.values_csv import values_read, values_validate

TODAY = datetime.date(2026, 11, 23)


def check(text: str | bytes, unit: str = "rate") -> tuple[list, list[str]]:
    data = text.encode("utf-8") if isinstance(text, str) else text
    values, problems = values_validate(read=values_read(data=data), unit=unit, today=TODAY)
    return values, [str(p) for p in problems]


def test_a_good_file_gives_one_value_per_row_with_blank_groups_as_all_residents() -> None:
    values, problems = check(
        "Year,Subgroup,Value,LB,UB\n2019,,12.5,11,14\n"
        "2019,Black residents,15,13,17\n2020,All,12,,\n"
    )
    assert problems == []
    assert [(v.year, v.subgroup, v.value, v.lb, v.ub) for v in values] == [
        (2019, "", 12.5, 11.0, 14.0),
        (2019, "Black residents", 15.0, 13.0, 17.0),
        (2020, "", 12.0, None, None),
    ]


def test_the_subgroup_and_bound_columns_may_be_left_out() -> None:
    values, problems = check("year,value\n2018,3\n2019,4\n")
    assert problems == [] and [v.value for v in values] == [3.0, 4.0]


def test_each_problem_names_its_line_and_column() -> None:
    _, problems = check(
        "year,subgroup,value,lb,ub\n"
        "20x9,,1,,\n"  # line 2
        "2019,,abc,,\n"  # line 3
        "1850,,1,,\n"  # line 4
        "2030,,1,,\n"  # line 5
        "2020,,5,6,7\n"  # line 6
        "2021,,5,1,\n"  # line 7
        "2022,,,,\n"  # line 8
    )
    assert problems == [
        "line 2, column “year”: “20x9” is not a year like 2021.",
        "line 3, column “value”: “abc” is not a number (write 1234.5, no symbols).",
        "line 4, column “year”: 1850 is not between 1900 and 2026.",
        "line 5, column “year”: 2030 is not between 1900 and 2026.",
        "line 6, column “lb”: The lower bound 6 is above the value.",
        "line 7, column “ub”: Give both bounds (lb and ub) or neither.",
        "line 8, column “value”: The value is missing.",
    ]


def test_an_upper_bound_below_the_value_is_refused() -> None:
    _, problems = check("year,value,lb,ub\n2020,5,4,4.5\n")
    assert problems == ["line 2, column “ub”: The upper bound 4.5 is below the value."]


def test_a_year_and_group_given_twice_points_to_the_first_line() -> None:
    _, problems = check("year,subgroup,value\n2019,Youth,1\n2019,,2\n2019,youth,3\n2019,,4\n")
    assert problems == [
        "line 4, column “year”: 2019 for “youth” is already on line 2.",
        "line 5, column “year”: 2019 for all residents is already on line 3.",
    ]


def test_a_missing_value_column_is_named_on_the_header_line() -> None:
    _, problems = check("year,amount\n2019,3\n")
    assert problems[0] == "line 1, column “value”: The “value” column is missing."


def test_line_numbers_count_blank_lines_and_line_breaks_inside_quotes() -> None:
    _, problems = check('year,subgroup,value\n\n2019,"two\nlines",1\n2020,,x\n')
    assert problems == ["line 5, column “value”: “x” is not a number (write 1234.5, no symbols)."]


def test_a_share_written_as_a_percentage_is_refused() -> None:
    _, problems = check("year,value\n2019,45\n", unit="share")
    assert problems == [
        "line 2, column “value”: A share is a fraction from 0 to 1 (0.45 for 45%), not 45."
    ]


def test_infinite_and_missing_numbers_are_refused() -> None:
    _, problems = check("year,value\n2019,inf\n2020,nan\n")
    assert [p.split(":")[0] for p in problems] == [
        "line 2, column “value”",
        "line 3, column “value”",
    ]


def test_a_file_that_is_not_utf8_is_named_by_line() -> None:
    _, problems = check("year,subgroup,value\n2019,Peña,1\n".encode("latin-1"))
    assert problems == ["line 2: This is not UTF-8 text; save the file as CSV UTF-8 and try again."]


def test_an_empty_file_and_a_header_alone_are_explained() -> None:
    assert check("")[1] == ["line 1: The file is empty."]
    assert check("year,value\n")[1] == ["line 2: The file has a header but no values."]


def test_a_row_with_more_cells_than_columns_is_refused() -> None:
    _, problems = check("year,value\n2019,1,2\n")
    assert problems == ["line 2: 3 cells but 2 column names."]


def test_a_spreadsheet_byte_order_mark_is_ignored() -> None:
    values, problems = check("\ufeffyear,value\n2019,1\n")
    assert problems == [] and values[0].year == 2019
