from __future__ import annotations

from django.contrib import admin

from readiness.models import Assessment


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["__str__", "plan", "assessed_on", "decision", "decided_on"]
    list_filter = ["decision"]
    search_fields = ["title", "plan__title", "plan__code"]
