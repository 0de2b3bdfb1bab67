"""The transition briefing: the plan explained to incoming leadership, generated from what
the coalition recorded (why it exists, what it has done, what is under way, who carries it,
what it costs and who pays)."""

from __future__ import annotations

import datetime as dt
import importlib.util

from django.apps import apps
from django.utils import timezone

from continuity.selectors import HIGH, LEVEL_LABELS, continuity_overview, latest_shown_updates
from plans.models import Plan
from reports.blocks import BulletList, Heading, Paragraph, Section, Table
from reports.selectors import Document
from strategy.models import ActionStatus, Priority, StrategicAction, VisionVersion

KIND = "transition"
TITLE = "Transition briefing"


def _paragraphs(text: str) -> list[Paragraph]:
    return [Paragraph(part.strip()) for part in text.split("\n\n") if part.strip()]


def why_section(*, plan: Plan) -> Section:
    blocks: list = [*_paragraphs(plan.purpose)]
    vision = VisionVersion.objects.filter(plan=plan).order_by("-written_on", "-id").first()
    if vision is not None:
        blocks += [Heading("The vision"), *_paragraphs(vision.text)]
    priorities = [p.title for p in Priority.objects.filter(plan=plan).order_by("order", "id")]
    if priorities:
        blocks += [Heading("Its priorities"), BulletList(priorities)]
    if not blocks:
        blocks = [Paragraph("The plan's purpose has not been written down yet.")]
    return Section(key="why", title="Why this plan exists", order=10, blocks=blocks)


def done_section(*, plan: Plan, actions: list[StrategicAction]) -> Section:
    done = [a for a in actions if a.status == ActionStatus.COMPLETED]
    blocks: list = []
    if done:
        blocks.append(Paragraph(f"{len(done)} of {len(actions)} actions are complete:"))
        blocks.append(BulletList([a.title for a in done]))
    else:
        blocks.append(Paragraph(f"None of the plan's {len(actions)} actions is complete yet."))
    if apps.is_installed("tracking"):
        from tracking.models import Milestone

        reached = list(
            Milestone.objects.filter(action__plan=plan, completed_on__isnull=False)
            .select_related("action")
            .order_by("-completed_on")[:12]
        )
        if reached:
            blocks.append(Heading("Milestones reached lately"))
            blocks.append(
                Table(
                    caption="The most recent milestones reached",
                    header=["Reached on", "Milestone", "Action"],
                    rows=[[f"{m.completed_on:%Y-%m-%d}", m.title, m.action.title] for m in reached],
                )
            )
    return Section(key="done", title="What it has done", order=20, blocks=blocks)


def underway_section(*, plan: Plan, actions: list[StrategicAction]) -> Section:
    latest = latest_shown_updates(plan=plan)
    open_actions = [
        a for a in actions if a.status not in (ActionStatus.COMPLETED, ActionStatus.DROPPED)
    ]
    if not open_actions:
        blocks: list = [Paragraph("No action is under way.")]
    else:
        rows = []
        for action in open_actions:
            when, narrative, percent = latest.get(action.pk, (None, "", None))
            rows.append(
                [
                    action.title,
                    action.get_status_display(),
                    "" if percent is None else f"{percent}%",
                    f"{when:%Y-%m-%d}: {narrative}" if when else "No update yet",
                ]
            )
        blocks = [
            Table(
                caption="Actions under way, with their latest update",
                header=["Action", "Status", "Complete", "Latest update"],
                rows=rows,
            )
        ]
    return Section(key="underway", title="What is under way", order=30, blocks=blocks)


def carriers_section(*, plan: Plan, today: dt.date) -> Section:
    overview = continuity_overview(plan=plan, today=today)
    blocks: list = []
    if overview.people:
        blocks.append(
            Table(
                caption="People who lead or back up actions",
                header=["Person", "Position", "Seat", "Term ends", "Leads", "Backs up"],
                rows=[
                    [
                        p.name,
                        p.kind_label,
                        p.seat,
                        f"{p.term_ends_on:%Y-%m-%d}" if p.term_ends_on else "",
                        str(p.leads),
                        str(p.backs),
                    ]
                    for p in overview.people
                ],
            )
        )
    exposure = overview.exposure
    if overview.actions:
        blocks.append(
            Paragraph(
                f"Exposure to a change of leadership: {LEVEL_LABELS.get(exposure, exposure)}. "
                f"{overview.counts[HIGH]} of {overview.open_count} open actions are at high risk."
            )
        )
        risky = [a for a in overview.actions if a.level == HIGH]
        if risky:
            blocks.append(Heading("Actions most at risk"))
            blocks.append(
                BulletList(
                    [f"{a.title}: {'; '.join(r.text for r in a.reasons)}" for a in risky[:10]]
                )
            )
    if overview.warnings:
        blocks.append(Heading("Elections and term ends ahead"))
        blocks.append(
            BulletList(
                [
                    f"{w.date:%Y-%m-%d}, {w.what}: affects {', '.join(w.actions)}"
                    for w in overview.warnings
                ]
            )
        )
    if not blocks:
        blocks = [Paragraph("No one has been named to lead an action yet.")]
    return Section(key="carriers", title="Who carries it", order=40, blocks=blocks)


def money_section(*, plan: Plan) -> Section:
    """What it costs and who pays, from the funding ledger when the funding app has one."""
    blocks: list = []
    if apps.is_installed("funding") and importlib.util.find_spec("funding.document"):
        module = importlib.import_module("funding.document")
        hook = getattr(module, "transition_blocks", None)
        if hook is not None:
            blocks = list(hook(plan=plan))
    if not blocks:
        blocks = [Paragraph("No funding has been recorded for the plan's actions yet.")]
    return Section(key="money", title="What it costs and who pays", order=50, blocks=blocks)


def transition_document(*, plan: Plan, today: dt.date | None = None) -> Document:
    today = today or timezone.localdate()
    place = str(plan.geography)
    lead = str(plan.lead_organisation or "")
    actions = list(StrategicAction.objects.filter(plan=plan).select_related("priority"))
    document = Document(
        KIND,
        plan.title,
        f"{TITLE} for incoming leadership" + (f", from {lead}" if lead else ""),
        place,
        lead,
        f"{today:%B} {today.day}, {today.year}",
    )
    document.sections = [
        why_section(plan=plan),
        done_section(plan=plan, actions=actions),
        underway_section(plan=plan, actions=actions),
        carriers_section(plan=plan, today=today),
        money_section(plan=plan),
    ]
    return document
