from __future__ import annotations

import json

import pytest
from django.http import Http404

from metrics.selectors.geographies import geography_or_404
from metrics.selectors.observations import observations_for
from metrics.selectors.profiles import profile_as_dict, profile_for
from metrics.services.standings import distributions_refresh
from metrics.tests._profile_rows import geography_make, metric_make, series_make

pytestmark = pytest.mark.django_db


@pytest.fixture
def employment():
    """Three Testland counties and one elsewhere; Middle County is the one we look at."""
    metric = metric_make(slug="test_share_good", name="Share employed")
    middle = geography_make("98002", "Middle County", population=5000)
    rows = {
        "98001": [[2021, 0.50, 0.48, 0.52, 1]],
        "98003": [[2021, 0.90, 0.88, 0.92, 1]],
    }
    series_make(middle, metric, [[2015, 0.60, 0.58, 0.62, 1], [2021, 0.72, 0.70, 0.74, 2]])
    for geoid, points in rows.items():
        series_make(geography_make(geoid, f"County {geoid}"), metric, points)
    other = geography_make("97001", "Far County", state="97", state_name="Otherland")
    series_make(other, metric, [[2021, 0.30]])
    distributions_refresh()
    return metric


def test_the_latest_value_shows_its_year_interval_and_quality(employment) -> None:
    entry = profile_for(geoid="98002").metric("test_share_good")

    assert entry is not None and entry.latest is not None
    assert (entry.latest.year, entry.latest.text) == (2021, "72.0%")
    assert entry.latest.interval == "70.0% to 74.0%"
    assert entry.latest.quality == "Marginal"
    assert not entry.weak
    assert [p.year for p in entry.series] == [2015, 2021]


def test_the_state_rank_and_national_percentile_are_written_out(employment) -> None:
    entry = profile_for(geoid="98002").metric("test_share_good")

    assert entry.state_standing.sentence == "2nd of 3 counties in Testland"
    assert entry.state_standing.median_text == "72.0%"
    # Nation: 0.30, 0.50, 0.72, 0.90 -> better than 2 of the 3 others.
    assert entry.national_standing.sentence == "Better than 67% of counties in the nation"
    assert entry.national_standing.tone == "better"
    assert entry.national_standing.median_text == "61.0%"


def test_a_lower_is_better_metric_reads_the_other_way() -> None:
    metric = metric_make(slug="test_rate_bad", unit="rate", direction="lower")
    for geoid, value in (("98001", 10.0), ("98002", 20.0), ("98003", 30.0), ("98004", 40.0)):
        series_make(geography_make(geoid, f"County {geoid}"), metric, [[2021, value]])
    distributions_refresh()

    entry = profile_for(geoid="98004").metric(metric.slug)

    assert entry.latest.text == "40.0 per 100,000"
    assert entry.state_standing.sentence == "4th of 4 counties in Testland"
    assert entry.state_standing.tone == "worse"
    assert entry.national_standing.sentence == "Worse than 100% of counties in the nation"


def test_parity_metrics_rank_by_distance_from_one() -> None:
    metric = metric_make(slug="test_ratio", unit="ratio", direction="parity")
    values = {"98001": 0.5, "98002": 1.2, "98003": 1.9}
    for geoid, value in values.items():
        series_make(
            geography_make(geoid, f"County {geoid}"),
            metric,
            [[2021, value, None, None, 1, value * 0.2, 0.2]],
        )
    distributions_refresh()

    entry = profile_for(geoid="98002").metric(metric.slug)

    assert entry.latest.text == "1.20 (0.24 : 0.20)"
    assert entry.state_standing.sentence == "1st of 3 counties in Testland"


def test_weak_figures_carry_a_plain_warning() -> None:
    metric = metric_make()
    series_make(geography_make("98001", "Weak County"), metric, [[2021, 0.4, None, None, 3]])

    entry = profile_for(geoid="98001").metric(metric.slug)

    assert entry.weak
    assert entry.weak_warning == "Weak data: do not act on this figure alone."
    assert profile_for(geoid="98001").weak_count == 1


def test_a_change_whose_intervals_do_not_overlap_is_called_likely_real(employment) -> None:
    change = profile_for(geoid="98002").metric("test_share_good").change

    assert change.tone == "better"
    assert change.intervals_overlap is False
    assert change.sentence == (
        "Rose from 60.0% in 2015 to 72.0% in 2021 (better); "
        "the intervals do not overlap, so the change is likely real."
    )


def test_a_change_with_overlapping_intervals_is_called_uncertain() -> None:
    metric = metric_make(slug="test_rate_bad", unit="rate", direction="lower")
    series_make(
        geography_make("98001", "County"),
        metric,
        [[2016, 50.0, 40.0, 60.0], [2020, 55.0, 45.0, 65.0]],
    )

    change = profile_for(geoid="98001").metric(metric.slug).change

    assert change.tone == "worse"
    assert "the intervals overlap, so the change may not be real" in change.sentence


