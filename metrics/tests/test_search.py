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


# -- pages, on the slice of the real release --------------------------------------------


def test_the_home_page_has_a_labelled_search_with_suggestions_as_you_type(client) -> None:
    html = client.get("/").content.decode()

    assert '<label class="usa-label" for="place-q">' in html
    assert 'action="/geographies/"' in html
    assert 'hx-get="/geographies/suggest"' in html
    assert 'hx-trigger="input changed delay:200ms, search"' in html
    assert 'id="place-suggestions"' in html and 'aria-live="polite"' in html
    assert "Urban Institute" in html


def test_searching_by_name_and_state_lists_the_place_with_a_link(client) -> None:
    response = client.get("/geographies/", {"q": "cook county, illinois"})

    html = response.content.decode()
    assert response.status_code == 200
    assert '<a class="usa-link" href="/geographies/17031/">Cook County</a>' in html
    assert "<caption" in html


def test_searching_for_an_exact_geoid_goes_straight_to_the_profile(client) -> None:
    response = client.get("/geographies/", {"q": "17031"})

    assert response.status_code == 302
    assert response["Location"] == "/geographies/17031/"


def test_a_search_with_no_match_says_so_and_escapes_the_query(client) -> None:
    html = client.get("/geographies/", {"q": "<script>x</script>"}).content.decode()

    assert "No county or city matches" in html
    assert "<script>x</script>" not in html


def test_the_kind_filter_keeps_only_cities(client) -> None:
    html = client.get("/geographies/", {"q": "rockford", "kind": "place"}).content.decode()

    assert "/geographies/1765000/" in html
    assert "/geographies/17201/" not in html


def test_suggestions_are_a_short_list_of_links(client) -> None:
    html = client.get("/geographies/suggest", {"q": "cook il"}).content.decode()

    assert html.count("<li") == 1
    assert 'href="/geographies/17031/">Cook County, Illinois</a>' in html


def test_an_empty_suggestion_request_renders_nothing(client) -> None:
    assert client.get("/geographies/suggest", {"q": " "}).content.decode().strip() == ""
