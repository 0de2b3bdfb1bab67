from __future__ import annotations

from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = "Plan documents"

    def ready(self) -> None:
        from reports import steps  # noqa: F401  (registers step 9)
