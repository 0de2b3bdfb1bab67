from __future__ import annotations

from django.urls import path

from coalition import views

app_name = "coalition"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("people/new/", views.person_new, name="person-new"),
    path("people/<uuid:uuid>/", views.person_edit, name="person-edit"),
    path("people/<uuid:uuid>/delete/", views.person_delete, name="person-delete"),
    path("organisations/new/", views.organisation_new, name="organisation-new"),
    path("organisations/describe/", views.organisation_describe, name="organisation-describe"),
    path("organisations/<uuid:uuid>/", views.organisation_edit, name="organisation-edit"),
    path(
        "organisations/<uuid:uuid>/delete/", views.organisation_delete, name="organisation-delete"
    ),
    path("groups/new/", views.group_edit, name="group-new"),
    path("groups/<uuid:uuid>/", views.group_edit, name="group-edit"),
    path("groups/<uuid:uuid>/delete/", views.group_delete, name="group-delete"),
    path("requests/new/", views.request_edit, name="request-new"),
    path("requests/<uuid:uuid>/", views.request_edit, name="request-edit"),
    path("requests/<uuid:uuid>/delete/", views.request_delete, name="request-delete"),
    path("launch/", views.launch, name="launch"),
    path("map/", views.map_page, name="map"),
    path("map.<str:fmt>", views.map_file, name="map-file"),
    path("representativeness/", views.representativeness_page, name="representativeness"),
    path("roster/import/", views.roster_import, name="roster-import"),
    path("roster/template.csv", views.roster_template, name="roster-template"),
    path("roster.csv", views.roster_export, name="roster-export"),
]
