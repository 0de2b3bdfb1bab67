"""The wins pages with every persona: reading, recording, changing, deleting, evidence
files, messengers and channels, reflections, and hostile input."""

from __future__ import annotations

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wins.models import MessageStatus, Win, WinMessage, WinReflection
from wins.tests.conftest import win_make

PDF = b"%PDF-1.4\n% minutes of the council meeting\n"


def url(name: str, plan, *args) -> str:  # type: ignore[no-untyped-def]
    return reverse(f"wins:{name}", args=[plan.code, *args])


def win_post(**values: object) -> dict[str, object]:
    data: dict[str, object] = {
        "title": "Library hosts the mobility hub",
        "kind": "space-or-partnership",
        "happened_on": "2026-10-05",
        "what_happened": "The Hart Road branch gave us a room.",
        "action": "",
        "made_by": "Branch manager",
        "audience": "Families in the 61102 area",
        "evidence_link": "",
        "public": "on",
    }
    return data | values


# -- reading -------------------------------------------------------------------------------


def test_every_member_reads_the_register_with_its_messengers(viewer, plan, win):
    WinMessage.objects.create(win=win, messenger="Alderman Frost", channel="council-meeting")
    page = viewer.get(url("overview", plan))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Route 20 runs until midnight" in text
    assert "Alderman Frost (Council or board meeting, planned)" in text
    assert "Record a win" not in text
    detail = viewer.get(url("win", plan, win.uuid)).content.decode()
    assert "Night-shift workers" in detail and "Change this win" not in detail


def test_outsiders_get_404_and_anonymous_people_are_sent_to_sign_in(outsider, anonymous, plan, win):
    pages = [
        url("overview", plan),
        url("new", plan),
        url("suggestions", plan),
        url("brief", plan),
        url("brief-download", plan, "pdf"),
        url("win", plan, win.uuid),
        url("evidence", plan, win.uuid),
    ]
    for page in pages:
        assert outsider.get(page).status_code == 404, page
        assert anonymous.get(page).status_code == 302, page
    posts = [
        url("delete", plan, win.uuid),
        url("message-add", plan, win.uuid),
        url("reflection", plan),
        url("public", plan),
        url("dismiss", plan),
    ]
    for page in posts:
        assert outsider.post(page, {"version": 1}).status_code == 404, page
    assert Win.objects.count() == 1


def test_a_viewer_changes_nothing(viewer, plan, win):
    assert viewer.get(url("new", plan)).status_code == 403
    assert viewer.post(url("new", plan), win_post()).status_code == 403
    assert viewer.post(url("win", plan, win.uuid), win_post(version=1)).status_code == 403
    assert viewer.post(url("delete", plan, win.uuid), {"version": 1}).status_code == 403
    assert (
        viewer.post(
            url("reflection", plan), {"question": "residents", "answer": "x", "version": 0}
        ).status_code
        == 403
    )
    assert viewer.post(url("public", plan), {"public": "on"}).status_code == 403
    assert Win.objects.get().title == "Route 20 runs until midnight"
    assert not WinReflection.objects.exists()


# -- recording and changing ----------------------------------------------------------------


def test_an_editor_records_a_win_with_organisations_and_an_evidence_file(
    editor, plan, action, transit_district
):
    upload = SimpleUploadedFile("minutes.pdf", PDF, content_type="application/pdf")
    page = editor.post(
        url("new", plan),
        win_post(action=action.pk, organisations=[transit_district.pk], evidence_file=upload),
    )
    assert page.status_code == 302
    win = Win.objects.get()
    assert win.action == action and list(win.organisations.all()) == [transit_district]
    assert win.evidence_name == "minutes.pdf" and win.evidence_type == "application/pdf"
    assert "minutes" not in win.evidence_file.name  # stored under a random name
    download = editor.get(url("evidence", plan, win.uuid))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert download["X-Content-Type-Options"] == "nosniff"


def test_a_viewer_may_download_evidence_but_an_outsider_may_not(viewer, outsider, plan, win):
    win.evidence_file.save("x.pdf", SimpleUploadedFile("x.pdf", PDF), save=False)
    win.evidence_name, win.evidence_type = "minutes.pdf", "application/pdf"
    win.save()
    assert viewer.get(url("evidence", plan, win.uuid)).status_code == 200
    assert outsider.get(url("evidence", plan, win.uuid)).status_code == 404


