from __future__ import annotations

from django.apps import AppConfig


class ReadinessConfig(AppConfig):
    name = "readiness"
    verbose_name = "Step 3: readiness"

    def ready(self) -> None:
        from readiness import steps  # noqa: F401  (registers step 3)
