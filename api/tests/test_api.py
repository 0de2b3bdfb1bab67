from __future__ import annotations

import pytest
from django.test import Client

from metrics.services.peers import peer_index_refresh

pytestmark = pytest.mark.django_db
API = "/api/v1"


@pytest.fixture
def api() -> Client:
    peer_index_refresh()
    return Client()


def test_metrics_lists_the_catalog_with_units_and_directions(api):
    response = api.get(f"{API}/metrics")
    metrics = {m["slug"]: m for m in response.json()}
    assert response.status_code == 200
    assert metrics["pctl_income_50"]["unit"] == "dollars"
    assert metrics["share_debt_coll"]["direction"] == "lower"
    assert metrics["ratio_living_wage"]["levels"] == ["county"]


def test_geographies_finds_counties_and_cities_by_name_and_kind(api):
    counties = api.get(f"{API}/geographies", {"q": "cook", "kind": "county"}).json()
    assert counties[0]["geoid"] == "17031"
    assert {g["kind"] for g in counties} == {"county"}
    cities = api.get(f"{API}/geographies", {"q": "rockford", "kind": "place"}).json()
    assert cities[0] == {
        "geoid": "1765000",
        "name": cities[0]["name"],
        "kind": "place",
        "state_fips": "17",
        "state_name": "Illinois",
        "population": cities[0]["population"],
        "population_year": cities[0]["population_year"],
    }


def test_a_bad_kind_or_a_missing_query_is_a_readable_422(api):
    response = api.get(f"{API}/geographies", {"q": "cook", "kind": "town"})
    assert response.status_code == 422
    assert response.json()["detail"].startswith("kind: Input should be 'county' or 'place'")
    assert api.get(f"{API}/geographies").json() == {"detail": "q: Field required."}


def test_one_geography_by_geoid(api):
    body = api.get(f"{API}/geographies/01073").json()
    assert (body["name"], body["kind"], body["state_name"]) == (
        "Jefferson County",
        "county",
        "Alabama",
    )


@pytest.mark.parametrize(
    "path",
    ["", "/observations", "/profile", "/peers", "/insights"],
)
def test_every_geography_endpoint_answers_404_with_a_detail_for_an_unknown_geoid(api, path):
    response = api.get(f"{API}/geographies/17999{path}")
    assert response.status_code == 404
    assert response.json() == {"detail": "No county or city has the code 17999."}


def test_a_malformed_geoid_says_what_a_geoid_looks_like(api):
    response = api.get(f"{API}/geographies/chicago/profile")
    assert response.status_code == 404
    assert "is not a Census GEOID" in response.json()["detail"]


def test_observations_are_filtered_and_carry_interval_quality_and_dataset(api):
    rows = api.get(
        f"{API}/geographies/17031/observations",
        {"metric": "share_employed", "year": 2023, "subgroup_type": "all", "subgroup": "All"},
    ).json()
    assert len(rows) >= 1
    row = rows[0]
    assert set(row) >= {"metric", "year", "subgroup_type", "subgroup", "value", "lb", "ub",
                        "quality", "dataset"}  # fmt: skip
    assert (row["metric"], row["year"], row["subgroup_type"], row["subgroup"]) == (
        "share_employed",
        2023,
        "all",
        "All",
    )
    assert row["lb"] <= row["value"] <= row["ub"]
    assert row["quality"] in ("Strong", "Marginal", "Weak")


def test_observations_with_subgroups_name_the_group(api):
    rows = api.get(
        f"{API}/geographies/1765000/observations",
        {"metric": "pctl_income_50", "subgroup_type": "race-ethnicity"},
    ).json()
    assert rows and {r["subgroup_type"] for r in rows} == {"race-ethnicity"}
    assert "All" not in {r["subgroup"] for r in rows}


def test_a_non_integer_year_is_a_readable_422(api):
    response = api.get(f"{API}/geographies/17031/observations", {"year": "last"})
    assert response.status_code == 422
    assert response.json()["detail"].startswith("year: Input should be a valid integer")


def test_the_profile_has_every_metric_with_latest_value_and_standing(api):
    body = api.get(f"{API}/geographies/17031/profile").json()
    assert body["geography"]["label"] == "Cook County, Illinois"
    entries = [m for p in body["pillars"] for pr in p["predictors"] for m in pr["metrics"]]
    income = next(m for m in entries if m["slug"] == "pctl_income_50")
    assert income["latest"]["year"] >= 2021
    assert income["latest"]["quality"] in ("Strong", "Marginal", "Weak")
    assert income["national_standing"]["scope"] == "nation"


def test_peers_are_counties_for_a_county_with_reasons(api):
    body = api.get(f"{API}/geographies/17031/peers", {"limit": 3}).json()
    assert body["geoid"] == "17031" and body["reason"] == ""
    assert len(body["peers"]) == 3
    assert all(len(p["geoid"]) == 5 and p["geoid"] != "17031" for p in body["peers"])
    assert all(0 <= p["similarity"] <= 100 and p["reason"] for p in body["peers"])


def test_peers_limit_out_of_range_is_a_422(api):
    assert api.get(f"{API}/geographies/17031/peers", {"limit": 0}).status_code == 422


def test_insights_are_ranked_with_evidence_and_links(api):
    body = api.get(f"{API}/geographies/17031/insights").json()
    assert body
    assert [i["severity"] for i in body] == sorted((i["severity"] for i in body), reverse=True)
    first = body[0]
    assert first["url"] == f"/geographies/17031/metrics/{first['metric_slug']}/"
    assert first["evidence"] and first["evidence"][0]["text"]
    assert len(api.get(f"{API}/geographies/17031/insights", {"limit": 2}).json()) == 2


def test_status_counts_what_is_loaded(api):
    body = api.get(f"{API}/status").json()
    assert body["geographies"]["county"] > 100
    assert body["geographies"]["place"] > 0
    assert body["metrics"] > 40
    assert body["observations"] > 0
    assert body["releases"]


def test_the_openapi_document_lists_every_endpoint(api):
    paths = set(api.get(f"{API}/openapi.json").json()["paths"])
    assert paths >= {  # and the plan endpoints the apps mount (tested beside them)
        f"{API}/metrics",
        f"{API}/geographies",
        f"{API}/geographies/{{geoid}}",
        f"{API}/geographies/{{geoid}}/observations",
        f"{API}/geographies/{{geoid}}/profile",
        f"{API}/geographies/{{geoid}}/peers",
        f"{API}/geographies/{{geoid}}/insights",
        f"{API}/status",
    }


def test_the_docs_page_is_served(api):
    response = api.get(f"{API}/docs")
    assert response.status_code == 200
    assert b"openapi.json" in response.content