def test_the_combined_release_wins_over_a_subgroup_files_all_row() -> None:
    metric = metric_make()
    place = geography_make("98001", "County")
    series_make(place, metric, [[2021, 0.5]])
    series_make(place, metric, [[2021, 0.55], [2022, 0.6]], dataset="test-subgroups")

    entry = profile_for(geoid="98001").metric(metric.slug)

    assert [(p.year, p.value) for p in entry.series] == [(2021, 0.5), (2022, 0.6)]


def test_subgroup_gaps_are_measured_against_the_same_files_all_row() -> None:
    metric = metric_make()
    place = geography_make("98001", "County")
    series_make(place, metric, [[2021, 0.5]])
    for group, points in (
        (("all", "All"), [[2021, 0.6]]),
        (("race-ethnicity", "Black, Non-Hispanic"), [[2020, 0.2], [2021, 0.477]]),
        (("race-ethnicity", "White, Non-Hispanic"), [[2021, 0.7, None, None, 3]]),
    ):
        series_make(place, metric, points, dataset="test-subgroups", subgroup=group)

    entry = profile_for(geoid="98001").metric(metric.slug)
    groups = entry.subgroup_set("race-ethnicity")

    assert groups.year == 2021 and groups.all.text == "60.0%"
    assert groups.label == "Race and ethnicity"
    black, white = groups.groups
    assert black.gap_text == "12.3 points below all residents (worse)"
    assert white.gap_text == "10.0 points above all residents (better)"
    assert white.point.weak
    assert groups.widest_gap_text == (
        "The widest gap is 22.3 points, between White, Non-Hispanic (70.0%) "
        "and Black, Non-Hispanic (47.7%)."
    )


def test_metrics_without_data_say_so_and_those_not_measured_for_cities_say_why() -> None:
    metric_make(slug="test_counties_only", levels=("county",))
    metric_make(slug="test_everywhere")
    geography_make("9800100", "Test city")

    profile = profile_for(geoid="9800100")

    assert profile.metric("test_everywhere").missing_text == "No data for this place."
    assert profile.metric("test_counties_only").missing_text == "Not measured for cities."
    assert profile.geography.vintage is None


def test_the_profile_header_has_population_and_the_data_vintage(employment) -> None:
    geography = profile_for(geoid="98002").geography

    assert geography.label == "Middle County, Testland"
    assert (geography.population, geography.population_year) == (5000, 2021)
    assert geography.vintage == 2021
    assert geography.kind_label == "County"


def test_the_profile_turns_into_plain_json(employment) -> None:
    data = profile_as_dict(profile_for(geoid="98002"))

    text = json.dumps(data)
    assert '"Better than 67% of counties in the nation"' in text
    assert data["geography"]["geoid"] == "98002"


@pytest.mark.parametrize(
    ("geoid", "message"),
    [
        ("99999", "No county or city has the code 99999."),
        ("1234", "is not a Census GEOID"),
        ("cook", "is not a Census GEOID"),
    ],
)
def test_an_unknown_or_malformed_geoid_is_a_404_that_explains(geoid: str, message: str) -> None:
    with pytest.raises(Http404, match=message):
        geography_or_404(geoid=geoid)


def test_observations_can_be_filtered_and_name_their_quality(employment) -> None:
    rows = observations_for(geoid="98002", metric="test_share_good", year=2021)

    assert len(rows) == 1
    row = rows[0]
    assert (row.subgroup_type, row.subgroup, row.value, row.quality) == (
        "all",
        "All",
        0.72,
        "Marginal",
    )
    assert observations_for(geoid="98002", subgroup_type="age") == []


def test_a_context_only_metric_is_placed_but_never_called_better_or_worse() -> None:
    metric = metric_make(slug="test_context", direction="context")
    for geoid, value in (("98001", 0.1), ("98002", 0.2), ("98003", 0.3)):
        series_make(
            geography_make(geoid, f"County {geoid}"), metric, [[2016, value / 2], [2021, value]]
        )
    distributions_refresh()

    entry = profile_for(geoid="98003").metric(metric.slug)

    assert entry.state_standing.sentence == "1st highest of 3 counties in Testland"
    assert entry.national_standing.sentence == "Higher than 100% of counties in the nation"
    assert {entry.state_standing.tone, entry.national_standing.tone, entry.change.tone} == {"even"}
    assert entry.national_standing.better_than_pct is None
    assert "better" not in entry.change.sentence and "worse" not in entry.change.sentence
