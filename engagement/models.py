"""Step 6, the fuller picture: what the coalition heard from residents and stakeholders,
and what it concluded.

An activity is one occasion of listening (a focus group, a data walk...). What people said
is kept as feedback items, coded into the plan's own themes. Findings state what the
coalition concluded, each with its evidence (metrics, kept insights, themes, local
indicators). Report-backs record what was shared back with the people who took part.

Feedback has a `source`, so that feedback residents send later on a published plan
(without an account, through a moderated form) is the same kind of record, coded into the
same themes and counted with the rest; only feedback from an activity names one.
No personal data: participants are counted by group, never listed.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from metrics.models import Pillar, Predictor


class Method(models.TextChoices):
    FOCUS_GROUP = "focus-group", "Focus group"
    LISTENING = "listening-session", "Listening session"
    SURVEY = "survey", "Survey"
    DATA_WALK = "data-walk", "Data walk"
    INTERVIEW = "interview", "Interview"
    MEETING = "community-meeting", "Community meeting"
    OTHER = "other", "Other"


class Spectrum(models.TextChoices):
    """How much say residents have, from being told to deciding."""

    INFORM = "inform", "Inform"
    CONSULT = "consult", "Consult"
    INVOLVE = "involve", "Involve"
    COLLABORATE = "collaborate", "Collaborate"
    DEFER = "defer", "Defer to residents"


SPECTRUM_HELP = {
    Spectrum.INFORM: "We tell residents what is happening; they do not shape it.",
    Spectrum.CONSULT: "We ask residents what they think and weigh it before deciding.",
    Spectrum.INVOLVE: "Residents work with us throughout, and their concerns shape options.",
    Spectrum.COLLABORATE: "Residents and the coalition decide together, as partners.",
    Spectrum.DEFER: "Residents decide, and the coalition carries out what they choose.",
}


class Mode(models.TextChoices):
    IN_PERSON = "in-person", "In person"
    ONLINE = "online", "Online"
    BOTH = "both", "In person and online"


class Compensation(models.TextChoices):
    NONE = "none", "None"
    STIPEND = "stipend", "Stipend"
    GIFT_CARD = "gift-card", "Gift card"
    MEAL = "meal", "Meal"
    CHILD_CARE = "child-care", "Child care"
    TRANSPORT = "transport", "Transport"


class MobilityPart(models.TextChoices):
    ECONOMIC = "economic-success", "Economic success"
    POWER = "power-autonomy", "Power and autonomy"
    DIGNITY = "dignity-belonging", "Dignity and belonging"


class Activity(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(
        "plans.Plan", on_delete=models.CASCADE, related_name="engagement_activities"
    )
    title = models.CharField(max_length=200)
    method = models.CharField(max_length=30, choices=Method.choices)
    spectrum = models.CharField(max_length=20, choices=Spectrum.choices)
    date = models.DateField()
    mode = models.CharField(max_length=20, choices=Mode.choices, default=Mode.IN_PERSON)
    place = models.CharField(max_length=300, blank=True)
    languages = models.JSONField(default=list)  # ["English", "Spanish"]
    accessibility = models.TextField(blank=True)
    compensation = models.JSONField(default=list)  # Compensation values
    participants = models.PositiveIntegerField(null=True, blank=True)
    makeup = models.JSONField(default=dict)  # aggregate counts: {"Renters": 12, "Youth": 4}
    facilitator = models.ForeignKey(
        "plans.Membership",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="facilitated_activities",
    )
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["date", "id"]
        verbose_name_plural = "activities"

    def __str__(self) -> str:
        return self.title

    def compensation_labels(self) -> list[str]:
        labels = dict(Compensation.choices)
        return [str(labels.get(value, value)) for value in self.compensation]


class Theme(models.Model):
    """A theme the plan codes feedback into (each plan keeps its own list)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="themes")
    name = models.CharField(max_length=120)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["plan", "name"], name="theme_unique_name")]

    def __str__(self) -> str:
        return self.name


class FeedbackSource(models.TextChoices):
    ACTIVITY = "activity", "An engagement activity"
    PUBLIC = "public", "The public plan page"


class Moderation(models.TextChoices):
    PENDING = "pending", "Waiting for a moderator"
    SHOWN = "shown", "Shown"
    HIDDEN = "hidden", "Hidden"
    SPAM = "spam", "Spam"


class ResponseStatus(models.TextChoices):
    RECEIVED = "received", "Received"
    CONSIDERING = "considering", "Under consideration"
    ACTED = "acted", "Acted on"
    NOT_TAKEN = "not-taken", "Not taken up"


