from __future__ import annotations

from django.contrib import admin

from wins.models import SuggestionDismissal, Win, WinMessage, WinReflection, WinsSettings


class WinMessageInline(admin.TabularInline):
    model = WinMessage
    extra = 0
    raw_id_fields = ("organisation",)


@admin.register(Win)
class WinAdmin(admin.ModelAdmin):
    list_display = ("title", "plan", "kind", "happened_on", "public")
    list_filter = ("kind", "public")
    search_fields = ("title", "what_happened", "plan__code")
    raw_id_fields = ("plan", "action", "created_by")
    filter_horizontal = ("organisations",)
    readonly_fields = ("evidence_name", "evidence_size", "evidence_type", "source_key", "version")
    inlines = [WinMessageInline]


@admin.register(SuggestionDismissal)
class SuggestionDismissalAdmin(admin.ModelAdmin):
    list_display = ("plan", "key", "title", "dismissed_at")
    raw_id_fields = ("plan", "dismissed_by")


@admin.register(WinReflection)
class WinReflectionAdmin(admin.ModelAdmin):
    list_display = ("plan", "question", "updated_at")
    raw_id_fields = ("plan", "updated_by")


admin.site.register(WinsSettings)
