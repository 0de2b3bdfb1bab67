from __future__ import annotations

from django.contrib import admin

from followup.models import DigestSend, FollowupSettings, ReminderPreference


@admin.register(FollowupSettings)
class FollowupSettingsAdmin(admin.ModelAdmin):
    list_display = ("plan", "action_cadence", "grace_days", "lead_days", "started_on", "version")
    exclude = ("feed_token",)  # a secret link: made and revoked on the settings page
    readonly_fields = ("version",)


@admin.register(ReminderPreference)
class ReminderPreferenceAdmin(admin.ModelAdmin):
    list_display = ("user", "frequency", "weekday", "lead_days", "version")
    list_filter = ("frequency",)
    exclude = ("feed_token",)
    readonly_fields = ("version",)


@admin.register(DigestSend)
class DigestSendAdmin(admin.ModelAdmin):
    list_display = ("user", "period", "sent_on", "item_count")
    readonly_fields = ("user", "period", "sent_on", "item_count")
