"""upward plans list [--json] | export PLAN -o FILE | import FILE [--code CODE] [--owner USER]
| schema [-o FILE] | snapshot PLAN [--label TEXT]

`list`: every plan in this installation: its code (as in /plans/CODE/), title, place, lead
organisation, number of members, and how many of the ten steps are complete.
`export`: the whole plan as one Mobility Action Plan exchange document (JSON; see
docs/plan-format.md). `import`: a new plan from such a document, owned by USER (by default
the only superuser). `schema`: the format's JSON Schema, as built from the models.
`snapshot`: freeze the whole plan now (a term boundary, a release), to read later as it was
and compare with the plan of the day (continuity app).
"""

from __future__ import annotations

import json
import sys
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Count, Q

from plans.models import Plan
from plans.steps import STEPS, plan_steps


@dataclass(frozen=True)
class PlanRow:
    code: str
    title: str
    place: str
    lead: str
    members: int
    steps_complete: int
    steps_total: int


def plan_rows() -> list[PlanRow]:
    plans = Plan.objects.select_related("geography", "lead_organisation").annotate(
        member_count=Count("memberships")
    )
    return [
        PlanRow(
            code=plan.code,
            title=plan.title,
            place=str(plan.geography),
            lead=str(plan.lead_organisation or ""),
            members=plan.member_count,  # type: ignore[attr-defined]
            steps_complete=sum(s.complete for s in plan_steps(plan=plan)),
            steps_total=len(STEPS),
        )
        for plan in plans.order_by("code")
    ]


class Command(BaseCommand):
    help = (
        "Work with plans from the command line: `plans list [--json]`, `plans export PLAN -o "
        "FILE`, `plans import FILE [--code CODE] [--owner USER]`, `plans schema [-o FILE]`."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        listing = actions.add_parser("list", help="every plan, with its place, lead and progress")
        listing.add_argument("--json", action="store_true", help="a JSON list instead of a table")
        export = actions.add_parser("export", help="a plan as one JSON document")
        export.add_argument("plan", metavar="PLAN", help="the plan's code, as in /plans/CODE/")
        export.add_argument("-o", "--output", metavar="FILE", default="-",
                            help="where to write it (default: standard output)")  # fmt: skip
        imports = actions.add_parser("import", help="a new plan from a JSON document")
        imports.add_argument("file", metavar="FILE", help="the document (- for standard input)")
        imports.add_argument("--code", help="the new plan's code (default: the document's)")
        imports.add_argument(
            "--owner", metavar="USERNAME", help="who owns the new plan (default: the superuser)"
        )
        schema = actions.add_parser("schema", help="the JSON Schema of the plan document")
        schema.add_argument("-o", "--output", metavar="FILE", default="-")
        snapshot = actions.add_parser("snapshot", help="freeze the whole plan now")
        snapshot.add_argument("plan", metavar="PLAN", help="the plan's code, as in /plans/CODE/")
        snapshot.add_argument("--label", default="", help="its name (default: today's date)")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "export":
            return self._export(options["plan"], options["output"])
        if action == "import":
            return self._import(options["file"], options["code"], options["owner"])
        if action == "snapshot":
            return self._snapshot(options["plan"], options["label"])
        if action == "schema":
            from plans.exchange.schema_build import schema_json

            return self._write(options["output"], schema_json())
        rows = plan_rows()
        if options["json"]:
            self.stdout.write(json.dumps([asdict(r) for r in rows], indent=2, ensure_ascii=False))
            return
        if not rows:
            self.stdout.write("No plans yet. Create one at /plans/new/ (or `upward demo_plan`).")
            return
        self.stdout.write(_table(rows))

    def _write(self, output: str, text: str) -> None:
        if output == "-":
            self.stdout.write(text, ending="")
            return
        Path(output).write_text(text, encoding="utf-8")

    def _export(self, code: str, output: str) -> None:
        from plans.exchange.export import plan_export_json

        plan = Plan.objects.filter(code=code).first()
        if plan is None:
            raise CommandError(f"No plan has the code {code!r} (see `upward plans list`).")
        self._write(output, plan_export_json(plan=plan))
        if output != "-":
            self.stderr.write(f"Wrote {plan.title} ({plan.code}) to {output}.")

    def _snapshot(self, code: str, label: str) -> None:
        from continuity.snapshots import snapshot_take

        plan = Plan.objects.filter(code=code).first()
        if plan is None:
            raise CommandError(f"No plan has the code {code!r} (see `upward plans list`).")
        snapshot = snapshot_take(plan=plan, label=label)
        self.stdout.write(
            f"Froze {plan.title} ({plan.code}) as “{snapshot.label}”: "
            f"/plans/{plan.code}/continuity/snapshots/{snapshot.uuid}/"
        )

    def _import(self, file: str, code: str | None, username: str | None) -> None:
        from plans.exchange.importer import MAX_BYTES, PlanImportError, plan_import

        users = get_user_model().objects
        if username:
            owner = users.filter(username=username).first()
            if owner is None:
                raise CommandError(f"No user is called {username!r}.")
        else:
            admins = list(users.filter(Q(is_superuser=True), is_active=True)[:2])
            if len(admins) != 1:
                raise CommandError("Say who owns the imported plan: --owner USERNAME.")
            owner = admins[0]
        if file == "-":
            data = sys.stdin.buffer.read(MAX_BYTES + 1)
        else:
            path = Path(file)
            if not path.is_file():
                raise CommandError(f"There is no file {file}.")
            with path.open("rb") as handle:
                data = handle.read(MAX_BYTES + 1)
        try:
            plan = plan_import(data=data, owner=owner, code=code)  # type: ignore[arg-type]
        except PlanImportError as exc:
            lines = [f"  {p.path}: {p.message}" for p in exc.problems]
            if exc.more:
                lines.append(f"  ... and {exc.more} more.")
            raise CommandError("Nothing was imported:\n" + "\n".join(lines)) from exc
        self.stdout.write(f"Imported {plan.title} as /plans/{plan.code}/ (owner: {owner}).")


def _table(rows: list[PlanRow]) -> str:
    header = ("Code", "Title", "Place", "Lead", "Members", "Steps complete")
    cells = [
        (r.code, r.title, r.place, r.lead, str(r.members), f"{r.steps_complete} of {r.steps_total}")
        for r in rows
    ]
    widths = [max(len(line[i]) for line in [header, *cells]) for i in range(len(header))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)).rstrip()
             for line in [header, *cells]]  # fmt: skip
    return "\n".join([lines[0], "  ".join("-" * w for w in widths), *lines[1:]])
