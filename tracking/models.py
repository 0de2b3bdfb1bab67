"""Step 10, follow-through on strategic actions: milestones and dated progress updates.

An action's status (strategy.StrategicAction.status) changes only through a progress update,
so the list of updates is the action's history.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from strategy.models import ActionStatus, StrategicAction


class Milestone(models.Model):
    """A dated step on the way to completing an action."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    action = models.ForeignKey(StrategicAction, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(max_length=200)
    due_on = models.DateField()
    completed_on = models.DateField(null=True, blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    version = models.PositiveIntegerField(default=1)  # bumped on each save; stale saves refused
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["due_on", "order", "id"]

    def __str__(self) -> str:
        return self.title


class ReviewState(models.TextChoices):
    PUBLISHED = "published", "Shown"
    PENDING = "pending", "Waiting for review"
    RETURNED = "returned", "Returned with a comment"


class ProgressUpdate(models.Model):
    """A dated report on an action: the only way its status changes."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    action = models.ForeignKey(StrategicAction, on_delete=models.CASCADE, related_name="updates")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # Set when a partner organisation's own system posted the update with the
    # organisation's reporting key (then there is no author).
    author_organisation = models.ForeignKey(
        "plans.Organisation", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    written_on = models.DateField()  # the date the update speaks for
    status = models.CharField(max_length=20, choices=ActionStatus.choices)
    percent_complete = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(100)]
    )
    narrative = models.TextField()
    blockers = models.TextField(blank=True)
    next_steps = models.TextField(blank=True)
    links = models.JSONField(default=list, blank=True)  # evidence links (https URLs)
    review_state = models.CharField(
        max_length=10, choices=ReviewState.choices, default=ReviewState.PUBLISHED
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    review_comment = models.TextField(blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    # A returned update is kept; the author's edited version points back to it.
    replaces = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="resubmissions"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-written_on", "-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.action} on {self.written_on}"

    def is_shown(self) -> bool:
        return self.review_state == ReviewState.PUBLISHED


class Evidence(models.Model):
    """A file attached to a progress update (stored under the data directory's media)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    update = models.ForeignKey(ProgressUpdate, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(upload_to="evidence/%Y/%m/")
    name = models.CharField(max_length=200)  # the name it was uploaded with
    size = models.PositiveIntegerField()
    content_type = models.CharField(max_length=100)

    def __str__(self) -> str:
        return self.name


class TrackingSettings(models.Model):
    """How a plan runs its follow-through: whether contributors' updates wait for review."""

    plan = models.OneToOneField(
        "plans.Plan", on_delete=models.CASCADE, related_name="tracking_settings"
    )
    review_contributor_updates = models.BooleanField(default=False)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Tracking settings of {self.plan}"


class ActionWeight(models.Model):
    """How much an action counts in the roll-up of progress (1 when none is set)."""

    action = models.OneToOneField(
        StrategicAction, on_delete=models.CASCADE, related_name="tracking_weight"
    )
    weight = models.DecimalField(
        max_digits=5, decimal_places=2, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )

    def __str__(self) -> str:
        return f"{self.action}: {self.weight}"


class PartnerKey(models.Model):
    """A reporting key of a partner organisation for one plan, so the organisation's own
    system can post progress updates, milestones and measure values through the JSON API.
    It acts as a contributor limited to the actions the organisation owns (and the measures
    under them), never as a person. Only its SHA-256 is kept; the key is shown once."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey(
        "plans.Organisation", on_delete=models.CASCADE, related_name="partner_keys"
    )
    name = models.CharField(max_length=100)
    key_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=16)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.organisation} · {self.name}"

    def is_active(self) -> bool:
        return self.revoked_at is None
