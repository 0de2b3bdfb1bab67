from __future__ import annotations

import datetime

from results.analysis import Point, change_words, forecast_fit, meets, status_for
from results.charts import chart_rows, measure_spec

D = datetime.date


def yearly(*values: tuple[int, float, float | None, float | None]) -> list[Point]:
    return [Point(D(y, 12, 31), v, lb, ub, str(y)) for y, v, lb, ub in values]


def test_the_line_through_steady_values_continues_their_pace() -> None:
    fit = forecast_fit(
        points=yearly((2022, 10, None, None), (2023, 12, None, None), (2024, 14, None, None))
    )
    assert fit is not None and abs(fit.at(D(2026, 12, 31)) - 18) < 0.01
    assert fit.spread is not None and fit.spread < 0.001 and fit.count == 3


def test_two_values_give_a_line_without_a_band_and_one_value_no_line() -> None:
    fit = forecast_fit(points=yearly((2023, 10, None, None), (2024, 11, None, None)))
    assert fit is not None and fit.band(D(2026, 1, 1)) is None
    assert forecast_fit(points=yearly((2024, 11, None, None))) is None


def test_the_line_uses_only_the_last_five_values() -> None:
    points = yearly(*((y, 100.0, None, None) for y in range(2010, 2016)),
                    *((y, float(y - 2016), None, None) for y in range(2016, 2021)))  # fmt: skip
    fit = forecast_fit(points=points)
    assert fit is not None and fit.count == 5 and abs(fit.slope - 1) < 0.01


def test_meeting_a_target_depends_on_the_direction() -> None:
    assert meets(value=0.8, target=0.7, direction="higher")
    assert not meets(value=0.8, target=0.7, direction="lower")
    assert meets(value=0.95, target=1.1, direction="parity")
    assert not meets(value=0.8, target=1.1, direction="parity")
    assert meets(value=-3, target=5, direction="higher", gap=True)


def test_status_on_track_off_track_and_not_enough_data() -> None:
    rising = yearly((2023, 10, None, None), (2024, 12, None, None))
    on = status_for(
        points=rising,
        target_value=15,
        target_date=D(2026, 12, 31),
        direction="higher",
        unit="count",
    )
    off = status_for(
        points=rising,
        target_value=20,
        target_date=D(2026, 12, 31),
        direction="higher",
        unit="count",
    )
    lower = status_for(
        points=rising, target_value=8, target_date=D(2026, 12, 31), direction="lower", unit="count"
    )
    one = status_for(
        points=rising[:1],
        target_value=8,
        target_date=D(2026, 12, 31),
        direction="higher",
        unit="count",
    )
    assert (on.code, off.code, lower.code, one.code) == (
        "on-track",
        "off-track",
        "off-track",
        "no-data",
    )
    assert on.sentence == (
        "If nothing changes, the line reaches about 16 by December 2026: the target of 15 is met."
    )
    assert "short of the target of 20" in off.sentence
    assert "already meets it" in one.sentence


def test_a_change_is_real_only_when_the_intervals_do_not_overlap() -> None:
    overlap = yearly((2021, 0.60, 0.55, 0.65), (2023, 0.63, 0.58, 0.68))
    apart = yearly((2021, 0.60, 0.58, 0.62), (2023, 0.66, 0.64, 0.68))
    bare = yearly((2021, 0.60, None, None), (2023, 0.66, None, None))
    assert change_words(points=overlap, direction="higher") == (
        "The 2023 value is higher than 2021 (better), but their intervals overlap, so the "
        "change may be noise."
    )
    assert change_words(points=apart, direction="lower").endswith(
        "(worse), and their intervals do not overlap: the change is real."
    )
    assert "cannot tell" in change_words(points=bare, direction="higher")
    assert change_words(points=bare[:1], direction="higher") == ""


def test_the_chart_holds_values_forecast_baseline_and_targets_each_labelled() -> None:
    points = yearly((2023, 10, 9, 11), (2024, 12, 11, 13), (2025, 13, 12, 14))
    fit = forecast_fit(points=points)
    rows = chart_rows(points=points, unit="count", fit=fit, horizon=D(2027, 12, 31),
                      baseline=(2022, 9.0), targets=[(D(2027, 12, 31), 20.0)])  # fmt: skip
    kinds = [r["kind"] for r in rows]
    assert kinds.count("value") == 3 and kinds.count("forecast") == 2
    assert "baseline" in kinds and "target" in kinds
    forecast_end = [r for r in rows if r["kind"] == "forecast"][-1]
    assert forecast_end["lb"] is not None and forecast_end["lb"] < forecast_end["value"]
    spec = measure_spec(name="Jobs", unit="count", unit_label="Count", place="Winnebago County",
                        rows=rows, from_release=True, description="Line chart")  # fmt: skip
    assert "Urban Institute" in " ".join(spec["title"]["subtitle"])
    texts = [layer["encoding"].get("text", {}).get("value") for layer in spec["layer"]]
    assert "Baseline" in texts and "Target" in texts


def test_the_same_chart_renders_to_svg_for_documents() -> None:
    from metrics.charts import chart_render

    points = yearly((2023, 10, 9, 11), (2024, 12, 11, 13))
    rows = chart_rows(points=points, unit="count", fit=forecast_fit(points=points),
                      horizon=D(2026, 12, 31), baseline=None, targets=[])  # fmt: skip
    spec = measure_spec(name="Jobs", unit="count", unit_label="Count", place="Here", rows=rows,
                        from_release=False, description="d")  # fmt: skip
    assert chart_render(spec=spec, fmt="svg").startswith(b"<svg")
