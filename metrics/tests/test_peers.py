from __future__ import annotations

import math

import pytest
from django.http import Http404

from metrics.models import Distribution, Geography, PeerProfile
from metrics.selectors.peers import UnknownMetric, peers_compare, peers_suggest
from metrics.services.peers import peer_index_refresh
from metrics.tests._peer_rows import (
    dataset_row,
    geography_row,
    observation_row,
    release_row,
)

pytestmark = pytest.mark.django_db


def features(population: int, income: float, employed: float, hispanic: float) -> dict:
    return {
        "log_population": math.log(population),
        "log_median_income": math.log(income),
        "share_employed": employed,
        "share_households_hispanic": hispanic,
        "share_households_white_nh": 1 - hispanic - 0.1,
        "share_households_black_nh": 0.1,
    }


@pytest.fixture
def small_world() -> dict[str, Geography]:
    """Four counties and a city where the answer is plain: Big Twin mirrors Big."""
    PeerProfile.objects.all().delete()
    rows = {
        "big": ("99001", "Big County", features(1_200_000, 70_000, 0.78, 0.25)),
        "twin": ("99003", "Big Twin County", features(1_100_000, 67_500, 0.77, 0.24)),
        "small": ("99005", "Small County", features(12_000, 41_000, 0.65, 0.02)),
        "middle": ("99007", "Middle County", features(300_000, 55_000, 0.72, 0.10)),
        "thin": ("99009", "Thin County", {"log_population": math.log(5_000)}),
    }
    made = {}
    for key, (geoid, name, feats) in rows.items():
        made[key] = geography_row(geoid, name)
        PeerProfile.objects.create(geography=made[key], features=feats)
    made["city"] = geography_row("9900100", "Big City", kind="place")
    PeerProfile.objects.create(geography=made["city"], features=rows["big"][2])
    return made


def test_the_nearest_peer_of_a_county_is_the_one_built_to_mirror_it(small_world):
    peers = peers_suggest(geoid="99001")
    assert [p.geoid for p in peers][:3] == ["99003", "99007", "99005"]
    assert peers[0].similarity > peers[1].similarity > peers[2].similarity
    assert 0 <= peers[-1].similarity <= 100


def test_a_county_never_appears_among_its_own_peers(small_world):
    assert "99001" not in [p.geoid for p in peers_suggest(geoid="99001")]


def test_counties_are_compared_with_counties_and_cities_with_cities(small_world):
    assert "9900100" not in [p.geoid for p in peers_suggest(geoid="99001")]
    city_peers = peers_suggest(geoid="9900100")
    assert city_peers == []
    assert "No other cities" in city_peers.reason


def test_a_county_with_too_few_features_gets_no_peers_and_a_reason(small_world):
    peers = peers_suggest(geoid="99009")
    assert peers == []
    assert "1 of the 8 features" in peers.reason
    assert "99009" not in [p.geoid for p in peers_suggest(geoid="99001")]


def test_the_reason_names_the_closest_features_with_their_values(small_world):
    twin = peers_suggest(geoid="99001")[0]
    assert "similar population (1.1M vs 1.2M)" in twin.reason
    assert "median income within 4%" in twin.reason
    assert twin.difference


def test_the_limit_caps_the_number_of_peers(small_world):
    assert len(peers_suggest(geoid="99001", limit=2)) == 2


def test_a_state_gets_no_peers_and_says_why(small_world):
    state = geography_row("99", "Testland", kind="state")
    assert "counties and cities only" in peers_suggest(geoid=state.geoid).reason


def test_an_unknown_geoid_is_a_404():
    with pytest.raises(Http404):
        peers_suggest(geoid="00000")


def test_a_new_import_rebuilds_the_cached_peers(small_world):
    assert peers_suggest(geoid="99001")[0].geoid == "99003"
    twin = PeerProfile.objects.get(geography__geoid="99003")
    twin.features = features(900, 20_000, 0.40, 0.9)
    twin.save()
    release_row()
    assert peers_suggest(geoid="99001")[0].geoid == "99007"


def test_the_index_takes_the_latest_year_and_prefers_the_combined_file():
    county = geography_row("99011", "Harbor County", population=250_000)
    combined = dataset_row()
    subgroups = dataset_row("test-county-subgroups", has_subgroups=True)
    observation_row(county, "pctl_income_50", 2018, 40_000.0, dataset=combined)
    observation_row(county, "pctl_income_50", 2023, 60_000.0, dataset=combined)
    observation_row(county, "pctl_income_50", 2023, 61_000.0, dataset=subgroups)
    observation_row(county, "share_employed", 2023, 0.75, dataset=combined)
    ratios = {"black_nh": 0.30, "hispanic": 0.20, "white_nh": 0.45}  # other_nh absent
    for group, share in ratios.items():
        observation_row(
            county,
            f"ratio_{group}_house_value_households",
            2023,
            0.8,
            numerator=share * 0.8,
            denominator=share,
        )

    assert peer_index_refresh() >= 1

    got = PeerProfile.objects.get(geography=county).features
    assert got["log_median_income"] == pytest.approx(math.log(60_000))
    assert got["log_population"] == pytest.approx(math.log(250_000))
    assert got["share_employed"] == 0.75
    assert got["share_households_black_nh"] == 0.30
    assert got["share_households_other_nh"] == pytest.approx(0.05)


def test_comparison_puts_the_place_its_peers_its_state_and_the_nation_side_by_side():
    big = geography_row("99021", "Big County")
    twin = geography_row("99023", "Twin County")
    observation_row(big, "share_test_employment", 2022, 0.70, lb=0.68, ub=0.72, quality=2)
    series = observation_row(big, "share_test_employment", 2023, 0.71, lb=0.69, ub=0.73)
    observation_row(twin, "share_test_employment", 2023, 0.65)
    metric = series.metric
    for state, median in (("99", 0.69), ("", 0.73)):
        Distribution.objects.create(
            metric=metric, year=2023, level="county", state_fips=state, count=3, median=median
        )

    got = peers_compare(geoid="99021", metric="share_test_employment", peers=["99023", "99999"])

    assert [r.role for r in got.rows] == ["self", "peer", "state", "nation"]
    me = got.rows[0]
    assert (me.year, me.value, me.lb, me.ub, me.quality) == (2023, 0.71, 0.69, 0.73, "Strong")
    assert got.rows[1].value == 0.65
    assert [r.value for r in got.rows[2:]] == [0.69, 0.73]
    assert (me.text, me.interval) == ("71.0%", "69.0% to 73.0%")
    assert got.unknown_peers == ["99999"]


def test_comparison_with_an_unknown_metric_says_so():
    geography_row("99031", "Lone County")
    with pytest.raises(UnknownMetric, match="no metric called"):
        peers_compare(geoid="99031", metric="share_of_nonsense")


def test_cook_county_is_matched_with_another_large_county_on_the_real_slice():
    peer_index_refresh()
    peers = peers_suggest(geoid="17031", limit=5)
    assert len(peers) == 5
    assert all(len(p.geoid) == 5 and p.geoid != "17031" for p in peers)
    nearest = Geography.objects.get(geoid=peers[0].geoid)
    assert nearest.population and nearest.population > 300_000
