from __future__ import annotations

from django.urls import path

from continuity import views

app_name = "continuity"
urlpatterns = [
    path("", views.continuity_home, name="home"),
    path("people/<uuid:member>/", views.tenure_edit, name="tenure"),
    path("elections/new/", views.election_edit, name="election-add"),
    path("elections/<uuid:election>/", views.election_edit, name="election"),
    path("elections/<uuid:election>/delete/", views.election_delete, name="election-delete"),
    path("snapshots/", views.snapshot_take, name="snapshot-take"),
    path("snapshots/<uuid:snapshot>/", views.snapshot_page, name="snapshot"),
    path("snapshots/<uuid:snapshot>.json", views.snapshot_download, name="snapshot-download"),
    path("transition/", views.transition_page, name="transition"),
    path("transition.<str:fmt>", views.transition_download, name="transition-download"),
]
