"""The scorecard's arithmetic and the comparison of two assessments."""

from __future__ import annotations

import datetime as dt

import pytest

from readiness.models import Item
from readiness.selectors import NOT_RATED, assessment_compare, scorecard_compute
from readiness.services import assessment_start, readiness_defaults


def test_a_domain_score_is_the_mean_of_its_rated_items_leaving_out_unknown() -> None:
    card = scorecard_compute(
        domains=[("lead", "Leadership", ["fully", "partly", "unknown", "not_in_place"])]
    )
    domain = card.domains[0]
    assert domain.score == pytest.approx((3 + 2 + 0) / 3)
    assert domain.score_text == "1.7 of 3"
    assert domain.counts["unknown"] == 1 and domain.scored == 3


def test_shares_count_every_item_including_unknown_and_not_rated() -> None:
    card = scorecard_compute(domains=[("d", "D", ["emerging", "unknown", NOT_RATED, "emerging"])])
    shares = card.domains[0].shares
    assert shares["emerging"] == 0.5 and shares["unknown"] == 0.25 and shares[NOT_RATED] == 0.25
    assert sum(shares.values()) == pytest.approx(1)
    assert card.domains[0].cells[1] == "2 (50%)"  # emerging is the second column


def test_a_domain_with_nothing_rated_has_no_score_rather_than_zero() -> None:
    card = scorecard_compute(domains=[("d", "D", ["unknown", NOT_RATED]), ("e", "E", [])])
    assert card.domains[0].score is None and card.domains[0].score_text == "no score"
    assert card.domains[1].score is None and card.domains[1].total == 0
    assert card.domains[1].shares["fully"] == 0.0


def test_the_overall_score_weighs_every_item_not_every_domain() -> None:
    card = scorecard_compute(
        domains=[("a", "A", ["fully"]), ("b", "B", ["not_in_place", "not_in_place", "emerging"])]
    )
    assert card.overall.score == pytest.approx(4 / 4)  # (3 + 0 + 0 + 1) / 4, not (3 + 0.33) / 2
    assert card.rated == 4


def test_the_default_list_covers_the_nine_areas_with_unique_keys() -> None:
    defaults = readiness_defaults()
    assert defaults["version"] == 1
    titles = [d["title"] for d in defaults["domains"]]
    assert len(titles) == 9 and "Data skills" in titles and "Staff buy-in" in titles
    keys = [i["key"] for d in defaults["domains"] for i in d["items"]]
    assert len(keys) == len(set(keys)) and all(d["items"] for d in defaults["domains"])


@pytest.mark.django_db
def test_comparing_two_assessments_says_what_moved_up_and_down(plan, people) -> None:
    first = assessment_start(plan=plan, user=people["owner"], assessed_on=dt.date(2026, 1, 10))
    items = Item.objects.filter(domain__assessment=first).order_by("domain__position", "position")
    ratings = {items[0].key: "emerging", items[1].key: "fully", items[2].key: "unknown"}
    for item in items[:3]:
        item.rating = ratings[item.key]
        item.save()
    second = assessment_start(plan=plan, user=people["owner"], assessed_on=dt.date(2026, 7, 1))
    later = {i.key: i for i in Item.objects.filter(domain__assessment=second)}
    for key, rating in (
        (items[0].key, "partly"),
        (items[1].key, "emerging"),
        (items[2].key, "not_in_place"),
    ):
        later[key].rating = rating
        later[key].save()
    comparison = assessment_compare(before=first, after=second)
    directions = {m.text: m.direction for m in comparison.moves}
    assert directions[items[0].text] == "up" and directions[items[1].text] == "down"
    assert directions[items[2].text] == "changed"  # from unknown: not a move up or down
    assert comparison.up == 1 and comparison.down == 1
    leadership = comparison.domains[0]
    assert leadership.before == pytest.approx(2.0) and leadership.after == pytest.approx(1.0)
    assert leadership.change_text == "down 1.0"
