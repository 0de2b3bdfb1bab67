from __future__ import annotations

from django.contrib import admin

from foundation.models import CharterRevision, LearningQuestion, RaciEntry, Reflection


@admin.register(CharterRevision)
class CharterRevisionAdmin(admin.ModelAdmin):
    list_display = ("plan", "number", "note", "author", "created_at")
    list_filter = ("plan",)
    readonly_fields = ("number", "restored_from", "author", "created_at")


@admin.register(RaciEntry)
class RaciEntryAdmin(admin.ModelAdmin):
    list_display = ("plan", "action", "measure", "organisation", "member", "role")
    list_filter = ("plan", "role")


@admin.register(LearningQuestion)
class LearningQuestionAdmin(admin.ModelAdmin):
    list_display = ("plan", "question", "status", "learned_on")
    list_filter = ("plan", "status")


@admin.register(Reflection)
class ReflectionAdmin(admin.ModelAdmin):
    list_display = ("plan", "key", "updated_at")
