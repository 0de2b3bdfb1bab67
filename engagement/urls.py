from __future__ import annotations

from django.urls import path

from engagement import moderation_views, views

app_name = "engagement"

urlpatterns = [
    path("", views.home, name="home"),
    path("activities/new/", views.activity_new, name="activity-new"),
    path("activities/<uuid:uuid>/", views.activity_page, name="activity"),
    path("activities/<uuid:uuid>/edit/", views.activity_edit, name="activity-edit"),
    path("activities/<uuid:uuid>/delete/", views.activity_remove, name="activity-delete"),
    path("activities/<uuid:uuid>/feedback/", views.feedback_add, name="feedback-add"),
    path("activities/<uuid:uuid>/report-back/", views.report_back_add, name="report-back-add"),
    path("report-backs/<uuid:uuid>/delete/", views.report_back_remove, name="report-back-delete"),
    path("feedback/", views.feedback_list, name="feedback"),
    path("feedback.csv", views.feedback_download, name="feedback-csv"),
    path("feedback/import/", views.feedback_import, name="feedback-import"),
    path("feedback/<uuid:uuid>/", views.feedback_edit, name="feedback-edit"),
    path("feedback/<uuid:uuid>/delete/", views.feedback_remove, name="feedback-delete"),
    path("themes/", views.themes, name="themes"),
    path("themes/<uuid:uuid>/", views.theme_edit, name="theme-edit"),
    path("themes/<uuid:uuid>/delete/", views.theme_remove, name="theme-delete"),
    path("findings/", views.findings, name="findings"),
    path("findings/new/", views.finding_new, name="finding-new"),
    path("findings/<uuid:uuid>/", views.finding_edit, name="finding-edit"),
    path("findings/<uuid:uuid>/delete/", views.finding_remove, name="finding-delete"),
    path("summary/", views.share, name="share"),
    path("moderation/", moderation_views.queue, name="moderation"),
    path("moderation/<uuid:uuid>/", moderation_views.moderate, name="moderate"),
    path("moderation/<uuid:uuid>/answer/", moderation_views.answer, name="answer"),
    path("decisions/", moderation_views.decision_list, name="decisions"),
    path("decisions/new/", moderation_views.decision_new, name="decision-new"),
    path("decisions/<uuid:uuid>/", moderation_views.decision_edit, name="decision-edit"),
]
