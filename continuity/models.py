"""Step 10, protecting the work from political cycles: who holds each lead role and how
long they can be counted on, the elections and term ends ahead, and frozen snapshots."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from plans.models import Membership, Plan


class SeatKind(models.TextChoices):
    CAREER = "career", "Career staff"
    APPOINTED = "appointed", "Appointed official"
    ELECTED = "elected", "Elected official"
    EXTERNAL = "external", "External partner"


class Tenure(models.Model):
    """What kind of position a member holds, and until when (one per membership)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    membership = models.OneToOneField(Membership, on_delete=models.CASCADE, related_name="tenure")
    kind = models.CharField(max_length=10, choices=SeatKind.choices)
    seat = models.CharField(max_length=200, blank=True)  # e.g. "County Board, District 4"
    term_ends_on = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.membership.user} ({self.get_kind_display()})"

    def is_political(self) -> bool:
        return self.kind in (SeatKind.ELECTED, SeatKind.APPOINTED)


class Election(models.Model):
    """An election or a change of administration ahead, and whose seats it puts at stake."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="elections")
    title = models.CharField(max_length=200)
    held_on = models.DateField()
    seats = models.TextField(blank=True)  # which offices are on the ballot, in words
    members = models.ManyToManyField(Membership, blank=True, related_name="+")
    outcome = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["held_on", "id"]

    def __str__(self) -> str:
        return f"{self.title} ({self.held_on})"


class Snapshot(models.Model):
    """The whole plan frozen at a chosen moment (a term boundary, a release), read-only."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="snapshots")
    label = models.CharField(max_length=200)
    taken_at = models.DateTimeField()
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    content = models.JSONField()  # the plan as Upward's exchange document

    class Meta:
        ordering = ["-taken_at", "-id"]

    def __str__(self) -> str:
        return self.label
