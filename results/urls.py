from __future__ import annotations

from django.urls import path

from results import views

app_name = "results"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("upload/", views.upload, name="upload"),
    path("values.csv", views.values_download, name="values-csv"),
    path("upload/template.csv", views.upload_template, name="upload-template"),
    path("measures/<uuid:uuid>/", views.measure_page, name="measure"),
    path("measures/<uuid:uuid>/chart.<str:fmt>", views.measure_chart, name="chart"),
    path("measures/<uuid:uuid>/values/new/", views.value_new, name="value-new"),
    path("measures/<uuid:uuid>/values/<uuid:value>/", views.value_edit, name="value-edit"),
    path(
        "measures/<uuid:uuid>/values/<uuid:value>/delete/",
        views.value_delete,
        name="value-delete",
    ),
    path("measures/<uuid:uuid>/story/", views.story_edit, name="story"),
]
