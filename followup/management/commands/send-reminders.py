"""upward send-reminders [--dry-run] [--today YYYY-MM-DD] [--base-url URL]

E-mail each person one digest of what they owe their plans: what falls due within their lead
days and what is overdue. Weekly digests go out from the person's weekday on (Monday unless
they chose another), daily ones every day; a period's digest is never sent twice, so cron
may run this every day, or more often.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from followup.services import reminders_send


def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError as error:
        raise CommandError(f"--today takes a date written YYYY-MM-DD, not {text!r}.") from error


class Command(BaseCommand):
    help = "E-mail each person their digest of overdue and soon-due updates (for cron)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="say who would get what; send nothing"
        )
        parser.add_argument("--today", help="act as if today were this date (YYYY-MM-DD)")
        parser.add_argument(
            "--base-url",
            default="http://localhost:8000",
            help="the site's address, for the links in the e-mails (default: %(default)s)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        today = _date(options["today"]) if options["today"] else timezone.localdate()
        dry_run = bool(options["dry_run"])
        summary = reminders_send(today=today, base_url=options["base_url"], dry_run=dry_run)
        verb = "would get" if dry_run else "got"
        for line in summary.lines:
            who, _, what = line.partition(": ")
            self.stdout.write(f"  {who} {verb} {what}")
        if dry_run:
            self.stdout.write(f"Dry run for {today}: {len(summary.lines)} digest(s) would be sent.")
        else:
            self.stdout.write(
                f"Reminders for {today}: {summary.sent} sent, {summary.failed} failed."
            )
        if summary.failed:
            raise CommandError(f"{summary.failed} digest(s) could not be sent (see above).")
