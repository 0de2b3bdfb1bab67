"""Step 3: readiness assessments of a plan, their domains and items, ratings, gap actions
and the decision. Each assessment keeps its own copy of the domains and items, so a later
change to the list does not rewrite what an earlier assessment said; items that continue
from one assessment to the next share a `key`."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from plans.models import Membership, Plan


class Rating(models.TextChoices):
    NOT_IN_PLACE = "not_in_place", "Not in place"
    EMERGING = "emerging", "Emerging"
    PARTLY = "partly", "Partly in place"
    FULLY = "fully", "Fully in place"
    UNKNOWN = "unknown", "Unknown"


# Points on the 0-3 scale; "unknown" (and not yet rated) count for no score.
RATING_POINTS: dict[str, int] = {
    Rating.NOT_IN_PLACE: 0,
    Rating.EMERGING: 1,
    Rating.PARTLY: 2,
    Rating.FULLY: 3,
}


class Decision(models.TextChoices):
    PROCEED = "proceed", "Proceed"
    CONDITIONS = "conditions", "Proceed with conditions"
    NOT_YET = "not_yet", "Not yet"


class GapStatus(models.TextChoices):
    OPEN = "open", "Open"
    DONE = "done", "Done"


class Assessment(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="readiness_assessments")
    assessed_on = models.DateField()
    title = models.CharField(max_length=200, blank=True)
    defaults_version = models.PositiveIntegerField(null=True, blank=True)  # None: copied
    decision = models.CharField(max_length=20, choices=Decision.choices, blank=True)
    rationale = models.TextField(blank=True)
    decided_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-assessed_on", "-created_at"]

    def __str__(self) -> str:
        return self.title or f"Assessment of {self.assessed_on:%d %B %Y}"

    def label(self) -> str:
        return str(self)


class Domain(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="domains")
    key = models.CharField(max_length=80)  # the same domain across assessments
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "key"], name="readiness_domain_key")
        ]


class Item(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    domain = models.ForeignKey(Domain, on_delete=models.CASCADE, related_name="items")
    key = models.CharField(max_length=120)  # the same item across assessments
    text = models.TextField()
    position = models.PositiveIntegerField(default=0)
    rating = models.CharField(max_length=20, choices=Rating.choices, blank=True)  # "": not yet
    evidence = models.TextField(blank=True)
    gap_action = models.TextField(blank=True)
    gap_owner = models.ForeignKey(
        Membership, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    gap_due = models.DateField(null=True, blank=True)
    gap_status = models.CharField(max_length=10, choices=GapStatus.choices, default=GapStatus.OPEN)
    gap_note = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["domain", "key"], name="readiness_item_key")]

    def has_gap_action(self) -> bool:
        return bool(self.gap_action.strip())
