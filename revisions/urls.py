from __future__ import annotations

from django.urls import path

from revisions import views

app_name = "revisions"
urlpatterns = [
    path("", views.revision_log, name="log"),
    path("public/", views.history_public, name="public-set"),
    path("<str:kind>/<uuid:uuid>/", views.subject_page, name="subject"),
]
