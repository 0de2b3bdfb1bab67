from __future__ import annotations

app_name = "revisions"
urlpatterns: list = []
