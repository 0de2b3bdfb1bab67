from __future__ import annotations

import pytest

from metrics.selectors.geographies import geography_search
from metrics.tests._profile_rows import geography_make

pytestmark = pytest.mark.django_db


@pytest.fixture
def places() -> None:
    geography_make("98031", "Qux County", population=5_000_000)
    geography_make("98033", "Quxson County", population=9_000)
    geography_make("98035", "Brookqux County", population=50_000)
    geography_make("97031", "Qux County", state="97", state_name="Otherland", population=7_000)
    geography_make("9814000", "Chiqux city", population=2_700_000)
    geography_make("98013", "Doña Ana County", population=220_000)


def geoids(hits) -> list[str]:
    return [hit.geoid for hit in hits]


def test_an_exact_name_comes_first_then_prefixes_then_the_rest(places) -> None:
    found = geoids(geography_search(q="qux"))
    assert found[:3] == ["98031", "97031", "98033"]
    assert set(found[3:]) == {"98035", "9814000"}


def test_the_state_can_follow_the_name_by_abbreviation_or_in_full(places) -> None:
    geography_make("17991", "Qux County", state="17", state_name="Illinois", population=10)

    assert geoids(geography_search(q="Qux IL")) == ["17991"]
    assert geoids(geography_search(q="qux county, illinois")) == ["17991"]
    assert geoids(geography_search(q="qux", state="IL")) == ["17991"]


def test_a_geoid_finds_its_place(places) -> None:
    assert geoids(geography_search(q="98031")) == ["98031"]
    assert geoids(geography_search(q=" 9814000 ")) == ["9814000"]


def test_accents_are_optional(places) -> None:
    assert geoids(geography_search(q="dona ana")) == ["98013"]
    assert geoids(geography_search(q="Doña")) == ["98013"]


def test_the_kind_narrows_the_search_to_cities_or_counties(places) -> None:
    assert geoids(geography_search(q="qux", kind="place")) == ["9814000"]
    assert "9814000" not in geoids(geography_search(q="qux", kind="county"))


def test_an_empty_or_unmatched_query_finds_nothing(places) -> None:
    assert geography_search(q="  ") == []
    assert geography_search(q="atlantis") == []


def test_the_limit_caps_the_results(places) -> None:
    assert len(geography_search(q="county", limit=2)) == 2
