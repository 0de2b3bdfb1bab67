"""Step 10, measures over time: the values a measure takes period by period, and the story
behind its curve. Measures themselves (with baseline and targets) live in strategy."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from strategy.models import Measure


class ValueOrigin(models.TextChoices):
    ENTERED = "entered", "Entered on the page"
    CSV = "csv", "Bulk CSV"
    API = "api", "API"
    RELEASE = "release", "Mobility Metrics release"


class MeasureValue(models.Model):
    """One value of a measure for one period (and optionally one group)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="values")
    period = models.CharField(max_length=10)  # "2026", "2026-Q3" or "2026-03"
    period_end = models.DateField()  # the last day of the period: orders and places values
    subgroup = models.CharField(max_length=120, blank=True)  # blank: everyone
    value = models.FloatField()
    lb = models.FloatField(null=True, blank=True)
    ub = models.FloatField(null=True, blank=True)
    source = models.CharField(max_length=300, blank=True)
    note = models.TextField(blank=True)
    origin = models.CharField(
        max_length=10, choices=ValueOrigin.choices, default=ValueOrigin.ENTERED
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # A partner organisation's system that entered it with the organisation's reporting key.
    entered_by_organisation = models.ForeignKey(
        "plans.Organisation", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # When a newer Mobility Metrics release changed this value: what it was before.
    previous_value = models.FloatField(null=True, blank=True)
    revised_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["measure", "subgroup", "period_end"]
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "period", "subgroup"], name="results_value_one_per_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.measure} {self.period}: {self.value}"


class MeasureStory(models.Model):
    """The questions a coalition answers about each curve, in our words."""

    measure = models.OneToOneField(Measure, on_delete=models.CASCADE, related_name="story")
    story = models.TextField(blank=True)  # what is behind the curve
    partners = models.TextField(blank=True)  # who has a role in turning it
    what_works = models.TextField(blank=True)  # what would work, from evidence and residents
    next_steps = models.TextField(blank=True)  # what we will do next
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_by_organisation = models.ForeignKey(
        "plans.Organisation", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)


class ReleaseSync(models.Model):
    """One refresh of a plan's Mobility Metrics measures after an import that changed
    something for it: what was added and revised, and which measures' latest value moved
    (flagged until the next refresh that changes the plan's measures)."""

    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="+")
    release_label = models.CharField(max_length=100, blank=True)
    ran_at = models.DateTimeField()
    added = models.PositiveIntegerField(default=0)
    revised = models.PositiveIntegerField(default=0)
    moved = models.JSONField(default=dict)  # {measure uuid: "0.61 in 2021 became 0.63"}

    class Meta:
        ordering = ["-ran_at", "-id"]
