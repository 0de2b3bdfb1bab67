from __future__ import annotations

from django.contrib import admin

from strategy.models import Measure, Priority, StrategicAction, VisionVersion


@admin.register(VisionVersion)
class VisionVersionAdmin(admin.ModelAdmin):
    list_display = ("plan", "written_on", "written_by")


@admin.register(Priority)
class PriorityAdmin(admin.ModelAdmin):
    list_display = ("title", "plan", "order")


@admin.register(StrategicAction)
class StrategicActionAdmin(admin.ModelAdmin):
    list_display = ("title", "plan", "priority", "status")
    list_filter = ("status",)


@admin.register(Measure)
class MeasureAdmin(admin.ModelAdmin):
    list_display = ("name", "plan", "unit", "frequency", "baseline_source")
