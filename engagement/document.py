"""Step 6 in the Mobility Action Plan: the Summary of Upward Mobility Findings (findings by
pillar with their evidence) and how the coalition engaged residents. Plain text only."""

from __future__ import annotations

from engagement.selectors import FindingView, activities_list, findings_summary
from plans.models import Plan
from reports.blocks import Block, BulletList, Heading, Paragraph, Section, Table

ORDER = 60


def _evidence(view: FindingView) -> list[str]:
    lines = [f"Mobility Metric: {m.name}, {m.latest} (Urban Institute)." for m in view.metrics]
    lines += [f"Preliminary insight: {text}" for text in view.insights]
    lines += [
        f"What residents said: the theme “{name}”, {count} feedback item{'s' * (count != 1)}."
        for name, count in view.themes
    ]
    lines += [
        f"Local indicator: {ref.name}{', ' + ref.latest if ref.latest else ''}."
        for ref in view.local
    ]
    if view.finding.evidence_note:
        lines.append(f"Also: {view.finding.evidence_note}")
    return lines


def _findings_blocks(plan: Plan) -> list[Block]:
    summary = findings_summary(plan=plan)
    blocks: list[Block] = []
    if summary.preliminary:
        blocks.append(Heading("Preliminary insights"))
        blocks.append(BulletList([i.statement for i in summary.preliminary]))
    for group in summary.pillars:
        blocks.append(Heading(group.name))
        for view in group.findings:
            where = " · ".join(p for p in (view.predictor or view.pillar, view.part) if p)
            blocks.append(Paragraph(view.finding.statement, emphasis=True))
            if where:
                blocks.append(Paragraph(where))
            evidence = _evidence(view)
            if evidence:
                blocks.append(BulletList(evidence))
    return blocks


def _process_blocks(plan: Plan) -> list[Block]:
    rows = activities_list(plan=plan)
    if not rows:
        return []
    table = Table(
        caption="Engagement activities",
        header=["Activity", "Date", "Method", "Residents' say", "Participants", "Languages",
                "Compensation", "Reported back"],
        rows=[
            [
                r.activity.title, r.activity.date.isoformat(), r.activity.get_method_display(),
                r.activity.get_spectrum_display(),
                "" if r.activity.participants is None else str(r.activity.participants),
                ", ".join(r.activity.languages), ", ".join(r.activity.compensation_labels()),
                "Yes" if r.reported_back else "Not yet",
            ]
            for r in rows
        ],
    )  # fmt: skip
    people = sum(r.activity.participants or 0 for r in rows)
    intro = (
        f"The coalition held {len(rows)} engagement "
        f"activit{'y' if len(rows) == 1 else 'ies'} with {people} participants in all."
    )
    return [Heading("How we engaged residents"), Paragraph(intro), table]


def map_section(*, plan: Plan) -> Section | None:
    findings = _findings_blocks(plan)
    process = _process_blocks(plan)
    if not findings and not process:
        return None
    blocks: list[Block] = [
        Paragraph(
            "What the coalition concluded about mobility from poverty, pillar by pillar, "
            "and the figures and voices each conclusion rests on."
        ),
        *findings,
        *process,
    ]
    return Section(
        key="findings", title="Summary of Upward Mobility Findings", order=ORDER, blocks=blocks
    )
