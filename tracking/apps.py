from __future__ import annotations

from django.apps import AppConfig


class TrackingConfig(AppConfig):
    name = "tracking"
    verbose_name = "Following through on the plan's actions"

    def ready(self) -> None:
        import tracking.steps  # noqa: F401  (registers step 10)
