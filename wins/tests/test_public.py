"""The public wins page and Atom feed: only for a published plan whose owner shows its
wins, only the public fields, everything escaped."""

from __future__ import annotations

from xml.etree import ElementTree

import pytest
from django.urls import reverse

from wins.models import WinMessage, WinsSettings
from wins.tests.conftest import win_make

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def shown(plan, win, transit_district):  # type: ignore[no-untyped-def]
    plan.published = True
    plan.save()
    WinsSettings.objects.create(plan=plan, public=True)
    win.organisations.add(transit_district)
    WinMessage.objects.create(win=win, messenger="Councilmember Private", channel="newsletter")
    return plan


def test_nothing_is_public_until_the_plan_is_published_and_the_owner_shows_wins(
    anonymous, plan, win
):
    page, feed = (
        reverse("wins_public:page", args=[plan.code]),
        reverse("wins_public:feed", args=[plan.code]),
    )
    assert anonymous.get(page).status_code == 404
    WinsSettings.objects.create(plan=plan, public=True)
    assert anonymous.get(page).status_code == 404  # the plan itself is not published
    plan.published = True
    plan.save()
    WinsSettings.objects.filter(plan=plan).update(public=False)
    assert anonymous.get(page).status_code == 404
    assert anonymous.get(feed).status_code == 404


def test_the_public_page_shows_wins_without_people_and_links_its_feed(anonymous, shown, plan):
    win_make(plan, title="Hidden win", public=False)
    text = anonymous.get(reverse("wins_public:page", args=[plan.code])).content.decode()
    assert "Route 20 runs until midnight" in text and "Rockford Mass Transit District" in text
    assert "Night-shift workers on the south side" in text
    assert "Dana Ruiz" not in text and "Councilmember Private" not in text
    assert "Hidden win" not in text
    feed = reverse("wins_public:feed", args=[plan.code])
    assert '<link rel="alternate" type="application/atom+xml"' in text and feed in text


def test_the_atom_feed_has_one_entry_per_public_win_with_markup_escaped(anonymous, shown, plan):
    win_make(plan, title="<script>alert(1)</script>", what_happened="<img src=x onerror=y>")
    response = anonymous.get(reverse("wins_public:feed", args=[plan.code]))
    assert response["Content-Type"].startswith("application/atom+xml")
    body = response.content.decode()
    assert "<script>" not in body and "<img" not in body
    root = ElementTree.fromstring(response.content)  # noqa: S314 (our own feed)
    entries = root.findall(f"{ATOM}entry")
    titles = [e.findtext(f"{ATOM}title") for e in entries]
    assert "<script>alert(1)</script>" in titles and "Route 20 runs until midnight" in titles
    summaries = " ".join(e.findtext(f"{ATOM}summary") or "" for e in entries)
    assert "&lt;img src=x onerror=y&gt;" in summaries  # shown as text by feed readers
    assert "Dana Ruiz" not in body and "Councilmember Private" not in body


def test_the_public_plan_page_lists_the_latest_wins(anonymous, shown, plan):
    text = anonymous.get(reverse("public:plan", args=[plan.code])).content.decode()
    assert "Early wins" in text and "Route 20 runs until midnight" in text
