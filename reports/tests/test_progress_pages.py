from __future__ import annotations

import io

import pytest
from docx import Document as WordDocument
from pypdf import PdfReader

from reports.models import ProgressPublicSettings, ProgressReport
from reports.periods import period_parse
from reports.services import progress_report_file, progress_report_issue
from results.models import MeasureValue

pytestmark = pytest.mark.django_db


def url(plan, page: str = "") -> str:  # type: ignore[no-untyped-def]
    return f"/plans/{plan.code}/document/progress/{page}"


def public(plan, page: str = "") -> str:  # type: ignore[no-untyped-def]
    return f"/p/{plan.code}/progress/{page}"


def choose(plan, **shown: bool) -> None:  # type: ignore[no-untyped-def]
    plan.published = True
    plan.save()
    ProgressPublicSettings.objects.update_or_create(plan=plan, defaults=shown)


# -- members -------------------------------------------------------------------------------


def test_a_viewer_reads_the_draft_of_a_quarter_with_its_charts_and_tables(viewer, progress) -> None:
    page = viewer.get(url(progress), {"period": "2026-Q3"}).content.decode()
    assert "Draft:" in page and "Overall status" in page
    assert "Twelve employers signed the pledge." in page
    assert 'data-vega-spec="spec-measures-' in page and "Show the data table" in page
    assert "Issue the report" not in page and 'id="public"' not in page


def test_typed_markup_is_escaped_in_the_draft(viewer, progress) -> None:
    page = viewer.get(url(progress), {"period": "2026-Q3"}).content.decode()
    assert "<script>alert" not in page and "&lt;script&gt;alert" in page


