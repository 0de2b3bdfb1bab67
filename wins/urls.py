from __future__ import annotations

from django.urls import path, re_path

from wins import views

app_name = "wins"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("new/", views.win_new, name="new"),
    path("suggestions/", views.suggestions, name="suggestions"),
    path("suggestions/accept/", views.suggestion_accept, name="accept"),
    path("suggestions/dismiss/", views.suggestion_dismiss, name="dismiss"),
    path("reflections/", views.reflection_save, name="reflection"),
    path("public/", views.public_set, name="public"),
    path("brief/", views.brief, name="brief"),
    re_path(r"^brief\.(?P<fmt>html|pdf|docx)$", views.brief_download, name="brief-download"),
    path("<uuid:uuid>/", views.win_edit, name="win"),
    path("<uuid:uuid>/delete/", views.win_delete, name="delete"),
    path("<uuid:uuid>/evidence/", views.evidence_download, name="evidence"),
    path("<uuid:uuid>/messages/", views.message_add, name="message-add"),
    path("messages/<uuid:uuid>/status/", views.message_status, name="message-status"),
    path("messages/<uuid:uuid>/delete/", views.message_delete, name="message-delete"),
]
