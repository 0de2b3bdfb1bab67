from __future__ import annotations

from django.urls import path, re_path

from reports import progress_views, views

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
    path("progress/", progress_views.progress_page, name="progress"),
    path("progress/issue/", progress_views.progress_issue, name="progress_issue"),
    path("progress/public/", progress_views.progress_public_save, name="progress_public"),
    path("progress/<uuid:report>/", progress_views.issued_page, name="progress_issued"),
    re_path(
        r"^progress/(?P<report>[0-9a-f-]{36})\.(?P<fmt>pdf|docx|html)$",
        progress_views.issued_download,
        name="progress_issued_download",
    ),
    re_path(
        r"^progress/(?P<period>\d{4}(?:-Q\d)?)\.(?P<fmt>pdf|docx|html)$",
        progress_views.progress_download,
        name="progress_download",
    ),
]
