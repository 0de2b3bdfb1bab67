"""Step 3 in the Mobility Action Plan: the latest scorecard, the decision and open gaps."""

from __future__ import annotations

from plans.models import Plan
from readiness.charts import scorecard_spec
from readiness.selectors import (
    AssessmentView,
    GapActionView,
    Scorecard,
    assessment_view,
    plan_latest_assessment,
)
from reports.blocks import BulletList, Chart, Heading, Paragraph, Section, Table


def scorecard_table(*, scorecard: Scorecard, caption: str) -> Table:
    rows = [[d.title, *d.cells, d.score_text] for d in scorecard.domains]
    overall = scorecard.overall
    rows.append([overall.title, *overall.cells, overall.score_text])
    return Table(caption=caption, header=["Domain", *scorecard.labels, "Score"], rows=rows)


def _gap_rows(gaps: list[GapActionView]) -> list[list[str]]:
    return [
        [g.domain, g.item_text, g.action, g.owner, f"{g.due:%d %B %Y}" if g.due else "No date"]
        for g in gaps
    ]


def _decision_blocks(view: AssessmentView) -> list[Heading | Paragraph]:
    if not view.decision:
        return [Heading("Decision"), Paragraph("No decision has been recorded yet.")]
    when = f" on {view.decided_on:%d %B %Y}" if view.decided_on else ""
    blocks: list[Heading | Paragraph] = [
        Heading("Decision"),
        Paragraph(f"{view.decision_label}, decided{when}.", emphasis=True),
    ]
    blocks += [Paragraph(part.strip()) for part in view.rationale.split("\n\n") if part.strip()]
    return blocks


def map_section(*, plan: Plan) -> Section | None:
    latest = plan_latest_assessment(plan=plan)
    if latest is None:
        return None
    view = assessment_view(assessment=latest)
    card = view.scorecard
    caption = f"Readiness by domain, {view.label}"
    table = scorecard_table(scorecard=card, caption=caption)
    subtitle = "Score: mean of rated items, 0 not in place to 3 fully in place; unknown left out."
    section = Section(key="readiness", title="Readiness", order=30)
    section.blocks.append(
        Paragraph(
            f"Before announcing the effort, the coalition rated its readiness on "
            f"{card.overall.total} items in {len(card.domains)} domains ({view.label}). "
            f"{card.rated} items are rated; the overall score is {card.overall.score_text}."
        )
    )
    spec = scorecard_spec(scorecard=card, title=caption, subtitle=subtitle)
    section.blocks.append(Chart(spec=spec, caption=caption, table=table))
    section.blocks.extend(_decision_blocks(view))
    gaps = [
        item.gap
        for domain in view.domains
        for item in domain.items
        if item.gap and item.gap.status == "open"
    ]
    section.blocks.append(Heading("Open gap actions"))
    if gaps:
        section.blocks.append(
            Table(
                caption="Gap actions still open",
                header=["Domain", "Item", "Action", "Owner", "Due"],
                rows=_gap_rows(gaps),
            )
        )
    else:
        section.blocks.append(BulletList(items=["No gap action is open."]))
    return section
