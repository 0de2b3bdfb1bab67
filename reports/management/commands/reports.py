"""upward reports build KIND PLAN --format html|pdf|docx -o FILE

Write a plan's document to a file: KIND is `map` (the whole Mobility Action Plan),
`summary` (two pages), `funder` (a report to one funder, named with --funder NAME) or
`progress` (the progress report of a period from the data now, `--period 2026-Q3` or
`--period 2026`; a draft, not an issued report), `wins` (the early-wins brief) or
`transition` (the briefing for incoming leadership); PLAN is the plan's code (as in its web
address).
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from plans.models import Plan
from reports.periods import PeriodError, period_parse
from reports.progress import progress_report_build
from reports.renderers import FORMATS, document_render
from reports.selectors import KINDS, document_build


class Command(BaseCommand):
    help = "Build a plan's documents: `reports build map PLAN --format pdf -o plan.pdf`."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        build = actions.add_parser("build", help="write a document of a plan to a file")
        build.add_argument(
            "kind",
            choices=sorted([*KINDS, "funder", "progress", "wins", "transition"]),
            help="map (whole plan), summary, funder (with --funder), progress (with --period), "
            "wins or transition",
        )
        build.add_argument("plan", help="the plan's code, as in /plans/CODE/")
        build.add_argument("--period", help="for progress: a quarter (2026-Q3) or a year (2026)")
        build.add_argument("--format", dest="fmt", choices=FORMATS, default="pdf")
        build.add_argument("-o", "--output", required=True, help="the file to write")
        build.add_argument("--funder", default="", help="with kind funder: the funder's name")

    def handle(self, *args: Any, **options: Any) -> None:
        plan = (
            Plan.objects.select_related("geography", "lead_organisation")
            .filter(code=options["plan"])
            .first()
        )
        if plan is None:
            raise CommandError(
                f"No plan has the code {options['plan']!r} (see `upward plans list`)."
            )
        started = time.perf_counter()
        if options["kind"] == "progress":
            if not options["period"]:
                raise CommandError("A progress report needs --period, e.g. 2026-Q3 or 2026.")
            try:
                period = period_parse(text=options["period"])
            except PeriodError as exc:
                raise CommandError(str(exc)) from exc
            document = progress_report_build(plan=plan, period=period).document
        elif options["kind"] == "funder":
            from funding.document import FunderNotFound, funder_document

            try:
                document = funder_document(plan=plan, funder=options["funder"])
            except FunderNotFound as exc:
                raise CommandError(f"{exc} Name one with --funder NAME.") from exc
        elif options["kind"] == "wins":
            from wins.document import wins_document

            document = wins_document(plan=plan)
        elif options["kind"] == "transition":
            from continuity.document import transition_document

            document = transition_document(plan=plan)
        else:
            document = document_build(plan=plan, kind=options["kind"])
        data = document_render(document=document, fmt=options["fmt"])
        target = Path(options["output"])
        try:
            target.write_bytes(data)
        except OSError as exc:
            raise CommandError(f"Could not write {target}: {exc.strerror}.") from exc
        seconds = time.perf_counter() - started
        self.stdout.write(
            f"Wrote {target} ({options['fmt'].upper()}, {len(data):,} bytes, "
            f"{len(document.sections)} sections) in {seconds:.1f} s."
        )
