from __future__ import annotations

from django.urls import path, re_path

from reports import views

app_name = "reports"

urlpatterns = [
    path("", views.document_page, name="document"),
    path("summary/", views.document_page, {"kind": "summary"}, name="summary"),
    re_path(
        r"^(?P<kind>map|summary)\.(?P<fmt>pdf|docx|html)$", views.document_download, name="download"
    ),
    path("release/", views.release_page, name="release"),
    path("release/checklist/", views.checklist_check, name="checklist"),
    path("release/publish/", views.plan_publish, name="publish"),
]
