"""upward plans list [--json]

Every plan in this installation: its code (as in /plans/CODE/), title, place, lead
organisation, number of members, and how many of the ten steps are complete.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db.models import Count

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
    help = "Work with plans from the command line: `plans list [--json]`."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        listing = actions.add_parser("list", help="every plan, with its place, lead and progress")
        listing.add_argument("--json", action="store_true", help="a JSON list instead of a table")

    def handle(self, *args: Any, **options: Any) -> None:
        rows = plan_rows()
        if options["json"]:
            self.stdout.write(json.dumps([asdict(r) for r in rows], indent=2, ensure_ascii=False))
            return
        if not rows:
            self.stdout.write("No plans yet. Create one at /plans/new/ (or `upward demo_plan`).")
            return
        self.stdout.write(_table(rows))


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
