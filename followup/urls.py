from __future__ import annotations

from django.urls import path

from followup import views

app_name = "followup"
urlpatterns = [
    path("", views.calendar, name="calendar"),
    path("accountability/", views.accountability, name="accountability"),
    path("settings/", views.settings_edit, name="settings"),
    path("settings/feed/", views.plan_feed_change, name="feed-change"),
    path("feed/<str:token>.ics", views.plan_feed, name="feed"),
]
