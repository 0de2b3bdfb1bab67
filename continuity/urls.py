from __future__ import annotations

app_name = "continuity"
urlpatterns: list = []