def test_bad_files_and_links_are_refused_beside_the_field_and_nothing_is_saved(editor, plan):
    cases = [
        {"evidence_file": SimpleUploadedFile("run.exe", b"MZ\x90\x00")},
        {"evidence_file": SimpleUploadedFile("fake.pdf", b"<html><script>")},
        {"evidence_file": SimpleUploadedFile("big.pdf", b"%PDF" + b"0" * (10 * 1024 * 1024))},
        {"evidence_link": "javascript:alert(1)"},
        {"evidence_link": "http://example.org/plain"},
        {"title": ""},
        {"what_happened": "x" * 4001},
        {"happened_on": (datetime.date.today() + datetime.timedelta(days=30)).isoformat()},
        {"kind": "sorcery"},
    ]
    for values in cases:
        page = editor.post(url("new", plan), win_post(**values))
        assert page.status_code == 400, values
        assert "usa-error-message" in page.content.decode(), values
    assert not Win.objects.exists()


def test_markup_typed_into_a_win_is_shown_escaped(editor, viewer, plan):
    editor.post(
        url("new", plan),
        win_post(title="<script>alert(1)</script>", made_by="<img src=x onerror=alert(2)>"),
    )
    win = Win.objects.get()
    for page in (url("overview", plan), url("win", plan, win.uuid), url("brief", plan)):
        text = viewer.get(page).content.decode()
        assert "<script>alert(1)" not in text and "<img src=x" not in text, page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text, page


def test_a_stale_save_is_refused_and_nothing_is_overwritten(editor, owner, plan, win):
    owner.post(url("win", plan, win.uuid), win_post(title="Owner's title", version=1))
    page = editor.post(url("win", plan, win.uuid), win_post(title="Editor's title", version=1))
    assert page.status_code == 409
    assert "changed since you opened it" in page.content.decode()
    assert Win.objects.get().title == "Owner's title"
    stale = editor.post(url("delete", plan, win.uuid), {"version": 1})
    assert stale.status_code == 302 and Win.objects.exists()
    editor.post(url("delete", plan, win.uuid), {"version": 2})
    assert not Win.objects.exists()


def test_a_contributor_records_wins_and_changes_only_their_own_or_their_actions(
    contributor, people, plan, action, win
):
    assert contributor.post(url("new", plan), win_post()).status_code == 302
    own = Win.objects.get(title="Library hosts the mobility hub")
    assert own.created_by == people["contributor"]
    assert (
        contributor.post(
            url("win", plan, own.uuid), win_post(title="Mine, changed", version=1)
        ).status_code
        == 302
    )
    # The editor's win on an action the contributor does not own: read only.
    assert "Change this win" not in contributor.get(url("win", plan, win.uuid)).content.decode()
    refused = contributor.post(url("win", plan, win.uuid), win_post(version=1))
    assert refused.status_code == 403
    assert contributor.post(url("delete", plan, win.uuid), {"version": 1}).status_code == 403
    # A win on the contributor's own action is theirs to change.
    theirs = win_make(plan, title="Shelter at Broadway", action=action)
    assert (
        contributor.post(
            url("win", plan, theirs.uuid), win_post(title="Shelter built", version=1)
        ).status_code
        == 302
    )
    assert Win.objects.get(pk=theirs.pk).title == "Shelter built"


def test_the_evidence_file_can_be_replaced_and_removed(editor, plan, win):
    first = SimpleUploadedFile("a.pdf", PDF)
    editor.post(url("win", plan, win.uuid), win_post(version=1, evidence_file=first))
    win.refresh_from_db()
    assert win.evidence_name == "a.pdf"
    editor.post(url("win", plan, win.uuid), win_post(version=2, remove_file="on"))
    win.refresh_from_db()
    assert not win.evidence_file and win.evidence_name == ""
    assert editor.get(url("evidence", plan, win.uuid)).status_code == 404


# -- messengers and channels -----------------------------------------------------------------


