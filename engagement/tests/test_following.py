"""Following a published plan or an action by e-mail: double opt-in, one-click unsubscribe,
and `upward send-updates` sending each new shown update and public answer once."""

from __future__ import annotations

import datetime as dt
import re
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from engagement import following, public
from engagement.models import Follower, FollowerSent, Moderation, ResponseStatus
from metrics.models import Pillar
from reports.models import ProgressPublicSettings
from strategy import services as strategy_services
from tracking.models import ProgressUpdate

pytestmark = pytest.mark.django_db
BASE = "http://testserver"


@pytest.fixture
def published(plan):  # type: ignore[no-untyped-def]
    plan.published = True
    plan.save(update_fields=["published"])
    ProgressPublicSettings.objects.create(plan=plan, show_actions=True)
    return plan


@pytest.fixture
def action(published):  # type: ignore[no-untyped-def]
    priority = strategy_services.priority_save(
        plan=published, pillars=list(Pillar.objects.all()[:1]), title="Good jobs",
        description="", problem="Too few jobs pay enough.", root_causes="",
        pathway="If employers pay a living wage, then families save.", assumptions="",
    )  # fmt: skip
    return strategy_services.action_save(plan=published, priority=priority,
                                         title="Living-wage pledge")  # fmt: skip


def link(body: str, part: str) -> str:
    found = re.search(rf"{BASE}(/p/\S+/{part}/\S+/)", body)
    assert found, body
    return found.group(1)


def ask(client, plan, email: str = "Resident@Example.org", about: str = ""):  # type: ignore[no-untyped-def]
    token = public.form_token(plan=plan, now=timezone.now() - dt.timedelta(minutes=1))
    return client.post(f"/p/{plan.code}/feedback/follow/",
                       {"email": email, "about": about, "website": "", "token": token})  # fmt: skip


def update(action, text: str) -> ProgressUpdate:  # type: ignore[no-untyped-def]
    return ProgressUpdate.objects.create(action=action, written_on=dt.date(2026, 11, 1),
                                         status="in-progress", narrative=text)  # fmt: skip


def test_following_needs_a_confirmation_before_anything_is_sent(
    anonymous, published, action
) -> None:
    response = ask(anonymous, published)
    assert "a message is on its way" in response.content.decode()
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    follower = Follower.objects.get()
    assert follower.email == "resident@example.org" and follower.confirmed_at is None
    update(action, "Twelve employers signed.")
    assert following.updates_send(base_url=BASE).sent == 0  # not confirmed: nothing
    confirm = link(body, "confirm")
    assert "Yes, send me its news" in anonymous.get(confirm).content.decode()
    follower.refresh_from_db()
    assert follower.confirmed_at is None  # a GET (a link checker) confirms nothing
    anonymous.post(confirm)
    follower.refresh_from_db()
    assert follower.confirmed_at is not None


def test_send_updates_sends_new_shown_updates_and_answers_once(published, action) -> None:
    follower = Follower.objects.create(plan=published, email="a@example.org")
    following.follow_confirm(follower=follower)
    update(action, "Twelve employers signed.")
    ProgressUpdate.objects.create(action=action, written_on=dt.date(2026, 11, 2),
                                  status="in-progress", narrative="Waiting for review",
                                  review_state="pending")  # fmt: skip
    item = public.public_feedback_submit(plan=published, client="x", text="More bus runs",
                                         subject=public.Subject())  # fmt: skip
    public.feedback_moderate(item=item, state=Moderation.SHOWN, version=item.version)
    item.refresh_from_db()
    answer = "Two later runs from September."
    public.feedback_respond(item=item, response=answer, status=ResponseStatus.ACTED,
                            reason="", version=item.version)  # fmt: skip
    out = StringIO()
    call_command("send-updates", "--dry-run", stdout=out)
    assert "would get 2 new items" in out.getvalue()
    assert not mail.outbox
    call_command("send-updates", "--base-url", BASE, stdout=StringIO())
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert "Twelve employers signed." in body and "Two later runs" in body
    assert "Waiting for review" not in body
    assert mail.outbox[0].extra_headers["List-Unsubscribe"].startswith(f"<{BASE}/p/")
    assert FollowerSent.objects.filter(follower=follower).count() == 2
    call_command("send-updates", stdout=StringIO())
    assert len(mail.outbox) == 1  # nothing twice


def test_an_action_follower_gets_only_that_actions_updates(published, action) -> None:
    other = strategy_services.action_save(plan=published, priority=action.priority,
                                          title="Job fair")  # fmt: skip
    follower = Follower.objects.create(plan=published, action=action, email="b@example.org")
    following.follow_confirm(follower=follower)
    update(other, "Fair booked")
    update(action, "Pledge launched")
    news = following.news_for(follower=follower)
    assert [n.text for n in news] == ["Pledge launched"]


def test_one_click_unsubscribe_stops_the_messages(anonymous, published, action) -> None:
    follower = Follower.objects.create(plan=published, email="c@example.org")
    following.follow_confirm(follower=follower)
    update(action, "Twelve employers signed.")
    following.updates_send(base_url=BASE)
    stop = link(mail.outbox[0].body, "stop")
    assert "Stop the e-mails" in anonymous.get(stop).content.decode()
    anonymous.post(stop)
    follower.refresh_from_db()
    assert follower.unsubscribed_at is not None
    update(action, "Another step")
    assert following.updates_send(base_url=BASE).sent == 0


def test_forged_links_and_forms_are_refused(anonymous, published) -> None:
    assert anonymous.get(f"/p/{published.code}/feedback/follow/confirm/forged/").status_code == 404
    assert anonymous.post(f"/p/{published.code}/feedback/follow/stop/forged/").status_code == 404
    token = public.form_token(plan=published, now=timezone.now() - dt.timedelta(minutes=1))
    url = f"/p/{published.code}/feedback/follow/"
    honeypot = anonymous.post(url, {"email": "d@example.org", "website": "x", "token": token})
    assert honeypot.status_code == 400
    no_token = anonymous.post(f"/p/{published.code}/feedback/follow/", {"email": "d@example.org"})
    assert "security token" in no_token.content.decode()
    assert not Follower.objects.exists() and not mail.outbox


def test_addresses_are_never_shown_on_any_page(anonymous, editor, published) -> None:
    ask(anonymous, published, email="hidden@example.org")
    for url in (f"/p/{published.code}/feedback/", f"/p/{published.code}/",
                f"/plans/{published.code}/engagement/moderation/"):  # fmt: skip
        client = editor if url.startswith("/plans/") else anonymous
        assert "hidden@example.org" not in client.get(url).content.decode()


def test_unpublished_plans_cannot_be_followed(anonymous, plan) -> None:
    assert anonymous.get(f"/p/{plan.code}/feedback/follow/").status_code == 404
