from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from docx import Document as WordDocument
from pypdf import PdfReader

from reports.frozen import document_from, document_json
from reports.models import ProgressPublicSettings, ProgressReport
from reports.periods import PeriodError, period_parse, period_previous
from reports.progress import progress_report_build, public_progress
from reports.renderers import document_render
from reports.services import progress_public_save, progress_report_file, progress_report_issue
from results.models import MeasureValue
from strategy.models import (
    ActionStatus,
    Measure,
    StrategicAction,
)
from tracking.models import ProgressUpdate

pytestmark = pytest.mark.django_db
Q3 = period_parse(text="2026-Q3")


def sections(document):  # type: ignore[no-untyped-def]
    return {s.key: s for s in document.sections}


def texts(section) -> str:  # type: ignore[no-untyped-def]
    out = []
    for block in section.blocks:
        for name in ("text", "caption"):
            if hasattr(block, name):
                out.append(getattr(block, name))
        out += getattr(block, "items", [])
        for row in getattr(block, "rows", []):
            out += row
        table = getattr(block, "table", None)
        if table is not None:
            out += [cell for row in table.rows for cell in row]
    return "\n".join(out)


# -- periods -------------------------------------------------------------------------------


def test_a_quarter_and_a_year_are_read_as_periods() -> None:
    assert (Q3.start, Q3.end) == (date(2026, 7, 1), date(2026, 9, 30))
    year = period_parse(text="2026")
    assert (year.start, year.end, year.is_quarter) == (date(2026, 1, 1), date(2026, 12, 31), False)
    assert period_parse(text=" 2026-q4 ").end == date(2026, 12, 31)
    assert period_previous(today=date(2026, 11, 23)).key == "2026-Q3"
    assert period_previous(today=date(2026, 2, 1)).key == "2025-Q4"


@pytest.mark.parametrize("text", ["2026-Q5", "2026-Q0", "Q3 2026", "26", "", "2026-03"])
def test_a_period_that_does_not_exist_is_refused_with_a_sentence(text) -> None:
    with pytest.raises(PeriodError, match="quarter such as 2026-Q3"):
        period_parse(text=text)


def test_quarter_five_is_named_in_the_message() -> None:
    with pytest.raises(PeriodError, match="'2026-Q5' has no quarter 5"):
        period_parse(text="2026-Q5")


# -- the report ----------------------------------------------------------------------------


def test_the_report_counts_actions_by_status_and_shows_the_latest_shown_update(progress) -> None:
    built = progress_report_build(plan=progress, period=Q3, today=date(2026, 10, 5))
    parts = sections(built.document)
    assert list(parts) == ["overall", "actions", "milestones", "measures", "changes", "next-steps"]
    overall = texts(parts["overall"])
    assert "3 strategic actions, 1 is on track or completed: 33%" in overall
    actions = texts(parts["actions"])
    assert "Twelve employers signed the pledge." in actions
    assert "Update of 2026-08-14: On track, 60% complete" in actions
    assert "PENDING-not-shown" not in actions
    assert built.statuses == {
        str(a.uuid): a.status for a in StrategicAction.objects.filter(plan=progress)
    } | {str(StrategicAction.objects.get(title="Quiet action").uuid): "not-started"}


def test_a_report_names_no_people_and_no_email(progress) -> None:
    html_text = str(
        document_json(document=progress_report_build(plan=progress, period=Q3).document)
    )
    assert "Okafor" not in html_text and "@example.org" not in html_text


def test_milestones_completed_and_due_in_the_period_are_listed(progress) -> None:
    milestones = texts(
        sections(progress_report_build(plan=progress, period=Q3).document)["milestones"]
    )
    assert "Pledge launch event" in milestones and "2026-07-30" in milestones
    assert "Board vote" in milestones and "Not yet" in milestones


