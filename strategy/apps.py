from __future__ import annotations

from django.apps import AppConfig


class StrategyConfig(AppConfig):
    name = "strategy"
    verbose_name = "Strategic actions and measurement"

    def ready(self) -> None:
        import strategy.steps  # noqa: F401  (registers steps 7 and 8)
