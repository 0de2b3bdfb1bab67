"""Residents' feedback and decision points through the JSON API with personal tokens:
editors moderate and answer, members read figures and decisions, outsiders get 404."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client

from accounts.services import api_token_create
from engagement import public
from engagement.models import DecisionPoint, FeedbackItem, Moderation

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:  # type: ignore[no-untyped-def]
    _, raw = api_token_create(user=user, name="test")
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


def base(plan) -> str:  # type: ignore[no-untyped-def]
    return f"/api/v1/plans/{plan.code}/engagement"


@pytest.fixture
def pending(plan) -> FeedbackItem:  # type: ignore[no-untyped-def]
    return public.public_feedback_submit(
        plan=plan, client="k", text="Fix the crosswalk on Broadway", subject=public.Subject(),
        reply_email="secret@example.org",
    )  # fmt: skip


def test_an_editor_lists_moderates_and_answers_with_a_token(plan, people, pending) -> None:
    api = client_for(people["editor"])
    listed = api.get(base(plan) + "/public-feedback")
    assert listed.status_code == 200
    assert [f["text"] for f in listed.json()] == ["Fix the crosswalk on Broadway"]
    assert "secret@example.org" not in listed.content.decode()
    url = base(plan) + f"/public-feedback/{pending.uuid}"
    shown = api.post(url + "/moderation", {"state": "shown", "version": 1},
                     content_type="application/json")  # fmt: skip
    assert shown.status_code == 200 and shown.json()["moderation"] == "shown"
    stale = api.post(url + "/moderation", {"state": "spam", "version": 1},
                     content_type="application/json")  # fmt: skip
    assert stale.status_code == 409
    missing = api.post(url + "/answer", {"response": "No", "status": "not-taken", "version": 2},
                       content_type="application/json")  # fmt: skip
    assert missing.status_code == 422
    answer = {"response": "Repainted in June.", "status": "acted", "version": 2}
    answered = api.post(url + "/answer", answer, content_type="application/json")
    assert answered.status_code == 200
    assert answered.json()["response_status"] == "acted"
    assert [m.to for m in mail.outbox] == [["secret@example.org"]]  # the resident's reply
    figures = client_for(people["viewer"]).get(base(plan) + "/public-feedback/figures").json()
    assert figures["answered"] == 1 and figures["received"] == 1


def test_viewers_get_403_outsiders_404_and_no_token_401(plan, people, pending) -> None:
    viewer, outsider = client_for(people["viewer"]), client_for(people["outsider"])
    url = base(plan) + f"/public-feedback/{pending.uuid}/moderation"
    body = {"state": "shown", "version": 1}
    assert viewer.get(base(plan) + "/public-feedback").status_code == 403
    assert viewer.post(url, body, content_type="application/json").status_code == 403
    assert outsider.get(base(plan) + "/public-feedback").status_code == 404
    assert outsider.post(url, body, content_type="application/json").status_code == 404
    assert Client().get(base(plan) + "/public-feedback").status_code == 401
    pending.refresh_from_db()
    assert pending.moderation == Moderation.PENDING


def test_pending_public_feedback_stays_out_of_the_members_feedback_list(
    plan, people, pending
) -> None:
    listed = client_for(people["viewer"]).get(base(plan) + "/feedback").json()
    assert "Fix the crosswalk on Broadway" not in str(listed)


def test_decision_points_through_the_api(plan, people) -> None:
    editor, viewer = client_for(people["editor"]), client_for(people["viewer"])
    body = {"title": "Budget hearing", "decides_on": "2027-01-05", "status": "open",
            "how_to_take_part": "City Hall, 6 pm"}  # fmt: skip
    made = editor.post(base(plan) + "/decisions", body, content_type="application/json")
    assert made.status_code == 201
    uuid = made.json()["uuid"]
    assert (
        viewer.post(base(plan) + "/decisions", body, content_type="application/json").status_code
        == 403
    )
    assert [d["title"] for d in viewer.get(base(plan) + "/decisions").json()] == ["Budget hearing"]
    decided = {**body, "status": "decided", "outcome": "Adopted", "version": 1}
    assert editor.put(base(plan) + f"/decisions/{uuid}", decided,
                      content_type="application/json").status_code == 200  # fmt: skip
    stale = editor.put(base(plan) + f"/decisions/{uuid}", decided, content_type="application/json")
    assert stale.status_code == 409
    assert DecisionPoint.objects.get().outcome == "Adopted"


def test_a_stale_or_refused_answer_says_why_in_one_sentence(plan, people, pending) -> None:
    api = client_for(people["editor"])
    url = base(plan) + f"/public-feedback/{pending.uuid}"
    api.post(url + "/moderation", {"state": "shown", "version": 1}, content_type="application/json")
    stale = api.post(url + "/answer", {"response": "Done", "status": "acted", "version": 1},
                     content_type="application/json")  # fmt: skip
    assert stale.status_code == 409
    assert stale.json()["detail"].startswith("This record changed since you opened it")
    refused = api.post(url + "/answer", {"response": "No", "status": "not-taken", "version": 2},
                       content_type="application/json")  # fmt: skip
    assert refused.status_code == 422
    assert "Say why this was not taken up." in refused.content.decode()
    pending.refresh_from_db()
    assert pending.response == "" and pending.version == 2