def test_a_measure_is_charted_against_its_target_with_its_table(progress) -> None:
    measures = sections(
        progress_report_build(plan=progress, period=Q3, today=date(2026, 10, 5)).document
    )["measures"]
    chart = next(b for b in measures.blocks if hasattr(b, "spec"))
    kinds = {row["kind"] for row in chart.spec["data"]["values"]}
    assert kinds == {"Measured", "Target", "Baseline"}
    assert ["2026-Q3", "41", "38 to 44"] in chart.table.rows
    words = texts(measures)
    assert "Latest: 41 for 2026-Q3, up from 25 (2026-Q2)." in words
    assert "Off track: If nothing changes" in words and "short of the target of 60" in words
    assert "Last value from the third quarter of 2026" in words


def test_overlapping_ranges_are_said_to_be_maybe_not_real(progress) -> None:
    MeasureValue.objects.filter(period="2026-Q3").update(value=26, lb=20, ub=32)
    words = texts(sections(progress_report_build(plan=progress, period=Q3).document)["measures"])
    assert "the ranges overlap, so the change may not be real" in words


def test_a_year_report_and_an_earlier_quarter_use_the_status_at_its_end(progress) -> None:
    q2 = progress_report_build(plan=progress, period=period_parse(text="2026-Q2"))
    overall = sections(q2.document)["overall"]
    assert "0 are on track or completed" in texts(overall)
    year = progress_report_build(plan=progress, period=period_parse(text="2026"))
    assert "Twelve employers" in texts(sections(year.document)["actions"])


def test_next_steps_come_from_the_updates_of_the_period(progress) -> None:
    steps = texts(sections(progress_report_build(plan=progress, period=Q3).document)["next-steps"])
    assert "Fair-chance hiring pledge: Recruit five more employers by October." in steps


# -- issued reports are frozen -------------------------------------------------------------


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def word_texts(data: bytes) -> tuple[list[str], list[list[str]]]:
    doc = WordDocument(io.BytesIO(data))
    cells = [[cell.text for cell in row.cells] for table in doc.tables for row in table.rows]
    return [p.text for p in doc.paragraphs], cells


def test_an_issued_report_never_changes_when_the_data_changes(progress, people) -> None:
    report = progress_report_issue(plan=progress, period=Q3, user=people["owner"])
    content = report.content
    early_pdf = progress_report_file(report=report, fmt="pdf")
    assert "Twelve employers signed the pledge." in pdf_text(early_pdf)
    ProgressUpdate.objects.filter(narrative__startswith="Twelve").update(narrative="REWRITTEN")
    MeasureValue.objects.filter(period="2026-Q3").update(value=99)
    StrategicAction.objects.filter(title="Quiet action").update(title="RENAMED")
    report.refresh_from_db()
    assert report.content == content and "REWRITTEN" not in str(report.content)
    assert progress_report_file(report=report, fmt="pdf") == early_pdf
    late_docx = progress_report_file(report=report, fmt="docx")  # first made after the change
    paragraphs, cells = word_texts(late_docx)
    assert any("Twelve employers signed the pledge." in p for p in paragraphs)
    assert not any("REWRITTEN" in p or "RENAMED" in p for p in paragraphs)
    assert ["2026-Q3", "41", "38 to 44"] in cells and ["2026-Q3", "99", ""] not in cells
    report.refresh_from_db()
    assert bytes(report.docx) == late_docx == progress_report_file(report=report, fmt="docx")


def test_the_issued_pdf_and_word_files_read_back(progress, people) -> None:
    report = progress_report_issue(plan=progress, period=Q3, user=people["owner"])
    text = pdf_text(progress_report_file(report=report, fmt="pdf"))
    for words in ("Overall status", "Actions by status", "Residents hired through the pledge",
                  "Next steps", "Board vote"):  # fmt: skip
        assert words in text
    paragraphs, cells = word_texts(progress_report_file(report=report, fmt="docx"))
    assert "Measures against targets" in paragraphs
    assert any("Twelve employers signed the pledge." in p for p in paragraphs)
    assert ["2026-Q3", "41", "38 to 44"] in cells
    assert ["On track", "1"] in cells


