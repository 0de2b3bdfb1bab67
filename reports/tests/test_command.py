from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command
from docx import Document as WordDocument
from pypdf import PdfReader

pytestmark = pytest.mark.django_db


def build(*args: str) -> str:
    out = io.StringIO()
    call_command("reports", "build", *args, stdout=out)
    return out.getvalue()


def test_the_command_writes_a_pdf_of_the_plan(written, tmp_path) -> None:
    target = tmp_path / "plan.pdf"
    said = build("map", written.code, "--format", "pdf", "-o", str(target))
    assert f"Wrote {target}" in said
    reader = PdfReader(target)
    assert "Winnebago Mobility Action Plan" in reader.pages[0].extract_text()


def test_the_command_writes_the_summary_as_word_and_as_a_web_page(written, tmp_path) -> None:
    build("summary", written.code, "--format", "docx", "-o", str(tmp_path / "s.docx"))
    headings = [p.text for p in WordDocument(tmp_path / "s.docx").paragraphs]
    assert "Key figures" in headings
    build("summary", written.code, "--format", "html", "-o", str(tmp_path / "s.html"))
    page = (tmp_path / "s.html").read_text()
    assert page.startswith("<!DOCTYPE html>") and "How to get involved" in page


def test_an_unknown_plan_is_named_in_the_error(written, tmp_path) -> None:
    with pytest.raises(CommandError, match="No plan has the code 'atlantis'"):
        build("map", "atlantis", "-o", str(tmp_path / "x.pdf"))
    assert not (tmp_path / "x.pdf").exists()


def test_a_folder_that_does_not_exist_is_reported_not_raised(written, tmp_path) -> None:
    with pytest.raises(CommandError, match="Could not write"):
        build("map", written.code, "--format", "html", "-o", str(tmp_path / "no" / "x.html"))


def test_the_upward_command_passes_reports_to_django(written, tmp_path) -> None:
    from upward.cli import main

    target = tmp_path / "plan.docx"
    main(["reports", "build", "map", written.code, "--format", "docx", "-o", str(target)])
    assert WordDocument(target).tables
