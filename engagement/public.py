"""Feedback from residents on a published plan, without an account (issue 5, continuous
engagement): the form's signed token, the flood limit per address, saving for moderation,
moderating, answering ("you said, we did") and the figures on how fast answers come.

Nothing a resident sends is public until a moderator shows it. Their e-mail address (kept
only to reply) is never shown, and their network address is kept only as a salted hash.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import statistics
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, F
from django.utils import timezone

from engagement.models import (
    FeedbackItem,
    FeedbackSource,
    Moderation,
    PublicSubmission,
    ResponseStatus,
    Theme,
)
from plans.models import Plan
from strategy.models import Measure, StrategicAction

TOKEN_SALT = "engagement.public-feedback"  # noqa: S105 (a signing salt, not a secret)
TOKEN_MAX_AGE = dt.timedelta(hours=2)
TOKEN_MIN_AGE = dt.timedelta(seconds=3)
TEXT_LIMIT = 2000
REQUEST_LIMIT = 20_000  # bytes in the whole form post
FLOOD_LIMIT = 5  # accepted posts per address, per plan, per FLOOD_WINDOW
FLOOD_WINDOW = dt.timedelta(hours=1)


class Refused(Exception):
    """A public post refused as a whole, with the sentence to show and an HTTP status."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


# -- the form's token ----------------------------------------------------------------------


def form_token(*, plan: Plan, now: dt.datetime | None = None) -> str:
    """A signed token naming the plan and when the form was handed out."""
    moment = now or timezone.now()
    return signing.dumps({"p": plan.pk, "t": int(moment.timestamp())}, salt=TOKEN_SALT)


def form_token_check(*, plan: Plan, token: str, now: dt.datetime | None = None) -> None:
    """Raise Refused when the token is missing, not ours, for another plan, too old or
    too fresh (a person takes more than a few seconds to write)."""
    if not token:
        raise Refused(
            "This form arrived without its security token. Please open the feedback page "
            "again and send your feedback from there."
        )
    try:
        data = signing.loads(token, salt=TOKEN_SALT)
    except signing.BadSignature:
        raise Refused(
            "This form's security token is not one we issued. Please open the feedback page "
            "again and send your feedback from there."
        ) from None
    if not isinstance(data, dict) or data.get("p") != plan.pk or not isinstance(data.get("t"), int):
        raise Refused(
            "This form belongs to another page. Please open this plan's feedback page again."
        )
    moment = now or timezone.now()
    age = moment - dt.datetime.fromtimestamp(data["t"], tz=dt.UTC)
    if age > TOKEN_MAX_AGE:
        raise Refused(
            "This form was opened more than two hours ago. Please copy your text, open the "
            "feedback page again and send it from there."
        )
    if age < TOKEN_MIN_AGE:
        raise Refused(
            "This form was sent a moment after it was opened, faster than a person types. "
            "Please wait a few seconds and send it again."
        )


# -- floods --------------------------------------------------------------------------------


def client_key(*, address: str) -> str:
    """The salted hash kept instead of a network address."""
    salted = f"{settings.SECRET_KEY}:engagement.flood:{address}".encode()
    return hashlib.sha256(salted).hexdigest()


def flood_check(*, plan: Plan, client: str, now: dt.datetime | None = None) -> None:
    moment = now or timezone.now()
    recent = PublicSubmission.objects.filter(
        plan=plan, client=client, at__gt=moment - FLOOD_WINDOW
    ).count()
    if recent >= FLOOD_LIMIT:
        raise Refused(
            f"We have already received {FLOOD_LIMIT} pieces of feedback from your connection "
            "in the last hour. Please try again later; what you sent before is safe.",
            status=429,
        )


def submission_count(*, plan: Plan, client: str, now: dt.datetime | None = None) -> None:
    """Count one accepted public post from this address (for the flood limit)."""
    PublicSubmission.objects.create(plan=plan, client=client, at=now or timezone.now())


# -- saving --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Subject:
    """What a piece of public feedback is about: the plan as a whole, an action or a
    measure."""

    action: StrategicAction | None = None
    measure: Measure | None = None


ACTIONS_PART = "strategy"  # the public plan's section listing the actions
MEASURES_PART = "measurement"  # the one listing the measures


