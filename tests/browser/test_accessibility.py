"""Every public page passes axe-core's automated accessibility checks (WCAG 2.1 A and AA
rules) in Chromium, on a desktop and on a phone-sized screen."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
PAGES = [
    "/",
    "/framework/",
    "/geographies/?q=winnebago",
    "/geographies/17201/",
    "/geographies/17201/metrics/share_employed/?subgroup_type=race-ethnicity",
    "/geographies/17201/peers/",
    "/geographies/17201/compare/?metric=share_employed",
    "/geographies/17201/insights/",
    "/geographies/1765000/",
    "/accounts/login/",
]


def violations(page: Any) -> list[dict[str, Any]]:
    page.add_script_tag(path=str(AXE))
    return page.evaluate(
        """async () => (await axe.run(document, {
            runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
            resultTypes: ['violations'],
        })).violations.map(v => ({rule: v.id, impact: v.impact, help: v.help,
                                  where: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))"""
    )


@pytest.mark.parametrize("width", [1280, 375])
def test_public_pages_have_no_accessibility_violations(
    live_server: Any, browser: Any, release: None, width: int
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    found = {}
    for path in PAGES:
        page.goto(live_server.url + path)
        page.wait_for_load_state("networkidle")
        problems = violations(page)
        if problems:
            found[path] = problems
    context.close()
    assert found == {}
