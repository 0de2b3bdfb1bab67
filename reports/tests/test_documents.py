from __future__ import annotations

import io

import pytest
from docx import Document as WordDocument

from plans.models import InsightStatus, PlanInsight
from reports.renderers import document_render, html_render
from reports.selectors import app_sections, document_build
from reports.tests.conftest import MARKUP

pytestmark = pytest.mark.django_db


def pdf_pages(data: bytes) -> list[str]:
    from pypdf import PdfReader

    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def word(data: bytes):  # type: ignore[no-untyped-def]
    return WordDocument(io.BytesIO(data))


def word_text(data: bytes) -> str:
    return "\n".join(p.text for p in word(data).paragraphs)


def test_the_plan_opens_with_the_letter_then_summary_approach_and_figures(written) -> None:
    titles = [s.title for s in document_build(plan=written, kind="map").sections]
    assert titles[:4] == [
        "Letter from leadership", "Summary", "Our approach", "Where we stand: the Mobility Metrics",
    ]  # fmt: skip
    assert "Appendix: the Mobility Metrics" in titles


def test_a_plan_with_nothing_written_still_makes_a_document(plan) -> None:
    titles = [s.title for s in document_build(plan=plan, kind="map").sections]
    assert "Letter from leadership" not in titles and "Our approach" not in titles
    assert "Summary" in titles and "Appendix: the Mobility Metrics" in titles


def test_sections_of_other_apps_are_found_and_placed_by_their_order(written, sample_app) -> None:
    sections = document_build(plan=written, kind="map").sections
    keys = [s.key for s in sections]
    assert keys.index("metrics") < keys.index("sample") < keys.index("appendix-metrics")
    assert keys[-1] == "appendix-roster"
    assert "Sample step" in sections[keys.index("summary")].blocks[-1].items
    assert all(s.key != "sample-measurement" for s in app_sections(plan=written))


def test_the_figures_carry_year_interval_and_quality_and_the_kept_insights(written) -> None:
    document = document_build(plan=written, kind="map")
    figures = next(s for s in document.sections if s.key == "metrics")
    tables = [b for b in figures.blocks if hasattr(b, "header") and hasattr(b, "rows")]
    assert tables[0].header == ["Predictor", "Measure", "Value", "Year", "95% interval", "Quality"]
    employed = next(r for t in tables for r in t.rows if r[1] == "Employed adults ages 25 to 54")
    assert employed[3].isdigit() and " to " in employed[4] and employed[5]
    html = html_render(document=document)
    assert "Employment trails the state." in html
    assert "Low incomes rose but not enough." in html
    assert "DISMISSED-insight" not in html


def test_private_notes_never_reach_a_document(written) -> None:
    for kind in ("map", "summary"):
        html = html_render(document=document_build(plan=written, kind=kind))
        assert "PRIVATE-NOTE" not in html


def test_the_pdf_reads_back_with_the_plan_its_letter_and_its_figures(written) -> None:
    pages = pdf_pages(document_render(document=document_build(plan=written, kind="map"), fmt="pdf"))
    text = "\n".join(pages)
    assert len(pages) > 3
    assert "Winnebago Mobility Action Plan" in pages[0]
    assert "We wrote this together." in text and "Ana Ruiz, Chair" in text
    assert "Employment trails the state." in text
    assert "Appendix: the Mobility Metrics" in text and "Urban Institute" in text


def test_the_word_file_has_headings_paragraphs_bullets_tables_and_charts(written) -> None:
    data = document_render(document=document_build(plan=written, kind="map"), fmt="docx")
    doc = word(data)
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert headings[:3] == ["Letter from leadership", "Summary", "Our approach"]
    bullets = [p.text for p in doc.paragraphs if p.style.name == "List Bullet"]
    assert any(b.startswith("Employment trails the state.") for b in bullets)
    header_rows = [[c.text for c in t.rows[0].cells] for t in doc.tables]
    assert ["Predictor", "Measure", "Value", "Year", "95% interval", "Quality"] in header_rows
    assert ["Year", "Value", "95% interval", "Quality"] in header_rows  # the tables of charts
    assert len(doc.inline_shapes) == 2  # the trends of the two kept insights' measures
    assert "Employed adults ages 25 to 54" in doc.inline_shapes[0]._inline.docPr.get("descr")


def test_markup_typed_by_people_stays_text_in_every_format(written, sample_app) -> None:
    document = document_build(plan=written, kind="map")
    html = html_render(document=document)
    assert "<script>alert" not in html and "<b>bold</b>" not in html
    assert (
        "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;b&gt;bold&lt;/b&gt; &amp; friends"
        in html
    )
    assert "&lt;i&gt;typed&lt;/i&gt;" in html  # from another app's section too
    pdf = "\n".join(pdf_pages(document_render(document=document, fmt="pdf")))
    assert '<script>alert("x")</script><b>bold</b> & friends' in pdf.replace("\n", "")
    doc = word(document_render(document=document, fmt="docx"))
    assert any(MARKUP in p.text for p in doc.paragraphs)
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    assert '<i>typed</i> & <script>alert("sample")</script>' in cells


def test_characters_word_cannot_hold_are_dropped_instead_of_failing(written) -> None:
    PlanInsight.objects.create(
        plan=written, statement="Bell\x07 and form\x0cfeed", status=InsightStatus.KEPT
    )
    text = word_text(document_render(document=document_build(plan=written, kind="map"), fmt="docx"))
    assert "Bell and formfeed" in text


def test_the_charts_are_the_same_drawing_on_the_page_file_and_pdf(written) -> None:
    document = document_build(plan=written, kind="map")
    chart = next(b for s in document.sections for b in s.blocks if hasattr(b, "spec"))
    html = html_render(document=document)
    assert html.count('src="data:image/svg+xml;base64,') == 2
    assert chart.caption in html and chart.table.caption in html


def test_the_summary_fits_on_two_pages_with_vision_figures_and_how_to_join(
    written, sample_app
) -> None:
    document = document_build(plan=written, kind="summary")
    assert [s.title for s in document.sections] == [
        "Our vision", "Key figures", "How to get involved",
    ]  # fmt: skip
    pages = pdf_pages(document_render(document=document, fmt="pdf"))
    text = "\n".join(pages)
    assert len(pages) <= 2
    assert "SAMPLE-VISION" in text and "Central Library" in text
    assert "Employed adults ages 25 to 54" in text  # a kept insight's measure comes first
    doc = word(document_render(document=document, fmt="docx"))
    assert doc.tables[0].rows[0].cells[0].text == "Measure"


def test_the_summary_says_when_the_vision_is_not_written_yet(plan) -> None:
    document = document_build(plan=plan, kind="summary")
    assert "has not yet written its vision" in document.sections[0].blocks[0].text


def test_the_summary_reads_vision_priorities_and_actions_from_the_strategy_part(
    plan, sample_strategy
) -> None:
    document = document_build(plan=plan, kind="summary")
    part = document.sections[0]
    assert part.title == "Vision, priorities and actions"
    texts = [getattr(b, "text", None) or getattr(b, "items", None) for b in part.blocks]
    assert "Every <family> thrives here." in texts
    assert ["Good jobs", "Stable homes"] in texts
    assert ["Apprenticeships with the hospital", "A fund for repairs"] in texts
