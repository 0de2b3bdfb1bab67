"""The e-mail digest: who gets one, when, what it says, and that it never goes twice."""

from __future__ import annotations

import datetime
import re
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.test import Client

from followup.models import DigestSend, ReminderPreference
from followup.services import reminders_send, unsubscribe_token
from plans.models import Plan

pytestmark = pytest.mark.django_db

MONDAY = datetime.date(2027, 3, 22)
TUESDAY = datetime.date(2027, 3, 23)
BASE = "https://upward.example.org"


@pytest.fixture
def due_things(settings_row, action, partner_action, milestone, measure) -> None:
    """The contributor owes an overdue milestone and value and an update due April 1; the
    editor backs up the action."""


def send(today: datetime.date, dry_run: bool = False):  # type: ignore[no-untyped-def]
    return reminders_send(today=today, base_url=BASE, dry_run=dry_run)


def test_each_person_gets_one_digest_of_their_overdue_and_soon_due_items_on_monday(
    due_things,
) -> None:
    summary = send(MONDAY)
    assert summary.sent == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["contributor@example.org", "editor@example.org"]
    message = next(m for m in mail.outbox if m.to == ["contributor@example.org"])
    assert message.subject == "Upward: 2 overdue and 1 due soon"
    assert "Milestone: Ten employers sign (Living-wage pledge)" in message.body
    assert (
        "(Living-wage pledge) (Winnebago Mobility Action Plan) · Overdue since March 1"
        in message.body
    )
    assert "Progress update: Living-wage pledge" in message.body
    assert "Due in 10 days, April 1" in message.body
    assert f"{BASE}/plans/" in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_the_same_periods_digest_is_never_sent_twice(due_things) -> None:
    send(MONDAY)
    assert send(MONDAY).sent == 0
    assert send(TUESDAY).sent == 0  # the same week
    assert len(mail.outbox) == 2
    assert DigestSend.objects.filter(period="2027-W12").count() == 2
    assert send(MONDAY + datetime.timedelta(days=7)).sent == 2


def test_weekly_digests_wait_for_the_chosen_weekday_and_daily_ones_come_each_day(
    due_things, people
) -> None:
    ReminderPreference.objects.create(user=people["contributor"], frequency="daily")
    ReminderPreference.objects.create(user=people["editor"], frequency="weekly", weekday=2)
    send(TUESDAY)
    assert [m.to for m in mail.outbox] == [["contributor@example.org"]]
    assert send(TUESDAY + datetime.timedelta(days=1)).sent == 2  # contributor again, editor


def test_people_who_chose_never_or_only_other_plans_get_nothing(due_things, people, plan) -> None:
    ReminderPreference.objects.create(user=people["contributor"], frequency="never")
    other = Plan.objects.exclude(pk=plan.pk).get()
    other.memberships.create(user=people["editor"], role="viewer")
    editor = ReminderPreference.objects.create(user=people["editor"], frequency="weekly")
    editor.plans.set([other])
    assert send(MONDAY).sent == 0
    assert mail.outbox == []


def test_a_dry_run_says_who_would_get_what_and_sends_nothing(due_things) -> None:
    out = StringIO()
    call_command("send-reminders", "--dry-run", "--today", "2027-03-22", stdout=out)
    text = out.getvalue()
    assert "contributor@example.org would get 2 overdue and 1 due soon" in text
    assert "2 digest(s) would be sent" in text
    assert mail.outbox == []
    assert not DigestSend.objects.exists()


def test_the_command_sends_and_prints_a_count(due_things) -> None:
    out = StringIO()
    call_command("send-reminders", "--today", "2027-03-22", stdout=out)
    assert "Reminders for 2027-03-22: 2 sent, 0 failed." in out.getvalue()
    assert len(mail.outbox) == 2


def test_the_command_refuses_a_date_it_cannot_read(db) -> None:
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("send-reminders", "--today", "22/03/2027")


def test_nobody_gets_an_empty_digest(settings_row, action) -> None:
    assert send(datetime.date(2027, 1, 4)).sent == 0  # the first update is due April 1


def test_the_unsubscribe_link_stops_reminders_without_signing_in(due_things, people) -> None:
    send(MONDAY)
    message = next(m for m in mail.outbox if m.to == ["contributor@example.org"])
    link = re.search(rf"{BASE}(/me/unsubscribe/[^/\s]+/)", message.body)
    assert link is not None
    client = Client()
    page = client.get(link.group(1))
    assert page.status_code == 200
    assert "Stop my reminder e-mails" in page.content.decode()
    assert not ReminderPreference.objects.filter(
        frequency="never"
    ).exists()  # a GET changes nothing
    done = client.post(link.group(1))
    assert "will not send you reminder e-mails" in done.content.decode()
    assert ReminderPreference.objects.get(user=people["contributor"]).frequency == "never"
    mail.outbox.clear()
    send(MONDAY + datetime.timedelta(days=7))
    assert [m.to for m in mail.outbox] == [["editor@example.org"]]


def test_a_forged_unsubscribe_token_is_not_found(people) -> None:
    token = unsubscribe_token(user=people["viewer"])
    assert Client().post(f"/me/unsubscribe/{token}x/").status_code == 404
    assert Client().get("/me/unsubscribe/not-a-token/").status_code == 404
