from __future__ import annotations

import pytest

from localdata import services
from localdata.models import DataSource, Indicator


@pytest.fixture
def source(plan, people) -> DataSource:  # type: ignore[no-untyped-def]
    """A school-district record in the Winnebago plan's inventory."""
    return services.data_source_save(
        plan=plan, user=people["owner"],
        data={"name": "District attendance records", "type": "administrative", "access": "request",
              "year_from": 2015, "year_to": 2023, "groups": ["race and ethnicity"],
              "refresh": "yearly", "predictors": ["employment-opportunities"], "notes": "",
              "link": ""},
    )  # fmt: skip


@pytest.fixture
def indicator(plan, source) -> Indicator:  # type: ignore[no-untyped-def]
    """A local employment rate tied to the predictor of share_employed, with values."""
    made = services.indicator_save(
        plan=plan, source=source,
        data={"name": "Adults working, county survey", "unit": "share", "direction": "higher",
              "description": "", "predictor": "employment-opportunities"},
    )  # fmt: skip
    outcome = services.indicator_values_import(
        indicator=made,
        data=b"year,subgroup,value,lb,ub\n2019,,0.70,0.68,0.72\n2021,,0.72,0.70,0.74\n"
        b"2021,Black residents,0.61,0.57,0.65\n",
        filename="survey.csv",
    )
    assert outcome.ok
    return made