def _shows(plan: Plan, part: str) -> bool:
    """Whether the owner published the part of the plan that names these records (a
    resident may only pick what the public page already shows)."""
    return part in (plan.published_parts or [])


def subject_choices(*, plan: Plan) -> list[tuple[str, str]]:
    choices = [("", "The plan as a whole")]
    if _shows(plan, ACTIONS_PART):
        for action in StrategicAction.objects.filter(plan=plan).order_by("title"):
            choices.append((f"action:{action.uuid}", f"Action: {action.title}"))
    if _shows(plan, MEASURES_PART):
        for measure in Measure.objects.filter(plan=plan).order_by("name"):
            choices.append((f"measure:{measure.uuid}", f"Measure: {measure.name}"))
    return choices


def subject_for(*, plan: Plan, key: str) -> Subject:
    kind, _, uuid = key.partition(":")
    if kind == "action" and _shows(plan, ACTIONS_PART):
        return Subject(action=StrategicAction.objects.filter(plan=plan, uuid=uuid).first())
    if kind == "measure" and _shows(plan, MEASURES_PART):
        return Subject(measure=Measure.objects.filter(plan=plan, uuid=uuid).first())
    return Subject()


def public_feedback_submit(
    *,
    plan: Plan,
    client: str,
    text: str,
    subject: Subject,
    theme: Theme | None = None,
    neighbourhood: str = "",
    reply_email: str = "",
    now: dt.datetime | None = None,
) -> FeedbackItem:
    """Save a resident's feedback for moderation (pending; nothing public yet)."""
    moment = now or timezone.now()
    text = text.strip()
    if not text:
        raise ValidationError({"text": "Please write your feedback."})
    if len(text) > TEXT_LIMIT:
        raise ValidationError(
            {"text": f"Please keep your feedback under {TEXT_LIMIT:,} characters."}
        )
    with transaction.atomic():
        flood_check(plan=plan, client=client, now=moment)
        item = FeedbackItem.objects.create(
            plan=plan,
            source=FeedbackSource.PUBLIC,
            text=text,
            moderation=Moderation.PENDING,
            action=subject.action,
            measure=subject.measure,
            neighbourhood=neighbourhood.strip(),
            reply_email=reply_email.strip(),
        )
        if theme is not None:
            item.themes.add(theme)
        submission_count(plan=plan, client=client, now=moment)
    return item


# -- moderating and answering --------------------------------------------------------------


class Stale(ValidationError):
    """A save refused because the record changed since it was read (409 in the API)."""

    def __str__(self) -> str:
        return " ".join(self.messages)  # the sentence itself, as the API's 409 says it


def _stale() -> Stale:
    return Stale(
        "This record changed since you opened it (someone else moderated or answered it). "
        "Nothing was overwritten: reload the page to see the latest and try again."
    )


def feedback_moderate(
    *, item: FeedbackItem, state: str, version: int, now: dt.datetime | None = None
) -> FeedbackItem:
    if state not in Moderation.values or state == Moderation.PENDING:
        raise ValidationError({"state": "Choose show, hide or spam."})
    changed = FeedbackItem.objects.filter(pk=item.pk, version=version).update(
        moderation=state, moderated_at=now or timezone.now(), version=F("version") + 1
    )
    if not changed:
        raise _stale()
    item.refresh_from_db()
    return item


def feedback_respond(
    *,
    item: FeedbackItem,
    response: str,
    status: str,
    reason: str,
    version: int,
    now: dt.datetime | None = None,
) -> FeedbackItem:
    """Answer a piece of feedback ("you said, we did"). The first answer's time counts for
    how fast the coalition answers; later edits keep it."""
    response, reason = response.strip(), reason.strip()
    errors: dict[str, str] = {}
    if status not in ResponseStatus.values:
        errors["status"] = "Choose a status."
    if not response:
        errors["response"] = "Write the answer residents will read."
    if status == ResponseStatus.NOT_TAKEN and not reason:
        errors["reason"] = "Say why this was not taken up."
    if errors:
        raise ValidationError(errors)
    answered_at = item.responded_at or now or timezone.now()
    changed = FeedbackItem.objects.filter(pk=item.pk, version=version).update(
        response=response,
        response_status=status,
        response_reason=reason if status == ResponseStatus.NOT_TAKEN else "",
        responded_at=answered_at,
        version=F("version") + 1,
    )
    if not changed:
        raise _stale()
    item.refresh_from_db()
    return item


