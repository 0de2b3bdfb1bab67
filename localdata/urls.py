from __future__ import annotations

from django.urls import path

from localdata import views

app_name = "localdata"

urlpatterns = [
    path("", views.data_home, name="home"),
    path("template.csv", views.values_template, name="template"),
    path("walk/", views.data_walk, name="walk"),
    path("sources/new/", views.source_create, name="source-create"),
    path("sources/<uuid:uuid>/", views.source_edit, name="source-edit"),
    path("sources/<uuid:uuid>/delete/", views.source_delete, name="source-delete"),
    path("indicators/new/", views.indicator_create, name="indicator-create"),
    path("indicators/<uuid:uuid>/", views.indicator_detail, name="indicator"),
    path("indicators/<uuid:uuid>/edit/", views.indicator_edit, name="indicator-edit"),
    path("indicators/<uuid:uuid>/delete/", views.indicator_remove, name="indicator-delete"),
    path("indicators/<uuid:uuid>/import/", views.indicator_import, name="indicator-import"),
    path("indicators/<uuid:uuid>/values/", views.indicator_value_add, name="value-add"),
    path(
        "indicators/<uuid:uuid>/values/delete/", views.indicator_value_remove, name="value-delete"
    ),
    path("indicators/<uuid:uuid>/values.csv", views.indicator_values_csv, name="values-csv"),
]
