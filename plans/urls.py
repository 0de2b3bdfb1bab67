from __future__ import annotations

from django.urls import path

from plans import views
from plans.exchange import views as exchange

app_name = "plans"

urlpatterns = [
    path("", views.plan_list, name="list"),
    path("new/", views.plan_create, name="create"),
    path("import/", exchange.plan_import_page, name="import"),
    path("invitations/", views.plan_list, name="invitations"),
    path("invitations/<str:token>/", views.invitation_accept, name="invitation-accept"),
    path("<slug:code>/", views.plan_home_page, name="home"),
    path("<slug:code>/export.json", exchange.plan_export_download, name="export"),
    path("<slug:code>/approach/", views.plan_approach, name="approach"),
    path("<slug:code>/metrics/", views.plan_metrics_page, name="metrics"),
    path("<slug:code>/metrics/peers/", views.plan_peers, name="peers"),
    path("<slug:code>/metrics/insights/decide/", views.plan_insight_decide, name="insight-decide"),
    path("<slug:code>/metrics/insights/new/", views.plan_insight_write, name="insight-write"),
    path("<slug:code>/metrics/insights/<uuid:uuid>/", views.plan_insight_edit, name="insight-edit"),
    path("<slug:code>/members/", views.plan_members_page, name="members"),
    path("<slug:code>/members/<uuid:member>/", views.plan_member_change, name="member-change"),
]