def answer_reply_send(*, item: FeedbackItem, base_url: str) -> bool:
    """E-mail the first answer to the resident who left an address for a reply (the only
    use of that address). True when a message went out."""
    from django.core.mail import send_mail
    from django.template.loader import render_to_string
    from django.urls import reverse

    if not item.reply_email or not item.answered:
        return False
    context = {
        "item": item,
        "plan": item.plan,
        "status": str(ResponseStatus(item.response_status).label),
        "page_url": base_url + reverse("engagement_public:feedback", args=[item.plan.code]),
    }
    body = render_to_string("engagement/email/reply.txt", context)
    send_mail(f"Our answer to your feedback: {item.plan.title}", body, None, [item.reply_email])
    return True


# -- reading -------------------------------------------------------------------------------


@dataclass(frozen=True)
class PublicFeedback:
    uuid: str
    text: str
    about: str
    theme: str
    neighbourhood: str
    received_on: dt.date
    status: str
    response: str
    reason: str
    responded_on: dt.date | None


@dataclass(frozen=True)
class AnswerFigures:
    received: int  # public feedback shown or waiting (spam and hidden left out)
    answered: int
    median_days: float | None


def feedback_about(*, item: FeedbackItem) -> str:
    """What a piece of feedback is about, in words (the plan, an action or a measure)."""
    if item.action is not None:
        return f"Action: {item.action.title}"
    if item.measure is not None:
        return f"Measure: {item.measure.name}"
    return "The plan as a whole"


def public_feedback_list(*, plan: Plan) -> list[PublicFeedback]:
    """Shown public feedback with its answer, newest first. No e-mail, no address."""
    items = (
        FeedbackItem.objects.filter(
            plan=plan, source=FeedbackSource.PUBLIC, moderation=Moderation.SHOWN
        )
        .select_related("action", "measure")
        .prefetch_related("themes")
        .order_by("-created_at", "-id")
    )
    return [
        PublicFeedback(
            uuid=str(item.uuid),
            text=item.text,
            about=feedback_about(item=item),
            theme=", ".join(t.name for t in item.themes.all()),
            neighbourhood=item.neighbourhood,
            received_on=item.created_at.date(),
            status=str(ResponseStatus(item.response_status).label) if item.answered else "",
            response=item.response if item.answered else "",
            reason=item.response_reason if item.answered else "",
            responded_on=item.responded_at.date() if item.responded_at else None,
        )
        for item in items
    ]


def answer_figures(*, plan: Plan) -> AnswerFigures:
    """How much public feedback was answered and the median days from receipt to answer."""
    items = FeedbackItem.objects.filter(
        plan=plan,
        source=FeedbackSource.PUBLIC,
        moderation__in=[Moderation.SHOWN, Moderation.PENDING],
    ).values_list("created_at", "responded_at", "response")
    received = answered = 0
    days: list[float] = []
    for created, responded, response in items:
        received += 1
        if responded is not None and response.strip():
            answered += 1
            days.append((responded - created).total_seconds() / 86400)
    median = round(statistics.median(days), 1) if days else None
    return AnswerFigures(received=received, answered=answered, median_days=median)


@dataclass(frozen=True)
class QueueRow:
    item: FeedbackItem
    about: str
    themes: list[str]


def moderation_queue(*, plan: Plan, state: str = Moderation.PENDING) -> list[QueueRow]:
    """Public feedback in one moderation state, oldest first (for editors)."""
    if state not in Moderation.values:
        state = Moderation.PENDING
    items = (
        FeedbackItem.objects.filter(plan=plan, source=FeedbackSource.PUBLIC, moderation=state)
        .select_related("action", "measure")
        .prefetch_related("themes")
    )
    return [
        QueueRow(item, feedback_about(item=item), [t.name for t in item.themes.all()])
        for item in items
    ]


def moderation_counts(*, plan: Plan) -> dict[str, int]:
    """How many pieces of public feedback are in each moderation state (counted in the
    database, one row per state)."""
    found = dict.fromkeys(Moderation.values, 0)
    counted = (
        FeedbackItem.objects.filter(plan=plan, source=FeedbackSource.PUBLIC)
        .order_by()
        .values_list("moderation")
        .annotate(n=Count("id"))
    )
    for state, n in counted:
        found[state] += n
    return found
