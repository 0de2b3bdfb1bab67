from __future__ import annotations

from django.contrib import admin

from engagement.models import Activity, FeedbackItem, Finding, ReportBack, Theme

for model in (Activity, Theme, FeedbackItem, Finding, ReportBack):
    admin.site.register(model)
