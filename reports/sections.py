"""The sections of the Mobility Action Plan that the reports app writes itself: the letter
from leadership, the summary, the approach (step 1), the figures (step 2) and the
appendices. Other steps bring theirs through `<app>/document.py` (see reports.selectors).

Everything here is plain text in blocks; the renderers escape it.
"""

from __future__ import annotations

from metrics.charts import trend_spec
from metrics.selectors.profiles import MetricEntry, Point, Profile
from plans.models import InsightStatus, Plan
from plans.services import PRINCIPLES
from reports.blocks import BulletList, Chart, Heading, Paragraph, Section, Table
from reports.models import PlanRelease

ORDER_LETTER, ORDER_SUMMARY, ORDER_APPROACH, ORDER_METRICS = 2, 5, 10, 20
ORDER_APPENDIX_METRICS, ORDER_APPENDIX_ROSTER = 900, 910
MAX_CHARTS = 3
QUALITY_WORDS = {
    "Strong": "Strong",
    "Marginal": "Marginal: use with care",
    "Weak": "Weak: do not act on it alone",
}
SOURCE_NOTE = (
    "Figures come from the Urban Institute's Mobility Metrics. Each one shows its year, its "
    "95% confidence interval where one was published, and its quality: Strong figures can "
    "be acted on, Marginal ones need care, and Weak ones should never guide a decision alone."
)


def _paragraphs(text: str) -> list[Paragraph]:
    """A text typed in a box, split on blank lines into paragraphs."""
    parts = [" ".join(chunk.split()) for chunk in text.replace("\r\n", "\n").split("\n\n")]
    return [Paragraph(part) for part in parts if part]


def quality_text(point: Point | None) -> str:
    if point is None:
        return ""
    return QUALITY_WORDS.get(point.quality or "", "Not rated")


def point_cells(point: Point | None) -> list[str]:
    """Value, year, interval and quality of one figure, as table cells."""
    if point is None:
        return ["No data", "", "", ""]
    return [point.text, str(point.year), point.interval or "Not published", quality_text(point)]


def letter_section(*, release: PlanRelease | None) -> Section | None:
    if release is None or not release.letter.strip():
        return None
    blocks: list = _paragraphs(release.letter)
    if release.letter_signed.strip():
        blocks.append(Paragraph(release.letter_signed.strip(), emphasis=True))
    return Section("letter", "Letter from leadership", ORDER_LETTER, blocks)


def summary_section(*, plan: Plan, profile: Profile, later: list[Section]) -> Section:
    """What the plan is and what it holds, in a few sentences and a list of its parts."""
    place = profile.geography.label
    lead = str(plan.lead_organisation or "its partners")
    blocks: list = [
        Paragraph(
            f"This is the Mobility Action Plan of {place}, led by {lead}. It says where the "
            "community stands on the predictors of upward mobility, what residents and "
            "partners found, what the coalition will do about it and how it will know "
            "whether it worked."
        )
    ]
    kept = plan.insights.filter(status=InsightStatus.KEPT).count()
    with_data = f"{profile.with_data_count} of {profile.metric_count}"
    blocks.append(
        Paragraph(
            f"The Mobility Metrics have figures for {with_data} measures here; the coalition "
            f"kept {kept} preliminary insight{'s' if kept != 1 else ''} from them."
        )
    )
    if later:
        blocks.append(Heading("In this plan"))
        blocks.append(BulletList([section.title for section in later]))
    return Section("summary", "Summary", ORDER_SUMMARY, blocks)


def approach_section(*, plan: Plan) -> Section | None:
    if not plan.purpose.strip() and not plan.principles:
        return None
    blocks: list = []
    if plan.purpose.strip():
        blocks.append(Heading("Why we are doing this"))
        blocks.extend(_paragraphs(plan.purpose))
    if plan.principles:
        blocks.append(Heading("How we work"))
        blocks.append(BulletList([PRINCIPLES[p] for p in plan.principles if p in PRINCIPLES]))
    return Section("approach", "Our approach", ORDER_APPROACH, blocks)


def _key_entry(entries: list[MetricEntry]) -> MetricEntry | None:
    return next((e for e in entries if e.latest is not None), None)


def key_figures(*, profile: Profile) -> list[tuple[str, str, MetricEntry]]:
    """(pillar, predictor, entry): the first metric with a figure for each predictor."""
    found = []
    for pillar in profile.pillars:
        for predictor in pillar.predictors:
            entry = _key_entry(predictor.metrics)
            if entry is not None:
                found.append((pillar.name, predictor.name, entry))
    return found


def _trend_chart(entry: MetricEntry, place: str) -> Chart:
    table = Table(
        caption=f"{entry.name}, {place}, every year published",
        header=["Year", "Value", "95% interval", "Quality"],
        rows=[[str(p.year), p.text, p.interval or "Not published", quality_text(p)]
              for p in entry.series],
    )  # fmt: skip
    caption = f"{entry.name} in {place}, {entry.series[0].year} to {entry.series[-1].year}."
    return Chart(spec=trend_spec(entry=entry, place=place), caption=caption, table=table)


def metrics_section(*, plan: Plan, profile: Profile) -> Section:
    place = profile.geography.label
    blocks: list = [Paragraph(SOURCE_NOTE)]
    figures = key_figures(profile=profile)
    for pillar in profile.pillars:
        rows = [
            [predictor, entry.name, *point_cells(entry.latest)]
            for name, predictor, entry in figures
            if name == pillar.name
        ]
        blocks.append(Heading(pillar.name))
        if not rows:
            blocks.append(Paragraph(f"No figures for {place} in this pillar."))
            continue
        blocks.append(
            Table(
                caption=f"{pillar.name}: key figures for {place}",
                header=["Predictor", "Measure", "Value", "Year", "95% interval", "Quality"],
                rows=rows,
            )
        )
    kept = list(plan.insights.filter(status=InsightStatus.KEPT).order_by("updated_at"))
    if kept:
        blocks.append(Heading("What the figures suggest"))
        blocks.append(BulletList([insight.statement for insight in kept]))
    slugs = dict.fromkeys(i.metric_slug for i in kept if i.metric_slug)
    charted = [e for e in map(profile.metric, slugs) if e is not None and len(e.series) >= 2]
    for entry in charted[:MAX_CHARTS]:
        blocks.append(_trend_chart(entry, place))
    return Section("metrics", "Where we stand: the Mobility Metrics", ORDER_METRICS, blocks)


def appendix_metrics_section(*, profile: Profile) -> Section:
    place = profile.geography.label
    blocks: list = [
        Paragraph(
            f"Every measure of the Mobility Metrics for {place}: the years published, the "
            "latest value with its 95% confidence interval and its quality. Source: Urban "
            "Institute."
        )
    ]
    for pillar in profile.pillars:
        rows = []
        for predictor in pillar.predictors:
            for entry in predictor.metrics:
                years = ", ".join(str(p.year) for p in entry.series) or entry.missing_text
                rows.append([entry.name, years, *point_cells(entry.latest)])
        blocks.append(
            Table(
                caption=f"{pillar.name}: every measure for {place}",
                header=["Measure", "Years published", "Latest", "Year", "95% interval", "Quality"],
                rows=rows,
            )
        )
    return Section(
        "appendix-metrics", "Appendix: the Mobility Metrics", ORDER_APPENDIX_METRICS, blocks
    )


def roster_section(*, table: Table | None) -> Section | None:
    if table is None or not table.rows:
        return None
    return Section(
        "appendix-roster", "Appendix: the Mobility Coalition", ORDER_APPENDIX_ROSTER, [table]
    )
