from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from metrics.services.imports import metrics_import
from metrics.tests._imports import no_refresh, release_rows, rows_text, write
from results.models import MeasureStory, MeasureValue, ReleaseSync
from results.services import (
    StaleEdit,
    ValueInput,
    ValuesRejected,
    release_sync,
    story_save,
    value_add,
    value_delete,
    value_update,
    values_add_many,
)

COUNTY_FILE = "11_mobility-metrics_county_longitudinal.csv"


def test_a_value_is_added_with_its_period_end_and_who_entered_it(measure, people) -> None:
    v = value_add(
        measure=measure, user=people["contributor"],
        item=ValueInput(period="2026-Q2", value="1,204", lb="1100", ub="1300", subgroup=" Youth "),
    )  # fmt: skip
    assert (v.period, v.period_end, v.value, v.lb, v.ub) == (
        "2026-Q2", datetime.date(2026, 6, 30), 1204.0, 1100.0, 1300.0,
    )  # fmt: skip
    assert v.subgroup == "Youth" and v.entered_by == people["contributor"] and v.version == 1


@pytest.mark.parametrize(
    ("item", "field", "words"),
    [
        (ValueInput(period="2026", value="many"), "value", "is not a number"),
        (ValueInput(period="2026", value="nan"), "value", "finite"),
        (ValueInput(period="2026", value="5", lb="1"), "ub", "both bounds"),
        (ValueInput(period="2026", value="5", lb="6", ub="9"), "lb", "go up in order"),
        (ValueInput(period="someday", value="5"), "period", "not a period"),
        (ValueInput(period="2026", value="5", note="x" * 5000), "note", "At most"),
    ],
)
def test_a_value_that_does_not_check_is_refused_field_by_field(measure, item, field, words) -> None:
    with pytest.raises(ValidationError) as caught:
        value_add(measure=measure, user=None, item=item)
    assert words in caught.value.message_dict[field][0]
    assert not MeasureValue.objects.exists()


def test_the_same_period_and_group_twice_is_refused(measure) -> None:
    value_add(measure=measure, user=None, item=ValueInput(period="2026", value=3))
    with pytest.raises(ValidationError, match="already has a value for 2026 for everyone"):
        value_add(measure=measure, user=None, item=ValueInput(period="2026", value=4))
    value_add(measure=measure, user=None, item=ValueInput(period="2026", value=4, subgroup="Youth"))


def test_a_stale_edit_is_refused_and_nothing_is_overwritten(measure, people) -> None:
    v = value_add(measure=measure, user=None, item=ValueInput(period="2026", value=3))
    value_update(value=v, user=people["editor"], version=1, item=ValueInput(period="2026", value=4))
    with pytest.raises(StaleEdit, match="changed since you opened it"):
        value_update(
            value=v, user=people["owner"], version=1, item=ValueInput(period="2026", value=9)
        )
    v.refresh_from_db()
    assert (v.value, v.version, v.entered_by) == (4.0, 2, people["editor"])
    with pytest.raises(StaleEdit):
        value_delete(value=v, version=1)
    value_delete(value=v, version=2)
    assert not MeasureValue.objects.exists()


def test_a_mobility_metric_takes_no_typed_values(metric_measure) -> None:
    with pytest.raises(ValidationError, match="come from the Mobility Metrics release"):
        value_add(measure=metric_measure, user=None, item=ValueInput(period="2026", value=0.7))


def test_values_loaded_together_are_all_or_nothing(measure, metric_measure) -> None:
    with pytest.raises(ValuesRejected) as caught:
        values_add_many(
            measure_items=[
                (measure, ValueInput(period="2025", value=1)),
                (measure, ValueInput(period="2025", value=2)),
                (metric_measure, ValueInput(period="2025", value=0.5)),
            ],
            user=None, origin="csv",
        )  # fmt: skip
    assert [(i, f) for i, f, _ in caught.value.problems] == [(1, "period"), (2, "measure")]
    assert not MeasureValue.objects.exists()


def test_the_story_is_saved_with_a_version_check(measure, people) -> None:
    story = story_save(
        measure=measure, user=people["owner"], version=0, texts={"story": "Jobs left."}
    )
    assert story.version == 1
    story_save(
        measure=measure, user=people["editor"], version=1, texts={"story": "Jobs came back."}
    )
    with pytest.raises(StaleEdit):
        story_save(measure=measure, user=people["owner"], version=1, texts={"story": "Mine"})
    with pytest.raises(StaleEdit):
        story_save(measure=measure, user=people["owner"], version=0, texts={"story": "New"})
    assert MeasureStory.objects.get().story == "Jobs came back."


