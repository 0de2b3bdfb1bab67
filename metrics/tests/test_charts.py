from __future__ import annotations

import pytest

from metrics.charts import chart_render, comparison_spec, subgroup_spec, trend_spec
from metrics.selectors.profiles import profile_for
from metrics.services.standings import distributions_refresh
from metrics.tests._profile_rows import geography_make, metric_make, series_make

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry():
    metric = metric_make(slug="test_share_good", name="Share employed")
    place = geography_make("98001", "Middle County")
    series_make(
        place, metric, [[2015, 0.6, 0.58, 0.62, 1], [2018, 0.65], [2021, 0.7, None, None, 3]]
    )
    for group, points in (
        (("all", "All"), [[2021, 0.7]]),
        (("race-ethnicity", "Hispanic"), [[2021, 0.6, 0.55, 0.65, 3]]),
        (("race-ethnicity", "White, Non-Hispanic"), [[2021, 0.75, 0.7, 0.8, 1]]),
    ):
        series_make(place, metric, points, dataset="test-subgroups", subgroup=group)
    distributions_refresh()
    return profile_for(geoid="98001").metric("test_share_good")


def test_the_trend_chart_draws_the_interval_as_a_band_and_years_as_whole_numbers(entry) -> None:
    spec = trend_spec(entry=entry, place="Middle County, Testland")

    band, line, _points = spec["layer"]
    assert band["mark"]["type"] == "area" and band["encoding"]["y2"] == {"field": "ub"}
    assert line["mark"]["type"] == "line"
    assert spec["encoding"]["x"]["axis"]["format"] == "d"
    assert spec["encoding"]["x"]["axis"]["values"] == [2015, 2018, 2021]
    assert spec["title"]["text"] == "Share employed"
    assert "Latest: 70.0% in 2021" in spec["description"]


def test_weak_years_differ_by_shape_as_well_as_colour(entry) -> None:
    points = trend_spec(entry=entry, place="Middle County")["layer"][2]["encoding"]

    scale = points["shape"]["scale"]
    shapes = dict(zip(scale["domain"], scale["range"], strict=True))
    assert shapes["Weak"] != shapes["Strong"]
    assert points["color"]["field"] == "quality"
    rows = trend_spec(entry=entry, place="Middle County")["data"]["values"]
    assert rows[-1]["quality"] == "Weak"


def test_the_group_chart_has_bars_whiskers_and_a_rule_for_all_residents(entry) -> None:
    spec = subgroup_spec(entry=entry, subgroups=entry.subgroup_set("race-ethnicity"), place="M")

    bars, whiskers, everyone = spec["layer"]
    assert bars["mark"]["type"] == "bar" and whiskers["mark"]["type"] == "rule"
    assert everyone["data"]["values"][0]["value"] == 0.7
    labels = [row["label"] for row in spec["data"]["values"]]
    assert labels == ["Hispanic (Weak)", "White, Non-Hispanic"]
    assert "All residents: 70.0%" in spec["description"]


def test_the_comparison_chart_takes_objects_or_dicts_and_skips_missing_values() -> None:
    rows = [
        {"label": "Here", "value": 0.5, "lb": 0.4, "ub": 0.6, "quality": "Strong", "role": "self"},
        {"label": "There", "value": None, "role": "peer"},
        {"label": "State median", "value": 0.45, "role": "state", "year": 2021},
    ]

    spec = comparison_spec(metric_name="Share employed", unit="share", rows=rows)

    labels = [row["label"] for row in spec["data"]["values"]]
    assert labels == ["Here", "State median (2021)"]
    assert "Here 50.0%" in spec["description"]


def test_a_chart_renders_to_svg_and_png(entry) -> None:
    spec = trend_spec(entry=entry, place="Middle County")

    svg = chart_render(spec=spec, fmt="svg")
    png = chart_render(spec=spec, fmt="png")

    assert svg.lstrip().startswith(b"<svg") and b"Share employed" in svg
    assert png.startswith(b"\x89PNG")
    assert spec["width"] == "container", "rendering must not change the page's spec"


def test_an_unknown_chart_format_is_refused() -> None:
    with pytest.raises(ValueError, match="Charts come as svg or png"):
        chart_render(spec={}, fmt="gif")
