from __future__ import annotations

import json
import re

import pytest
from django.test import Client

from metrics.services.peers import peer_index_refresh
from metrics.tests._peer_rows import geography_row

pytestmark = pytest.mark.django_db


@pytest.fixture
def client() -> Client:
    peer_index_refresh()
    return Client()


def rows_of(html: str, table_id: str) -> list[str]:
    table = html.split(f'id="{table_id}"', 1)[1].split("</table>", 1)[0]
    return re.findall(r"<tr[^>]*>(.*?)</tr>", table, flags=re.S)[1:]


def test_the_peers_page_lists_similar_counties_with_reasons_and_links(client):
    response = client.get("/geographies/17031/peers/")
    html = response.content.decode()

    assert response.status_code == 200
    assert "<caption>The 10 counties most similar to Cook County, Illinois" in html
    rows = rows_of(html, "peers-table")
    assert len(rows) == 10
    assert all(re.search(r'href="/geographies/\d{5}/"', row) for row in rows)
    assert '/geographies/17031/"' not in "".join(rows)
    assert "similar" in html.lower() and "Where it differs most" in html


def test_a_city_is_compared_with_cities(client):
    html = client.get("/geographies/1714000/peers/").content.decode()
    assert all(
        re.search(r'href="/geographies/\d{7}/"', row) for row in rows_of(html, "peers-table")
    )


def test_a_place_with_too_few_figures_gets_a_plain_reason_instead_of_peers(client):
    geography_row("99201", "Empty County")
    peer_index_refresh()
    html = client.get("/geographies/99201/peers/").content.decode()
    assert 'id="peers-reason"' in html
    assert "at least 4 are needed" in html


@pytest.mark.parametrize("geoid", ["17999", "abc", "123456789"])
def test_peers_and_compare_pages_of_an_unknown_geoid_are_404(client, geoid):
    assert client.get(f"/geographies/{geoid}/peers/").status_code == 404
    assert client.get(f"/geographies/{geoid}/compare/").status_code == 404


def test_compare_shows_the_place_its_peers_state_and_nation_with_a_chart_and_its_data(client):
    response = client.get("/geographies/17031/compare/?metric=pctl_income_50")
    html = response.content.decode()

    assert response.status_code == 200
    rows = rows_of(html, "compare-table")
    assert "Cook County, Illinois" in rows[0] and "$" in rows[0]
    assert any("Illinois: median of its counties" in row for row in rows)
    assert any("Nation: median of counties" in row for row in rows)
    assert len(rows) == 1 + 5 + 2
    spec = json.loads(html.split('id="compare-spec" type="application/json">')[1].split("<")[0])
    assert spec["data"]["values"]
    assert "<details" in html and "Data behind the chart" in html
    assert 'name="peer" value=' in html and "checked" in html


def test_compare_uses_the_peers_chosen_in_the_query_string(client):
    html = client.get(
        "/geographies/17031/compare/?metric=share_employed&peer=17201&peer=01073&peer="
    ).content.decode()
    labels = [
        re.sub(r"<[^>]+>", "", row.split("</th>")[0]).strip()
        for row in rows_of(html, "compare-table")
    ]
    assert labels[1:3] == ["Winnebago County, Illinois", "Jefferson County, Alabama"]
    assert len(labels) == 5


def test_compare_without_a_metric_starts_with_median_income(client):
    html = client.get("/geographies/17201/compare/").content.decode()
    assert '<option value="pctl_income_50" selected>' in html


def test_an_unknown_metric_is_a_clear_message_not_a_crash(client):
    response = client.get("/geographies/17031/compare/?metric=%3Cscript%3Ealert(1)%3C/script%3E")
    html = response.content.decode()
    assert response.status_code == 400
    assert "There is no metric called" in html
    assert "<script>alert(1)" not in html
    assert 'id="compare-table"' not in html


def test_a_malformed_peer_is_a_form_error(client):
    response = client.get("/geographies/17031/compare/?metric=share_employed&peer=chicago")
    assert response.status_code == 400
    assert "A peer must be a Census GEOID" in response.content.decode()


def test_an_unknown_peer_is_left_out_with_a_notice(client):
    response = client.get("/geographies/17031/compare/?metric=share_employed&peer=17999")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="unknown-peers"' in html and "17999" in html


def test_a_metric_not_measured_for_cities_is_refused_for_a_city(client):
    response = client.get("/geographies/1714000/compare/?metric=ratio_living_wage")
    assert response.status_code == 400
    assert "for this kind of place" in response.content.decode()
