from __future__ import annotations

from django.contrib import admin

from tracking.models import ActionWeight, Evidence, Milestone, ProgressUpdate, TrackingSettings


@admin.register(ProgressUpdate)
class ProgressUpdateAdmin(admin.ModelAdmin):
    list_display = ("action", "written_on", "status", "percent_complete", "review_state", "author")
    list_filter = ("status", "review_state")
    search_fields = ("action__title", "narrative")
    readonly_fields = ("uuid", "created_at")


@admin.register(Milestone)
class MilestoneAdmin(admin.ModelAdmin):
    list_display = ("title", "action", "due_on", "completed_on", "version")
    readonly_fields = ("uuid", "version")


@admin.register(Evidence)
class EvidenceAdmin(admin.ModelAdmin):
    list_display = ("name", "update", "size", "content_type")
    readonly_fields = ("uuid",)


admin.site.register(TrackingSettings)
admin.site.register(ActionWeight)
