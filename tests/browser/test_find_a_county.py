"""A person finds Winnebago County, Illinois, reads a figure and opens the groups view,
in headless Chromium (Debian's, driven by Playwright) against a live server."""

from __future__ import annotations

import re
from typing import Any

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WINNEBAGO_IL = "17201"
VALUE_METRIC = "share_employed"


def latest_whole_population(geoid: str, metric: str) -> Any:
    """The figure a profile should show: the latest year, the combined file preferred."""
    from metrics.models import Observation

    return (
        Observation.objects.filter(
            geography__geoid=geoid, metric__slug=metric, subgroup__type="all", value__isnull=False
        )
        .select_related("dataset")
        .order_by("-year", "dataset__has_subgroups")
        .first()
    )


def metric_with_groups(geoid: str) -> tuple[str, list[str]]:
    """A metric that has figures by group for the place, and the names of those groups."""
    from metrics.models import Observation

    rows = Observation.objects.filter(
        geography__geoid=geoid, dataset__has_subgroups=True, value__isnull=False
    ).exclude(subgroup__type="all")
    first = rows.order_by("metric__slug").values_list("metric__slug", flat=True).first()
    assert first, "the slice should hold figures by group for Winnebago County"
    names = rows.filter(metric__slug=first).values_list("subgroup__name", flat=True)
    return first, sorted(set(names))


def shown_number(text: str) -> tuple[float, float]:
    """The number in a displayed figure ('78.4%', '$61,200', '0.93') and half its last unit."""
    match = re.search(r"-?[\d,]*\.?\d+", text)
    assert match, f"no number in {text!r}"
    digits = match.group().replace(",", "")
    decimals = len(digits.split(".")[1]) if "." in digits else 0
    scale = 0.01 if "%" in text else 1.0
    return float(digits) * scale, 0.5 * 10**-decimals * scale


def test_a_person_finds_winnebago_county_reads_a_figure_and_opens_the_groups(
    live_server: Any, page: Any, release: None
) -> None:
    page.goto(live_server.url + "/")
    page.get_by_label("Name, name and state, or Census code").fill("Winnebago")
    suggestion = page.locator("#place-suggestions").get_by_role(
        "link", name=re.compile(r"Winnebago County, Illinois")
    )
    suggestion.click()
    page.wait_for_url(re.compile(rf"/geographies/{WINNEBAGO_IL}/$"))
    assert page.get_by_role("heading", level=1).inner_text().startswith("Winnebago County")

    expected = latest_whole_population(WINNEBAGO_IL, VALUE_METRIC)
    card = page.locator(f"#card-{VALUE_METRIC}")
    shown, tolerance = shown_number(card.locator(".font-sans-xl").inner_text())
    assert abs(shown - expected.value) <= tolerance + 1e-9
    assert f"in {expected.year}" in card.inner_text()

    slug, groups = metric_with_groups(WINNEBAGO_IL)
    page.locator(f"#card-{slug}").get_by_role(
        "link", name=re.compile("Details and groups of residents")
    ).click()
    page.wait_for_url(re.compile(rf"/geographies/{WINNEBAGO_IL}/metrics/{slug}/"))
    table = page.locator("#groups-table")
    assert table.locator("caption").is_visible()
    shown_groups = set(table.locator("tbody th[scope=row]").all_inner_texts()) - {"All residents"}
    assert shown_groups, "the groups table lists no group"
    assert shown_groups <= set(groups), (shown_groups, groups)
