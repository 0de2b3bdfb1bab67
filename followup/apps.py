from __future__ import annotations

from django.apps import AppConfig


class FollowupConfig(AppConfig):
    name = "followup"
    verbose_name = "Who updates what, and when"
