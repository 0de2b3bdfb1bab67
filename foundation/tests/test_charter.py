from __future__ import annotations

import pytest
from django.urls import reverse

from foundation import services
from foundation.models import CharterRevision
from foundation.selectors import text_diff


def url(name: str, plan, *args) -> str:  # type: ignore[no-untyped-def]
    return reverse(f"foundation:{name}", args=[plan.code, *args])


def post(**values: object) -> dict[str, object]:
    data: dict[str, object] = {
        "mission": "Every family in Winnebago County can get ahead.",
        "purpose": "We keep meeting to carry out the plan.", "membership": "",
        "decision_making": "", "meetings": "", "accountability": "",
        "note": "First wording after the release.", "version": 0,
    }  # fmt: skip
    return data | values


def revise(plan, people, number: int, **texts: str) -> CharterRevision:  # type: ignore[no-untyped-def]
    return services.charter_revise(
        plan=plan, user=people["owner"], version=number - 1, texts=texts, note=f"Change {number}"
    )


def test_an_editor_writes_the_charter_and_each_save_adds_a_revision(editor, plan):
    saved = editor.post(url("charter-edit", plan), post())
    assert saved.status_code == 302
    again = editor.post(url("charter-edit", plan), post(version=1, meetings="Every quarter.",
                                                        note="Meetings added."))  # fmt: skip
    assert again.status_code == 302
    assert list(CharterRevision.objects.filter(plan=plan).values_list("number", flat=True)) == [
        2,
        1,
    ]
    page = editor.get(url("charter", plan)).content.decode()
    assert "Every quarter." in page and "Revision 2" in page and "Meetings added." in page


def test_a_save_without_a_note_is_refused_beside_the_field(editor, plan):
    page = editor.post(url("charter-edit", plan), post(note=""))
    assert page.status_code == 400
    assert "This field is required" in page.content.decode()
    assert not CharterRevision.objects.exists()


def test_a_stale_save_is_refused_and_nothing_is_overwritten(editor, owner, plan, people):
    revise(plan, people, 1, mission="Theirs")
    page = editor.post(url("charter-edit", plan), post(version=0, mission="Mine"))
    assert page.status_code == 409
    assert "changed since you opened it" in page.content.decode()
    assert CharterRevision.objects.get().mission == "Theirs"


def test_the_history_shows_word_changes_between_two_revisions_escaped(viewer, plan, people):
    revise(plan, people, 1, mission="We help <b>families</b> get ahead.")
    revise(plan, people, 2, mission="We help <b>all families</b> get ahead together.")
    page = viewer.get(url("history", plan) + "?from=1&to=2")
    text = page.content.decode()
    assert page.status_code == 200
    assert "together.</ins>" in text and '<span class="usa-sr-only">added: </span>' in text
    assert "&lt;b&gt;all" in text and "<b>all" not in text
    assert "Revision 2" in text and "Change 2" in text


def test_comparing_revisions_that_do_not_exist_says_so(viewer, plan, people):
    revise(plan, people, 1, mission="One")
    page = viewer.get(url("history", plan) + "?from=7&to=x")
    assert page.status_code == 400
    assert "Choose two revisions that exist" in page.content.decode()


def test_the_word_diff_marks_removed_and_added_words():
    assert text_diff(old="meet every month", new="meet every quarter") == [
        ("same", "meet every "), ("removed", "month"), ("added", "quarter"),
    ]  # fmt: skip


def test_an_older_text_is_restored_as_a_new_revision(owner, plan, people):
    first = revise(plan, people, 1, mission="First")
    revise(plan, people, 2, mission="Second")
    page = owner.get(url("revision", plan, first.uuid)).content.decode()
    assert "Restore this text" in page
    done = owner.post(url("restore", plan, first.uuid), {"version": 2, "note": "Back to it."})
    assert done.status_code == 302
    newest = CharterRevision.objects.get(number=3)
    assert newest.mission == "First" and newest.restored_from == first
    assert "Restored the text of revision 1" in newest.note


def test_a_restore_from_a_stale_page_is_refused(owner, plan, people):
    first = revise(plan, people, 1, mission="First")
    revise(plan, people, 2, mission="Second")
    page = owner.post(url("restore", plan, first.uuid), {"version": 1, "note": "Back."})
    assert page.status_code == 409
    assert CharterRevision.objects.count() == 2


def test_viewers_and_contributors_read_but_may_not_change_the_charter(viewer, contributor, plan,
                                                                     people):  # fmt: skip
    first = revise(plan, people, 1, mission="First")
    for client in (viewer, contributor):
        assert client.get(url("charter", plan)).status_code == 200
        assert "Revise the charter" not in client.get(url("charter", plan)).content.decode()
        assert client.get(url("charter-edit", plan)).status_code == 403
        assert client.post(url("charter-edit", plan), post(version=1)).status_code == 403
        assert client.post(url("restore", plan, first.uuid),
                           {"version": 1, "note": "x"}).status_code == 403  # fmt: skip
    assert CharterRevision.objects.count() == 1


@pytest.mark.parametrize("name", ["charter", "charter-edit", "history"])
def test_outsiders_get_404_and_anonymous_people_are_sent_to_sign_in(outsider, anonymous, plan,
                                                                    name):  # fmt: skip
    assert outsider.get(url(name, plan)).status_code == 404
    assert anonymous.get(url(name, plan)).status_code == 302


def test_an_outsider_cannot_see_a_revision_by_its_key(outsider, plan, people):
    first = revise(plan, people, 1, mission="First")
    assert outsider.get(url("revision", plan, first.uuid)).status_code == 404
    assert (
        outsider.post(url("restore", plan, first.uuid), {"version": 1, "note": "x"}).status_code
        == 404
    )
