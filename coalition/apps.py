from __future__ import annotations

from django.apps import AppConfig


class CoalitionConfig(AppConfig):
    name = "coalition"
    verbose_name = "Mobility Coalition (step 4)"

    def ready(self) -> None:
        from coalition import steps  # noqa: F401  (registers step 4)
