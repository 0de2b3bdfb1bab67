from __future__ import annotations

import datetime

from plans.access import plan_access
from results.selectors import measure_results, measures_overview
from results.services import ValueInput, release_sync, value_add
from strategy.services import target_add

D = datetime.date


def _values(measure, *rows: tuple[str, float, str]) -> None:  # type: ignore[no-untyped-def]
    for period, value, group in rows:
        value_add(
            measure=measure, user=None, item=ValueInput(period=period, value=value, subgroup=group)
        )


def test_the_status_is_judged_against_the_next_target_on_the_day_asked(
    plan, people, measure
) -> None:
    _values(measure, ("2025", 12, ""))  # with the baseline (10 in 2024): +2 a year
    target_add(measure=measure, kind="level", target_date=D(2026, 12, 31), value=13)
    target_add(measure=measure, kind="level", target_date=D(2030, 12, 31), value=30)
    access = plan_access(user=people["viewer"], code=plan.code)
    early = measure_results(measure=measure, access=access, today=D(2026, 6, 1))
    late = measure_results(measure=measure, access=access, today=D(2027, 1, 15))
    assert early.status.code == "on-track" and "target of 13" in early.status.sentence
    assert late.status.code == "off-track" and "target of 30" in late.status.sentence
    assert early.freshness.sentence == "Last value from 2025; next expected by March 2027"
    assert late.freshness.overdue is False and not early.may_enter


def test_a_gap_target_is_explained_from_the_two_groups_values(plan, people, measure) -> None:
    _values(measure, ("2024", 40, "Black residents"), ("2024", 60, "White residents"),
            ("2025", 45, "Black residents"), ("2025", 61, "White residents"))  # fmt: skip
    target_add(measure=measure, kind="gap", target_date=D(2027, 12, 31), value=-10,
               group_a="Black residents", group_b="White residents")  # fmt: skip
    access = plan_access(user=people["contributor"], code=plan.code)
    r = measure_results(measure=measure, access=access, today=D(2026, 1, 1))
    [note] = r.targets
    assert note.kind == "gap" and "In 2025 it was 16" in note.explanation
    # -20 then -16: four points a year closer, about -8 by the end of 2027, within 10
    assert note.status.code == "on-track" and "the gap reaches about -8" in note.status.sentence
    assert "the other way (White residents ahead)" in note.explanation
    assert r.may_enter and len(r.groups) == 4


def test_the_overview_lists_each_measure_with_status_and_freshness(
    plan, measure, metric_measure
) -> None:
    release_sync(plan=plan)
    rows = {row.name: row for row in measures_overview(plan=plan, today=D(2024, 6, 1))}
    assert rows[measure.name].latest == "" and rows[measure.name].status.code == "no-target"
    metric = rows[metric_measure.name]
    assert metric.is_metric and metric.latest.endswith("in 2023") and not metric.moved
    assert metric.freshness.sentence.startswith("Last value from 2023; next expected in")
