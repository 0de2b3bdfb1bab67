from __future__ import annotations

from django.apps import AppConfig


class EngagementConfig(AppConfig):
    name = "engagement"
    verbose_name = "Community engagement and findings"

    def ready(self) -> None:
        from engagement import steps  # noqa: F401  (registers step 6)
