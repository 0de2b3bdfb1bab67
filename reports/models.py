"""Step 9: what the coalition writes for the release of its plan (the letter from
leadership, how to get involved) and the release checklist. The document itself is
generated from the other steps' records, never stored."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from plans.models import Plan


class PlanRelease(models.Model):
    plan = models.OneToOneField(Plan, on_delete=models.CASCADE, related_name="release")
    letter = models.TextField(blank=True)  # the letter from leadership, plain text
    letter_signed = models.CharField(max_length=300, blank=True)  # names and titles
    get_involved = models.TextField(blank=True)  # how residents and partners can join in
    updated_at = models.DateTimeField(auto_now=True)
    published_at = models.DateTimeField(null=True, blank=True)


class ChecklistItem(models.Model):
    """One checked item of the release checklist (the items themselves are ours, in
    reports.checklist); unchecking deletes the row."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="release_checks")
    key = models.CharField(max_length=40)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    checked_at = models.DateTimeField()
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["plan", "key"], name="checklistitem_unique_key")
        ]
