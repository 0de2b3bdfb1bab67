"""Step 10, early wins: what the coalition got done early (a program launched, a policy
adopted, a new space or partnership, money secured, an outcome that moved), who made it
happen, the evidence, who it matters to, and who carries the news where."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from plans.models import Organisation, Plan
from strategy.models import StrategicAction


class WinKind(models.TextChoices):
    PROGRAM = "program-launched", "Program launched"
    POLICY = "policy-adopted", "Policy adopted"
    SPACE = "space-or-partnership", "New space or partnership"
    RESOURCES = "resources-secured", "Resources secured"
    OUTCOME = "outcome-improved", "Outcome improved"
    OTHER = "other", "Other"


class Win(models.Model):
    """One early win of a plan."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="wins")
    title = models.CharField(max_length=200)
    what_happened = models.TextField()
    happened_on = models.DateField()
    kind = models.CharField(max_length=25, choices=WinKind.choices, default=WinKind.OTHER)
    action = models.ForeignKey(
        StrategicAction, on_delete=models.SET_NULL, null=True, blank=True, related_name="wins"
    )
    made_by = models.TextField(blank=True)  # people and organisations, as written
    organisations = models.ManyToManyField(Organisation, blank=True, related_name="+")
    audience = models.TextField(blank=True)  # who it matters to
    evidence_link = models.URLField(max_length=500, blank=True)
    evidence_file = models.FileField(upload_to="wins/%Y/%m/", blank=True)
    evidence_name = models.CharField(max_length=200, blank=True)  # the name it was uploaded with
    evidence_size = models.PositiveIntegerField(default=0)
    evidence_type = models.CharField(max_length=100, blank=True)
    public = models.BooleanField(default=True)  # shown when the plan shows its wins
    source_key = models.CharField(max_length=120, blank=True)  # the suggestion it came from
    version = models.PositiveIntegerField(default=1)  # bumped on each save; stale saves refused
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-happened_on", "-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "source_key"],
                condition=~models.Q(source_key=""),
                name="wins_one_win_per_suggestion",
            )
        ]

    def __str__(self) -> str:
        return self.title


class Channel(models.TextChoices):
    PRESS = "press-release", "Press release"
    SOCIAL = "social-media", "Social media"
    NEWSLETTER = "newsletter", "Newsletter"
    COUNCIL = "council-meeting", "Council or board meeting"
    COMMUNITY = "community-meeting", "Community meeting"
    PARTNERS = "partner-channels", "Partners' own channels"
    OTHER = "other", "Other"


class MessageStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    DONE = "done", "Done"


class WinMessage(models.Model):
    """Who carries the news of a win, where, and when."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    win = models.ForeignKey(Win, on_delete=models.CASCADE, related_name="messages")
    messenger = models.CharField(max_length=200)  # a person or a partner, as written
    organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    channel = models.CharField(max_length=20, choices=Channel.choices)
    on = models.DateField(null=True, blank=True)
    status = models.CharField(
        max_length=10, choices=MessageStatus.choices, default=MessageStatus.PLANNED
    )
    note = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["on", "created_at", "id"]

    def __str__(self) -> str:
        return f"{self.messenger} ({self.get_channel_display()})"


class SuggestionDismissal(models.Model):
    """A suggested win someone set aside: it is not proposed again."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=120)
    title = models.CharField(max_length=300, blank=True)
    dismissed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    dismissed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["plan", "key"], name="wins_dismissed_once")]


class WinReflection(models.Model):
    """The coalition's answer to one of the questions about early wins."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="+")
    question = models.CharField(max_length=30)
    answer = models.TextField(blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["plan", "question"], name="wins_one_answer")]


class WinsSettings(models.Model):
    """The owner's choice to show the plan's wins publicly (page and Atom feed)."""

    plan = models.OneToOneField(Plan, on_delete=models.CASCADE, related_name="wins_settings")
    public = models.BooleanField(default=False)
    updated_at = models.DateTimeField(auto_now=True)
