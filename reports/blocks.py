"""The pieces a document is made of. Each step's app describes its part of the Mobility
Action Plan with these; the reports app renders them to a web page, PDF and Word, so the
three never differ.

    from reports.blocks import Section, Paragraph, Heading, BulletList, Table, Chart

    def map_section(*, plan) -> Section | None:   # in <app>/document.py
        return Section(key="readiness", title="Readiness", order=30, blocks=[...])

Text is plain text (never HTML): renderers escape it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Paragraph:
    text: str
    emphasis: bool = False


@dataclass
class Heading:
    text: str
    level: int = 3  # 3 or 4: the section title is level 2


@dataclass
class BulletList:
    items: list[str]


@dataclass
class Table:
    caption: str
    header: list[str]
    rows: list[list[str]]


@dataclass
class Chart:
    """A Vega-Lite spec (built in Python), drawn in the page and rendered to an image in
    PDF and Word; its table is shown beside it for readers who cannot see it."""

    spec: dict[str, Any]
    caption: str
    table: Table | None = None


Block = Paragraph | Heading | BulletList | Table | Chart


@dataclass
class Section:
    key: str  # stable name, e.g. "readiness"
    title: str
    order: int  # position in the plan: 10 approach, 20 metrics, 30 readiness, ...
    blocks: list[Block] = field(default_factory=list)
