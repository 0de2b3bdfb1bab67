"""A strategy step that gives only its map_section: the summary reads vision, priorities and
actions from it."""

from __future__ import annotations

from reports.blocks import BulletList, Heading, Paragraph, Section


def map_section(*, plan) -> Section:  # type: ignore[no-untyped-def]
    return Section(
        "strategy", "Vision, priorities and strategic actions", 70,
        [
            Heading("Our vision"),
            Paragraph("Every <family> thrives here.", emphasis=True),
            Heading("Priority: Good jobs"),
            Paragraph("Wages that pay the rent."),
            Heading("Apprenticeships with the hospital", level=4),
            BulletList(["Lead organization: Hospital"]),
            Heading("Priority: Stable homes"),
            Heading("A fund for repairs", level=4),
        ],
    )  # fmt: skip
