from __future__ import annotations

from django.apps import AppConfig


class LocaldataConfig(AppConfig):
    name = "localdata"
    verbose_name = "Local data (step 5)"

    def ready(self) -> None:
        from localdata import steps  # noqa: F401  (registers step 5)
