from __future__ import annotations

from django.urls import path

from engagement import public_views

app_name = "engagement_public"

urlpatterns = [
    path("", public_views.feedback_page, name="feedback"),
    path("follow/", public_views.follow, name="follow"),
    path("follow/confirm/<str:token>/", public_views.follow_confirm, name="follow-confirm"),
    path("follow/stop/<str:token>/", public_views.follow_stop, name="follow-stop"),
]