def test_a_period_that_does_not_exist_is_refused_beside_the_field(viewer, progress) -> None:
    response = viewer.get(url(progress), {"period": "2026-Q5"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "usa-error-message" in page and "has no quarter 5" in page
    assert "Draft:" not in page


def test_the_draft_downloads_as_pdf_word_and_web_page(viewer, progress) -> None:
    pdf = viewer.get(url(progress, "2026-Q3.pdf"))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Overall status" in text and "Residents hired through the pledge" in text
    docx = viewer.get(url(progress, "2026.docx"))
    assert "Actions by status" in [
        p.text for p in WordDocument(io.BytesIO(docx.content)).paragraphs
    ]
    html = viewer.get(url(progress, "2026-Q3.html")).content.decode()
    assert html.startswith("<!DOCTYPE html>") and "data:image/svg+xml;base64," in html
    assert viewer.get(url(progress, "2026-Q5.pdf")).status_code == 404


def test_an_editor_issues_a_report_and_reads_it_frozen(editor, progress) -> None:
    response = editor.post(url(progress, "issue/"), {"period": "2026-Q3"})
    report = ProgressReport.objects.get(plan=progress)
    assert response.status_code == 302 and response["Location"] == url(progress, f"{report.uuid}/")
    MeasureValue.objects.filter(period="2026-Q3").update(value=77)
    page = editor.get(url(progress, f"{report.uuid}/")).content.decode()
    assert "Issued on" in page and "41 for 2026-Q3" in page and "77 for" not in page
    listing = editor.get(url(progress)).content.decode()
    assert f"{report.uuid}.pdf" in listing
    pdf = editor.get(url(progress, f"{report.uuid}.pdf"))
    report.refresh_from_db()
    assert pdf.content == bytes(report.pdf) and pdf.content.startswith(b"%PDF")
    assert "progress-2026-Q3-v1.pdf" in pdf["Content-Disposition"]
    docx = editor.get(url(progress, f"{report.uuid}.docx"))
    report.refresh_from_db()
    assert docx.content == bytes(report.docx) == editor.get(docx.wsgi_request.path).content


def test_a_viewer_and_a_contributor_may_not_issue(viewer, contributor, progress) -> None:
    assert viewer.post(url(progress, "issue/"), {"period": "2026-Q3"}).status_code == 403
    assert contributor.post(url(progress, "issue/"), {"period": "2026-Q3"}).status_code == 403
    assert not ProgressReport.objects.exists()


def test_issuing_a_bad_period_issues_nothing(owner, progress) -> None:
    response = owner.post(url(progress, "issue/"), {"period": "2026-Q5"}, follow=True)
    assert "has no quarter 5" in response.content.decode()
    assert not ProgressReport.objects.exists()


def test_an_outsider_gets_404_everywhere(outsider, progress, people) -> None:
    report = progress_report_issue(plan=progress, period=period_parse(text="2026-Q3"), user=None)
    for page in ("", "2026-Q3.pdf", f"{report.uuid}/", f"{report.uuid}.docx"):
        assert outsider.get(url(progress, page)).status_code == 404
    assert outsider.post(url(progress, "issue/"), {"period": "2026-Q3"}).status_code == 404
    assert outsider.post(url(progress, "public/"), {"version": 1}).status_code == 404


def test_anonymous_people_are_sent_to_sign_in(anonymous, progress) -> None:
    response = anonymous.get(url(progress))
    assert response.status_code == 302 and "login" in response["Location"]


def test_only_the_owner_chooses_what_is_public(owner, editor, progress) -> None:
    assert 'id="public"' in owner.get(url(progress)).content.decode()
    data = {"show_actions": "on", "show_measures": "on", "version": 1}
    assert editor.post(url(progress, "public/"), data).status_code == 403
    owner.post(url(progress, "public/"), data)
    chosen = ProgressPublicSettings.objects.get(plan=progress)
    assert (chosen.show_actions, chosen.show_measures, chosen.show_report) == (True, True, False)
    stale = owner.post(url(progress, "public/"), {"version": 1}, follow=True)
    assert "changed since you opened" in stale.content.decode()
    assert ProgressPublicSettings.objects.get(plan=progress).show_actions


# -- public --------------------------------------------------------------------------------


def test_the_public_page_is_404_until_published_and_chosen(anonymous, progress) -> None:
    assert anonymous.get(public(progress)).status_code == 404
    progress.published = True
    progress.save()
    assert anonymous.get(public(progress)).status_code == 404  # nothing chosen yet
    choose(progress, show_actions=True)
    assert anonymous.get(public(progress)).status_code == 200
    progress.published = False
    progress.save()
    assert anonymous.get(public(progress)).status_code == 404


def test_the_public_page_shows_only_what_was_chosen(anonymous, progress) -> None:
    choose(progress, show_actions=True)
    page = anonymous.get(public(progress)).content.decode()
    assert "Fair-chance hiring pledge" in page and "Status: On track" in page
    assert "Twelve employers signed the pledge." in page
    assert "Residents hired through the pledge" not in page and "progress/report.pdf" not in page
    assert "PENDING-not-shown" not in page
    assert "Okafor" not in page and "@example.org" not in page
    assert "<script>alert" not in page and "&lt;script&gt;alert" in page


def test_the_public_page_shows_measures_with_charts_and_tables(anonymous, progress) -> None:
    choose(progress, show_measures=True)
    page = anonymous.get(public(progress)).content.decode()
    assert "Residents hired through the pledge" in page and 'data-vega-spec="spec-measure-' in page
    assert "<caption>Residents hired through the pledge: every value reported</caption>" in page
    assert "Fair-chance hiring pledge</h3>" not in page


def test_names_show_in_public_only_when_allowed(anonymous, progress) -> None:
    choose(progress, show_actions=True, show_names=True)
    page = anonymous.get(public(progress)).content.decode()
    assert "Owner: Dana Okafor" in page and "@example.org" not in page


def test_the_latest_issued_report_downloads_in_public_when_chosen(anonymous, progress) -> None:
    choose(progress, show_actions=True)
    first = progress_report_issue(plan=progress, period=period_parse(text="2026-Q2"), user=None)
    assert anonymous.get(public(progress, "report.pdf")).status_code == 404
    choose(progress, show_report=True)
    latest = progress_report_issue(plan=progress, period=period_parse(text="2026-Q3"), user=None)
    page = anonymous.get(public(progress)).content.decode()
    assert "Latest progress report" in page and "progress/report.pdf" in page
    assert anonymous.get(public(progress, "report.pdf")).content == progress_report_file(
        report=latest, fmt="pdf"
    )
    word = anonymous.get(public(progress, "report.docx")).content
    assert word == progress_report_file(report=latest, fmt="docx")
    assert word != progress_report_file(report=first, fmt="docx")


def test_the_public_page_changes_as_soon_as_an_update_is_shown(anonymous, progress) -> None:
    from datetime import date

    from strategy.models import StrategicAction
    from tracking.models import ProgressUpdate

    choose(progress, show_actions=True, show_measures=True)
    assert "Status: At risk" in anonymous.get(public(progress)).content.decode()
    transit = StrategicAction.objects.get(title="Night bus to the industrial park")
    ProgressUpdate.objects.create(
        action=transit, written_on=date(2026, 9, 25), status="on-track",
        narrative="The board approved the route.",
    )  # fmt: skip
    page = anonymous.get(public(progress)).content.decode()
    assert "The board approved the route." in page and "Status: At risk" not in page
    MeasureValue.objects.filter(period="2026-Q3").update(value=55)
    assert "Latest: 55 for 2026-Q3" in anonymous.get(public(progress)).content.decode()


def test_the_public_plan_page_links_to_progress_once_something_is_shown(
    anonymous, progress
) -> None:
    progress.published = True
    progress.save()
    assert "See how the work is going" not in anonymous.get(f"/p/{progress.code}/").content.decode()
    choose(progress, show_measures=True)
    page = anonymous.get(f"/p/{progress.code}/").content.decode()
    assert f'href="/p/{progress.code}/progress/"' in page


def test_the_plan_document_page_links_to_the_progress_reports(viewer, progress) -> None:
    page = viewer.get(f"/plans/{progress.code}/document/").content.decode()
    assert f'href="/plans/{progress.code}/document/progress/"' in page


def test_a_viewer_and_a_contributor_may_not_choose_what_is_public(viewer, contributor, progress):  # type: ignore[no-untyped-def]
    data = {"show_actions": "on", "version": 1}
    assert viewer.post(url(progress, "public/"), data).status_code == 403
    assert contributor.post(url(progress, "public/"), data).status_code == 403
    assert not ProgressPublicSettings.objects.filter(plan=progress).exists()


def test_a_viewer_reads_and_downloads_an_issued_report(viewer, progress) -> None:
    report = progress_report_issue(plan=progress, period=period_parse(text="2026-Q3"), user=None)
    assert "Issued on" in viewer.get(url(progress, f"{report.uuid}/")).content.decode()
    html = viewer.get(url(progress, f"{report.uuid}.html")).content.decode()
    assert html.startswith("<!DOCTYPE html>") and "Twelve employers" in html
    assert viewer.get(url(progress, "00000000-0000-0000-0000-000000000000/")).status_code == 404


def test_anonymous_people_are_sent_to_sign_in_from_every_members_page(anonymous, progress) -> None:
    report = progress_report_issue(plan=progress, period=period_parse(text="2026-Q3"), user=None)
    for page in ("", "2026-Q3.pdf", f"{report.uuid}/", f"{report.uuid}.pdf"):
        assert anonymous.get(url(progress, page)).status_code == 302
    for page in ("issue/", "public/"):
        assert anonymous.post(url(progress, page), {"period": "2026-Q3"}).status_code == 302
    assert ProgressReport.objects.count() == 1
