from __future__ import annotations

import io

import pytest
from docx import Document as WordDocument

from plans.models import Plan
from plans.steps import COMPLETE, IN_PROGRESS, plan_steps
from reports.checklist import CHECKLIST
from reports.models import ChecklistItem, PlanRelease

pytestmark = pytest.mark.django_db


def url(plan: Plan, page: str = "") -> str:
    return f"/plans/{plan.code}/document/{page}"


def step_nine(plan: Plan):  # type: ignore[no-untyped-def]
    return next(s for s in plan_steps(plan=plan) if s.number == 9)


# -- reading and downloading ---------------------------------------------------------------


def test_a_viewer_reads_the_plan_as_a_page_with_its_download_links(viewer, written) -> None:
    page = viewer.get(url(written)).content.decode()
    assert "<h1>Winnebago Mobility Action Plan</h1>" in page
    assert 'id="part-letter"' in page and "Ana Ruiz, Chair" in page
    for link in ("map.pdf", "map.docx", "summary.pdf", "summary.docx"):
        assert url(written, link) in page
    assert 'data-vega-spec="spec-metrics-' in page and "Show the data table" in page


def test_typed_markup_is_escaped_on_the_page(viewer, written) -> None:
    page = viewer.get(url(written)).content.decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page


def test_a_viewer_downloads_the_pdf_and_the_word_file(viewer, written) -> None:
    pdf = viewer.get(url(written, "map.pdf"))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert f'filename="{written.code}-map.pdf"' in pdf["Content-Disposition"]
    docx = viewer.get(url(written, "summary.docx"))
    assert docx.status_code == 200
    headings = [p.text for p in WordDocument(io.BytesIO(docx.content)).paragraphs]
    assert "Key figures" in headings and "How to get involved" in headings


def test_the_summary_page_shows_the_two_page_summary(viewer, written) -> None:
    page = viewer.get(url(written, "summary/")).content.decode()
    assert "Key figures" in page and "Central Library" in page


def test_an_outsider_gets_404_for_the_document_its_files_and_release(outsider, written) -> None:
    for page in ("", "summary/", "map.pdf", "map.docx", "release/"):
        assert outsider.get(url(written, page)).status_code == 404
    assert outsider.post(url(written, "release/publish/"), {"action": "publish"}).status_code == 404


def test_an_anonymous_visitor_is_sent_to_sign_in(anonymous, written) -> None:
    for page in ("", "map.pdf", "release/"):
        response = anonymous.get(url(written, page))
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_an_unknown_format_is_not_found(viewer, written) -> None:
    assert viewer.get(url(written, "map.odt")).status_code == 404
    assert viewer.get(url(written, "brochure.pdf")).status_code == 404


# -- the letter and the checklist ----------------------------------------------------------


def test_an_editor_writes_the_letter_and_step_nine_is_in_progress(editor, plan) -> None:
    assert step_nine(plan).state == "not started"
    response = editor.post(
        url(plan, "release/"),
        {"letter": "We <b>commit</b> to this.", "letter_signed": "The Chair", "get_involved": ""},
    )
    assert response.status_code == 302
    assert PlanRelease.objects.get(plan=plan).letter == "We <b>commit</b> to this."
    assert step_nine(plan).state == IN_PROGRESS
    page = editor.get(url(plan, "release/")).content.decode()
    assert "We &lt;b&gt;commit&lt;/b&gt; to this." in page


def test_a_letter_too_long_is_refused_beside_the_field(editor, plan) -> None:
    response = editor.post(url(plan, "release/"), {"letter": "x" * 8001})
    assert response.status_code == 400
    assert "usa-error-message" in response.content.decode()
    assert not PlanRelease.objects.filter(plan=plan).exists()


def test_a_viewer_may_read_the_release_page_but_not_change_it(viewer, plan) -> None:
    assert viewer.get(url(plan, "release/")).status_code == 200
    assert viewer.post(url(plan, "release/"), {"letter": "Hi"}).status_code == 403
    checked = {"key": "format", "checked": "on"}
    assert viewer.post(url(plan, "release/checklist/"), checked).status_code == 403
    assert not ChecklistItem.objects.exists()


def test_checking_an_item_keeps_who_and_when_and_it_can_be_unchecked(editor, plan) -> None:
    editor.post(url(plan, "release/checklist/"), {"key": "launch", "checked": "on",
                                                  "note": "June 3 at the library"})  # fmt: skip
    item = ChecklistItem.objects.get(plan=plan, key="launch")
    assert item.checked_by.username == "editor" and item.checked_at is not None
    page = editor.get(url(plan, "release/")).content.decode()
    assert "Checked by editor on" in page and "June 3 at the library" in page
    editor.post(url(plan, "release/checklist/"), {"key": "launch"})
    assert not ChecklistItem.objects.filter(plan=plan).exists()


