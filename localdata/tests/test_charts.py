from __future__ import annotations

import pytest

from localdata import services
from localdata.charts import indicator_groups_spec, indicator_trend_spec
from localdata.selectors import indicator_view
from metrics.charts import chart_render

pytestmark = pytest.mark.django_db


def test_the_trend_and_group_charts_draw_with_the_local_source_named(indicator) -> None:
    view = indicator_view(indicator=indicator)
    trend = indicator_trend_spec(indicator=view, place="Winnebago County, Illinois")
    groups = indicator_groups_spec(indicator=view, place="Winnebago County, Illinois")
    assert groups is not None
    assert trend["title"]["subtitle"][1] == "Source: District attendance records (local data)"
    assert [row["year"] for row in trend["data"]["values"]] == [2019, 2021]
    assert "Latest: 72.0% in 2021." in trend["description"]
    assert [row["label"] for row in groups["data"]["values"]] == [
        "All residents",
        "Black residents",
    ]
    for spec in (trend, groups):
        svg = chart_render(spec=spec, fmt="svg").decode()
        assert "Adults working, county survey" in svg and "local data" in svg


def test_without_a_figure_for_all_residents_the_trend_has_a_line_per_group(
    indicator,
) -> None:
    services.indicator_values_import(
        indicator=indicator,
        data=b"year,subgroup,value\n2019,Youth,0.4\n2020,Youth,0.5\n2020,Seniors,0.3\n",
        filename="groups.csv",
    )
    view = indicator_view(indicator=indicator)
    spec = indicator_trend_spec(indicator=view, place="Winnebago County, Illinois")
    assert {row["group"] for row in spec["data"]["values"]} == {"Youth", "Seniors"}
    assert spec["layer"][2]["encoding"]["shape"]["field"] == "group"  # not colour alone
    assert "Youth" in chart_render(spec=spec, fmt="svg").decode()
