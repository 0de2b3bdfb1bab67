"""The plan document's parts from steps 7 and 8, as plain-text blocks (renderers escape)."""

from __future__ import annotations

from decimal import Decimal

from plans.models import Plan
from reports.blocks import Block, BulletList, Heading, Paragraph, Section, Table
from strategy.models import StrategicAction
from strategy.selectors import (
    MeasureItem,
    action_detail,
    matrix_for,
    measurement_plan,
    strategy_overview,
)


def _number(value: Decimal | None) -> str:
    if value is None:
        return "—"
    return f"{value.normalize():f}"


def _action_blocks(action: StrategicAction) -> list[Block]:
    detail = action_detail(action=action)
    facts = [
        f"Kinds of change: {', '.join(detail.kinds) or 'not chosen'}",
        f"Lead organization: {detail.lead or 'not chosen'}",
        f"Partners: {', '.join(detail.partners) or 'none listed'}",
        f"Timeframe: {detail.timeframe or 'not set'}",
    ]
    blocks: list[Block] = [Heading(action.title, level=4)]
    if action.description:
        blocks.append(Paragraph(action.description))
    blocks.append(BulletList(facts))
    if action.equity_rationale:
        blocks.append(Paragraph(f"Why it advances racial equity: {action.equity_rationale}"))
    rows = [
        [column.label, "\n".join(f"{n}. {e.text}" for n, e in enumerate(column.elements, 1))]
        for column in detail.logic
        if column.elements
    ]
    if rows:
        blocks.append(Table(f"Logic model: {action.title}", ["Part", "Elements"], rows))
    sight = [[p.name, m.name, m.latest] for p in detail.sight for m in p.metrics] + [
        [p.name, "—", "No metric in the release"] for p in detail.sight if not p.metrics
    ]
    if sight:
        caption = f"Line of sight: {action.title} (source: Urban Institute, Mobility Metrics)"
        blocks.append(Table(caption, ["Predictor", "Metric", "Latest value"], sight))
    return blocks


def map_section(*, plan: Plan) -> Section | None:
    """Vision, priorities with their theories of change, actions with their logic models,
    and the prioritisation table; None while step 7 has nothing recorded."""
    data = strategy_overview(plan=plan)
    if data.vision is None and not data.priorities:
        return None
    blocks: list[Block] = []
    if data.vision:
        blocks += [Heading("Our vision"), Paragraph(data.vision.text, emphasis=True)]
    actions = {
        str(a.uuid): a
        for a in StrategicAction.objects.filter(plan=plan).select_related(
            "plan__geography", "priority", "owner__user", "backup__user", "lead_organisation"
        )
    }
    for priority in data.priorities:
        blocks.append(Heading(f"Priority: {priority.title}"))
        if priority.description:
            blocks.append(Paragraph(priority.description))
        if priority.pillars:
            blocks.append(Paragraph(f"Pillars: {', '.join(priority.pillars)}"))
        theory = [
            (label, text)
            for label, text in (
                ("Problem", priority.problem),
                ("Root causes", priority.root_causes),
                ("If-then pathway", priority.pathway),
                ("Assumptions", priority.assumptions),
            )
            if text.strip()
        ]
        if theory:
            blocks.append(
                Table(
                    f"Theory of change: {priority.title}",
                    ["Part", "What we hold"],
                    [list(row) for row in theory],
                )
            )
        for card in priority.actions:
            blocks += _action_blocks(actions[card.uuid])
    matrix = matrix_for(plan=plan)
    if matrix.criteria and matrix.rows:
        header = (
            ["Rank", "Action"]
            + [f"{c.name} (weight {_number(c.weight)})" for c in matrix.criteria]
            + ["Weighted total"]
        )
        rows = [
            [str(r.rank), r.title] + [str(s) if s else "—" for s in r.scores] + [_number(r.total)]
            for r in matrix.rows
        ]
        blocks += [
            Heading("How the actions were prioritized"),
            Table("Prioritization matrix: scores from 1 to 5", header, rows),
        ]
    return Section(
        key="strategy", title="Vision, priorities and strategic actions", order=70, blocks=blocks
    )


