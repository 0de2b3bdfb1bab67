"""One document, three files: a web page (HTML), a PDF drawn by WeasyPrint from that very
HTML, and a Word file written by python-docx. Charts are rendered once on the server from
the same Vega-Lite spec the browser draws (SVG in the HTML and PDF, PNG in Word).

Text in the blocks is plain text typed by people: Django's autoescape escapes it in the
HTML (and so in the PDF); Word receives it as text runs, never as markup.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import re
import threading
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from django.template.loader import render_to_string

from metrics.charts import VEGALITE_VERSION, chart_render
from reports.blocks import Block, BulletList, Chart, Heading, Paragraph, Table
from reports.selectors import Document

FORMATS = ("html", "pdf", "docx")
CONTENT_TYPES = {
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
CHART_THREADS = 4
PNG_SCALE = 2  # as metrics.charts.chart_render draws PNG: twice the size, sharp in print
KIND_NAMES = {Paragraph: "paragraph", Heading: "heading", BulletList: "list", Table: "table"}


# -- charts, rendered once per process for a given spec ------------------------------------


class _ChartCache:
    """Chart images by spec: in memory (the most recent ones) and on disk under the data
    directory, so a chart is drawn once for as long as its data do not change, whichever
    process asks (page downloads, issuing a report, the command line). JPEG (for the PDF of
    long documents: WeasyPrint embeds it as it is) is made from chart_render's PNG."""

    def __init__(self, size: int = 256) -> None:
        self._lock = threading.Lock()
        self._size = size
        self._items: OrderedDict[tuple[str, str], bytes] = OrderedDict()

    @staticmethod
    def _folder() -> Path | None:
        from django.conf import settings

        root = getattr(settings, "DATA_DIR", None)
        return Path(root) / "cache" / "charts" if root else None

    def _draw(self, spec: dict[str, Any], fmt: str) -> bytes:
        if fmt != "jpeg":
            return chart_render(spec=spec, fmt=fmt)
        from PIL import Image

        # From the PNG kept for Word, so a chart is drawn once for both files.
        picture = Image.open(io.BytesIO(self.render(spec, "png"))).convert("RGB")
        out = io.BytesIO()
        picture.save(out, format="JPEG", quality=90)
        return out.getvalue()

    def render(self, spec: dict[str, Any], fmt: str) -> bytes:
        text = json.dumps(spec, sort_keys=True, default=str)
        key = (text, fmt)
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        folder = self._folder()
        digest = hashlib.sha256(f"{VEGALITE_VERSION}|{fmt}|{text}".encode()).hexdigest()
        path = folder / digest[:2] / f"{digest}.{fmt}" if folder else None
        image = None
        if path is not None and path.exists():
            image = path.read_bytes()
        if image is None:
            image = self._draw(spec, fmt)
            if path is not None:
                try:
                    path.parent.mkdir(parents=True, exist_ok=True)
                    scratch = path.with_suffix(f".{os.getpid()}.{threading.get_ident()}.tmp")
                    scratch.write_bytes(image)
                    os.replace(scratch, path)
                except OSError:
                    pass  # a cache that cannot be written only costs time
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


ChartMode = Literal["browser", "image", "jpeg"]
IMAGE_TYPES = {"svg": "image/svg+xml", "jpeg": "image/jpeg"}
# Long documents (progress reports: a chart per measure) carry their charts in the PDF as
# JPEG images: WeasyPrint draws an SVG chart or re-compresses a PNG one for each of them.
# The images reach WeasyPrint through its URL fetcher ("upward-chart:N"), not as data URIs:
# a hundred of them made a 6 MB page that took its HTML parser over a second to read.
PDF_JPEG_KINDS = {"progress"}
CHART_SCHEME = "upward-chart:"


def _view_block(
    block: Block, where: str, mode: ChartMode, store: dict[str, bytes] | None = None
) -> ViewBlock:
    if not isinstance(block, Chart):
        return ViewBlock(KIND_NAMES[type(block)], block)
    if mode == "browser":
        return ViewBlock("chart", block, spec_id=f"spec-{where}")
    fmt = "jpeg" if mode == "jpeg" else "svg"
    image = chart_image(chart=block, fmt=fmt)
    if store is not None:
        name = f"{CHART_SCHEME}{len(store)}"
        store[name] = image
        return ViewBlock("chart", block, image=name)
    data = base64.b64encode(image).decode("ascii")
    return ViewBlock("chart", block, image=f"data:{IMAGE_TYPES[fmt]};base64,{data}")


def document_view(
    *, document: Document, charts: ChartMode, store: dict[str, bytes] | None = None
) -> list[ViewSection]:
    """The document as the templates walk it (`reports/_document_body.html`). With `store`,
    chart images are put there and named in the page by their key."""
    return [
        ViewSection(
            section.key,
            section.title,
            [
                _view_block(block, f"{section.key}-{n}", charts, store)
                for n, block in enumerate(section.blocks)
            ],
        )
        for section in document.sections
    ]


