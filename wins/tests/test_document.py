"""The early-wins brief: the same sections on the page, in the PDF and in the Word file,
and from `upward reports build wins`."""

from __future__ import annotations

import io

from django.core.management import call_command
from django.urls import reverse
from docx import Document as WordDocument
from pypdf import PdfReader

from reports.renderers import document_render
from wins.document import wins_document
from wins.models import WinMessage, WinReflection
from wins.tests.conftest import TODAY, win_make


def filled(plan, win, people):  # type: ignore[no-untyped-def]
    WinMessage.objects.create(win=win, messenger="Alderman Frost", channel="council-meeting")
    win_make(plan, title="Foundation grant for bus passes", kind="resources-secured")
    WinReflection.objects.create(plan=plan, question="residents", answer="The midnight bus.")


def test_the_brief_has_the_wins_their_messengers_and_the_reflections(plan, win, people):
    filled(plan, win, people)
    document = wins_document(plan=plan, today=TODAY)
    assert [s.title for s in document.sections] == [
        "At a glance",
        "The wins",
        "Who carries the message",
        "Our reflections",
    ]
    assert document.date == "November 20, 2026"


def test_the_pdf_reads_back_with_the_wins(plan, win, people):
    filled(plan, win, people)
    data = document_render(document=wins_document(plan=plan, today=TODAY), fmt="pdf")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    for words in (
        "Route 20 runs until midnight",
        "Foundation grant for bus passes",
        "Alderman Frost",
        "The midnight bus.",
    ):
        assert words in text, words


def test_the_word_file_reads_back_with_tables_and_paragraphs(plan, win, people):
    filled(plan, win, people)
    data = document_render(document=wins_document(plan=plan, today=TODAY), fmt="docx")
    word = WordDocument(io.BytesIO(data))
    paragraphs = "\n".join(p.text for p in word.paragraphs)
    assert "Who carries the message" in paragraphs and "The midnight bus." in paragraphs
    cells = [c.text for t in word.tables for row in t.rows for c in row.cells]
    assert "Alderman Frost" in cells and "Route 20 runs until midnight" in cells


def test_members_download_the_brief_and_an_empty_plan_says_so(viewer, plan):
    page = viewer.get(reverse("wins:brief", args=[plan.code])).content.decode()
    assert "No early win has been recorded yet." in page
    download = viewer.get(reverse("wins:brief-download", args=[plan.code, "docx"]))
    assert download.status_code == 200
    assert download["Content-Disposition"].endswith('-wins.docx"')


def test_the_command_line_writes_the_brief_as_pdf_and_word(plan, win, people, tmp_path):
    filled(plan, win, people)
    target = tmp_path / "wins.pdf"
    out = io.StringIO()
    call_command(
        "reports", "build", "wins", plan.code, "--format", "pdf", "-o", str(target), stdout=out
    )
    assert "4 sections" in out.getvalue()
    text = " ".join(p.extract_text() for p in PdfReader(str(target)).pages)
    assert "Route 20 runs until midnight" in text
    docx = tmp_path / "wins.docx"
    call_command(
        "reports",
        "build",
        "wins",
        plan.code,
        "--format",
        "docx",
        "-o",
        str(docx),
        stdout=io.StringIO(),
    )
    assert "Our reflections" in "\n".join(p.text for p in WordDocument(str(docx)).paragraphs)
