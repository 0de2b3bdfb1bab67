"""Moderating residents' feedback, answering it ("you said, we did"), the answer figures,
and decision points after the release, with the role rules."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from engagement import decisions, public
from engagement.models import DecisionPoint, FeedbackItem, Moderation, ResponseStatus
from engagement.tests.conftest import ESCAPED, HOSTILE

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(plan):  # type: ignore[no-untyped-def]
    plan.published = True
    plan.save(update_fields=["published"])
    return plan


def resident_says(plan, text: str = "Please light the Kent Creek trail.", **kw) -> FeedbackItem:  # type: ignore[no-untyped-def]
    return public.public_feedback_submit(
        plan=plan, client=public.client_key(address=text), text=text, subject=public.Subject(),
        reply_email="resident@example.org", **kw,
    )  # fmt: skip


def base(plan) -> str:  # type: ignore[no-untyped-def]
    return f"/plans/{plan.code}/engagement/"


def test_an_editor_sees_pending_feedback_and_shows_it_publicly(
    editor, anonymous, published
) -> None:
    item = resident_says(published)
    page = editor.get(base(published) + "moderation/").content.decode()
    assert "Please light the Kent Creek trail." in page
    assert "resident@example.org" not in page  # the address is never shown
    response = editor.post(
        base(published) + f"moderation/{item.uuid}/",
        {"state": "shown", "version": item.version, "from": "pending"},
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.moderation == Moderation.SHOWN
    public_page = anonymous.get(f"/p/{published.code}/feedback/").content.decode()
    assert "Please light the Kent Creek trail." in public_page
    assert "resident@example.org" not in public_page


def test_spam_and_hidden_feedback_never_shows_publicly(editor, anonymous, published) -> None:
    spam = resident_says(published, "Cheap watches here")
    hidden = resident_says(published, "An insult to a named neighbour")
    editor.post(base(published) + f"moderation/{spam.uuid}/", {"state": "spam", "version": 1})
    editor.post(base(published) + f"moderation/{hidden.uuid}/", {"state": "hidden", "version": 1})
    page = anonymous.get(f"/p/{published.code}/feedback/").content.decode()
    assert "Cheap watches" not in page and "An insult" not in page
    spam_list = editor.get(base(published) + "moderation/?state=spam").content.decode()
    assert "Cheap watches" in spam_list


def test_a_stale_moderation_is_refused_and_nothing_overwritten(editor, published) -> None:
    item = resident_says(published)
    public.feedback_moderate(item=item, state=Moderation.HIDDEN, version=item.version)
    response = editor.post(
        base(published) + f"moderation/{item.uuid}/", {"state": "shown", "version": 1}, follow=True
    )
    assert "changed since you opened it" in response.content.decode()
    item.refresh_from_db()
    assert item.moderation == Moderation.HIDDEN


def test_viewers_and_contributors_cannot_read_pending_text_or_moderate(
    viewer, contributor, published
) -> None:
    item = resident_says(published)
    for client in (viewer, contributor):
        assert client.get(base(published) + "moderation/").status_code == 403
        url = base(published) + f"moderation/{item.uuid}/"
        assert client.post(url, {"state": "shown", "version": 1}).status_code == 403
        assert client.get(base(published) + f"moderation/{item.uuid}/answer/").status_code == 403
    item.refresh_from_db()
    assert item.moderation == Moderation.PENDING


def test_outsiders_get_404_and_anonymous_people_sign_in(outsider, anonymous, published) -> None:
    item = resident_says(published)
    assert outsider.get(base(published) + "moderation/").status_code == 404
    assert (
        outsider.post(base(published) + f"moderation/{item.uuid}/", {"state": "shown"}).status_code
        == 404
    )
    assert anonymous.get(base(published) + "moderation/").status_code == 302
    assert anonymous.get(base(published) + "decisions/").status_code == 302


def test_an_answer_shows_with_the_feedback_and_the_figures_count_it(
    editor, anonymous, published
) -> None:
    item = resident_says(published)
    public.feedback_moderate(item=item, state=Moderation.SHOWN, version=item.version)
    item.refresh_from_db()
    url = base(published) + f"moderation/{item.uuid}/answer/"
    missing = editor.post(url, {"status": "not-taken", "response": "We looked at it.",
                                "reason": "", "version": item.version})  # fmt: skip
    assert "Say why this was not taken up." in missing.content.decode()
    done = editor.post(url, {"status": "acted", "response": f"Lights go up in May. {HOSTILE}",
                             "reason": "", "version": item.version})  # fmt: skip
    assert done.status_code == 302
    page = anonymous.get(f"/p/{published.code}/feedback/").content.decode()
    assert "Lights go up in May." in page
    assert "Acted on" in page
    assert ESCAPED in page and HOSTILE not in page
    assert "1 of 1 piece of feedback from residents answered" in page


def test_the_figures_give_the_median_days_to_answer(published) -> None:
    now = timezone.now()
    for days in (2, 4, 10):
        item = resident_says(published, f"Feedback answered after {days} days")
        FeedbackItem.objects.filter(pk=item.pk).update(created_at=now - dt.timedelta(days=days))
        item.refresh_from_db()
        public.feedback_respond(item=item, response="Thank you", status=ResponseStatus.RECEIVED,
                                reason="", version=item.version, now=now)  # fmt: skip
    resident_says(published, "Not answered yet")
    figures = public.answer_figures(plan=published)
    assert (figures.received, figures.answered, figures.median_days) == (4, 3, 4.0)


def test_editors_add_decision_points_that_show_publicly(
    editor, viewer, anonymous, published
) -> None:
    response = editor.post(base(published) + "decisions/new/", {
        "title": "Which corridors get bus shelters first", "decides_on": "2027-03-02",
        "description": "", "how_to_take_part": "Town hall at Rockford City Hall, 6 pm",
        "status": "open", "outcome": "",
    })  # fmt: skip
    assert response.status_code == 302
    point = DecisionPoint.objects.get()
    assert viewer.get(base(published) + "decisions/").status_code == 200
    page = anonymous.get(f"/p/{published.code}/feedback/").content.decode()
    assert "Which corridors get bus shelters first" in page
    assert "Town hall at Rockford City Hall" in page
    decided = editor.post(base(published) + f"decisions/{point.uuid}/", {
        "title": point.title, "decides_on": "2027-03-02", "description": "",
        "how_to_take_part": "", "status": "decided", "outcome": "", "version": point.version,
    })  # fmt: skip
    assert "Say what was decided." in decided.content.decode()


def test_viewers_cannot_change_decision_points(viewer, outsider, published) -> None:
    point = decisions.decision_create(
        plan=published, title="Budget hearing", decides_on=dt.date(2027, 1, 5)
    )
    assert viewer.get(base(published) + "decisions/new/").status_code == 403
    data = {"title": "Changed", "decides_on": "2027-01-05", "status": "upcoming", "version": 1}
    assert viewer.post(base(published) + f"decisions/{point.uuid}/", data).status_code == 403
    assert outsider.get(base(published) + "decisions/").status_code == 404
    point.refresh_from_db()
    assert point.title == "Budget hearing"


def test_a_stale_decision_edit_is_refused(editor, published) -> None:
    point = decisions.decision_create(
        plan=published, title="Budget hearing", decides_on=dt.date(2027, 1, 5)
    )
    decisions.decision_update(point=point, version=1, title="Budget hearing (moved)",
                              decides_on=dt.date(2027, 1, 12))  # fmt: skip
    response = editor.post(base(published) + f"decisions/{point.uuid}/", {
        "title": "Mine", "decides_on": "2027-01-05", "status": "upcoming", "version": 1,
    })  # fmt: skip
    assert "changed since you opened it" in response.content.decode()
    point.refresh_from_db()
    assert point.title == "Budget hearing (moved)"


def test_past_decisions_come_after_the_coming_ones(published) -> None:
    decisions.decision_create(plan=published, title="Past", decides_on=dt.date(2026, 1, 5),
                              status="decided", outcome="Adopted")  # fmt: skip
    decisions.decision_create(plan=published, title="Soon", decides_on=dt.date(2026, 12, 1))
    rows = decisions.public_decisions(plan=published, today=dt.date(2026, 6, 1))
    assert [r.title for r in rows] == ["Soon", "Past"]


def test_markup_from_residents_is_escaped_on_the_members_pages(editor, published) -> None:
    item = resident_says(published, HOSTILE, neighbourhood=HOSTILE)
    queue = editor.get(base(published) + "moderation/").content.decode()
    assert HOSTILE not in queue and ESCAPED in queue
    answer = editor.get(base(published) + f"moderation/{item.uuid}/answer/").content.decode()
    assert HOSTILE not in answer and ESCAPED in answer
    public.feedback_moderate(item=item, state=Moderation.SHOWN, version=item.version)
    listed = editor.get(base(published) + "feedback/").content.decode()
    assert HOSTILE not in listed and ESCAPED in listed


def test_the_first_answer_is_e_mailed_to_a_resident_who_asked_once(editor, published) -> None:
    from django.core import mail

    item = resident_says(published)
    url = base(published) + f"moderation/{item.uuid}/answer/"
    editor.post(url, {"status": "considering", "response": "We are costing it.", "reason": "",
                      "version": item.version})  # fmt: skip
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["resident@example.org"]
    assert "We are costing it." in mail.outbox[0].body
    item.refresh_from_db()
    editor.post(url, {"status": "acted", "response": "Done.", "reason": "",
                      "version": item.version})  # fmt: skip
    assert len(mail.outbox) == 1  # an edited answer is not sent again


def test_the_moderation_page_counts_the_feedback_in_each_state(editor, published) -> None:
    for text in ("Light the trail", "More benches", "Cheap watches here"):
        resident_says(published, text)
    spam = FeedbackItem.objects.get(text="Cheap watches here")
    public.feedback_moderate(item=spam, state=Moderation.SPAM, version=spam.version)
    page = editor.get(base(published) + "moderation/").content.decode()
    assert "Waiting for a moderator (2)" in page
    assert "Spam (1)" in page
    assert "Shown (0)" in page and "Hidden (0)" in page
