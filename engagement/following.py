"""Following a published plan, or one of its actions, by e-mail: a confirmation message with
a signed link (nothing else is sent until it is followed), a one-click unsubscribe link in
every message, and `upward send-updates`, which sends each confirmed follower the progress
updates shown publicly and the public answers to residents' feedback that are new since
they confirmed, each once. Addresses are never shown anywhere.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from engagement.models import (
    FeedbackItem,
    FeedbackSource,
    Follower,
    FollowerSent,
    Moderation,
)
from plans.models import Plan
from strategy.models import StrategicAction
from tracking.models import ProgressUpdate, ReviewState

CONFIRM_SALT = "engagement.follow-confirm"
STOP_SALT = "engagement.follow-stop"
CONFIRM_MAX_AGE = 7 * 24 * 3600  # a confirmation link works for a week


# -- signed links --------------------------------------------------------------------------


def confirm_token(*, follower: Follower) -> str:
    return signing.dumps({"f": str(follower.uuid)}, salt=CONFIRM_SALT)


def stop_token(*, follower: Follower) -> str:
    return signing.dumps({"f": str(follower.uuid)}, salt=STOP_SALT)


def _follower_from(token: str, *, salt: str, plan: Plan, max_age: int | None) -> Follower | None:
    try:
        data = signing.loads(token, salt=salt, max_age=max_age)
    except signing.BadSignature:  # SignatureExpired is one too
        return None
    if not isinstance(data, dict) or not isinstance(data.get("f"), str):
        return None
    return Follower.objects.filter(plan=plan, uuid=data["f"]).first()


def follower_for_confirm(*, plan: Plan, token: str) -> Follower | None:
    return _follower_from(token, salt=CONFIRM_SALT, plan=plan, max_age=CONFIRM_MAX_AGE)


def follower_for_stop(*, plan: Plan, token: str) -> Follower | None:
    return _follower_from(token, salt=STOP_SALT, plan=plan, max_age=None)


# -- following -----------------------------------------------------------------------------


def _links(follower: Follower, base_url: str) -> dict[str, str]:
    code = follower.plan.code
    return {
        "confirm_url": base_url
        + reverse(
            "engagement_public:follow-confirm", args=[code, confirm_token(follower=follower)]
        ),
        "stop_url": base_url
        + reverse("engagement_public:follow-stop", args=[code, stop_token(follower=follower)]),
        "page_url": base_url + reverse("engagement_public:feedback", args=[code]),
    }


def _send(follower: Follower, *, subject: str, template: str, context: dict[str, object]) -> None:
    links = _links(follower, str(context["base_url"]))
    full = {**context, **links, "follower": follower, "plan": follower.plan}
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"engagement/email/{template}.txt", full),
        to=[follower.email],
        headers={
            "List-Unsubscribe": f"<{links['stop_url']}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.send()


def follow_request(
    *, plan: Plan, email: str, action: StrategicAction | None, base_url: str
) -> Follower:
    """Record the wish to follow and send the confirmation message (only that). Asking
    again re-sends the confirmation; a confirmed follower is left as they are."""
    email = email.strip().lower()
    with transaction.atomic():
        follower = Follower.objects.filter(
            plan=plan, action=action, email=email, unsubscribed_at__isnull=True
        ).first()
        if follower is None:
            follower = Follower.objects.create(plan=plan, action=action, email=email)
    if follower.confirmed_at is None:
        what = f"the action “{action.title}”" if action else "the plan"
        _send(
            follower,
            subject=f"Please confirm: follow {plan.title}",
            template="confirm",
            context={"base_url": base_url, "what": what},
        )
    return follower


def follow_confirm(*, follower: Follower, now: dt.datetime | None = None) -> None:
    if follower.confirmed_at is None and follower.unsubscribed_at is None:
        follower.confirmed_at = now or timezone.now()
        Follower.objects.filter(pk=follower.pk).update(confirmed_at=follower.confirmed_at)


def follow_stop(*, follower: Follower, now: dt.datetime | None = None) -> None:
    if follower.unsubscribed_at is None:
        follower.unsubscribed_at = now or timezone.now()
        Follower.objects.filter(pk=follower.pk).update(unsubscribed_at=follower.unsubscribed_at)


# -- sending updates -----------------------------------------------------------------------


@dataclass(frozen=True)
class NewsItem:
    kind: str  # "update" | "response"
    key: str  # the record's UUID
    title: str
    text: str
    on: dt.date


@dataclass
class SendSummary:
    sent: int = 0
    failed: int = 0
    lines: list[str] = field(default_factory=list)  # "follower <n>: 2 updates" (no address)


def news_for(*, follower: Follower) -> list[NewsItem]:
    """What this follower has not been sent yet: progress updates shown publicly and public
    answers to residents' feedback, since they confirmed."""
    plan = follower.plan
    since = follower.confirmed_at
    if since is None or follower.unsubscribed_at is not None or not plan.published:
        return []
    sent = {
        (kind, str(key))
        for kind, key in FollowerSent.objects.filter(follower=follower).values_list("kind", "key")
    }
    news: list[NewsItem] = []
    from reports.progress import public_settings

    if public_settings(plan=plan).show_actions:
        updates = ProgressUpdate.objects.filter(
            action__plan=plan, review_state=ReviewState.PUBLISHED, created_at__gt=since
        ).select_related("action")
        if follower.action_id:
            updates = updates.filter(action_id=follower.action_id)
        for u in updates.order_by("created_at", "id"):
            news.append(NewsItem("update", str(u.uuid), u.action.title, u.narrative, u.written_on))
    answers = FeedbackItem.objects.filter(
        plan=plan,
        source=FeedbackSource.PUBLIC,
        moderation=Moderation.SHOWN,
        responded_at__gt=since,
    ).exclude(response="")
    if follower.action_id:
        answers = answers.filter(action_id=follower.action_id)
    for a in answers.order_by("responded_at", "id"):
        assert a.responded_at is not None
        news.append(
            NewsItem(
                "response",
                str(a.uuid),
                f"You said: {a.text[:80]}{'…' if len(a.text) > 80 else ''}",
                a.response,
                a.responded_at.date(),
            )
        )
    return [n for n in news if (n.kind, n.key) not in sent]


def updates_send(
    *, base_url: str, dry_run: bool = False, now: dt.datetime | None = None
) -> SendSummary:
    summary = SendSummary()
    moment = now or timezone.now()
    followers = Follower.objects.filter(
        confirmed_at__isnull=False, unsubscribed_at__isnull=True, plan__published=True
    ).select_related("plan", "action")
    for number, follower in enumerate(followers, start=1):
        news = news_for(follower=follower)
        if not news:
            continue
        words = f"{len(news)} new item{'s' if len(news) != 1 else ''}"
        summary.lines.append(f"follower {number} of {follower.plan.code}: {words}")
        if dry_run:
            continue
        try:
            _send(
                follower,
                subject=f"News from {follower.plan.title}",
                template="updates",
                context={"base_url": base_url, "news": news},
            )
        except Exception:
            summary.failed += 1
            continue
        FollowerSent.objects.bulk_create(
            [FollowerSent(follower=follower, kind=n.kind, key=n.key, sent_at=moment) for n in news],
            ignore_conflicts=True,
        )
        summary.sent += 1
    return summary
