"""upward tracking import PLAN FILE [--dry-run] [--user USERNAME]

`import`: a bulk CSV of progress updates, or of measure values (a file with a `measure` and
a `value` column), checked as on the upload page: every problem is listed by line and
column and nothing is loaded when there is one. `--dry-run` only checks. Updates are posted
as USERNAME (default: the plan's first owner), with that person's role rules.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError, CommandParser

from plans.models import Membership, Plan, Role
from results.imports import values_csv_import
from tracking.imports import count_words, is_values_file, updates_csv_import


def _user_for(plan: Plan, username: str | None) -> User:
    if username:
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user named {username!r}.")
        return user
    first = Membership.objects.filter(plan=plan, role=Role.OWNER).order_by("id").first()
    if first is None:
        raise CommandError("The plan has no owner: name who posts the updates with --user.")
    return first.user


class Command(BaseCommand):
    help = (
        "Step 10 from the command line: `tracking import PLAN FILE [--dry-run] [--user "
        "USERNAME]` loads a CSV of progress updates or of measure values."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        imports = actions.add_parser("import", help="a CSV of progress updates or measure values")
        imports.add_argument("plan", metavar="PLAN", help="the plan's code, as in /plans/CODE/")
        imports.add_argument("file", metavar="FILE", help="the CSV file (- for standard input)")
        imports.add_argument("--dry-run", action="store_true", help="check only, load nothing")
        imports.add_argument("--user", metavar="USERNAME",
                             help="who posts them (default: the plan's first owner)")  # fmt: skip

    def handle(self, *args: Any, **options: Any) -> None:
        plan = Plan.objects.filter(code=options["plan"]).first()
        if plan is None:
            raise CommandError(f"No plan with the code {options['plan']!r}.")
        user = _user_for(plan, options.get("user"))
        path = options["file"]
        try:
            content = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
        except OSError as exc:
            raise CommandError(f"Cannot read {path}: {exc.strerror}.") from exc
        name = "stdin.csv" if path == "-" else Path(path).name
        dry_run = options["dry_run"]
        if is_values_file(content):
            outcome: Any = values_csv_import(
                plan=plan, user=user, content=content, filename=name, dry_run=dry_run
            )
            kind = "measure values"
        else:
            outcome = updates_csv_import(plan=plan, user=user, content=content, dry_run=dry_run)
            kind = "progress updates"
        self._report(outcome, kind=kind, name=name, dry_run=dry_run)

    def _report(self, outcome: Any, *, kind: str, name: str, dry_run: bool) -> None:
        if outcome.problems:
            for problem in outcome.problems:
                where = f"line {problem.line}" + (
                    f", column {problem.column}" if problem.column else ""
                )
                self.stderr.write(f"{name}: {where}: {problem.message}")
            count = len(outcome.problems)
            raise CommandError(f"Nothing loaded: {count} problem{'s' if count != 1 else ''}.")
        if dry_run:
            checked = getattr(outcome, "checked", getattr(outcome, "rows", None))
            counted = count_words(checked, kind) if checked is not None else kind
            self.stdout.write(f"{name}: the file is fine ({counted}); nothing loaded (dry run).")
        else:
            self.stdout.write(f"{name}: {count_words(outcome.loaded, kind)} loaded.")
