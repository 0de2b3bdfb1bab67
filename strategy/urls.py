from __future__ import annotations

from django.urls import path

from strategy import views

app_name = "strategy"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("vision/", views.vision, name="vision"),
    path("priorities/new/", views.priority_edit, name="priority-new"),
    path("priorities/<uuid:uuid>/", views.priority_edit, name="priority"),
    path("priorities/<uuid:uuid>/delete/", views.priority_delete, name="priority-delete"),
    path("actions/new/", views.action_new, name="action-new"),
    path("actions/<uuid:uuid>/delete/", views.action_delete, name="action-delete"),
    path("actions/<uuid:uuid>/", views.action_page, name="action"),
    path("actions/<uuid:uuid>/edit/", views.action_edit, name="action-edit"),
    path("actions/<uuid:uuid>/logic-model/", views.element_add, name="element-add"),
    path("actions/<uuid:uuid>/logic-model/<uuid:element>/", views.element_edit, name="element"),
    path("actions/<uuid:uuid>/comments/", views.comment_add, name="comment-add"),
    path(
        "actions/<uuid:uuid>/comments/<uuid:comment>/resolve/",
        views.comment_resolve,
        name="comment-resolve",
    ),
    path("actions/<uuid:uuid>/approvals/", views.approval_add, name="approval-add"),
    path("matrix/", views.matrix, name="matrix"),
    path("matrix/scores/", views.scores, name="scores"),
    path(
        "matrix/criteria/<uuid:criterion>/delete/", views.criterion_delete, name="criterion-delete"
    ),
    path("measurement/", views.measurement, name="measurement"),
    path("measurement/measures/new/", views.measure_new, name="measure-new"),
    path("measurement/measures/<uuid:uuid>/", views.measure_page, name="measure"),
    path("measurement/measures/<uuid:uuid>/targets/", views.target_add, name="target-add"),
    path(
        "measurement/measures/<uuid:uuid>/targets/<uuid:target>/delete/",
        views.target_delete,
        name="target-delete",
    ),
    path("measurement/schedule/", views.reporting_add, name="reporting-add"),
    path("measurement/evaluation/", views.evaluation_add, name="evaluation-add"),
    path(
        "measurement/<slug:kind>/<uuid:item>/delete/",
        views.schedule_item_delete,
        name="schedule-item-delete",
    ),
    path("measurement/sustainability/", views.sustainability, name="sustainability"),
]
