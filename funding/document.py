"""The funder report: for one funder, what they paid for, who carries the work, who it
reached and what moved against the plan's long-term goals. Built from reports.blocks, so
the web page, the PDF and the Word file say the same thing.

    sections = funder_report(plan=plan, funder="Rockford Community Foundation")
    document = funder_document(plan=plan, funder="rockford-community-foundation")
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from decimal import Decimal

from funding.models import RUNNING, FundingEntry
from funding.selectors import (
    ActionFunding,
    actions_funding,
    funder_entries,
    funding_overview,
    money,
    period_text,
)
from lib.numbers import value_format
from lib.people import person_name
from metrics.models import Unit
from plans.models import Plan
from reports.blocks import Block, BulletList, Chart, Heading, Paragraph, Section, Table
from reports.selectors import Document
from results.analysis import Point, forecast_fit
from results.charts import chart_rows, measure_spec
from results.models import MeasureValue
from strategy.models import Measure, MeasureTarget, StrategicAction, TargetKind
from tracking.models import ProgressUpdate, ReviewState

# Measures drawn as charts (each costs about as much as a 50-row table in the PDF), the
# furthest-reaching outcomes first; every measure is in the list.
MAX_CHARTS = 3
CHART_ORDER = ["outcome-long", "outcome-medium", "outcome-short", "output", "activity", "input"]
NARRATIVE_MAX = 240  # characters of an update quoted in the report; the page has the rest
ROW_WORDS = {"value": "Value", "forecast": "If nothing changes", "baseline": "Baseline",
             "target": "Target"}  # fmt: skip


class FunderNotFound(LookupError):
    def __init__(self, funder: str) -> None:
        super().__init__(f"No funder named {funder!r} appears in this plan's funding ledger.")


def _person(action: StrategicAction) -> str:
    if action.owner is not None:
        return person_name(action.owner.user)
    if action.owner_organisation is not None:
        contact = f" ({action.owner_contact})" if action.owner_contact else ""
        return f"{action.owner_organisation.name}{contact}"
    return "Nobody named yet"


def _date(day: datetime.date | None) -> str:
    return f"{day:%b} {day.day}, {day.year}" if day else "no end date"


def _funded_section(
    funder: str, entries: list[FundingEntry], funding: dict[int, ActionFunding]
) -> Section:
    """One row per funded action (tables cost the PDF most: keep them few and narrow)."""
    counted = [e for e in entries if e.counts()]
    by_action: dict[int, list[FundingEntry]] = defaultdict(list)
    for entry in counted:
        by_action[entry.action_id].append(entry)
    total = {name: _sum(counted, name) for name in ("committed", "received", "spent")}
    kinds = sorted({e.get_source_type_display().lower() for e in counted})
    blocks: list[Block] = [
        Paragraph(
            f"{funder} has committed {money(total['committed'])} to {len(by_action)} of the "
            f"plan's strategic actions ({', '.join(kinds) or 'no kind given'}); "
            f"{money(total['received'])} has been received and {money(total['spent'])} spent "
            "so far."
        )
    ]
    rows = []
    for action_id, own in by_action.items():
        item = funding[action_id]
        ends = max((e.ends_on for e in own if e.ends_on), default=None)
        rows.append([
            item.title, money(_sum(own, "committed")), money(_sum(own, "spent")),
            _date(ends), money(item.needed),
            money(item.shortfall) if item.needed is not None else "Not worked out yet",
        ])  # fmt: skip
    if rows:
        blocks.append(
            Table(
                caption=f"What {funder} funds, and what each action needs from all funders",
                header=[
                    "Action",
                    "Committed",
                    "Spent",
                    "Funding ends",
                    "Needed from all funders",
                    "Still needed",
                ],
                rows=rows,
            )
        )
    others = [
        f"{e.action.title}: {money(e.committed)}, {e.get_status_display().lower()}"
        for e in entries
        if not e.counts()
    ]
    if others:
        blocks += [Heading("Not committed (proposed or declined)"), BulletList(others)]
    restricted = [f"{e.action.title}: {e.restrictions}" for e in entries if e.restrictions]
    if restricted:
        blocks += [Heading("Restrictions on the money"), BulletList(restricted)]
    return Section("funded", f"What {funder} funded", 10, blocks)


def _excerpt(text: str) -> str:
    text = " ".join(text.split())
    if len(text) <= NARRATIVE_MAX:
        return text
    return text[:NARRATIVE_MAX].rsplit(" ", 1)[0].rstrip(",;:.") + " …"


def _sum(entries: list[FundingEntry], name: str) -> Decimal:
    return sum((getattr(e, name) for e in entries), Decimal(0))


def _responsible_section(actions: list[StrategicAction]) -> Section:
    """Grouped by lead organisation: who leads, who owns, which actions."""
    groups: dict[str, list[StrategicAction]] = defaultdict(list)
    for action in actions:
        groups[str(action.lead_organisation or "No lead organization yet")].append(action)
    items = []
    for lead, led in groups.items():
        owners = sorted({_person(a) for a in led})
        items.append(
            f"{lead} leads {len(led)} funded action{'s' if len(led) != 1 else ''} "
            f"({'; '.join(a.title for a in led)}); owned by {', '.join(owners)}."
        )
    partners = sorted({p.name for a in actions for p in a.partners.all()})
    blocks: list[Block] = [BulletList(items)]
    if partners:
        blocks.append(Paragraph(f"Partners working alongside them: {', '.join(partners)}."))
    return Section("responsible", "Who is responsible", 20, blocks)


def _reached_section(entries: list[FundingEntry], actions: list[StrategicAction]) -> Section:
    counted = [e for e in entries if e.people_reached is not None]
    blocks: list[Block] = []
    if counted:
        total = sum(e.people_reached or 0 for e in counted)
        blocks += [
            Paragraph(f"This funding reached {total:,} people, as its ledger records."),
            BulletList([
                f"{e.action.title} ({period_text(e.starts_on, e.ends_on)}): "
                f"{e.people_reached:,} people"
                for e in counted
            ]),
        ]  # fmt: skip
    else:
        blocks.append(Paragraph("The ledger does not yet say how many people were reached."))
    latest: dict[int, ProgressUpdate] = {}
    for update in ProgressUpdate.objects.filter(
        action__in=actions, review_state=ReviewState.PUBLISHED
    ).order_by("-written_on", "-created_at", "-id"):
        latest.setdefault(update.action_id, update)
    said = [
        f"{a.title} ({_date(u.written_on)}, {u.get_status_display().lower()}"
        + ("" if u.percent_complete is None else f", {u.percent_complete}% complete")
        + f"): {_excerpt(u.narrative)}"
        for a in actions
        if (u := latest.get(a.pk)) is not None
    ]
    if said:
        blocks += [Heading("The latest word from the work"), BulletList(said)]
    return Section("reached", "Who was reached", 30, blocks)


def _measure_rows(actions: list[StrategicAction], place: str) -> tuple[list[str], list[Chart]]:
    measures = list(
        Measure.objects.filter(element__action__in=actions).select_related("element__action")
    )
    values: dict[int, list[MeasureValue]] = defaultdict(list)
    for value in MeasureValue.objects.filter(measure__in=measures, subgroup="").order_by(
        "period_end"
    ):
        values[value.measure_id].append(value)
    targets: dict[int, list[MeasureTarget]] = defaultdict(list)
    for target in MeasureTarget.objects.filter(measure__in=measures, kind=TargetKind.LEVEL):
        targets[target.measure_id].append(target)
    rows: list[str] = []
    charts: list[Chart] = []
    for measure in measures:
        own = targets.get(measure.pk, [])
        rows.append(_measure_row(measure, values.get(measure.pk, []), own[0] if own else None))
    drawn = sorted(
        (m for m in measures if values.get(m.pk)),
        key=lambda m: (CHART_ORDER.index(m.element.kind), -len(values[m.pk])),
    )[:MAX_CHARTS]
    for measure in drawn:
        charts.append(_measure_chart(measure, values[measure.pk], targets[measure.pk], place))
    return rows, charts


def _fmt(value: float | None, unit: str) -> str:
    return "—" if value is None else value_format(value=value, unit=unit)


def _measure_row(measure: Measure, series: list[MeasureValue], target: MeasureTarget | None) -> str:
    unit = measure.unit
    said = [f"{measure.name} ({measure.element.action.title}, "
            f"{measure.element.get_kind_display().lower()}):"]  # fmt: skip
    if measure.has_baseline():
        said.append(f"baseline {_fmt(measure.baseline_value, unit)} in {measure.baseline_year};")
    if series:
        said.append(f"latest {_fmt(series[-1].value, unit)} ({series[-1].period})")
    else:
        said.append("no value yet")
    if target:
        said[-1] += f"; target {_fmt(target.value, unit)} by {target.target_date.year}"
    return " ".join(said) + "."


def _measure_chart(
    measure: Measure, series: list[MeasureValue], targets: list[MeasureTarget], place: str
) -> Chart:
    """The measure's chart as the measure pages draw it (results.charts): values with their
    intervals, the baseline, level targets and where the line goes if nothing changes."""
    points = [Point(v.period_end, v.value, v.lb, v.ub, v.period) for v in series]
    levels = [(t.target_date, t.value) for t in targets]
    last = max([p.when for p in points] + [when for when, _ in levels])
    baseline = None
    if measure.baseline_year is not None and measure.baseline_value is not None:
        baseline = (measure.baseline_year, measure.baseline_value)
    rows = chart_rows(
        points=points, unit=measure.unit, fit=forecast_fit(points=points), horizon=last,
        baseline=baseline, targets=levels,
    )  # fmt: skip
    latest = value_format(value=series[-1].value, unit=measure.unit)
    spec = measure_spec(
        name=measure.name, unit=measure.unit,
        unit_label=str(dict(Unit.choices).get(measure.unit, measure.unit)), place=place,
        rows=rows, from_release=measure.is_mobility_metric(),
        description=f"Line chart of {measure.name} in {place}: {len(points)} values from "
        f"{points[0].label} to {points[-1].label}; latest {latest}. The table below lists "
        "them with the baseline and targets.",
    )  # fmt: skip
    table = Table(
        caption=f"{measure.name}: every value reported",
        header=["What", "Period", "Value"],
        rows=[[ROW_WORDS.get(r["kind"], r["kind"]), str(r.get("period", "")), r["text"]]
              for r in rows],
    )  # fmt: skip
    return Chart(spec=spec, caption=f"{measure.name}, {measure.element.action.title}", table=table)


def _goals_section(actions: list[StrategicAction], place: str) -> Section:
    priorities = {a.priority_id: a.priority for a in actions}
    blocks: list[Block] = [
        Paragraph("The funded actions serve these priorities of the plan:"),
        BulletList(
            [p.title + (f": {p.description}" if p.description else "") for p in priorities.values()]
        ),
    ]
    rows, charts = _measure_rows(actions, place)
    if rows:
        blocks += [
            Heading("The measures of the funded actions"),
            Paragraph("Where each started, where it is now and where it should go."),
            BulletList(rows),
            *charts,
        ]
    else:
        blocks.append(Paragraph("The funded actions have no measures yet."))
    return Section("goals", "What changed against the long-term goals", 40, blocks)


def _ahead_section(
    funding: list[ActionFunding], entries: list[FundingEntry], today: datetime.date
) -> Section:
    needed = sum((a.needed for a in funding if a.needed is not None), Decimal(0))
    committed = sum((a.committed for a in funding), Decimal(0))
    short = sum((a.shortfall for a in funding), Decimal(0))
    unknown = sum(1 for a in funding if a.needed is None)
    blocks: list[Block] = [
        Paragraph(
            f"Together the funded actions need {money(needed)}; all their funders have "
            f"committed {money(committed)}, and {money(short)} is still missing."
            + (f" {unknown} of them have not yet worked out what they need." if unknown else "")
        )
    ]
    horizon = today + datetime.timedelta(days=365)
    ending = [
        f"{e.action.title}: {money(e.committed)} ends {_date(e.ends_on)}; renewal expected: "
        f"{e.get_renewal_expected_display().lower()}"
        for e in entries
        if e.status in RUNNING and e.ends_on and today <= e.ends_on <= horizon
    ]
    if ending:
        blocks += [Heading("This funding ending within a year"), BulletList(ending)]
    blocks.append(
        Paragraph(
            "Results such as these take years to show in the long-term measures; sustained "
            "funding keeps the work going long enough for them to appear."
        )
    )
    return Section("ahead", "What the work still needs", 50, blocks)


def funder_report(*, plan: Plan, funder: str, today: datetime.date | None = None) -> list[Section]:
    """The funder report's sections; FunderNotFound when the ledger does not name them."""
    entries = funder_entries(plan=plan, funder=funder)
    if not entries:
        raise FunderNotFound(funder)
    name = entries[0].funder_label()
    ids = {e.action_id for e in entries}
    actions = list(
        StrategicAction.objects.filter(pk__in=ids)
        .select_related("priority", "lead_organisation", "owner__user", "owner_organisation")
        .prefetch_related("partners")
    )
    today = today or datetime.date.today()
    uuids = {str(a.uuid): a.pk for a in actions}
    funding = {uuids[a.uuid]: a for a in actions_funding(plan=plan) if a.uuid in uuids}
    return [
        _funded_section(name, entries, funding),
        _responsible_section(actions),
        _reached_section(entries, actions),
        _goals_section(actions, str(plan.geography)),
        _ahead_section(list(funding.values()), entries, today),
    ]


