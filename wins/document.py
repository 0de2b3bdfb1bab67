"""The early-wins brief: what the coalition got done early, who made it happen, who it
matters to and who carries the news where, with the coalition's reflections. Built from
reports.blocks Sections, rendered as a web page, PDF or Word by reports.renderers."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.utils import timezone

from plans.models import Plan
from reports.blocks import Block, BulletList, Heading, Paragraph, Section, Table
from reports.selectors import Document
from wins.models import WinKind
from wins.selectors import WinRow, reflections_list, wins_list

KIND = "wins"
TITLE = "Early wins"


def _date(day: dt.date | None) -> str:
    return f"{day:%Y-%m-%d}" if day else ""


def wins_summary_section(*, wins: list[WinRow]) -> Section:
    if not wins:
        blocks: list[Block] = [Paragraph("No early win has been recorded yet.")]
    else:
        counts = Counter(w.kind for w in wins)
        first, last = min(w.happened_on for w in wins), max(w.happened_on for w in wins)
        blocks = [
            Paragraph(
                f"{len(wins)} early win{'s' if len(wins) != 1 else ''} recorded, from "
                f"{_date(first)} to {_date(last)}."
            ),
            BulletList(
                [f"{label}: {counts[value]}" for value, label in WinKind.choices if counts[value]]
            ),
        ]
    return Section(key="summary", title="At a glance", order=10, blocks=blocks)


def wins_section(*, wins: list[WinRow]) -> Section:
    blocks: list[Block] = []
    if wins:
        blocks.append(
            Table(
                caption="Early wins, newest first",
                header=["When", "Win", "Kind", "Action"],
                rows=[[_date(w.happened_on), w.title, w.kind_label, w.action] for w in wins],
            )
        )
    for w in wins:
        blocks.append(Heading(f"{w.title} ({_date(w.happened_on)})"))
        blocks.append(Paragraph(w.what_happened))
        facts = []
        made = ", ".join(filter(None, [w.made_by, ", ".join(w.organisations)]))
        if made:
            facts.append(f"Who made it happen: {made}")
        if w.audience:
            facts.append(f"Who it matters to: {w.audience}")
        if w.evidence_link:
            facts.append(f"Evidence: {w.evidence_link}")
        if w.evidence_name:
            facts.append(f"Evidence file: {w.evidence_name}")
        if facts:
            blocks.append(BulletList(facts))
    if not blocks:
        blocks = [Paragraph("No early win has been recorded yet.")]
    return Section(key="wins", title="The wins", order=20, blocks=blocks)


def messages_section(*, wins: list[WinRow]) -> Section:
    rows = [
        [w.title, m.messenger, m.channel, _date(m.on), m.status_label, m.note]
        for w in wins
        for m in w.messages
    ]
    if rows:
        blocks: list[Block] = [
            Table(
                caption="Who carries the news of each win, and where",
                header=["Win", "Messenger", "Channel", "When", "Status", "Note"],
                rows=rows,
            )
        ]
    else:
        blocks = [Paragraph("No messenger or channel has been planned yet.")]
    return Section(key="messengers", title="Who carries the message", order=30, blocks=blocks)


def reflections_section(*, plan: Plan) -> Section:
    blocks: list[Block] = []
    for row in reflections_list(plan=plan):
        blocks.append(Heading(row.question))
        blocks.append(Paragraph(row.answer or "Not answered yet.", emphasis=not row.answer))
    return Section(key="reflections", title="Our reflections", order=40, blocks=blocks)


def wins_document(*, plan: Plan, today: dt.date | None = None) -> Document:
    today = today or timezone.localdate()
    lead = str(plan.lead_organisation or "")
    wins = wins_list(plan=plan)
    document = Document(
        KIND,
        plan.title,
        f"{TITLE} of the plan" + (f", from {lead}" if lead else ""),
        str(plan.geography),
        lead,
        f"{today:%B} {today.day}, {today.year}",
    )
    document.sections = [
        wins_summary_section(wins=wins),
        wins_section(wins=wins),
        messages_section(wins=wins),
        reflections_section(plan=plan),
    ]
    return document
