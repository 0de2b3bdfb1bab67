from __future__ import annotations

import pytest

from lib.numbers import axis_format, difference_format, interval_format, ordinal, value_format


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        (53447.2, "dollars", "$53,447"),
        (0.7234, "share", "72.3%"),
        (1.1576, "share", "115.8%"),
        (76.8, "rate", "76.8 per 100,000"),
        (1092.0, "people", "1,092 people per physician"),
        (22923.0, "count", "22,923"),
        (7.1, "index", "7.1"),
        (6.0, "index", "6"),
        (0.9113, "grades", "0.91 grade levels per year"),
        (12.34, "per_10k", "12.3 per 10,000 people"),
        (0.8, "ratio", "0.80"),
        (-0.05, "grades", "-0.05 grade levels per year"),
        (-1200.0, "dollars", "-$1,200"),
    ],
)
def test_values_are_written_with_their_unit(value: float, unit: str, expected: str) -> None:
    assert value_format(value=value, unit=unit) == expected


def test_a_ratio_shows_its_two_shares_beside_the_quotient() -> None:
    text = value_format(value=0.19 / 0.27, unit="ratio", numerator=0.19, denominator=0.27)
    assert text == "0.70 (0.19 : 0.27)"


def test_a_missing_value_says_so_in_words() -> None:
    assert value_format(value=None, unit="share") == "No data"
    assert value_format(value=float("nan"), unit="dollars") == "No data"


def test_a_value_that_rounds_to_zero_has_no_minus_sign() -> None:
    assert value_format(value=-0.00001, unit="share") == "0.0%"


def test_an_interval_reads_from_low_to_high_and_is_empty_when_absent() -> None:
    assert interval_format(lb=50120.4, ub=56003, unit="dollars") == "$50,120 to $56,003"
    assert interval_format(lb=None, ub=0.5, unit="share") == ""


def test_a_difference_in_shares_is_written_in_percentage_points() -> None:
    assert difference_format(value=0.123, unit="share") == "12.3 points"
    assert difference_format(value=-1204.4, unit="dollars") == "$1,204"
    assert difference_format(value=5.25, unit="rate") == "5.2 per 100,000"


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (1, "1st"),
        (2, "2nd"),
        (3, "3rd"),
        (4, "4th"),
        (11, "11th"),
        (12, "12th"),
        (13, "13th"),
        (21, "21st"),
        (102, "102nd"),
        (111, "111th"),
        (1001, "1,001st"),
    ],
)
def test_ordinals_have_the_english_suffix(n: int, expected: str) -> None:
    assert ordinal(n) == expected


def test_chart_axes_use_the_same_unit_as_the_text() -> None:
    assert axis_format(unit="share") == ".1~%"
    assert axis_format(unit="dollars").startswith("$")
    assert axis_format(unit="something-new")
