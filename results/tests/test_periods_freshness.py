from __future__ import annotations

import datetime

import pytest

from metrics.models import Dataset, Geography, Metric, Release, Series, Subgroup
from results.freshness import freshness_periodic, freshness_release, release_next_year
from results.models import MeasureValue
from results.periods import PeriodError, period_parse
from results.selectors import measure_freshness

D = datetime.date


# -- periods ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "label", "start", "end"),
    [
        ("2026", "2026", D(2026, 1, 1), D(2026, 12, 31)),
        ("2026-Q3", "2026-Q3", D(2026, 7, 1), D(2026, 9, 30)),
        (" 2026q1 ", "2026-Q1", D(2026, 1, 1), D(2026, 3, 31)),
        ("2026-03", "2026-03", D(2026, 3, 1), D(2026, 3, 31)),
        ("2024-2", "2024-02", D(2024, 2, 1), D(2024, 2, 29)),
    ],
)
def test_a_year_a_quarter_and_a_month_are_read_into_their_first_and_last_days(
    text, label, start, end
) -> None:
    period = period_parse(text=text)
    assert (period.label, period.start, period.end) == (label, start, end)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", "Give a period"),
        ("2026-13", "month must be between 01 and 12"),
        ("2026-Q5", "not a period we can read"),
        ("1850", "year must be between"),
        ("next spring", "not a period we can read"),
        ("=cmd()", "not a period we can read"),
    ],
)
def test_a_period_we_cannot_read_says_what_to_write(text, words) -> None:
    with pytest.raises(PeriodError, match=words):
        period_parse(text=text)


def test_periods_are_said_in_words() -> None:
    assert period_parse(text="2026-Q3").words() == "the third quarter of 2026"
    assert period_parse(text="2026-03").words() == "March 2026"


# -- freshness rules ------------------------------------------------------------------------


def test_a_yearly_value_is_due_ninety_days_after_the_next_year_ends() -> None:
    f = freshness_periodic(
        frequency="yearly", last=period_parse(text="2025"), started_on=D(2025, 1, 1),
        today=D(2026, 11, 23),
    )  # fmt: skip
    assert f.next_expected == D(2027, 3, 31) and not f.overdue
    assert f.sentence == "Last value from 2025; next expected by March 2027"


def test_a_quarterly_measure_is_overdue_after_its_grace_period() -> None:
    last = period_parse(text="2025-Q4")
    on_time = freshness_periodic(
        frequency="quarterly", last=last, started_on=D(2025, 1, 1), today=D(2026, 5, 15)
    )
    late = freshness_periodic(
        frequency="quarterly", last=last, started_on=D(2025, 1, 1), today=D(2026, 5, 16)
    )
    assert on_time.next_expected == D(2026, 5, 15) and not on_time.overdue
    assert late.overdue
    assert late.sentence == "Overdue since May 2026 (last value from the fourth quarter of 2025)"


def test_a_monthly_value_after_february_is_due_thirty_days_after_march_ends() -> None:
    f = freshness_periodic(
        frequency="monthly", last=period_parse(text="2026-02"), started_on=D(2026, 1, 1),
        today=D(2026, 3, 1),
    )  # fmt: skip
    assert f.next_expected == D(2026, 4, 30)


def test_a_measure_with_no_value_expects_its_first_after_the_period_it_was_set_up_in() -> None:
    f = freshness_periodic(frequency="quarterly", last=None, started_on=D(2026, 5, 2),
                           today=D(2026, 8, 1))  # fmt: skip
    assert f.last_period is None and f.next_expected == D(2026, 8, 14) and not f.overdue
    assert f.sentence == "No value yet; the first is expected by August 2026"
    late = freshness_periodic(frequency="quarterly", last=None, started_on=D(2026, 5, 2),
                              today=D(2026, 9, 1))  # fmt: skip
    assert late.overdue and late.sentence.startswith("Overdue since August 2026")


def test_the_release_rule_adds_the_longest_gap_and_a_year_for_publishing() -> None:
    assert release_next_year([2014, 2016, 2018, 2021]) == 2024
    assert release_next_year([2021]) == 2023
    assert release_next_year([]) is None
    f = freshness_release(years=[2014, 2016, 2018, 2021], today=D(2024, 6, 1))
    assert f.sentence == "Last value from 2021; next expected in 2025"
    assert f.next_expected == D(2025, 12, 31) and not f.overdue and not f.by_hand
    late = freshness_release(years=[2014, 2016, 2018, 2021], today=D(2026, 1, 1))
    assert late.overdue
    assert late.sentence.startswith("Overdue since December 2025: a 2024 value was expected")


# -- measure_freshness from the database -----------------------------------------------------


def test_a_measure_with_only_its_baseline_counts_the_baseline_year(measure) -> None:
    f = measure_freshness(measure=measure, today=D(2025, 6, 1))
    assert f.last_period == "2024"
    assert f.sentence == "Last value from 2024; next expected by March 2026"


def test_the_latest_value_decides_the_freshness(measure, other_measure) -> None:
    for m, period, end in (
        (measure, "2025", D(2025, 12, 31)),
        (other_measure, "2026-Q1", D(2026, 3, 31)),
    ):
        MeasureValue.objects.create(measure=m, period=period, period_end=end, value=12)
    assert measure_freshness(measure=measure, today=D(2026, 11, 23)).sentence == (
        "Last value from 2025; next expected by March 2027"
    )
    late = measure_freshness(measure=other_measure, today=D(2026, 11, 23))
    assert late.overdue and late.next_expected == D(2026, 8, 14)
    assert late.sentence == "Overdue since August 2026 (last value from the first quarter of 2026)"


def _series(plan, slug: str, years: list[int]) -> Series:
    return Series.objects.create(
        geography=plan.geography,
        metric=Metric.objects.get(slug=slug),
        dataset=Dataset.objects.create(slug=f"test-{slug}", level="county"),
        subgroup=Subgroup.objects.get_or_create(type="all", name="All")[0],
        points=[[y, 0.5, None, None, 1, None, None] for y in years],
        release=Release.objects.create(label="test", source="test"),
    )


def test_a_mobility_metric_follows_the_metrics_own_years_in_the_release(
    plan, metric_measure
) -> None:
    Series.objects.filter(geography=plan.geography, metric__slug="share_employed").delete()
    _series(plan, "share_employed", [2014, 2016, 2018, 2021])
    f = measure_freshness(measure=metric_measure, today=D(2024, 1, 10))
    assert f.last_period == "2021" and not f.by_hand
    assert f.sentence == "Last value from 2021; next expected in 2025"


def test_a_mobility_metric_for_a_place_the_release_does_not_cover_says_so(
    plan, metric_measure
) -> None:
    plan.geography = Geography.objects.get(geoid="17031")
    Series.objects.filter(geography__geoid="17031", metric__slug="share_employed").delete()
    plan.save()
    metric_measure.refresh_from_db()
    f = measure_freshness(measure=metric_measure, today=D(2024, 1, 10))
    assert f.last_period is None and not f.overdue
    assert "No value yet" in f.sentence
