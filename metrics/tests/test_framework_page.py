"""The framework browser at /framework/."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.urls import reverse

from metrics.services.catalog import DEFAULT_CATALOG, framework_load

pytestmark = pytest.mark.django_db


def metric_count() -> int:
    data = json.loads(DEFAULT_CATALOG.read_text(encoding="utf-8"))
    return sum(len(r["metrics"]) for p in data["pillars"] for r in p["predictors"])


def page(client: Client, query: str = "") -> str:
    framework_load()
    response = client.get(reverse("framework") + query)
    assert response.status_code == 200
    return response.content.decode()


def test_the_framework_page_shows_the_pillars_and_their_metrics(client: Client) -> None:
    html = page(client)

    assert "Rewarding Work" in html
    assert "Household income at the 20th percentile" in html
    assert f"5 pillars, 24 predictors, {metric_count()} metrics" in html
    assert html.count("<article") == metric_count()


def test_the_page_opens_with_the_three_parts_of_mobility(client: Client) -> None:
    html = page(client)

    for name in ("Economic success", "Power and autonomy", "Dignity and belonging"):
        assert name in html
    assert html.index("Three parts of mobility") < html.index("Rewarding Work</h2>")


def test_each_metric_says_in_words_which_way_is_better_and_where_it_is_available(
    client: Client,
) -> None:
    html = page(client)

    assert "Higher is better" in html
    assert "Lower is better" in html
    assert "Closer to parity is better" in html
    assert "Counties and cities" in html
    assert "Counties only" in html


def test_the_table_of_contents_links_to_every_pillar(client: Client) -> None:
    html = page(client)

    assert 'href="#pillar-rewarding-work"' in html
    assert 'id="pillar-responsive-just-governance"' in html
    assert 'href="#predictor-environmental-quality"' in html


def test_choosing_a_part_of_mobility_narrows_the_list(client: Client) -> None:
    html = page(client, "?part=economic-success")

    assert "Household income at the 20th percentile" in html
    assert "Voter turnout in presidential elections" not in html
    assert 0 < html.count("<article") < metric_count()
    assert "those that inform economic success" in html
    assert '<option value="economic-success" selected>' in html


def test_the_part_filter_is_a_labelled_form_that_works_without_javascript(client: Client) -> None:
    html = page(client)

    assert '<form method="get"' in html
    assert '<label class="usa-label" for="part">' in html
    assert 'name="part"' in html


def test_an_unknown_part_shows_every_metric_with_a_notice(client: Client) -> None:
    html = page(client, "?part=wealth-and-fame")

    assert "There is no part of mobility called “wealth-and-fame”" in html
    assert html.count("<article") == metric_count()


def test_markup_in_the_part_is_shown_as_text(client: Client) -> None:
    html = page(client, "?part=<script>alert(1)</script>")

    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
