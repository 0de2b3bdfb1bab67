from __future__ import annotations

from django.urls import path

from engagement import public_views

app_name = "engagement_public"

urlpatterns = [
    path("", public_views.feedback_page, name="feedback"),
]
