from __future__ import annotations

from django.urls import path, re_path

from reports import progress_views, views

app_name = "public"

urlpatterns = [
    path("<slug:code>/", views.public_plan, name="plan"),
    re_path(r"^(?P<code>[-\w]+)/plan\.(?P<fmt>pdf|docx)$", views.public_download, name="download"),
    path("<slug:code>/progress/", progress_views.public_progress_page, name="progress"),
    re_path(
        r"^(?P<code>[-\w]+)/progress/report\.(?P<fmt>pdf|docx)$",
        progress_views.public_progress_report,
        name="progress_report",
    ),
]