class FeedbackItem(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="feedback")
    source = models.CharField(
        max_length=20, choices=FeedbackSource.choices, default=FeedbackSource.ACTIVITY
    )
    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, null=True, blank=True, related_name="feedback"
    )
    text = models.TextField()  # as said, or summarised; never who said it
    pillar = models.ForeignKey(
        Pillar, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    predictor = models.ForeignKey(
        Predictor, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    themes = models.ManyToManyField(Theme, blank=True, related_name="feedback")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Public feedback (source "public"): what it is about, moderation, and the answer.
    moderation = models.CharField(
        max_length=10, choices=Moderation.choices, default=Moderation.SHOWN
    )
    action = models.ForeignKey(
        "strategy.StrategicAction",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="public_feedback",
    )
    measure = models.ForeignKey(
        "strategy.Measure",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="public_feedback",
    )
    neighbourhood = models.CharField(max_length=120, blank=True)
    reply_email = models.EmailField(blank=True)  # only for a reply; never shown anywhere
    moderated_at = models.DateTimeField(null=True, blank=True)
    response = models.TextField(blank=True)
    response_status = models.CharField(
        max_length=20, choices=ResponseStatus.choices, default=ResponseStatus.RECEIVED
    )
    response_reason = models.TextField(blank=True)  # why it was not taken up
    responded_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(source="activity") | models.Q(activity__isnull=False),
                name="feedback_from_activity_names_it",
            )
        ]

    @property
    def answered(self) -> bool:
        return bool(self.response.strip()) and self.responded_at is not None


class Finding(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="findings")
    statement = models.TextField()
    pillar = models.ForeignKey(
        Pillar, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    predictor = models.ForeignKey(
        Predictor, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    mobility_part = models.CharField(max_length=30, choices=MobilityPart.choices, blank=True)
    # Evidence. Metrics and local indicators are named by key (a metric's release column,
    # a local indicator's UUID) so a finding survives a catalog reload or a removed app.
    metric_slugs = models.JSONField(default=list)
    insights = models.ManyToManyField("plans.PlanInsight", blank=True, related_name="findings")
    themes = models.ManyToManyField(Theme, blank=True, related_name="findings")
    local_indicators = models.JSONField(default=list)
    evidence_note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "id"]

    def evidence_count(self) -> int:
        return (
            len(self.metric_slugs)
            + len(self.local_indicators)
            + self.insights.count()
            + self.themes.count()
        )


class ReportChannel(models.TextChoices):
    MEETING = "meeting", "Meeting"
    LETTER = "letter", "Letter"
    WEB = "web", "Web page"


class ReportBack(models.Model):
    """What was shared back with the people who took part in an activity."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="report_backs")
    shared = models.TextField()
    date = models.DateField()
    channel = models.CharField(max_length=20, choices=ReportChannel.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date", "id"]


class PublicSubmission(models.Model):
    """One accepted public form post, to limit how often one address may post. The
    address is kept only as a salted hash."""

    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="+")
    client = models.CharField(max_length=64, db_index=True)
    at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["at", "id"]


class DecisionStatus(models.TextChoices):
    UPCOMING = "upcoming", "Upcoming"
    OPEN = "open", "Open for input"
    DECIDED = "decided", "Decided"
    CANCELLED = "cancelled", "Called off"


class DecisionPoint(models.Model):
    """A decision after the plan's release that residents will be asked to shape."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="decision_points")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    decides_on = models.DateField()
    how_to_take_part = models.TextField(blank=True)
    status = models.CharField(
        max_length=20, choices=DecisionStatus.choices, default=DecisionStatus.UPCOMING
    )
    outcome = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["decides_on", "id"]

    def __str__(self) -> str:
        return self.title


class Follower(models.Model):
    """Someone following a plan (or one action) by e-mail. Nothing is sent until they
    confirm; the address is never shown anywhere."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="followers")
    action = models.ForeignKey(
        "strategy.StrategicAction",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="followers",
    )
    email = models.EmailField()
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]


class FollowerSent(models.Model):
    """What one follower has been sent, so nothing goes out twice."""

    follower = models.ForeignKey(Follower, on_delete=models.CASCADE, related_name="sent")
    kind = models.CharField(max_length=20)  # "update" or "response"
    key = models.UUIDField()
    sent_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["follower", "kind", "key"], name="follower_sent_once")
        ]