def test_the_next_report_says_what_changed_since_the_last_one(progress, people) -> None:
    first = progress_report_issue(plan=progress, period=Q3, user=people["owner"])
    assert first.number == 1
    transit = StrategicAction.objects.get(title="Night bus to the industrial park")
    ProgressUpdate.objects.create(
        action=transit, written_on=date(2026, 9, 20), status=ActionStatus.OFF_TRACK,
        narrative="The vote failed.",
    )  # fmt: skip
    MeasureValue.objects.create(
        measure=Measure.objects.get(plan=progress), period="2026-09", subgroup="",
        period_end=date(2026, 9, 29), value=40,
    )  # fmt: skip
    second = progress_report_issue(plan=progress, period=Q3, user=people["owner"])
    assert second.number == 2
    changes = texts(sections(document_from(data=second.content))["changes"])
    assert "Night bus to the industrial park\nAt risk\nOff track" in changes
    assert "2026-09" in changes
    assert "first progress report" in texts(sections(document_from(data=first.content))["changes"])


# -- the command ---------------------------------------------------------------------------


def test_the_command_builds_a_progress_report_as_word(progress, tmp_path) -> None:
    out = io.StringIO()
    target = tmp_path / "q3.docx"
    call_command("reports", "build", "progress", progress.code, "--period", "2026-Q3",
                 "--format", "docx", "-o", str(target), stdout=out)  # fmt: skip
    assert f"Wrote {target}" in out.getvalue()
    paragraphs, _ = word_texts(target.read_bytes())
    assert "Overall status" in paragraphs


def test_the_command_refuses_a_quarter_that_does_not_exist(progress, tmp_path) -> None:
    with pytest.raises(CommandError, match="no quarter 5"):
        call_command("reports", "build", "progress", progress.code, "--period", "2026-Q5",
                     "-o", str(tmp_path / "x.pdf"))  # fmt: skip
    with pytest.raises(CommandError, match="needs --period"):
        call_command("reports", "build", "progress", progress.code, "-o", str(tmp_path / "x.pdf"))
    assert not (tmp_path / "x.pdf").exists()


# -- public settings -----------------------------------------------------------------------


def test_nothing_is_public_until_the_owner_chooses(progress) -> None:
    shown = public_progress(plan=progress)
    assert not shown.settings.shows_anything() and shown.actions == [] and shown.measures == []


def test_a_stale_settings_form_is_refused_and_nothing_is_overwritten(progress) -> None:
    progress_public_save(plan=progress, version=1, show_actions=True, show_measures=False,
                         show_report=False, show_names=False)  # fmt: skip
    with pytest.raises(Exception, match="changed since you opened"):
        progress_public_save(plan=progress, version=1, show_actions=False, show_measures=True,
                             show_report=True, show_names=True)  # fmt: skip
    chosen = ProgressPublicSettings.objects.get(plan=progress)
    assert (chosen.show_actions, chosen.show_measures, chosen.version) == (True, False, 2)


def test_names_are_public_only_when_the_owner_allows(progress) -> None:
    progress_public_save(plan=progress, version=1, show_actions=True, show_measures=True,
                         show_report=False, show_names=False)  # fmt: skip
    hiring = next(a for a in public_progress(plan=progress).actions if a.title.startswith("Fair"))
    assert hiring.owner_name == ""
    progress_public_save(plan=progress, version=2, show_actions=True, show_measures=True,
                         show_report=False, show_names=True)  # fmt: skip
    hiring = next(a for a in public_progress(plan=progress).actions if a.title.startswith("Fair"))
    assert hiring.owner_name == "Dana Okafor"
    assert ProgressReport.objects.count() == 0


def test_the_pdf_gives_each_chart_its_numbers_as_a_line_of_text(progress) -> None:
    built = progress_report_build(plan=progress, period=Q3)
    text = pdf_text(document_render(document=built.document, fmt="pdf"))
    assert "every value reported: 2026-Q1: 14 (11 to 17); 2026-Q2: 25" in " ".join(text.split())
    assert "Target for 2026-12-31: 60" in text
