"""The profile and metric pages, on the slice of the real release the session loads."""

from __future__ import annotations

import json
import re
from html import unescape
from html.parser import HTMLParser

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

COOK, CHICAGO, ROCKFORD, DC = "17031", "1714000", "1765000", "11001"


class _Outline(HTMLParser):
    """Collects heading levels, tables (caption, header cells) and JSON scripts."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[int] = []
        self.tables = 0
        self.captions = 0
        self.th_without_scope = 0
        self.json_ids: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        elif tag == "table":
            self.tables += 1
        elif tag == "caption":
            self.captions += 1
        elif tag == "th" and "scope" not in found:
            self.th_without_scope += 1
        elif tag == "script" and found.get("type") == "application/json":
            self.json_ids.append(found.get("id") or "")


def outline(html: str) -> _Outline:
    parser = _Outline()
    parser.feed(html)
    return parser


def text_of(response) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())


def test_the_profile_shows_the_place_its_population_and_the_data_vintage(client: Client) -> None:
    response = client.get(f"/geographies/{COOK}/")

    assert response.status_code == 200
    words = text_of(response)
    assert "Cook County, Illinois" in words
    assert "population 5,087,072 (2023)" in words
    assert "figures up to 2023" in words
    assert "Urban Institute" in words


def test_each_metric_shows_its_latest_value_year_interval_quality_and_standing(
    client: Client,
) -> None:
    words = text_of(client.get(f"/geographies/{COOK}/"))

    assert "Employed adults ages 25 to 54" in words
    assert "82.4% in 2023" in words
    assert "95% confidence interval: 81.6% to 83.2%" in words
    assert "Quality: Strong" in words
    assert re.search(r"In Illinois: \d+(st|nd|rd|th) of \d+ counties in Illinois", words)
    assert re.search(r"Nationwide: (Better|Worse) than \d+% of counties in the nation", words)
    assert "State median" in words and "National median" in words


def test_the_profile_links_to_peers_compare_insights_and_the_csv(client: Client) -> None:
    html = client.get(f"/geographies/{COOK}/").content.decode()

    for path in ("peers/", "compare/", "insights/", "profile.csv"):
        assert f'href="/geographies/{COOK}/{path}"' in html


def test_weak_figures_say_in_words_not_to_act_on_them_alone(client: Client) -> None:
    words = text_of(client.get(f"/geographies/{ROCKFORD}/"))

    assert "Quality: Weak" in words
    assert "Weak data: do not act on this figure alone." in words


def test_metrics_a_city_lacks_are_listed_with_the_reason(client: Client) -> None:
    words = text_of(client.get(f"/geographies/{CHICAGO}/"))

    assert "Not measured for cities." in words
    assert "population not published" in words or "population 2,664,452" in words


def test_a_place_alone_in_its_state_says_so_instead_of_ranking_first(client: Client) -> None:
    words = text_of(client.get(f"/geographies/{DC}/"))

    assert "The only one of the counties in District of Columbia with a figure" in words
    assert "District of Columbia, District of Columbia" not in words


def test_every_trend_chart_ships_its_spec_and_a_data_table(client: Client) -> None:
    html = client.get(f"/geographies/{COOK}/").content.decode()
    found = outline(html)

    assert "spec-trend-share_employed" in found.json_ids
    raw = re.search(
        r'<script id="spec-trend-share_employed" type="application/json">(.*?)</script>',
        html,
        re.S,
    )
    spec = json.loads(raw.group(1))
    assert spec["$schema"].startswith("https://vega.github.io/schema/vega-lite/")
    assert [row["year"] for row in spec["data"]["values"]][-1] == 2023
    assert html.count("Show the data table") == len(found.json_ids)


def test_the_page_outline_is_accessible(client: Client) -> None:
    found = outline(client.get(f"/geographies/{COOK}/").content.decode())

    assert found.headings[0] == 1 and found.headings.count(1) == 1
    jumps = [b - a for a, b in zip(found.headings, found.headings[1:], strict=False)]
    assert max(jumps) <= 1, "a heading level is skipped"
    assert found.tables == found.captions > 40
    assert found.th_without_scope == 0


def test_an_unknown_geoid_is_a_404_that_names_the_code(client: Client) -> None:
    response = client.get("/geographies/99999/")

    assert response.status_code == 404
    assert "No county or city has the code 99999." in text_of(response)


def test_a_malformed_geoid_is_a_404_that_explains_the_shape(client: Client) -> None:
    response = client.get("/geographies/cook/")

    assert response.status_code == 404
    assert "A county has 5 digits" in text_of(response)


def test_the_metric_page_lists_every_year_and_the_groups_with_their_gaps(client: Client) -> None:
    response = client.get(
        f"/geographies/{CHICAGO}/metrics/share_employed/?subgroup_type=race-ethnicity"
    )

    assert response.status_code == 200
    words = text_of(response)
    assert "Employed adults ages 25 to 54" in words
    assert "Race and ethnicity, 2023" in words
    assert re.search(r"Black, Non-Hispanic: [\d.]+ points below all residents \(worse\)", words)
    assert "The widest gap is" in words
    html = response.content.decode()
    assert '<option value="disability"' in html and '<option value="gender"' in html
    assert "spec-groups" in outline(html).json_ids


def test_the_metric_page_switches_to_another_kind_of_group(client: Client) -> None:
    words = text_of(
        client.get(f"/geographies/{CHICAGO}/metrics/share_employed/?subgroup_type=gender")
    )

    assert "Gender, 2023" in words
    assert "Female" in words and "Male" in words


def test_an_unknown_group_type_falls_back_and_says_so(client: Client) -> None:
    response = client.get(
        f"/geographies/{CHICAGO}/metrics/share_employed/?subgroup_type=<b>shoe-size</b>"
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "There are no figures by “&lt;b&gt;shoe-size&lt;/b&gt;”" in html
    assert "<b>shoe-size</b>" not in html


def test_an_unknown_metric_is_a_404_with_a_message(client: Client) -> None:
    response = client.get(f"/geographies/{COOK}/metrics/share_of_unicorns/")

    assert response.status_code == 404
    assert "Upward has no metric called 'share_of_unicorns'." in text_of(response)
