from __future__ import annotations

from django.contrib import admin

from tracking.models import (
    ActionWeight,
    Evidence,
    Milestone,
    PartnerKey,
    ProgressUpdate,
    TrackingSettings,
)


@admin.register(ProgressUpdate)
class ProgressUpdateAdmin(admin.ModelAdmin):
    list_display = (
        "action", "written_on", "status", "percent_complete", "review_state", "author",
        "author_organisation",
    )  # fmt: skip
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


@admin.register(PartnerKey)
class PartnerKeyAdmin(admin.ModelAdmin):
    list_display = ("name", "organisation", "plan", "prefix", "created_at", "last_used_at",
                    "revoked_at")  # fmt: skip
    list_filter = ("revoked_at",)
    search_fields = ("name", "organisation__name", "plan__code", "prefix")
    readonly_fields = ("uuid", "plan", "organisation", "key_hash", "prefix", "created_by",
                       "created_at", "last_used_at", "revoked_by")  # fmt: skip


admin.site.register(TrackingSettings)
admin.site.register(ActionWeight)