def funder_document(*, plan: Plan, funder: str, today: datetime.date | None = None) -> Document:
    """The funder report as a document the reports renderers turn into HTML, PDF or Word."""
    today = today or datetime.date.today()
    sections = funder_report(plan=plan, funder=funder, today=today)
    name = funder_entries(plan=plan, funder=funder)[0].funder_label()
    lead = str(plan.lead_organisation or "")
    place = plan.geography.name if plan.geography_id else ""
    return Document(
        kind="funder",
        title=f"Report to {name}",
        subtitle=f"{plan.title}: what this funding made possible",
        place=place,
        lead=lead,
        date=f"{today:%B} {today.day}, {today.year}",
        sections=sections,
    )


def transition_blocks(*, plan: Plan, today: datetime.date | None = None) -> list[Block]:
    """What the plan costs and who pays, for the transition briefing (continuity): totals,
    the gap by priority, the funders, and money ending within six months with no renewal.
    Empty when nothing is recorded."""
    overview = funding_overview(plan=plan, today=today)
    if not overview.funders and overview.total.unknown == overview.total.actions:
        return []
    total = overview.total
    blocks: list[Block] = [
        Paragraph(
            f"The plan's actions need {money(total.needed)} in all; funders have committed "
            f"{money(total.committed)}, and {money(total.shortfall)} is still missing."
            + (f" {total.unknown} actions have not yet worked out what they need."
               if total.unknown else "")
        ),
        Table(
            caption="Funding needed, committed and still needed by priority",
            header=["Priority", "Needed", "Committed", "Still needed"],
            rows=[[r.label, money(r.needed), money(r.committed), money(r.shortfall)]
                  for r in overview.by_priority],
        ),
    ]  # fmt: skip
    if overview.funders:
        blocks += [
            Heading("Who pays"),
            BulletList([f"{f.label}: {money(f.committed)} committed to {f.actions} action"
                        f"{'s' if f.actions != 1 else ''}" for f in overview.funders]),
        ]  # fmt: skip
    if overview.warnings:
        blocks += [
            Heading("Money ending within six months with no renewal in view"),
            BulletList([f"{w.entry.action_title}: {money(w.entry.committed)} from "
                        f"{w.entry.funder} ends {_date(w.entry.ends_on)}"
                        for w in overview.warnings]),
        ]  # fmt: skip
    return blocks
