from __future__ import annotations

from django.urls import path

from readiness import views

app_name = "readiness"

urlpatterns = [
    path("", views.readiness_home, name="home"),
    path("new/", views.assessment_start, name="start"),
    path("compare/", views.assessment_compare_page, name="compare"),
    path("<uuid:assessment>/", views.assessment_page, name="assessment"),
    path("<uuid:assessment>/edit/", views.assessment_edit, name="edit"),
    path("<uuid:assessment>/delete/", views.assessment_delete, name="delete"),
    path("<uuid:assessment>/decision/", views.assessment_decision, name="decision"),
    path("<uuid:assessment>/domains/new/", views.domain_add, name="domain-add"),
    path("<uuid:assessment>/domains/<uuid:domain>/", views.domain_edit, name="domain"),
    path(
        "<uuid:assessment>/domains/<uuid:domain>/remove/", views.domain_remove, name="domain-remove"
    ),
    path("<uuid:assessment>/gaps/<uuid:item>/", views.gap_update, name="gap"),
]
