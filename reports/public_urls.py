from __future__ import annotations

from django.urls import path

from reports import views

app_name = "public"

urlpatterns = [path("<slug:code>/", views.public_plan, name="plan")]
