from __future__ import annotations

import datetime
import io
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from docx import Document as WordDocument
from pypdf import PdfReader

from funding.document import FunderNotFound, funder_document, funder_report
from funding.tests.conftest import TODAY, entry_make, need_make
from reports.blocks import BulletList
from reports.renderers import document_render
from results.models import MeasureValue
from strategy import services as strategy
from tracking.models import ProgressUpdate, ReviewState


@pytest.fixture
def reported(plan, people, action, grant):  # type: ignore[no-untyped-def]
    """The foundation's grant with a need, two progress updates (one still in review) and a
    measure with a baseline, a target and two values."""
    need_make(action, "80000")
    element = strategy.element_add(action=action, kind="output", text="Employers sign")
    measure = strategy.measure_save(
        plan=plan, element=element, name="Employers paying a living wage", unit="count",
        direction="higher", frequency="quarterly", baseline_source="entered",
        baseline_year=2026, baseline_value=12,
    )  # fmt: skip
    strategy.target_add(measure=measure, kind="level", target_date=datetime.date(2028, 12, 31),
                        value=40)  # fmt: skip
    for period, end, value in (("2026-Q4", "2026-12-31", 15), ("2027-Q1", "2027-03-31", 21)):
        MeasureValue.objects.create(
            measure=measure, period=period, period_end=datetime.date.fromisoformat(end),
            value=value,
        )  # fmt: skip
    ProgressUpdate.objects.create(
        action=action, author=people["contributor"], written_on=datetime.date(2027, 2, 1),
        status="on-track", percent_complete=40, narrative="Twenty-one employers signed the pledge.",
    )  # fmt: skip
    ProgressUpdate.objects.create(
        action=action, author=people["contributor"], written_on=datetime.date(2027, 2, 20),
        status="at-risk", narrative="Draft not yet reviewed <b>secret</b>",
        review_state=ReviewState.PENDING,
    )  # fmt: skip
    return grant


def titles(sections) -> list[str]:  # type: ignore[no-untyped-def]
    return [s.title for s in sections]


def test_the_report_says_what_was_funded_who_carries_it_who_was_reached_and_what_changed(
    plan, reported
):
    sections = funder_report(plan=plan, funder="Rock River Community Foundation", today=TODAY)
    assert titles(sections) == [
        "What Rock River Community Foundation funded", "Who is responsible", "Who was reached",
        "What changed against the long-term goals", "What the work still needs",
    ]  # fmt: skip
    funded, responsible, reached, goals, ahead = sections
    assert "committed $50,000 to 1 of the plan's strategic actions (philanthropy)" in (
        funded.blocks[0].text
    )
    assert funded.blocks[1].rows == [
        ["Living-wage pledge", "$50,000", "$5,000", "Jun 30, 2027", "$80,000", "$30,000"],
    ]  # fmt: skip
    assert "owned by contributor" in responsible.blocks[0].items[0]
    assert "reached 140 people" in reached.blocks[0].text
    said = reached.blocks[-1].items
    assert said == [
        "Living-wage pledge (Feb 1, 2027, on track, 40% complete): Twenty-one employers "
        "signed the pledge."
    ]  # the update still in review is not shown
    measures = next(b for b in goals.blocks if isinstance(b, BulletList) and "baseline" in
                    b.items[0])  # fmt: skip
    assert measures.items[0].endswith(
        "baseline 12 in 2026; latest 21 (2027-Q1); target 40 by 2028."
    )
    assert "all their funders have committed $50,000, and $30,000 is still missing" in (
        ahead.blocks[0].text
    )
    assert "ends Jun 30, 2027; renewal expected: not known yet" in ahead.blocks[2].items[0]


def test_a_funder_is_found_by_its_slug_or_its_name_in_any_case(plan, reported):
    by_slug = funder_document(plan=plan, funder="rock-river-community-foundation", today=TODAY)
    by_name = funder_document(plan=plan, funder="ROCK RIVER community foundation", today=TODAY)
    assert by_slug.title == by_name.title == "Report to Rock River Community Foundation"


def test_long_updates_are_quoted_in_part_in_the_report():
    from funding.document import NARRATIVE_MAX, _excerpt

    quoted = _excerpt("word " * 200)
    assert len(quoted) <= NARRATIVE_MAX + 2 and quoted.endswith(" …")
    assert _excerpt("Short and whole.") == "Short and whole."


def test_an_unknown_funder_has_no_report(plan, reported):
    with pytest.raises(FunderNotFound):
        funder_report(plan=plan, funder="Nobody Fund")