def measure_facts(m: MeasureItem) -> list[str]:
    """A measure of the Measurement Plan, one line per part of its definition."""
    return [
        f"Measures: {m.action}. {m.element}",
        f"Definition: {m.definition or '—'}",
        f"Unit: {m.unit}; {m.direction.lower()}",
        f"Baseline: {m.baseline}",
        f"Targets: {'; '.join(t.text for t in m.targets) or 'No target yet'}",
        f"Source: {m.data_source or '—'}",
        f"How often: {m.frequency}",
        f"Collects / reports: {m.collector or '—'} / {m.reporter or '—'}",
        f"Broken out by: {', '.join(m.breakdowns) or '—'}",
    ]


def measurement_section(*, plan: Plan) -> Section | None:
    """The Measurement Plan (each measure with its parts), the coverage check, the
    reporting schedule, the evaluation plan and the sustainability worksheet; None while
    step 8 is empty."""
    data = measurement_plan(plan=plan)
    filled = [row for row in data.sustainability if row.text.strip()]
    if not (data.measures or data.schedule or data.evaluation or filled):
        return None
    blocks: list[Block] = []
    if data.measures:
        # One short list per measure rather than one ten-column table: it reads better on
        # a page and in Word, and lays out in a fraction of the time.
        blocks.append(Heading("Measures"))
        for m in data.measures:
            blocks += [Heading(m.name, level=4), BulletList(measure_facts(m))]
        if any(m.baseline.find("Mobility Metrics") >= 0 for m in data.measures):
            blocks.append(Paragraph("Baselines from the Mobility Metrics: Urban Institute."))
    blocks.append(Heading("Coverage"))
    if data.uncovered:
        blocks.append(Paragraph("Logic-model elements without a measure yet:"))
        blocks.append(
            BulletList([f"{e.action}, {e.kind.lower()}: {e.text}" for e in data.uncovered])
        )
    else:
        blocks.append(Paragraph("Every element of the logic models has a measure."))
    if data.schedule:
        blocks += [
            Heading("Reporting and accountability"),
            Table(
                "Reporting schedule",
                ["What", "To whom", "How often", "Who reports"],
                [[r.what, r.audience, r.frequency, r.responsible or "—"] for r in data.schedule],
            ),
        ]
    if data.evaluation:
        blocks += [
            Heading("Evaluation"),
            Table(
                "Evaluation plan",
                ["Question", "Method", "Who", "When"],
                [[q.question, q.method, q.who, q.timing] for q in data.evaluation],
            ),
        ]
    if filled:
        blocks += [
            Heading("Sustainability"),
            Table(
                "Sustainability worksheet",
                ["Area", "Plan", "Who sees to it"],
                [[r.label, r.text, ", ".join(r.owners) or "—"] for r in filled],
            ),
        ]
    return Section(
        key="measurement", title="Measurement Plan and sustainability", order=80, blocks=blocks
    )


SUMMARY_ACTIONS = 5


def summary_section(*, plan: Plan) -> Section | None:
    """For the two-page summary: the vision, the priorities, and the first actions (the
    highest-ranked in the prioritisation matrix when actions were scored)."""
    data = strategy_overview(plan=plan)
    if data.vision is None and not data.priorities:
        return None
    blocks: list[Block] = []
    if data.vision:
        blocks += [Heading("Our vision"), Paragraph(data.vision.text, emphasis=True)]
    if data.priorities:
        blocks += [Heading("Our priorities"), BulletList([p.title for p in data.priorities])]
    ranked = [row.title for row in matrix_for(plan=plan).rows if row.total > 0]
    listed = [a.title for p in data.priorities for a in p.actions]
    first = (ranked + [t for t in listed if t not in ranked])[:SUMMARY_ACTIONS]
    if first:
        blocks += [Heading("First strategic actions"), BulletList(first)]
    return Section(key="vision", title="Vision, priorities and actions", order=10, blocks=blocks)
