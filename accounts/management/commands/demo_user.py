from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from accounts.services import DEMO_USERNAME, demo_user_reset


class Command(BaseCommand):
    help = "Create the demo login (or reset its password) and print the password once."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--username", default=DEMO_USERNAME)

    def handle(self, *args: Any, **options: Any) -> None:
        password = demo_user_reset(username=options["username"])
        self.stdout.write(f"User name: {options['username']}\nPassword:  {password}")
