from __future__ import annotations

import pytest
from django.http import Http404

from metrics.models import Direction, Distribution
from metrics.selectors.insights import insights_for
from metrics.selectors.profiles import distribution_cache_clear
from metrics.tests._peer_rows import (
    dataset_row,
    geography_row,
    metric_row,
    observation_row,
    subgroup_row,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_distributions():
    """Rolled-back tests reuse row ids, which the profile's distribution cache keys on."""
    distribution_cache_clear()
    yield
    distribution_cache_clear()


def national(slug: str, year: int, values: list[float], *, state: str = "") -> None:
    Distribution.objects.create(
        metric=metric_row(slug),
        year=year,
        level="county",
        state_fips=state,
        count=len(values),
        median=sorted(values)[len(values) // 2],
        values=sorted(values),
    )


def of_kind(geoid: str, kind: str, slug: str | None = None) -> list:
    return [
        i
        for i in insights_for(geoid=geoid)
        if i.kind == kind and (slug is None or i.metric_slug == slug)
    ]


@pytest.fixture
def county():
    return geography_row("99101", "Test County")


def test_a_value_in_the_worst_tenth_of_the_nation_is_flagged_as_bad(county):
    observation_row(county, "share_test_jobs", 2023, 0.50, lb=0.48, ub=0.52)
    national("share_test_jobs", 2023, [0.50, *[0.70 + i / 100 for i in range(19)]])

    [insight] = of_kind("99101", "standing", "share_test_jobs")

    assert insight.tone == "bad"
    assert "worse than 100% of counties in the nation" in insight.sentence
    assert "50.0% in 2023" in insight.sentence
    assert insight.evidence[0].text == "50.0% (95% interval 48.0% to 52.0%), Strong"
    assert insight.url == "/geographies/99101/metrics/share_test_jobs/"


def test_lower_is_better_metrics_are_judged_the_other_way(county):
    observation_row(county, "rate_test_harm", 2023, 10.0, direction=Direction.LOWER)
    national("rate_test_harm", 2023, [10.0, *[50.0 + i for i in range(19)]])

    [insight] = of_kind("99101", "standing", "rate_test_harm")

    assert insight.tone == "good"
    assert "better than 100%" in insight.sentence


def test_no_standing_is_claimed_when_the_interval_reaches_the_median(county):
    observation_row(county, "share_test_jobs", 2023, 0.50, lb=0.30, ub=0.80)
    national("share_test_jobs", 2023, [0.50, *[0.70 + i / 100 for i in range(19)]])

    assert of_kind("99101", "standing", "share_test_jobs") == []


def test_a_group_far_below_all_residents_is_a_gap_and_a_widening_one_ranks_higher(county):
    dataset = dataset_row("test-subgroups", has_subgroups=True)
    everyone, group = subgroup_row(), subgroup_row("race-ethnicity", "Group A")
    for year, all_value, group_value in ((2018, 0.70, 0.62), (2023, 0.72, 0.50)):
        observation_row(county, "share_test_jobs", year, all_value, lb=all_value - 0.01,
                        ub=all_value + 0.01, dataset=dataset, subgroup=everyone)  # fmt: skip
        observation_row(county, "share_test_jobs", year, group_value, lb=group_value - 0.03,
                        ub=group_value + 0.03, dataset=dataset, subgroup=group)  # fmt: skip

    [insight] = of_kind("99101", "gap", "share_test_jobs")

    assert "by race and ethnicity: Group A at 50.0% against 72.0%" in insight.sentence
    assert "wider than in 2018" in insight.sentence
    assert insight.severity >= 75
    assert [e.label for e in insight.evidence] == ["Group A, 2023", "All residents, 2023"]


def test_no_gap_is_claimed_when_the_intervals_overlap(county):
    dataset = dataset_row("test-subgroups", has_subgroups=True)
    observation_row(county, "share_test_jobs", 2023, 0.72, lb=0.60, ub=0.80,
                    dataset=dataset)  # fmt: skip
    observation_row(county, "share_test_jobs", 2023, 0.50, lb=0.40, ub=0.65, dataset=dataset,
                    subgroup=subgroup_row("race-ethnicity", "Group A"))  # fmt: skip

    assert of_kind("99101", "gap") == []


def test_a_change_beyond_both_intervals_is_a_trend_in_the_metrics_direction(county):
    observation_row(county, "share_test_jobs", 2016, 0.60, lb=0.58, ub=0.62)
    observation_row(county, "share_test_jobs", 2020, 0.50, lb=0.45, ub=0.65)
    observation_row(county, "share_test_jobs", 2023, 0.70, lb=0.68, ub=0.72)
    observation_row(county, "rate_test_harm", 2016, 40.0, lb=35.0, ub=45.0, direction="lower")
    observation_row(county, "rate_test_harm", 2023, 60.0, lb=55.0, ub=65.0, direction="lower")

    [better] = of_kind("99101", "trend", "share_test_jobs")
    [worse] = of_kind("99101", "trend", "rate_test_harm")

    assert better.tone == "good"
    assert "got better between 2016 and 2023: from 60.0% to 70.0%" in better.sentence
    assert worse.tone == "bad"
    assert worse.severity > better.severity


def test_no_trend_is_claimed_when_the_intervals_overlap(county):
    observation_row(county, "share_test_jobs", 2016, 0.60, lb=0.55, ub=0.66)
    observation_row(county, "share_test_jobs", 2023, 0.64, lb=0.61, ub=0.67)

    assert of_kind("99101", "trend") == []


def test_a_weak_latest_figure_is_a_data_note(county):
    observation_row(county, "share_test_jobs", 2023, 0.64, quality=3)

    [insight] = of_kind("99101", "weak", "share_test_jobs")

    assert insight.tone == "caution"
    assert "flagged Weak: do not act on it alone" in insight.sentence


def test_a_metric_with_no_figure_is_listed_as_missing(county):
    metric_row("share_test_unmeasured")

    [insight] = of_kind("99101", "missing", "share_test_unmeasured")

    assert "No figure" in insight.sentence


def test_bad_standing_ranks_before_trends_and_data_notes_come_last(county):
    observation_row(county, "share_test_jobs", 2023, 0.50, lb=0.48, ub=0.52)
    national("share_test_jobs", 2023, [0.50, *[0.70 + i / 100 for i in range(19)]])
    observation_row(county, "rate_test_harm", 2016, 40.0, lb=35.0, ub=45.0, direction="lower")
    observation_row(county, "rate_test_harm", 2023, 60.0, lb=55.0, ub=65.0, direction="lower")
    observation_row(county, "share_test_other", 2023, 0.64, quality=3)
    metric_row("share_test_unmeasured")

    kinds = [i.kind for i in insights_for(geoid="99101")]

    assert kinds.index("standing") < kinds.index("trend") < kinds.index("weak")
    assert kinds.index("weak") < kinds.index("missing")
    assert len(insights_for(geoid="99101", limit=2)) == 2


def test_an_unknown_geoid_is_a_404():
    with pytest.raises(Http404):
        insights_for(geoid="99999")


def test_cook_county_gets_insights_on_the_real_slice_with_a_group_gap_among_them():
    insights = insights_for(geoid="17031")
    assert insights
    assert {i.kind for i in insights} & {"standing", "gap", "trend"}
    gaps = [i for i in insights if i.kind == "gap"]
    assert gaps and "all residents" in gaps[0].sentence
    assert insights == sorted(insights, key=lambda i: -i.severity)
