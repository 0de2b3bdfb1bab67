from __future__ import annotations

from django.contrib import admin

from results.models import MeasureStory, MeasureValue, ReleaseSync


@admin.register(MeasureValue)
class MeasureValueAdmin(admin.ModelAdmin):
    list_display = ("measure", "period", "subgroup", "value", "origin", "version")
    list_filter = ("origin",)
    readonly_fields = ("previous_value", "revised_at", "version", "entered_by")


@admin.register(MeasureStory)
class MeasureStoryAdmin(admin.ModelAdmin):
    list_display = ("measure", "updated_by", "updated_at", "version")


@admin.register(ReleaseSync)
class ReleaseSyncAdmin(admin.ModelAdmin):
    list_display = ("plan", "release_label", "ran_at", "added", "revised")