def html_render(
    *, document: Document, images: str = "svg", store: dict[str, bytes] | None = None
) -> str:
    """A standalone page (styles inside, charts as images, SVG unless told "jpeg"): the
    HTML file and the PDF's source."""
    charts_prepare(document=document, fmt=images)
    mode: ChartMode = "jpeg" if images == "jpeg" else "image"
    context = {
        "document": document,
        "sections": document_view(document=document, charts=mode, store=store),
        "printed": True,
        # In a long PDF each chart's numbers come as one line of text, not a table: tables
        # cost WeasyPrint most of its time (a report of 100 measures took 7 s to lay out).
        "compact": images == "jpeg",
    }
    return render_to_string("reports/print.html", context)


# -- PDF -----------------------------------------------------------------------------------


def pdf_render(*, document: Document) -> bytes:
    import weasyprint

    if document.kind not in PDF_JPEG_KINDS:
        html = html_render(document=document)
        # Tagged: screen readers find the headings, lists and tables of the PDF too.
        return bytes(weasyprint.HTML(string=html, base_url=None).write_pdf(pdf_tags=True))
    store: dict[str, bytes] = {}
    html = html_render(document=document, images="jpeg", store=store)

    from weasyprint.urls import URLFetcherResponse

    def fetch(url: str, *args: Any, **kwargs: Any) -> URLFetcherResponse:
        if url in store:
            return URLFetcherResponse(url, body=store[url], headers={"Content-Type": "image/jpeg"})
        raise ValueError(f"Documents load nothing from outside: {url[:80]!r}")

    page = weasyprint.HTML(string=html, base_url=None, url_fetcher=fetch)
    return bytes(page.write_pdf(pdf_tags=True))


# -- Word ----------------------------------------------------------------------------------

# Characters XML 1.0 refuses (python-docx would raise on them); people paste them by accident.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _text(value: object) -> str:
    return _NOT_XML.sub("", str(value))


class _Word:
    """A python-docx document with its style ids looked up once. python-docx finds a style
    by name by scanning every style of its template, and a cell by walking the whole table,
    on each call: most of the time of a long plan. Here paragraphs get their style id and
    table cells their text directly; the file is the same."""

    def __init__(self, doc: Any) -> None:
        self.doc = doc
        self._ids: dict[str, str] = {}

    def style_id(self, name: str) -> str:
        if name not in self._ids:
            self._ids[name] = self.doc.styles[name].style_id
        return self._ids[name]

    def paragraph(self, text: str = "", style: str = "") -> Any:
        paragraph = self.doc.add_paragraph(_text(text) if text else "")
        if style:
            paragraph._p.style = self.style_id(style)
        return paragraph

    def heading(self, text: str, level: int) -> Any:
        return self.paragraph(text, "Title" if level == 0 else f"Heading {level}")


def _cell_text(tc: Any, text: str, bold: bool = False) -> None:
    """What `cell.text = text` does, on a new cell (which holds one empty paragraph)."""
    from docx.text.run import Run

    run = Run(tc.p_lst[0].add_r(), None)  # type: ignore[arg-type]
    run.text = _text(text)
    if bold:
        run.bold = True


def _docx_table(word: _Word, table: Table) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    word.paragraph(table.caption, "Caption")
    width = max([1, len(table.header), *(len(row) for row in table.rows)])
    grid = word.doc.add_table(rows=1 + len(table.rows), cols=width)
    grid._tbl.tblStyle_val = word.style_id("Table Grid")
    rows = grid._tbl.tr_lst
    marker = OxmlElement("w:tblHeader")  # repeat the header row on every page
    marker.set(qn("w:val"), "true")
    rows[0].get_or_add_trPr().append(marker)
    for tc, text in zip(rows[0].tc_lst, table.header, strict=False):
        _cell_text(tc, text, bold=True)
    for tr, values in zip(rows[1:], table.rows, strict=True):
        for tc, text in zip(tr.tc_lst, values, strict=False):
            _cell_text(tc, text)
    word.paragraph()


def _docx_chart(word: _Word, chart: Chart) -> None:
    from docx.shared import Inches

    image = io.BytesIO(chart_image(chart=chart, fmt="png"))
    picture = word.doc.add_picture(image, width=Inches(6.2))
    description = chart.spec.get("description") or chart.caption
    picture._inline.docPr.set("descr", _text(description))  # the picture's alternative text
    word.paragraph(chart.caption, "Caption")
    if chart.table is not None:
        _docx_table(word, chart.table)


def _docx_block(word: _Word, block: Block) -> None:
    if isinstance(block, Paragraph):
        word.doc.add_paragraph().add_run(_text(block.text)).italic = block.emphasis
    elif isinstance(block, Heading):
        word.heading(block.text, level=2 if block.level <= 3 else 3)
    elif isinstance(block, BulletList):
        for item in block.items:
            word.paragraph(item, "List Bullet")
    elif isinstance(block, Table):
        _docx_table(word, block)
    elif isinstance(block, Chart):
        _docx_chart(word, block)


def docx_render(*, document: Document) -> bytes:
    import docx

    charts_prepare(document=document, fmt="png")
    doc = docx.Document()
    word = _Word(doc)
    doc.core_properties.title = _text(document.title)
    doc.core_properties.subject = _text(document.subtitle)
    word.heading(document.title, level=0)
    word.paragraph(document.subtitle)
    word.paragraph(document.date)
    for section in document.sections:
        word.heading(section.title, level=1)
        for block in section.blocks:
            _docx_block(word, block)
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
