from __future__ import annotations

import re

import pytest
from django.test import Client

from metrics.tests._peer_rows import geography_row, metric_row

pytestmark = pytest.mark.django_db


def test_the_insights_page_ranks_findings_with_evidence_and_a_link_to_each_metric():
    response = Client().get("/geographies/17031/insights/")
    html = response.content.decode()

    assert response.status_code == 200
    assert "<h1>Insights for Cook County, Illinois</h1>" in html
    findings = html.split('id="findings"', 1)[1].split("</ol>", 1)[0]
    items = re.findall(r'<li class="usa-collection__item".*?</li>\s*</ul>', findings, flags=re.S)
    assert items
    scores = [int(s) for s in re.findall(r"score (\d+) of 100", findings)]
    assert scores == sorted(scores, reverse=True)
    assert re.search(r'href="/geographies/17031/metrics/[a-z0-9_]+/"', items[0])
    assert 'aria-label="Evidence"' in items[0]
    assert "Needs attention" in findings  # the tone is said in words, not only by colour


def test_a_place_without_data_shows_data_notes_and_no_findings():
    geography_row("99301", "Quiet County")
    metric_row("share_test_quiet")
    html = Client().get("/geographies/99301/insights/").content.decode()
    assert "Nothing in the data stands out clearly" in html
    assert 'id="notes"' in html and "No figure for" in html


def test_names_from_the_data_are_escaped():
    geography_row("99303", "<b>Bold</b> County")
    html = Client().get("/geographies/99303/insights/").content.decode()
    assert "<b>Bold</b>" not in html
    assert "&lt;b&gt;Bold&lt;/b&gt; County" in html


@pytest.mark.parametrize("geoid", ["17999", "x1"])
def test_the_insights_page_of_an_unknown_geoid_is_404(geoid):
    assert Client().get(f"/geographies/{geoid}/insights/").status_code == 404
