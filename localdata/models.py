"""Step 5: the coalition's own data. An inventory of local sources, and local indicators
whose yearly values (by group of residents when the source breaks them out) are shown
beside the Mobility Metrics."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from metrics.models import Direction, Unit
from plans.models import Organisation, Plan


class SourceType(models.TextChoices):
    ADMINISTRATIVE = "administrative", "Administrative data"
    SURVEY = "survey", "Survey"
    HISTORICAL = "historical", "Historical record"
    CURRENT_ACTION = "current-action", "Inventory of current action"
    QUALITATIVE = "qualitative", "Qualitative information"
    OTHER = "other", "Other"


class Access(models.TextChoices):
    OPEN = "open", "Open to anyone"
    REQUEST = "request", "By request"
    RESTRICTED = "restricted", "Restricted"


class Refresh(models.TextChoices):
    MONTHLY = "monthly", "Every month"
    QUARTERLY = "quarterly", "Every quarter"
    YEARLY = "yearly", "Every year"
    MULTI_YEAR = "multi-year", "Every few years"
    ONCE = "once", "Once, not repeated"
    IRREGULAR = "irregular", "Irregularly"
    UNKNOWN = "unknown", "Not known"


class DataSource(models.Model):
    """One entry of a plan's data inventory."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="data_sources")
    name = models.CharField(max_length=200)
    type = models.CharField(max_length=20, choices=SourceType.choices)
    # The owner is one of the plan's organisations, or named in words when it is not one.
    owner_organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    owner_name = models.CharField(max_length=200, blank=True)
    access = models.CharField(max_length=12, choices=Access.choices)
    year_from = models.PositiveSmallIntegerField(null=True, blank=True)
    year_to = models.PositiveSmallIntegerField(null=True, blank=True)
    groups = models.JSONField(
        default=list, blank=True
    )  # groups of residents it breaks out, as written
    refresh = models.CharField(max_length=12, choices=Refresh.choices, default=Refresh.UNKNOWN)
    # Predictor slugs of the framework catalog (unique across it; slugs outlive an edition).
    predictors = models.JSONField(default=list, blank=True)
    notes = models.TextField(blank=True)
    link = models.URLField(max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "name"], name="datasource_unique_name")
        ]

    def __str__(self) -> str:
        return self.name

    def owner_label(self) -> str:
        return self.owner_organisation.name if self.owner_organisation else self.owner_name


class Indicator(models.Model):
    """A local indicator: a figure the coalition tracks from one of its sources."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="indicators")
    name = models.CharField(max_length=200)
    unit = models.CharField(max_length=20, choices=Unit.choices)
    direction = models.CharField(max_length=10, choices=Direction.choices)
    description = models.TextField(blank=True)
    predictor = models.CharField(max_length=80, blank=True)  # a predictor slug
    # Deleting a source with indicators is refused in services (data_source_delete); the
    # cascade only serves the deletion of a whole plan.
    source = models.ForeignKey(DataSource, on_delete=models.CASCADE, related_name="indicators")
    imported_file = models.CharField(max_length=200, blank=True)  # the last CSV loaded
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "name"], name="indicator_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class IndicatorValue(models.Model):
    """One value of an indicator for one year and group ("" = all residents)."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    year = models.PositiveSmallIntegerField()
    subgroup = models.CharField(max_length=120, blank=True)
    value = models.FloatField()
    lb = models.FloatField(null=True, blank=True)
    ub = models.FloatField(null=True, blank=True)

    class Meta:
        ordering = ["year", "subgroup"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year", "subgroup"], name="indicatorvalue_unique_key"
            )
        ]
