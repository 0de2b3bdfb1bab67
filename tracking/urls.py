from __future__ import annotations

from django.urls import path

from tracking import views

app_name = "tracking"

urlpatterns = [
    path("", views.board, name="board"),
    path("settings/", views.settings, name="settings"),
    path("rollup/", views.rollup, name="rollup"),
    path("review/", views.waiting, name="waiting"),
    path("import/", views.bulk_import, name="import"),
    path("keys/", views.partner_keys, name="keys"),
    path("keys/<uuid:uuid>/revoke/", views.partner_key_revoke_view, name="key-revoke"),
    path("import/template.csv", views.import_template, name="import-template"),
    path("actions/<uuid:uuid>/", views.action_page, name="action"),
    path("actions/<uuid:uuid>/updates/new/", views.update_new, name="update-new"),
    path("actions/<uuid:uuid>/owner/", views.ownership, name="ownership"),
    path("actions/<uuid:uuid>/milestones/new/", views.milestone_new, name="milestone-new"),
    path(
        "actions/<uuid:uuid>/milestones/<uuid:milestone>/",
        views.milestone_edit,
        name="milestone",
    ),
    path(
        "actions/<uuid:uuid>/milestones/<uuid:milestone>/complete/",
        views.milestone_complete,
        name="milestone-complete",
    ),
    path("updates/<uuid:uuid>/review/", views.update_review, name="update-review"),
    path("evidence/<uuid:uuid>/", views.evidence_download, name="evidence"),
]
