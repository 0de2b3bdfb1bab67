from __future__ import annotations

from django.apps import AppConfig


class WinsConfig(AppConfig):
    name = "wins"
    verbose_name = "Early wins"
