from __future__ import annotations

import io

import pytest

from engagement import services
from engagement.tests.conftest import HOSTILE, activity_make

pytestmark = pytest.mark.django_db


def test_the_plan_document_carries_the_findings_escaped_in_html_and_readable_in_word(
    plan,
) -> None:
    from docx import Document as Docx

    from reports.renderers import docx_render, html_render
    from reports.selectors import map_document

    activity = activity_make(plan, title=f"Session {HOSTILE}")
    theme = services.theme_create(plan=plan, name="Housing costs")
    services.feedback_create(activity=activity, text="Rent", themes=[theme])
    services.finding_save(plan=plan, statement=f"Rents outpace wages {HOSTILE}", themes=[theme])
    document = map_document(plan=plan)
    assert "Summary of Upward Mobility Findings" in [s.title for s in document.sections]
    page = html_render(document=document)
    assert "Rents outpace wages &lt;script&gt;" in page and HOSTILE not in page
    word = Docx(io.BytesIO(docx_render(document=document)))
    text = "\n".join(p.text for p in word.paragraphs)
    assert f"Rents outpace wages {HOSTILE}" in text
    cells = [c.text for t in word.tables for row in t.rows for c in row.cells]
    assert f"Session {HOSTILE}" in cells
