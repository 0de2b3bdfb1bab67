"""A document as JSON and back, so an issued progress report keeps exactly what it said."""

from __future__ import annotations

from typing import Any

from reports.blocks import Block, BulletList, Chart, Heading, Paragraph, Section, Table
from reports.selectors import Document


def _table_json(table: Table) -> dict[str, Any]:
    return {
        "caption": table.caption,
        "header": list(table.header),
        "rows": [list(row) for row in table.rows],
    }


def _table_from(data: dict[str, Any]) -> Table:
    return Table(
        caption=data["caption"],
        header=list(data["header"]),
        rows=[list(row) for row in data["rows"]],
    )


def block_json(block: Block) -> dict[str, Any]:
    if isinstance(block, Paragraph):
        return {"type": "paragraph", "text": block.text, "emphasis": block.emphasis}
    if isinstance(block, Heading):
        return {"type": "heading", "text": block.text, "level": block.level}
    if isinstance(block, BulletList):
        return {"type": "list", "items": list(block.items)}
    if isinstance(block, Table):
        return {"type": "table", **_table_json(block)}
    return {
        "type": "chart",
        "spec": block.spec,
        "caption": block.caption,
        "table": _table_json(block.table) if block.table is not None else None,
    }


def block_from(data: dict[str, Any]) -> Block:
    kind = data["type"]
    if kind == "paragraph":
        return Paragraph(data["text"], bool(data.get("emphasis")))
    if kind == "heading":
        return Heading(data["text"], int(data.get("level", 3)))
    if kind == "list":
        return BulletList(list(data["items"]))
    if kind == "table":
        return _table_from(data)
    if kind == "chart":
        table = data.get("table")
        return Chart(data["spec"], data["caption"], _table_from(table) if table else None)
    raise ValueError(f"Unknown block type {kind!r} in a frozen document.")


def document_json(*, document: Document) -> dict[str, Any]:
    return {
        "kind": document.kind,
        "title": document.title,
        "subtitle": document.subtitle,
        "place": document.place,
        "lead": document.lead,
        "date": document.date,
        "sections": [
            {
                "key": s.key,
                "title": s.title,
                "order": s.order,
                "blocks": [block_json(b) for b in s.blocks],
            }
            for s in document.sections
        ],
    }


def document_from(*, data: dict[str, Any]) -> Document:
    return Document(
        kind=data["kind"],
        title=data["title"],
        subtitle=data["subtitle"],
        place=data["place"],
        lead=data["lead"],
        date=data["date"],
        sections=[
            Section(s["key"], s["title"], s["order"], [block_from(b) for b in s["blocks"]])
            for s in data["sections"]
        ],
    )
