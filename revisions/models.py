"""Step 10, revising strategies as the coalition learns: each change to an action, a measure
or a target after the plan's release is recorded with why, what was learned and who decided,
so every action and measure keeps its versions."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from plans.models import Plan


class SubjectKind(models.TextChoices):
    ACTION = "action", "Action"
    MEASURE = "measure", "Measure"
    TARGET = "target", "Target"


class Revision(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="revisions")
    subject_kind = models.CharField(max_length=10, choices=SubjectKind.choices)
    subject_uuid = models.UUIDField(db_index=True)
    subject_title = models.CharField(max_length=300)  # as it read after the change
    version = models.PositiveIntegerField()  # the subject's version this revision made (2, 3..)
    changes = models.JSONField()  # [{"field", "label", "before", "after"}], text as shown
    why = models.TextField()
    learned = models.TextField(blank=True)
    decided_by = models.CharField(max_length=300)
    decided_on = models.DateField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-decided_on", "-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.subject_title} v{self.version}"


class HistorySettings(models.Model):
    """Whether the public plan page shows the revision history (the owner decides)."""

    plan = models.OneToOneField(Plan, on_delete=models.CASCADE, related_name="history_settings")
    public = models.BooleanField(default=False)
