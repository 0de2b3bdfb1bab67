from __future__ import annotations

import pytest

from lib.fips import FipsError, fips_part, geoid_kind, geoid_problem


def test_codes_that_lost_their_leading_zeros_are_padded() -> None:
    assert fips_part("1", part="state") == "01"
    assert fips_part("1", part="county", state="01") == "001"
    assert fips_part("3076", part="place", state="01") == "03076"


def test_a_spreadsheet_number_is_read_as_a_code() -> None:
    assert fips_part("6.0", part="state") == "06"


def test_a_full_geoid_in_the_county_column_is_accepted_when_it_matches_the_state() -> None:
    assert fips_part("06037", part="county", state="06") == "037"


def test_a_code_that_is_too_long_is_refused_with_the_width() -> None:
    with pytest.raises(FipsError, match="too long: a county code has 3 digits"):
        fips_part("12345", part="county", state="06")


def test_a_code_with_letters_is_refused() -> None:
    with pytest.raises(FipsError, match="other than digits"):
        fips_part("0A", part="state")


def test_geoid_shapes_name_their_kind() -> None:
    assert geoid_kind("06037") == "county"
    assert geoid_kind("0644000") == "place"
    assert geoid_kind("06") == "state"
    assert geoid_kind("99037") is None
    assert geoid_kind("060") is None


def test_a_short_geoid_is_explained() -> None:
    problem = geoid_problem("0603")
    assert problem is not None and "4 digits" in problem and "5" in problem
