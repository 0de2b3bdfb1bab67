"""One document, three files: a web page (HTML), a PDF drawn by WeasyPrint from that very
HTML, and a Word file written by python-docx. Charts are rendered once on the server from
the same Vega-Lite spec the browser draws (SVG in the HTML and PDF, PNG in Word).

Text in the blocks is plain text typed by people: Django's autoescape escapes it in the
HTML (and so in the PDF); Word receives it as text runs, never as markup.
"""

from __future__ import annotations

import base64
import io
import json
import re
import threading
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, Literal

from django.template.loader import render_to_string

from metrics.charts import chart_render
from reports.blocks import Block, BulletList, Chart, Heading, Paragraph, Table
from reports.selectors import Document

FORMATS = ("html", "pdf", "docx")
CONTENT_TYPES = {
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
CHART_THREADS = 4
KIND_NAMES = {Paragraph: "paragraph", Heading: "heading", BulletList: "list", Table: "table"}


# -- charts, rendered once per process for a given spec ------------------------------------


class _ChartCache:
    def __init__(self, size: int = 64) -> None:
        self._lock = threading.Lock()
        self._size = size
        self._items: OrderedDict[tuple[str, str], bytes] = OrderedDict()

    def render(self, spec: dict[str, Any], fmt: str) -> bytes:
        key = (json.dumps(spec, sort_keys=True, default=str), fmt)
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        image = chart_render(spec=spec, fmt=fmt)
        with self._lock:
            self._items[key] = image
            while len(self._items) > self._size:
                self._items.popitem(last=False)
        return image


_CHARTS = _ChartCache()


def chart_image(*, chart: Chart, fmt: str) -> bytes:
    return _CHARTS.render(chart.spec, fmt)


def charts_prepare(*, document: Document, fmt: str) -> None:
    """Render every chart of the document at once, side by side: vl-convert works outside
    the GIL, so a plan with several charts is drawn in about the time of the slowest."""
    charts = [b for s in document.sections for b in s.blocks if isinstance(b, Chart)]
    if len(charts) < 2:
        return
    with ThreadPoolExecutor(max_workers=min(CHART_THREADS, len(charts))) as pool:
        list(pool.map(lambda chart: chart_image(chart=chart, fmt=fmt), charts))


# -- HTML ----------------------------------------------------------------------------------


@dataclass
class ViewBlock:
    kind: str  # paragraph, heading, list, table, chart
    block: Block
    spec_id: str = ""  # charts drawn in the browser: the id of their <script> spec
    image: str = ""  # charts drawn on the server: an SVG data URI (never inlined markup)


@dataclass
class ViewSection:
    key: str
    title: str
    blocks: list[ViewBlock]


ChartMode = Literal["browser", "image"]


def _view_block(block: Block, where: str, mode: ChartMode) -> ViewBlock:
    if not isinstance(block, Chart):
        return ViewBlock(KIND_NAMES[type(block)], block)
    if mode == "browser":
        return ViewBlock("chart", block, spec_id=f"spec-{where}")
    svg = base64.b64encode(chart_image(chart=block, fmt="svg")).decode("ascii")
    return ViewBlock("chart", block, image=f"data:image/svg+xml;base64,{svg}")


def document_view(*, document: Document, charts: ChartMode) -> list[ViewSection]:
    """The document as the templates walk it (`reports/_document_body.html`)."""
    return [
        ViewSection(
            section.key,
            section.title,
            [
                _view_block(block, f"{section.key}-{n}", charts)
                for n, block in enumerate(section.blocks)
            ],
        )
        for section in document.sections
    ]


def html_render(*, document: Document) -> str:
    """A standalone page (styles inside, charts as images): the HTML file and the PDF's
    source."""
    charts_prepare(document=document, fmt="svg")
    context = {
        "document": document,
        "sections": document_view(document=document, charts="image"),
        "printed": True,
    }
    return render_to_string("reports/print.html", context)


# -- PDF -----------------------------------------------------------------------------------


def pdf_render(*, document: Document) -> bytes:
    import weasyprint

    html = html_render(document=document)
    # Tagged: screen readers find the headings, lists and tables of the PDF too.
    return bytes(weasyprint.HTML(string=html, base_url=None).write_pdf(pdf_tags=True))


# -- Word ----------------------------------------------------------------------------------

# Characters XML 1.0 refuses (python-docx would raise on them); people paste them by accident.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _text(value: object) -> str:
    return _NOT_XML.sub("", str(value))


def _docx_table(doc: Any, table: Table) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    doc.add_paragraph(_text(table.caption), style="Caption")
    width = max([1, len(table.header), *(len(row) for row in table.rows)])
    grid = doc.add_table(rows=1 + len(table.rows), cols=width)
    grid.style = "Table Grid"
    header_row = grid.rows[0]
    marker = OxmlElement("w:tblHeader")  # repeat the header row on every page
    marker.set(qn("w:val"), "true")
    header_row._tr.get_or_add_trPr().append(marker)
    for cell, text in zip(header_row.cells, table.header, strict=False):
        cell.text = ""
        cell.paragraphs[0].add_run(_text(text)).bold = True
    for row, values in zip(grid.rows[1:], table.rows, strict=True):
        for cell, text in zip(row.cells, values, strict=False):
            cell.text = _text(text)
    doc.add_paragraph()


def _docx_chart(doc: Any, chart: Chart) -> None:
    from docx.shared import Inches

    picture = doc.add_picture(io.BytesIO(chart_image(chart=chart, fmt="png")), width=Inches(6.2))
    description = chart.spec.get("description") or chart.caption
    picture._inline.docPr.set("descr", _text(description))  # the picture's alternative text
    doc.add_paragraph(_text(chart.caption), style="Caption")
    if chart.table is not None:
        _docx_table(doc, chart.table)


def _docx_block(doc: Any, block: Block) -> None:
    if isinstance(block, Paragraph):
        doc.add_paragraph().add_run(_text(block.text)).italic = block.emphasis
    elif isinstance(block, Heading):
        doc.add_heading(_text(block.text), level=2 if block.level <= 3 else 3)
    elif isinstance(block, BulletList):
        for item in block.items:
            doc.add_paragraph(_text(item), style="List Bullet")
    elif isinstance(block, Table):
        _docx_table(doc, block)
    elif isinstance(block, Chart):
        _docx_chart(doc, block)


def docx_render(*, document: Document) -> bytes:
    import docx

    charts_prepare(document=document, fmt="png")
    doc = docx.Document()
    doc.core_properties.title = _text(document.title)
    doc.core_properties.subject = _text(document.subtitle)
    doc.add_heading(_text(document.title), level=0)
    doc.add_paragraph(_text(document.subtitle))
    doc.add_paragraph(_text(document.date))
    for section in document.sections:
        doc.add_heading(_text(section.title), level=1)
        for block in section.blocks:
            _docx_block(doc, block)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def document_render(*, document: Document, fmt: str) -> bytes:
    if fmt == "html":
        return html_render(document=document).encode("utf-8")
    if fmt == "pdf":
        return pdf_render(document=document)
    if fmt == "docx":
        return docx_render(document=document)
    raise ValueError(f"Unknown format {fmt!r}: choose {', '.join(FORMATS)}.")