def test_an_unknown_checklist_item_is_refused_and_nothing_saved(editor, plan) -> None:
    response = editor.post(url(plan, "release/checklist/"), {"key": "party", "checked": "on"})
    assert response.status_code == 302
    assert not ChecklistItem.objects.exists()


# -- publishing and the public page --------------------------------------------------------


def publish(client, plan: Plan, parts: list[str]):  # type: ignore[no-untyped-def]
    return client.post(url(plan, "release/publish/"), {"action": "publish", "parts": parts})


def test_only_the_owner_publishes(editor, viewer, contributor, written) -> None:
    for client in (editor, viewer, contributor):
        assert publish(client, written, ["summary"]).status_code == 403
    written.refresh_from_db()
    assert not written.published


def test_a_private_plan_has_no_public_page(anonymous, written) -> None:
    assert anonymous.get(f"/p/{written.code}/").status_code == 404
    assert anonymous.get("/p/no-such-plan/").status_code == 404


def test_the_public_page_shows_the_published_parts_only(owner, anonymous, written) -> None:
    assert publish(owner, written, ["letter", "metrics"]).status_code == 302
    written.refresh_from_db()
    assert written.published and written.published_parts == ["letter", "metrics"]
    page = anonymous.get(f"/p/{written.code}/").content.decode()
    assert "Ana Ruiz, Chair" in page and "Employment trails the state." in page
    assert "Our approach" not in page and "Appendix" not in page
    assert "PRIVATE-NOTE" not in page and "DISMISSED-insight" not in page
    assert "<script>alert" not in page and "&lt;script&gt;" in page


def test_the_roster_stays_off_the_public_page_unless_chosen(owner, written, sample_app) -> None:
    page = owner.get(url(written, "release/")).content.decode()
    assert 'value="appendix-roster">' in page  # offered, not checked
    assert 'value="sample" checked>' in page


def test_the_public_summary_lists_only_the_published_parts(
    owner, anonymous, written, sample_app
) -> None:
    publish(owner, written, ["summary", "metrics", "sample"])
    page = anonymous.get(f"/p/{written.code}/").content.decode()
    assert "<li>Sample step</li>" in page and "ROSTER-PERSON" not in page
    assert "Appendix: the Mobility Coalition" not in page and "Our approach" not in page


def test_publishing_a_part_the_plan_does_not_have_is_refused(owner, written) -> None:
    publish(owner, written, ["secrets"])
    written.refresh_from_db()
    assert not written.published


def test_the_owner_unpublishes_and_the_page_disappears(owner, anonymous, written) -> None:
    publish(owner, written, ["summary"])
    assert anonymous.get(f"/p/{written.code}/").status_code == 200
    owner.post(url(written, "release/publish/"), {"action": "unpublish"})
    assert anonymous.get(f"/p/{written.code}/").status_code == 404


def test_step_nine_is_complete_once_every_check_is_done_and_the_plan_published(
    owner, written, people
) -> None:
    for key in CHECKLIST:
        owner.post(url(written, "release/checklist/"), {"key": key, "checked": "on"})
    assert step_nine(written).state == IN_PROGRESS
    publish(owner, written, ["summary"])
    written.refresh_from_db()
    assert step_nine(written).state == COMPLETE


def test_a_viewer_reads_the_letter_escaped_with_its_paragraphs(viewer, written) -> None:
    page = viewer.get(url(written, "release/")).content.decode()
    assert "<p>Dear neighbours,</p>" in page
    assert (
        "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page and "<script>alert" not in page
    )
    assert 'name="letter"' not in page  # no form for a viewer


def test_anyone_downloads_the_published_parts_as_pdf_and_word(owner, anonymous, written) -> None:
    assert anonymous.get(f"/p/{written.code}/plan.pdf").status_code == 404  # not yet
    publish(owner, written, ["letter"])
    page = anonymous.get(f"/p/{written.code}/").content.decode()
    assert f"/p/{written.code}/plan.pdf" in page
    docx = anonymous.get(f"/p/{written.code}/plan.docx")
    text = "\n".join(p.text for p in WordDocument(io.BytesIO(docx.content)).paragraphs)
    assert "Ana Ruiz, Chair" in text and "Our approach" not in text and "PRIVATE" not in text
    assert anonymous.get(f"/p/{written.code}/plan.pdf").content.startswith(b"%PDF")