# -- the release ------------------------------------------------------------------------------


def _winnebago_file(folder: Path, source: Path, *, year: str, changes: dict[str, str]) -> Path:
    """Winnebago County's row of one year of the combined county file, changed."""
    header, rows = release_rows(
        COUNTY_FILE,
        lambda r: r["state"] == "17" and r["county"] == "201" and r["year"] == "2023",
        folder=source,
    )
    rows[0].update({"year": year, **changes})
    return write(folder, COUNTY_FILE, rows_text(header, rows))


def _employed(value: str, lb: str, ub: str) -> dict[str, str]:
    return {"share_employed": value, "share_employed_lb": lb, "share_employed_ub": ub}


def test_release_sync_reads_the_metric_for_the_plans_place(plan, metric_measure) -> None:
    report = release_sync(plan=plan)
    values = list(MeasureValue.objects.filter(measure=metric_measure))
    assert report.added == len(values) >= 5
    assert {v.origin for v in values} == {"release"} and values[-1].period == "2023"
    assert "Urban Institute" in values[-1].source
    again = release_sync(plan=plan)
    assert (again.added, again.revised, again.moved) == (0, 0, {})


def test_two_imports_revise_a_value_then_add_a_year_and_flag_the_measure(
    plan, metric_measure, tmp_path, metrics_slice_dir
) -> None:
    release_sync(plan=plan)
    latest = MeasureValue.objects.get(measure=metric_measure, period="2023")
    old = latest.value

    first = _winnebago_file(
        tmp_path / "a", metrics_slice_dir, year="2023", changes=_employed("0.91", "0.89", "0.93")
    )
    metrics_import(sources=[first], label="Vintage A", after_load=no_refresh)

    latest.refresh_from_db()
    assert (latest.value, latest.previous_value) == (0.91, old) and latest.revised_at
    flag = ReleaseSync.objects.filter(plan=plan).first()
    assert flag is not None and flag.revised == 1
    assert "revised from 80.3% to 91.0%" in flag.moved[str(metric_measure.uuid)]

    second = _winnebago_file(
        tmp_path / "b", metrics_slice_dir, year="2024", changes=_employed("0.92", "0.9", "0.94")
    )
    metrics_import(sources=[second], label="Vintage B", after_load=no_refresh)

    newest = MeasureValue.objects.get(measure=metric_measure, period="2024")
    assert (newest.value, newest.origin, newest.previous_value) == (0.92, "release", None)
    flag = ReleaseSync.objects.filter(plan=plan).first()
    assert flag is not None and flag.added == 1
    assert "A newer year: 92.0% in 2024" in flag.moved[str(metric_measure.uuid)]


def test_values_typed_by_people_are_never_touched_by_the_release(
    plan, measure, metric_measure
) -> None:
    value_add(measure=measure, user=None, item=ValueInput(period="2023", value=12))
    release_sync(plan=plan)
    assert MeasureValue.objects.get(measure=measure).value == 12


def test_a_metric_for_one_group_and_the_groups_of_a_gap_target_are_read_too(plan, outcome) -> None:
    from metrics.models import Series
    from results.tests.conftest import measure_make
    from strategy.services import target_add

    series = (
        Series.objects.filter(geography=plan.geography)
        .exclude(subgroup__type="all")
        .select_related("metric", "subgroup")
        .order_by("metric__slug", "subgroup__name")
    )
    first = series.first()
    assert first is not None
    other = (
        series.filter(metric=first.metric, subgroup__type=first.subgroup.type)
        .exclude(subgroup=first.subgroup)
        .first()
    )
    assert other is not None
    measure = measure_make(
        plan, outcome, name="One group", unit=first.metric.unit, frequency="release",
        baseline_source="metric", baseline_metric_slug=first.metric.slug,
        baseline_subgroup_type=first.subgroup.type, baseline_subgroup_name=first.subgroup.name,
    )  # fmt: skip
    target_add(measure=measure, kind="gap", target_date=datetime.date(2030, 12, 31), value=0,
               group_a=first.subgroup.name, group_b=other.subgroup.name)  # fmt: skip
    release_sync(plan=plan)
    groups = set(MeasureValue.objects.filter(measure=measure).values_list("subgroup", flat=True))
    assert groups == {first.subgroup.name, other.subgroup.name}
