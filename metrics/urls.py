from __future__ import annotations

from django.urls import path

from metrics.views import downloads, framework, insights, peers, profile, search
from plans.exchange.views import format_schema

urlpatterns = [
    path("", search.home, name="home"),
    path("framework/", framework.framework_index, name="framework"),
    # The open plan file format (plans/exchange): public, at a stable address.
    path("schema/map-v1.json", format_schema, name="format-schema"),
    path("geographies/", search.geography_search, name="geography-search"),
    path("geographies/suggest", search.geography_suggest, name="geography-suggest"),
    path("geographies/<str:geoid>/", profile.profile, name="profile"),
    path("geographies/<str:geoid>/profile.csv", downloads.profile_csv, name="profile-csv"),
    path(
        "geographies/<str:geoid>/metrics/<str:metric>/",
        profile.metric_detail,
        name="metric-detail",
    ),
    path(
        "geographies/<str:geoid>/charts/<str:chart>.<str:fmt>",
        downloads.chart_file,
        name="chart-file",
    ),
    path("geographies/<str:geoid>/peers/", peers.peers_page, name="peers"),
    path("geographies/<str:geoid>/compare/", peers.compare_page, name="compare"),
    path("geographies/<str:geoid>/insights/", insights.insights_page, name="insights"),
]
