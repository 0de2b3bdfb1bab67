"""Writes of step 10's follow-up: the plan's cadence settings, each person's reminder
preference, calendar feed links, and the reminder digests (sent once per period)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.contrib.auth.models import User
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse

from followup.models import (
    DigestFrequency,
    DigestSend,
    FollowupSettings,
    ReminderPreference,
    feed_token_new,
)
from followup.selectors import Digest, digests_due
from plans.models import Plan

STALE = (
    "These settings changed since you opened the page (someone else saved them first). "
    "Nothing was overwritten: look at them again and make your change once more."
)
UNSUBSCRIBE_SALT = "followup.unsubscribe"


class StaleEdit(Exception):
    """A save made on a version of the record that is no longer the current one."""

    def __init__(self, message: str = STALE) -> None:
        super().__init__(message)
        self.message = message


def _versioned_save(
    *, model: type[FollowupSettings] | type[ReminderPreference], lookup: dict[str, object],
    version: int | None, values: dict[str, object],
) -> None:  # fmt: skip
    """Create the row, or update it only if nobody saved it since `version` was read."""
    rows = model.objects.filter(**lookup)
    if not rows.exists():
        if version not in (None, 1):
            raise StaleEdit
        model.objects.create(**lookup, **values)
        return
    if version is not None:
        rows = rows.filter(version=version)
    if not rows.update(**values, version=F("version") + 1):
        raise StaleEdit


@transaction.atomic
def followup_settings_save(
    *, plan: Plan, action_cadence: str, grace_days: int, lead_days: int,
    started_on: datetime.date | None, version: int | None = None,
) -> FollowupSettings:  # fmt: skip
    values: dict[str, object] = {
        "action_cadence": action_cadence,
        "grace_days": grace_days,
        "lead_days": lead_days,
        "started_on": started_on,
    }
    _versioned_save(model=FollowupSettings, lookup={"plan": plan}, version=version, values=values)
    return FollowupSettings.objects.get(plan=plan)


@transaction.atomic
def reminder_preference_save(
    *, user: User, frequency: str, weekday: int, plans: list[Plan],
    lead_days: int | None, version: int | None = None,
) -> ReminderPreference:  # fmt: skip
    values: dict[str, object] = {"frequency": frequency, "weekday": weekday, "lead_days": lead_days}
    _versioned_save(model=ReminderPreference, lookup={"user": user}, version=version, values=values)
    preference = ReminderPreference.objects.get(user=user)
    mine = set(Plan.objects.filter(memberships__user=user).values_list("pk", flat=True))
    preference.plans.set([p for p in plans if p.pk in mine])
    return preference


def plan_feed_renew(*, plan: Plan) -> str:
    """A new secret link for the plan's calendar feed; the old link stops working."""
    token = feed_token_new()
    FollowupSettings.objects.get_or_create(plan=plan)
    FollowupSettings.objects.filter(plan=plan).update(feed_token=token)
    return token


def plan_feed_stop(*, plan: Plan) -> None:
    FollowupSettings.objects.filter(plan=plan).update(feed_token="")


def person_feed_renew(*, user: User) -> str:
    """A new secret link for the person's calendar feed; the old link stops working."""
    token = feed_token_new()
    ReminderPreference.objects.get_or_create(user=user)
    ReminderPreference.objects.filter(user=user).update(feed_token=token)
    return token


def person_feed_stop(*, user: User) -> None:
    ReminderPreference.objects.filter(user=user).update(feed_token="")


# -- unsubscribing -------------------------------------------------------------------------


def unsubscribe_token(*, user: User) -> str:
    """A signed token naming the person: it stops their reminders without signing in."""
    return signing.dumps({"u": user.pk}, salt=UNSUBSCRIBE_SALT, compress=True)


def unsubscribe_user(*, token: str) -> User | None:
    """The person the token names, or None when it was not made by us."""
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("u"), int):
        return None
    return User.objects.filter(pk=data["u"], is_active=True).first()


def reminders_stop(*, user: User) -> None:
    ReminderPreference.objects.get_or_create(user=user)
    ReminderPreference.objects.filter(user=user).update(
        frequency=DigestFrequency.NEVER, version=F("version") + 1
    )


# -- sending digests -----------------------------------------------------------------------


@dataclass
class SendSummary:
    sent: int = 0
    failed: int = 0
    lines: list[str] = field(default_factory=list)  # one per person, in words


def _digest_message(digest: Digest, base_url: str) -> EmailMultiAlternatives:
    unsubscribe = base_url + reverse("me:unsubscribe", args=[unsubscribe_token(user=digest.user)])
    context = {
        "digest": digest,
        "base_url": base_url,
        "unsubscribe_url": unsubscribe,
        "preferences_url": base_url + reverse("me:preferences"),
        "my_updates_url": base_url + reverse("me:updates"),
    }
    message = EmailMultiAlternatives(
        subject=digest.subject,
        body=render_to_string("followup/email/digest.txt", context),
        to=[digest.user.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.attach_alternative(render_to_string("followup/email/digest.html", context), "text/html")
    return message


def reminders_send(*, today: datetime.date, base_url: str, dry_run: bool = False) -> SendSummary:
    """E-mail each person their digest for today's period (what falls due within their lead
    days, what is overdue), unless they chose not to have one or already had this period's.
    A dry run says who would get what and sends and records nothing."""
    summary = SendSummary()
    base_url = base_url.rstrip("/")
    for digest in digests_due(today=today):
        summary.lines.append(f"{digest.user.email}: {digest.summary_words}")
        if dry_run:
            continue
        try:
            with transaction.atomic():
                DigestSend.objects.create(
                    user=digest.user,
                    period=digest.period,
                    sent_on=today,
                    item_count=len(digest.overdue) + len(digest.due),
                )
                _digest_message(digest, base_url).send(fail_silently=False)
        except IntegrityError:  # another run recorded this period's digest first
            summary.lines[-1] += " (already sent by another run)"
            continue
        except OSError as error:  # the mail server refused: the period stays open for a retry
            summary.failed += 1
            summary.lines[-1] += f" (not sent: {error})"
            continue
        summary.sent += 1
    return summary
