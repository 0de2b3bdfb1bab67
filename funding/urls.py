from __future__ import annotations

from django.urls import path, re_path

from funding import views

app_name = "funding"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("public/", views.public_set, name="public"),
    path("actions/<uuid:uuid>/", views.action_ledger, name="action"),
    path("actions/<uuid:uuid>/need/", views.need_set, name="need"),
    path("actions/<uuid:uuid>/entries/new/", views.entry_new, name="entry-new"),
    path("entries/<uuid:uuid>/", views.entry_edit, name="entry"),
    path("entries/<uuid:uuid>/delete/", views.entry_delete, name="entry-delete"),
    path("funders/<slug:funder>/", views.funder_report, name="funder"),
    re_path(
        r"^funders/(?P<funder>[-\w]+)/report\.(?P<fmt>html|pdf|docx)$",
        views.funder_report_download,
        name="funder-download",
    ),
]
