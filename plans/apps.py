from __future__ import annotations

from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "plans"
    verbose_name = "Mobility Action Plans"

    def ready(self) -> None:
        from plans import steps  # noqa: F401  (registers steps 1 and 2)
