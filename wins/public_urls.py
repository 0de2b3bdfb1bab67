from __future__ import annotations

from django.urls import path

from wins import public_views

app_name = "wins_public"

urlpatterns = [
    path("", public_views.public_page, name="page"),
    path("feed.atom", public_views.public_feed, name="feed"),
]
