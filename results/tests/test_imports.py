from __future__ import annotations

from results.imports import values_csv_import, values_csv_template
from results.models import MeasureValue
from results.services import ValueInput, release_sync, value_add


def load(plan, user, text: str | bytes, dry_run: bool = False):  # type: ignore[no-untyped-def]
    content = text.encode() if isinstance(text, str) else text
    return values_csv_import(
        plan=plan, user=user, content=content, filename="v.csv", dry_run=dry_run
    )


def where(outcome) -> list[tuple[int, str]]:  # type: ignore[no-untyped-def]
    return [(p.line, p.column) for p in outcome.problems]


def test_a_good_file_loads_every_value_by_name_or_uuid(
    plan, people, measure, other_measure
) -> None:
    text = (
        "measure,period,value,lb,ub,subgroup,source,note\n"
        f"{measure.name},2025,11,10,12,,Chamber survey,\n"
        f"{other_measure.uuid},2026-Q1,3,,,Youth,,First quarter\n"
    )
    outcome = load(plan, people["editor"], text)
    assert outcome.ok and outcome.loaded == 2
    v = MeasureValue.objects.get(measure=other_measure)
    assert (v.period, v.subgroup, v.note, v.origin, v.entered_by) == (
        "2026-Q1", "Youth", "First quarter", "csv", people["editor"],
    )  # fmt: skip


def test_a_dry_run_checks_and_loads_nothing(plan, people, measure) -> None:
    outcome = load(plan, people["editor"], f"measure,period,value\n{measure.name},2025,11\n", True)
    assert outcome.ok and outcome.loaded == 0 and "check only" in outcome.summary()
    assert not MeasureValue.objects.exists()


def test_every_problem_is_listed_by_line_and_column_and_nothing_is_loaded(
    plan, people, measure, metric_measure
) -> None:
    value_add(measure=measure, user=None, item=ValueInput(period="2024", value=1))
    text = (
        "measure,period,value,lb,ub\n"
        f"{measure.name},2025,11,,\n"
        f"{measure.name},2025-14,ten,,\n"
        "Nobody's measure,2025,1,,\n"
        f"{metric_measure.name},2025,0.5,,\n"
        f"{measure.name},2025,12,,\n"
        f"{measure.name},2023,5,4,\n"
        f"{measure.name},2026,5,6,7\n"
        f"{measure.name},2024,5,,\n"
    )
    outcome = load(plan, people["editor"], text)
    assert where(outcome) == [
        (3, "period"), (3, "value"), (4, "measure"), (5, "measure"), (6, "period"), (7, "ub"),
        (8, "lb"), (9, "period"),
    ]  # fmt: skip
    messages = " ".join(p.message for p in outcome.problems)
    assert "twice for 2025" in messages and "already has a value for 2024" in messages
    assert "Mobility Metric" in messages and outcome.loaded == 0
    assert MeasureValue.objects.count() == 1


def test_a_file_without_the_required_columns_or_in_another_encoding_is_refused(
    plan, people
) -> None:
    assert where(load(plan, people["editor"], "measure,value\nx,1\n")) == [(1, "period")]
    assert (
        "UTF-8"
        in load(plan, people["editor"], "measure,period,value\n\xe9,2025,1\n".encode("latin-1"))
        .problems[0]
        .message
    )
    assert "no values" in load(plan, people["editor"], "measure,period,value\n").problems[0].message
    assert "empty" in load(plan, people["editor"], b"").problems[0].message


def test_a_contributor_loads_only_their_own_measures(plan, people, measure, other_measure) -> None:
    text = f"measure,period,value\n{measure.name},2025,1\n{other_measure.name},2025,2\n"
    outcome = load(plan, people["contributor"], text)
    assert where(outcome) == [(3, "measure")] and "Your role" in outcome.problems[0].message
    assert not MeasureValue.objects.exists()
    assert where(load(plan, people["viewer"], text)) == [(2, "measure"), (3, "measure")]


def test_a_formula_like_name_in_the_template_is_defused(plan, outcome) -> None:
    from results.tests.conftest import measure_make

    measure_make(plan, outcome, name="=HYPERLINK(1)")
    assert "'=HYPERLINK(1),2026" in values_csv_template(plan=plan)


def test_the_operator_without_a_user_loads_any_measure_entered_by_hand(plan, other_measure) -> None:
    release_sync(plan=plan)
    outcome = load(plan, None, f"measure,period,value\n{other_measure.name},2026-Q2,4\n")
    assert outcome.ok and MeasureValue.objects.get().entered_by is None


def test_every_value_downloads_and_loads_back_unchanged(plan, people, measure) -> None:
    from results.imports import values_csv_export

    value_add(measure=measure, user=None,
              item=ValueInput(period="2025", value=11, lb=10, ub=12, note="=SUM(A1)"))  # fmt: skip
    text = values_csv_export(plan=plan)
    assert "'=SUM(A1)" in text
    MeasureValue.objects.all().delete()
    outcome = load(plan, people["editor"], text)
    assert outcome.ok and outcome.ignored == ["origin"]
    v = MeasureValue.objects.get()
    assert (v.period, v.value, v.lb, v.ub, v.note) == ("2025", 11.0, 10.0, 12.0, "=SUM(A1)")