def test_the_pdf_reads_back_with_the_funder_amounts_and_the_chart_table(plan, reported):
    document = funder_document(plan=plan, funder="Rock River Community Foundation", today=TODAY)
    pages = PdfReader(io.BytesIO(document_render(document=document, fmt="pdf"))).pages
    text = " ".join(" ".join(page.extract_text() for page in pages).split())
    assert "Report to Rock River Community Foundation" in text
    assert "$50,000" in text and "Wages only, no equipment." in text
    assert "Twenty-one employers signed the pledge." in text
    assert "secret" not in text
    assert "Employers paying a living wage: every value reported" in text


def test_the_word_file_reads_back_with_its_headings_and_tables(plan, reported):
    document = funder_document(plan=plan, funder="Rock River Community Foundation", today=TODAY)
    word = WordDocument(io.BytesIO(document_render(document=document, fmt="docx")))
    paragraphs = [p.text for p in word.paragraphs]
    assert "Who was reached" in paragraphs and "Who is responsible" in paragraphs
    first = word.tables[0]
    assert [c.text for c in first.rows[0].cells][:2] == ["Action", "Committed"]
    assert [c.text for c in first.rows[1].cells][1] == "$50,000"
    assert len(word.inline_shapes) == 1  # the measure's chart


def test_markup_in_the_ledger_stays_text_in_every_format(plan, action):
    entry_make(action, funder_name="<script>x</script> Fund", notes="n",
               restrictions="<i>only</i> rent", committed=Decimal("5"))  # fmt: skip
    document = funder_document(plan=plan, funder="<script>x</script> Fund")
    html = document_render(document=document, fmt="html").decode()
    assert "&lt;script&gt;x&lt;/script&gt; Fund" in html and "<script>x" not in html
    assert "&lt;i&gt;only&lt;/i&gt; rent" in html


def test_members_read_the_report_page_and_download_it(viewer, plan, reported):
    slug = "rock-river-community-foundation"
    page = viewer.get(reverse("funding:funder", args=[plan.code, slug]))
    assert page.status_code == 200
    assert "Who was reached" in page.content.decode()
    docx = viewer.get(
        reverse("funding:funder-download", args=[plan.code, slug, "docx"])
    )  # fmt: skip
    assert docx.status_code == 200 and docx["Content-Type"].startswith("application/vnd")
    missing = viewer.get(reverse("funding:funder", args=[plan.code, "nobody"]))
    assert missing.status_code == 404


def test_the_command_writes_a_funder_report(plan, reported, tmp_path):
    target = tmp_path / "funder.pdf"
    out = io.StringIO()
    call_command("reports", "build", "funder", plan.code, "--funder",
                 "Rock River Community Foundation", "--format", "pdf", "-o", str(target),
                 stdout=out)  # fmt: skip
    assert f"Wrote {target}" in out.getvalue()
    assert "Report to Rock River" in PdfReader(target).pages[0].extract_text()
    with pytest.raises(CommandError, match="--funder NAME"):
        call_command("reports", "build", "funder", plan.code, "--funder", "Nobody",
                     "-o", str(tmp_path / "x.pdf"))  # fmt: skip


def test_the_transition_briefing_says_what_the_plan_costs_and_who_pays(plan, reported):
    from continuity.document import transition_document
    from funding.document import transition_blocks

    blocks = transition_blocks(plan=plan, today=TODAY)
    assert "need $80,000 in all; funders have committed $50,000" in blocks[0].text
    assert blocks[1].rows == [["Good jobs", "$80,000", "$50,000", "$30,000"]]
    assert blocks[3].items == ["Rock River Community Foundation: $50,000 committed to 1 action"]
    money = next(s for s in transition_document(plan=plan).sections if s.key == "money")
    assert "$30,000 is still missing" in money.blocks[0].text


def test_a_plan_with_no_funding_recorded_gives_the_briefing_nothing(plan, action):
    from funding.document import transition_blocks

    assert transition_blocks(plan=plan) == []


def test_actions_without_running_money_are_named_for_the_continuity_view(
    plan, action, other_action, grant
):
    from funding.selectors import actions_unfunded

    assert actions_unfunded(plan=plan, today=TODAY) == {str(other_action.uuid)}
    after_the_grant = datetime.date(2027, 7, 1)
    assert actions_unfunded(plan=plan, today=after_the_grant) == {
        str(action.uuid), str(other_action.uuid),
    }  # fmt: skip
