"""Step 5 in the Mobility Action Plan: the data inventory and each local indicator's
latest figure with its chart. Plain text only: the renderers escape it."""

from __future__ import annotations

from localdata.charts import indicator_trend_spec
from localdata.selectors import IndicatorView, SourceRow, indicator_words, inventory_for
from plans.models import Plan
from reports.blocks import Block, Chart, Heading, Paragraph, Section, Table

ORDER = 50


def _inventory_table(place: str, sources: list[SourceRow]) -> Table:
    return Table(
        caption=f"Local data sources for {place}",
        header=["Source", "Kind", "Held by", "Access", "Years", "Groups", "Predictors"],
        rows=[
            [
                s.name, s.type_label, s.owner, s.access_label, s.years,
                ", ".join(s.groups) or "None recorded",
                "; ".join(p.name for p in s.predictors) or "None chosen",
            ]
            for s in sources
        ],
    )  # fmt: skip


def _indicator_blocks(item: IndicatorView, place: str) -> list[Block]:
    blocks: list[Block] = [Heading(item.name, level=4)]
    blocks.append(Paragraph(indicator_words(indicator=item, place=place)))
    if not item.points:
        return blocks
    table = Table(
        caption=f"{item.name}, {place}",
        header=["Year", "Group", "Value", "Interval"],
        rows=[
            [str(p.year), p.group_label, p.text, p.interval or "None given"] for p in item.points
        ],
    )
    spec = indicator_trend_spec(indicator=item, place=place)
    blocks.append(
        Chart(spec=spec, caption=f"{item.name}. Source: {item.source_name}.", table=table)
    )
    return blocks


def map_section(*, plan: Plan) -> Section | None:
    inventory = inventory_for(plan=plan)
    if not inventory.sources and not inventory.indicators:
        return None
    place = inventory.place
    blocks: list[Block] = [
        Paragraph(
            "Beyond the Mobility Metrics, the coalition listed the local data it can draw on "
            "and tracked the local indicators below."
        )
    ]
    if inventory.sources:
        blocks += [Heading("Data inventory"), _inventory_table(place, inventory.sources)]
    if inventory.indicators:
        blocks.append(Heading("Local indicators"))
        for item in inventory.indicators:
            blocks += _indicator_blocks(item, place)
    return Section(key="local-data", title="Local data", order=ORDER, blocks=blocks)
