from __future__ import annotations

from django.contrib import admin

from accounts.models import ApiToken, SignInFailure


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["name", "user", "prefix", "created_at", "last_used_at", "revoked_at"]
    list_filter = ["revoked_at"]
    search_fields = ["name", "user__username", "prefix"]
    readonly_fields = ["user", "key_hash", "prefix", "created_at", "last_used_at"]


@admin.register(SignInFailure)
class SignInFailureAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["username", "ip", "at"]
    search_fields = ["username", "ip"]
