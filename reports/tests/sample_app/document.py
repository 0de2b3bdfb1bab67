"""A step app as the reports app sees it: installed by tests that need one more section."""

from __future__ import annotations

from reports.blocks import BulletList, Heading, Paragraph, Section, Table

MARKUP = '<i>typed</i> & <script>alert("sample")</script>'


def map_section(*, plan) -> Section:  # type: ignore[no-untyped-def]
    return Section(
        "sample", "Sample step", 45,
        [
            Heading("Sample heading"),
            Paragraph(f"SAMPLE-PARAGRAPH {MARKUP}"),
            BulletList(["sample one", f"sample two {MARKUP}"]),
            Table("Sample table", ["Name", "Value"], [["alpha", "1"], [MARKUP, "2"]]),
        ],
    )  # fmt: skip


def measurement_section(*, plan) -> None:  # type: ignore[no-untyped-def]
    return None  # nothing yet: left out


def summary_section(*, plan) -> Section:  # type: ignore[no-untyped-def]
    return Section(
        "vision", "Our vision", 10,
        [Paragraph("SAMPLE-VISION: every family thrives."),
         BulletList(["Priority one", "Priority two"])],
    )  # fmt: skip


def roster_table(*, plan) -> Table:  # type: ignore[no-untyped-def]
    return Table("Members", ["Name", "Organization"], [["ROSTER-PERSON", "Library"]])
