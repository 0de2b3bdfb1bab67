"""One person's pages, across every plan they belong to (mounted at /me/)."""

from __future__ import annotations

from django.urls import path

from followup import views

app_name = "me"
urlpatterns = [
    path("updates/", views.updates, name="updates"),
    path("reminders/", views.preferences, name="preferences"),
    path("reminders/feed/", views.person_feed_change, name="feed-change"),
    path("feed/<str:token>.ics", views.person_feed, name="feed"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