def test_messengers_and_channels_are_added_marked_done_and_removed(editor, plan, win):
    page = editor.post(
        url("message-add", plan, win.uuid),
        {
            "messenger": "Pastor Lee, resident leader",
            "channel": "community-meeting",
            "on": "2026-11-02",
            "status": "planned",
            "note": "At the Ellis Heights meeting",
        },
    )
    assert page.status_code == 302
    message = WinMessage.objects.get()
    editor.post(url("message-status", plan, message.uuid), {"status": "done"})
    message.refresh_from_db()
    assert message.status == MessageStatus.DONE
    text = editor.get(url("win", plan, win.uuid)).content.decode()
    assert "Pastor Lee, resident leader" in text and "Community meeting" in text
    editor.post(url("message-delete", plan, message.uuid))
    assert not WinMessage.objects.exists()


def test_a_message_without_a_messenger_or_with_an_unknown_channel_is_refused(editor, plan, win):
    for data in (
        {"messenger": "", "channel": "newsletter"},
        {"messenger": "Mayor", "channel": "carrier-pigeon"},
        {"messenger": "x" * 201, "channel": "newsletter"},
    ):
        page = editor.post(url("message-add", plan, win.uuid), data | {"status": "planned"})
        assert page.status_code == 400, data
        assert "usa-error-message" in page.content.decode()
    assert not WinMessage.objects.exists()


def test_a_viewer_cannot_add_or_remove_messengers(viewer, editor, plan, win):
    message = WinMessage.objects.create(win=win, messenger="Mayor", channel="press-release")
    assert (
        viewer.post(
            url("message-add", plan, win.uuid), {"messenger": "X", "channel": "other"}
        ).status_code
        == 403
    )
    assert viewer.post(url("message-delete", plan, message.uuid)).status_code == 403
    assert (
        viewer.post(url("message-status", plan, message.uuid), {"status": "done"}).status_code
        == 403
    )
    assert WinMessage.objects.get().status == MessageStatus.PLANNED


# -- reflections and publishing ------------------------------------------------------------


def test_reflections_are_saved_per_plan_shown_and_refused_when_stale(contributor, editor, plan):
    contributor.post(
        url("reflection", plan),
        {"question": "messenger", "version": 0, "answer": "Barbers & pastors <b>first</b>"},
    )
    text = editor.get(url("overview", plan)).content.decode()
    assert "Barbers &amp; pastors &lt;b&gt;first&lt;/b&gt;" in text
    stale = editor.post(
        url("reflection", plan),
        {"question": "messenger", "version": 0, "answer": "Someone else"},
        follow=True,
    )
    assert "changed since you opened it" in stale.content.decode()
    assert WinReflection.objects.get().answer == "Barbers & pastors <b>first</b>"
    editor.post(url("reflection", plan), {"question": "nonsense", "version": 0, "answer": "x"})
    assert WinReflection.objects.count() == 1


def test_only_the_owner_chooses_to_show_wins_publicly(owner, editor, plan):
    assert editor.post(url("public", plan), {"public": "on"}).status_code == 403
    assert owner.post(url("public", plan), {"public": "on"}).status_code == 302
    assert plan.wins_settings.public is True


def test_a_viewer_reads_the_reflections_without_a_form(viewer, plan):
    WinReflection.objects.create(plan=plan, question="residents", answer="The midnight bus")
    text = viewer.get(url("overview", plan)).content.decode()
    assert "The midnight bus" in text and "Not answered yet." in text
    assert "Save this answer" not in text


def test_markup_in_a_messenger_or_note_is_shown_escaped(editor, viewer, plan, win):
    editor.post(
        url("message-add", plan, win.uuid),
        {
            "messenger": "<b onclick=x>Mayor</b>",
            "channel": "press-release",
            "status": "planned",
            "note": "<script>steal()</script>",
        },
    )
    for page in (url("win", plan, win.uuid), url("overview", plan), url("brief", plan)):
        text = viewer.get(page).content.decode()
        assert "<b onclick" not in text and "<script>steal" not in text, page
        assert "&lt;b onclick=x&gt;Mayor&lt;/b&gt;" in text, page
