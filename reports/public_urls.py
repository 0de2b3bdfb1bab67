from __future__ import annotations

from django.urls import path, re_path

from reports import views

app_name = "public"

urlpatterns = [
    path("<slug:code>/", views.public_plan, name="plan"),
    re_path(r"^(?P<code>[-\w]+)/plan\.(?P<fmt>pdf|docx)$", views.public_download, name="download"),
]
