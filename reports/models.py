"""Step 9: what the coalition writes for the release of its plan (the letter from
leadership, how to get involved) and the release checklist. The document itself is
generated from the other steps' records, never stored."""

from __future__ import annotations

import uuid

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


class ProgressReport(models.Model):
    """A progress report as issued: frozen. The document is kept as JSON (its sections,
    tables, chart specs and date, as reports.frozen writes them), so it never changes
    whatever happens to the data. Its PDF and Word files are rendered from that JSON the
    first time they are asked for and then kept here as they are (empty until then)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="progress_reports")
    period = models.CharField(max_length=10)  # "2026-Q3" or "2026"
    number = models.PositiveIntegerField()  # 1, 2, ... per plan and period
    issued_at = models.DateTimeField()
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    content = models.JSONField()  # the document: title, subtitle, date, sections
    statuses = models.JSONField(default=dict)  # action uuid -> status when issued
    value_keys = models.JSONField(default=list)  # "measure-uuid|period|subgroup" known then
    pdf = models.BinaryField()  # b"" until first asked for (services.progress_report_file)
    docx = models.BinaryField()

    class Meta:
        ordering = ["-issued_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "period", "number"], name="progressreport_one_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.plan} progress {self.period} #{self.number}"


class ProgressPublicSettings(models.Model):
    """What the public progress page of a published plan shows: nothing until the owner
    chooses."""

    plan = models.OneToOneField(Plan, on_delete=models.CASCADE, related_name="progress_public")
    show_actions = models.BooleanField(default=False)  # actions, statuses, latest update
    show_measures = models.BooleanField(default=False)  # measures with charts and tables
    show_report = models.BooleanField(default=False)  # the latest issued report to download
    show_names = models.BooleanField(default=False)  # names of the people who own actions
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    def shows_anything(self) -> bool:
        return self.show_actions or self.show_measures or self.show_report
