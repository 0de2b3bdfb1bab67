"""upward send-updates [--dry-run] [--base-url URL]

E-mail each confirmed follower of a published plan (or of one of its actions) the progress
updates shown publicly and the public answers to residents' feedback that are new since
they confirmed; each item goes to each follower once, so cron may run this as often as it
likes. Addresses are never printed.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from engagement.following import updates_send


class Command(BaseCommand):
    help = "E-mail followers of published plans their new updates and answers (for cron)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="say how many would get what; send nothing"
        )
        parser.add_argument(
            "--base-url",
            default="http://localhost:8000",
            help="the site's address, for the links in the e-mails (default: %(default)s)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        dry_run = bool(options["dry_run"])
        summary = updates_send(base_url=options["base_url"].rstrip("/"), dry_run=dry_run)
        verb = "would get" if dry_run else "got"
        for line in summary.lines:
            who, _, what = line.partition(": ")
            self.stdout.write(f"  {who} {verb} {what}")
        if dry_run:
            self.stdout.write(f"Dry run: {len(summary.lines)} message(s) would be sent.")
        else:
            self.stdout.write(f"Updates: {summary.sent} sent, {summary.failed} failed.")
        if summary.failed:
            raise CommandError(f"{summary.failed} message(s) could not be sent.")
