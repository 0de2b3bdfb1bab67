from __future__ import annotations

from django.contrib import admin
from django.urls import include, path

from config.views import healthz
from revisions import views as revisions_views

urlpatterns = [
    path("", include("metrics.urls")),
    path("accounts/", include("accounts.urls")),
    path("plans/<slug:code>/engagement/", include("engagement.urls")),
    path("plans/<slug:code>/strategy/", include("strategy.urls")),
    path("plans/<slug:code>/coalition/", include("coalition.urls")),
    path("plans/<slug:code>/document/", include("reports.urls")),
    path("p/<slug:code>/wins/", include("wins.public_urls")),
    path("p/<slug:code>/history/", revisions_views.public_history, name="public-history"),
    path("p/<slug:code>/feedback/", include("engagement.public_urls")),
    path("p/", include("reports.public_urls")),
    path("plans/<slug:code>/data/", include("localdata.urls")),
    path("plans/<slug:code>/readiness/", include("readiness.urls")),
    path("plans/<slug:code>/tracking/", include("tracking.urls")),
    path("plans/<slug:code>/results/", include("results.urls")),
    path("plans/<slug:code>/followup/", include("followup.urls")),
    path("plans/<slug:code>/funding/", include("funding.urls")),
    path("plans/<slug:code>/continuity/", include("continuity.urls")),
    path("plans/<slug:code>/wins/", include("wins.urls")),
    path("plans/<slug:code>/foundation/", include("foundation.urls")),
    path("plans/<slug:code>/revisions/", include("revisions.urls")),
    path("plans/", include("plans.urls")),
    path("me/", include("followup.me_urls")),
    path("api/v1/", include("api.urls")),
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
]
