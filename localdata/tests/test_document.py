from __future__ import annotations

import pytest

from localdata import services
from localdata.document import map_section
from reports.blocks import Chart, Table

pytestmark = pytest.mark.django_db


def test_the_plan_document_has_no_local_data_section_before_anything_is_recorded(plan) -> None:
    assert map_section(plan=plan) is None


def test_the_section_has_the_inventory_and_each_indicators_latest_value_with_a_chart(
    plan, indicator
) -> None:
    section = map_section(plan=plan)
    assert section is not None and section.title == "Local data"
    tables = [b for b in section.blocks if isinstance(b, Table)]
    assert tables[0].rows[0][:4] == ["District attendance records", "Administrative data",
                                     "Not recorded", "By request"]  # fmt: skip
    charts = [b for b in section.blocks if isinstance(b, Chart)]
    assert len(charts) == 1 and charts[0].table is not None
    assert ["2021", "Black residents", "61.0%", "57.0% to 65.0%"] in charts[0].table.rows
    texts = " ".join(getattr(b, "text", "") for b in section.blocks)
    assert "72.0% in 2021 (interval 70.0% to 74.0%), all residents." in texts


def test_typed_text_stays_plain_text_in_the_section(plan, people) -> None:
    services.data_source_save(
        plan=plan, user=people["owner"],
        data={"name": "<b>Records</b>", "type": "other", "access": "open"},
    )  # fmt: skip
    section = map_section(plan=plan)
    assert section is not None
    table = next(b for b in section.blocks if isinstance(b, Table))
    assert table.rows[0][0] == "<b>Records</b>"
