from __future__ import annotations

import pytest

from metrics.models import Distribution
from metrics.services.standings import distributions_refresh, quantile, standing_count
from metrics.tests._profile_rows import geography_make, metric_make, series_make

VALUES = [0.1, 0.2, 0.3, 0.4, 0.5]


def test_a_higher_value_is_better_when_higher_is_better() -> None:
    counted = standing_count(value=0.4, direction="higher", values=VALUES)
    assert (counted.rank, counted.better, counted.worse, counted.n) == (2, 1, 3, 5)
    assert counted.better_than_pct == 75.0


def test_a_lower_value_is_better_when_lower_is_better() -> None:
    counted = standing_count(value=0.4, direction="lower", values=VALUES)
    assert counted.rank == 4
    assert counted.better_than_pct == 25.0


def test_parity_counts_the_distance_from_one_on_both_sides() -> None:
    values = [0.5, 0.8, 0.95, 1.1, 1.3, 2.0]
    counted = standing_count(value=1.3, direction="parity", values=values)
    # 0.95 and 1.1 are closer to 1 than 1.3 is; 0.5 and 2.0 are farther; 0.8 is closer too.
    assert (counted.better, counted.worse) == (3, 2)


def test_parity_does_not_count_the_value_itself_as_closer_or_farther() -> None:
    counted = standing_count(value=0.7, direction="parity", values=[0.7, 1.3])
    assert (counted.better, counted.worse) == (0, 0)


def test_ties_share_the_better_rank() -> None:
    counted = standing_count(value=0.3, direction="higher", values=[0.1, 0.3, 0.3, 0.5])
    assert counted.rank == 2
    assert counted.worse == 1


def test_a_lone_value_has_no_percentile() -> None:
    counted = standing_count(value=0.3, direction="higher", values=[0.3])
    assert counted.better_than_pct is None


def test_quartiles_interpolate_between_values() -> None:
    assert quantile([1.0, 2.0, 3.0, 4.0], 0.5) == 2.5
    assert quantile([1.0, 2.0, 3.0, 4.0, 5.0], 0.25) == 2.0
    assert quantile([], 0.5) is None


@pytest.mark.django_db
def test_refresh_builds_a_sorted_distribution_for_the_nation_and_each_state() -> None:
    metric = metric_make()
    for i, value in enumerate([0.5, 0.2, 0.9]):
        series_make(geography_make(f"98{i:03d}", f"County {i}"), metric, [[2021, value]])
    series_make(
        geography_make("97001", "Elsewhere", state="97", state_name="Otherland"),
        metric,
        [[2021, 0.4]],
    )

    written = distributions_refresh()

    assert written >= 3
    testland = Distribution.objects.get(metric=metric, year=2021, level="county", state_fips="98")
    assert testland.values == [0.2, 0.5, 0.9]
    assert testland.count == 3
    assert testland.median == 0.5
    nation = Distribution.objects.get(metric=metric, year=2021, level="county", state_fips="")
    assert nation.values == [0.2, 0.4, 0.5, 0.9]
    assert nation.p25 == pytest.approx(0.35)


@pytest.mark.django_db
def test_refresh_prefers_the_combined_release_over_a_subgroup_files_all_row() -> None:
    metric = metric_make()
    place = geography_make("98001", "County 1")
    series_make(place, metric, [[2020, 0.3], [2021, 0.5]])
    series_make(place, metric, [[2021, 0.55], [2022, 0.6]], dataset="test-subgroups")
    series_make(place, metric, [[2021, 0.1]], dataset="test-subgroups", subgroup=("age", "Young"))

    distributions_refresh()

    years = dict(
        Distribution.objects.filter(metric=metric, state_fips="98").values_list("year", "values")
    )
    assert years == {2020: [0.3], 2021: [0.5], 2022: [0.6]}


@pytest.mark.django_db
def test_refresh_skips_missing_values_and_replaces_what_it_built_before() -> None:
    metric = metric_make()
    series_make(geography_make("98001", "County 1"), metric, [[2021, None], [2022, 0.4]])

    first = distributions_refresh()
    second = distributions_refresh()

    assert first == second
    assert not Distribution.objects.filter(metric=metric, year=2021).exists()
    assert Distribution.objects.filter(metric=metric, year=2022).count() == 2
