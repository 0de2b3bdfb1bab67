from __future__ import annotations

from django.urls import path

from foundation import views

app_name = "foundation"

urlpatterns = [
    path("", views.home, name="home"),
    path("reflections/", views.reflections, name="reflections"),
    path("charter/", views.charter, name="charter"),
    path("charter/edit/", views.charter_edit, name="charter-edit"),
    path("charter/history/", views.charter_history_page, name="history"),
    path("charter/revisions/<uuid:uuid>/", views.revision_page, name="revision"),
    path("charter/revisions/<uuid:uuid>/restore/", views.revision_restore, name="restore"),
    path("roles/", views.raci, name="raci"),
    path("roles.csv", views.raci_download, name="raci-csv"),
    path("learning/", views.learning, name="learning"),
    path("learning/new/", views.learning_new, name="learning-new"),
    path("learning/<uuid:uuid>/", views.learning_edit, name="learning-edit"),
    path("gaps/", views.gaps, name="gaps"),
]
