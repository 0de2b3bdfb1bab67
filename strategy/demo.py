"""Steps 7 and 8 of the demo plan: the vision, three priorities with theories of change,
five strategic actions with logic models and predictors, the prioritisation matrix,
review and approvals; a measure for every element of every logic model (baselines of the
long-term outcomes from the county's real Mobility Metrics), targets, the reporting
schedule, the evaluation plan and the sustainability worksheet."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import User

from metrics.models import Pillar, Predictor
from plans.models import Membership, Organisation, Plan, Role
from strategy.models import BaselineSource, ElementKind, Priority, StrategicAction, TargetKind
from strategy.selectors import BaselineOption, baseline_options
from strategy.services import (
    action_save,
    approval_record,
    comment_add,
    comment_resolve,
    criterion_add,
    element_add,
    evaluation_question_add,
    matrix_scores_set,
    measure_save,
    priority_save,
    reporting_item_add,
    sustainability_save,
    target_add,
    vision_write,
)

D = dt.date
LEAD = "Rockford Region Mobility Partnership"
COUNTY = "Winnebago County Community Services Office"
CITY = "Rockford Neighborhood Development Office"
SCHOOLS = "Rock River Valley School District"
EMPLOYERS = "Northern Illinois Manufacturers' Roundtable"
HEALTH = "Blackhawk Community Health Network"
FUND = "Stateline Community Fund"
FAITH = "New Hope Congregations Together"
TENANTS = "Southwest Rockford Tenants' Union"
METRICS_SOURCE = "Urban Institute, Mobility Metrics"

VISIONS = (
    (D(2025, 9, 10), "A county where every family can earn enough, live in a safe and "
     "stable home, and see their children do better than they did."),
    (D(2025, 10, 14), "Winnebago County is a place where every family, whatever its race or "
     "neighborhood, earns enough to build on, lives in a stable home near good schools and "
     "jobs, and has a real say in the decisions that shape its future."),
)  # fmt: skip

PRIORITIES: tuple[dict[str, Any], ...] = (
    dict(
        key="learning", title="Every child ready for school, every young person through it",
        pillars=["high-quality-education"],
        description="Early learning and finishing high school, where the county trails "
        "almost every other.",
        problem="Fewer than half of three- and four-year-olds attend preschool, and nearly "
        "one young adult in four reaches twenty without a diploma.",
        root_causes="Too few full-day seats where families live; schedules that do not fit "
        "shift work; students pushed out by moves, work and schools that lose track of them.",
        pathway="If families can reach a full-day seat near home and students who left can "
        "return to a place built for them, then more children start kindergarten ready and "
        "more young people graduate, because the barriers residents named are removed "
        "rather than worked around.",
        assumptions="Funding from the levy and the fund holds for three years; the district "
        "keeps sharing records; centers can hire coaches the students trust.",
    ),
    dict(
        key="work", title="Work that pays enough to build on",
        pillars=["rewarding-work"],
        description="Pay, stable hours and freedom from debt that follows families for years.",
        problem="Average pay covers about three fifths of a living wage here, and one adult "
        "in four has debt in collections.",
        root_causes="Entry jobs filled through temp agencies; unpredictable schedules; "
        "medical bills sent to collections before charity care is offered.",
        pathway="If employers hire directly at a fair starting wage with stable schedules, "
        "and medical debt is cancelled and prevented, then households keep more of what they "
        "earn and can plan ahead, because income rises while the drains on it shrink.",
        assumptions="Manufacturing demand stays steady; hospitals agree to screen for "
        "charity care; employers see lower turnover as worth the cost.",
    ),
    dict(
        key="homes", title="Stable homes in neighborhoods of opportunity",
        pillars=["opportunity-rich-inclusive-neighborhoods"],
        description="Homes renters with the lowest incomes can afford and keep.",
        problem="There are about half as many affordable and available homes as households "
        "at 30% of area median income, and poverty is concentrated on the west and south "
        "sides.",
        root_causes="Decades of disinvestment and redlining; aging rentals left unrepaired; "
        "evictions filed quickly with tenants rarely represented.",
        pathway="If the county funds repairs and preservation and tenants have a lawyer "
        "when facing eviction, then families stay in their homes and neighborhoods, because "
        "the supply of decent affordable homes grows while forced moves fall.",
        assumptions="The county board adopts the ordinance; landlords take part in the "
        "repair program; legal aid can hire enough attorneys.",
    ),
)  # fmt: skip


@dataclass(frozen=True)
class Element:
    kind: str
    text: str
    measure: str
    unit: str
    direction: str
    baseline: tuple[float, int]  # entered, or the fallback when the metric is missing
    target: tuple[float, dt.date]
    source: str
    frequency: str
    metric: str = ""  # a Mobility Metric to take the baseline from
    gap: tuple[str, str, float, dt.date] | None = None


IN, AC, OU = ElementKind.INPUT, ElementKind.ACTIVITY, ElementKind.OUTPUT
SH, MD, LO = ElementKind.SHORT, ElementKind.MEDIUM, ElementKind.LONG
E = Element

ACTIONS: tuple[dict[str, Any], ...] = (
    dict(
        priority="learning", title="Open 300 full-day pre-K seats on the west and south sides",
        description="Convert half-day classrooms to full day and open new classrooms in "
        "community centers, with transport for families without a car.",
        change_kinds=["resource-flows", "program", "practice"], lead=SCHOOLS,
        partners=[FUND, HEALTH, LEAD], starts_on=D(2026, 1, 5), ends_on=D(2029, 6, 30),
        owner=Role.OWNER, predictors=["access-to-preschool"],
        equity_rationale="The new seats go first to the ZIP codes where Black and Latino "
        "families were shut out of homeownership and where seats are scarcest today.",
        elements=(
            E(IN, "$4.2 million over three years from the early-childhood levy and the fund",
              "Funds committed for new pre-K seats", "dollars", "higher", (0, 2025),
              (4_200_000, D(2027, 6, 30)), "Partnership budget records", "yearly"),
            E(AC, "Convert twelve half-day classrooms and open six new ones in community centers",
              "Classrooms open full day", "count", "higher", (4, 2025), (22, D(2028, 8, 31)),
              "District facilities report", "yearly"),
            E(OU, "300 more full-day seats filled, with a bus for families without a car",
              "Full-day pre-K seats filled in 61101, 61102 and 61104", "count", "higher",
              (410, 2025), (710, D(2029, 6, 30)), "District enrollment records", "quarterly"),
            E(SH, "Parents find a full-day seat within two miles of home",
              "Families on the pre-K waiting list in the three ZIP codes", "count", "lower",
              (265, 2025), (50, D(2028, 12, 31)), "District enrollment records", "quarterly"),
            E(MD, "More children start kindergarten ready in reading and numbers",
              "Kindergartners meeting the fall readiness benchmarks", "share", "higher",
              (0.38, 2025), (0.50, D(2030, 10, 31)), "District kindergarten screening",
              "yearly"),
            E(LO, "More of the county's three- and four-year-olds are in preschool",
              "Children ages 3 and 4 in preschool", "share", "higher", (0.412, 2023),
              (0.50, D(2030, 12, 31)), METRICS_SOURCE, "release", metric="share_in_preschool"),
        ),
    ),
    dict(
        priority="learning", title="Re-engagement centers for students who left high school",
        description="Three drop-in centers with flexible hours, paid work-study and credit "
        "recovery with a teacher in the room.",
        change_kinds=["practice", "program", "relationships"], lead=SCHOOLS,
        partners=[LEAD, FAITH, EMPLOYERS], starts_on=D(2026, 1, 5), ends_on=D(2030, 6, 30),
        owner=Role.EDITOR, predictors=["preparation-for-college"],
        equity_rationale="Black and Hispanic students leave without a diploma more often; "
        "the centers are placed, staffed and scheduled with them and their families.",
        elements=(
            E(IN, "Two coaches per center and one shared case-management system",
              "Re-engagement coaches in post", "count", "higher", (0, 2025),
              (6, D(2026, 9, 30)), "Partnership staffing records", "quarterly"),
            E(AC, "Open three centers, 40 hours a week including evenings",
              "Centers open at least 40 hours a week", "count", "higher", (0, 2025),
              (3, D(2026, 12, 31)), "Center schedules", "quarterly"),
            E(OU, "Students who left school enrol in a center each year",
              "Students enrolled in a center during the year", "count", "higher", (0, 2025),
              (250, D(2027, 12, 31)), "Case-management system", "quarterly"),
            E(SH, "Returning students earn credits as fast as their classmates",
              "Center students on track by credits after one semester", "share", "higher",
              (0.42, 2025), (0.65, D(2027, 6, 30)), "Case-management system (2025 pilot)",
              "quarterly"),
            E(MD, "The district's graduation rate rises and the gap for Black students narrows",
              "Four-year graduation rate, district high schools", "share", "higher",
              (0.751, 2024), (0.82, D(2029, 8, 31)), "District graduation records",
              "yearly", gap=("All students", "Black students", 0.03, D(2029, 8, 31))),
            E(LO, "More young adults in the county hold a high school degree",
              "Young adults ages 19 and 20 with a high school degree", "share", "higher",
              (0.768, 2023), (0.85, D(2031, 12, 31)), METRICS_SOURCE, "release",
              metric="share_hs_degree"),
        ),
    ),
    dict(
        priority="work", title="A living-wage compact with the county's employers",
        description="Employers commit to hire directly, publish pay ranges, post schedules "
        "two weeks ahead and reach a $20 starting wage.",
        change_kinds=["practice", "relationships", "narratives"], lead=EMPLOYERS,
        partners=[COUNTY, LEAD, FUND], starts_on=D(2026, 3, 1), ends_on=D(2030, 12, 31),
        owner=Role.CONTRIBUTOR,
        predictors=["jobs-paying-living-wage", "opportunities-for-income",
                    "employment-opportunities"],
        equity_rationale="Temp work is concentrated among Black and Latino workers; moving "
        "it to direct, stable jobs narrows the pay gap where it starts.",
        elements=(
            E(IN, "A compact written with workers, employers and the county, run by the Roundtable",
              "Employers signed on to the compact", "count", "higher", (0, 2025),
              (40, D(2027, 12, 31)), "Roundtable membership records", "quarterly"),
            E(AC, "Compact employers hire directly, publish pay ranges and post schedules early",
              "Compact employers meeting all three practices", "share", "higher", (0.15, 2025),
              (0.80, D(2028, 12, 31)), "Yearly employer self-report, checked by workers",
              "yearly"),
            E(OU, "Workers move from temporary to direct, permanent jobs",
              "Workers hired directly from temporary placements", "count", "higher",
              (120, 2025), (600, D(2028, 12, 31)), "Employer reports", "quarterly"),
            E(SH, "Starting pay at compact employers reaches $20 an hour",
              "Median starting hourly pay at compact employers", "dollars", "higher",
              (16.5, 2025), (20.0, D(2028, 12, 31)), "Employer reports", "yearly"),
            E(MD, "Household incomes at the bottom grow faster than prices",
              "Household income at the 20th percentile", "dollars", "higher",
              (28954.31, 2023), (34_000, D(2030, 12, 31)), METRICS_SOURCE, "release",
              metric="pctl_income_20"),
            E(LO, "Average pay comes closer to what a family needs to live here",
              "Average pay compared with a living wage", "ratio", "higher", (0.614, 2023),
              (0.75, D(2032, 12, 31)), METRICS_SOURCE, "release", metric="ratio_living_wage"),
        ),
    ),
    dict(
        priority="work", title="Cancel and prevent medical debt, with free financial coaching",
        description="Buy and cancel the medical debt of households with low incomes, screen "
        "patients for charity care before bills go to collections, and coach at clinics "
        "and congregations.",
        change_kinds=["resource-flows", "policy", "program"], lead=HEALTH,
        partners=[FUND, FAITH, COUNTY], starts_on=D(2026, 2, 1), ends_on=D(2029, 12, 31),
        owner=Role.EDITOR, predictors=["financial-security"],
        equity_rationale="Medical debt falls hardest on the neighborhoods with the least "
        "insurance coverage, most of them majority Black or Latino.",
        elements=(
            E(IN, "$1.5 million from the fund and hospital partners to buy debt",
              "Funds committed to buy medical debt", "dollars", "higher", (0, 2025),
              (1_500_000, D(2026, 12, 31)), "Partnership budget records", "yearly"),
            E(AC, "Hospitals screen every uninsured patient for charity care before billing",
              "Hospitals screening every uninsured patient", "count", "higher", (1, 2025),
              (4, D(2027, 6, 30)), "Hospital policies, checked yearly", "yearly"),
            E(OU, "Households whose medical debt is cancelled",
              "Households with medical debt cancelled", "count", "higher", (0, 2025),
              (8000, D(2028, 12, 31)), "Debt-relief partner reports", "quarterly"),
            E(SH, "Coaching clients leave with a budget and a plan for their debts",
              "Coaching clients with a written plan after three sessions", "share", "higher",
              (0.55, 2025), (0.75, D(2027, 12, 31)), "Coaching records", "quarterly"),
            E(MD, "Fewer adults carry medical debt in collections",
              "Adults with medical debt in collections", "share", "lower", (0.074, 2023),
              (0.04, D(2029, 12, 31)), METRICS_SOURCE, "release",
              metric="share_medical_debt_coll"),
            E(LO, "Fewer adults carry any debt in collections",
              "Adults with debt in collections", "share", "lower", (0.257, 2023),
              (0.20, D(2031, 12, 31)), METRICS_SOURCE, "release", metric="share_debt_coll"),
        ),
    ),
    dict(
        priority="homes", title="A county housing trust fund for the lowest-income renters",
        description="A dedicated yearly revenue to repair and preserve rentals affordable at "
        "30% of area median income, and a lawyer for every tenant facing eviction.",
        change_kinds=["policy", "resource-flows", "power"], lead=COUNTY,
        partners=[CITY, TENANTS, LEAD], starts_on=D(2026, 7, 1), ends_on=D(2032, 6, 30),
        owner=Role.OWNER,
        predictors=["housing-affordability", "housing-stability", "economic-inclusion"],
        equity_rationale="The fund repairs homes in the neighborhoods that were redlined, "
        "and tenants hold three of the nine seats on its board.",
        elements=(
            E(IN, "An ordinance setting aside $3 million a year, with tenants on the board",
              "Yearly revenue dedicated to the trust fund", "dollars", "higher", (0, 2025),
              (3_000_000, D(2027, 6, 30)), "County budget", "yearly"),
            E(AC, "Fund repairs and preservation; provide legal help to tenants facing eviction",
              "Tenants facing eviction who have a lawyer", "share", "higher", (0.04, 2024),
              (0.50, D(2028, 12, 31)), "Circuit court records", "quarterly"),
            E(OU, "Homes repaired or preserved at rents affordable at 30% of area median income",
              "Homes repaired or preserved", "count", "higher", (0, 2025),
              (900, D(2030, 12, 31)), "Trust fund reports", "quarterly"),
            E(SH, "Fewer eviction filings in the three ZIP codes with the most",
              "Eviction filings a year in 61101, 61102 and 61104", "count", "lower",
              (1480, 2024), (1000, D(2028, 12, 31)), "Circuit court records", "quarterly"),
            E(MD, "More homes that the lowest-income renters can afford and find",
              "Affordable and available homes per household at 30% of area median income",
              "share", "higher", (0.543, 2023), (0.65, D(2030, 12, 31)), METRICS_SOURCE,
              "release", metric="share_affordable_available_30_ami"),
            E(LO, "Fewer people in poverty live in high-poverty neighborhoods",
              "People in poverty living in high-poverty neighborhoods", "share", "lower",
              (0.231, 2023), (0.18, D(2032, 12, 31)), METRICS_SOURCE, "release",
              metric="share_poverty_exposure",
              gap=("Black residents", "All residents", 0.08, D(2032, 12, 31))),
        ),
    ),
)  # fmt: skip

CRITERIA = (
    ("Reaches residents with lived experience of poverty", Decimal(30)),
    ("Evidence that it works", Decimal(25)),
    ("Advances racial equity", Decimal(25)),
    ("Can start with resources in hand", Decimal(20)),
)
SCORES = ((5, 5, 4, 3), (4, 4, 5, 3), (4, 3, 4, 4), (5, 4, 4, 5), (5, 4, 5, 2))

COMMENTS = (
    (0, "Will the bus routes for pre-K follow the families, or the school buildings?",
     True),
    (2, "Workers need a seat at the table when the compact is checked, not only employers.",
     True),
    (4, "Ask the tenants' union to name its three board members itself.", True),
)  # fmt: skip

REPORTING = (
    ("Dashboard of every measure, with a progress note per action", "Coalition members",
     "quarterly", Role.EDITOR),
    ("Public progress report, in English and Spanish", "Residents and the county board",
     "yearly", Role.OWNER),
    ("Community meeting on what changed and what did not", "Residents who took part",
     "yearly", Role.OWNER),
)  # fmt: skip

EVALUATION = (
    ("Did the new pre-K seats reach the families who were waiting?",
     "Match enrollment records with the waiting list; interviews with twenty families.",
     "Data and learning manager with the district", "Each spring from 2027"),
    ("Do compact employers keep workers longer than before?",
     "Retention from employer records, before and after joining; worker focus groups.",
     "An outside evaluator chosen with the fund", "2028"),
    ("Are tenants who had a lawyer still housed a year later?",
     "Follow-up survey and court records, by race and ZIP code.",
     "Tenants' union and legal aid", "Every year from 2027"),
)  # fmt: skip

SUSTAINABILITY = {
    "governance": "The partnership agreement renews every three years; the management team "
    "includes two resident seats, and each lead organization names a backup for its action.",
    "capacity": "The Mobility Advocate and the data and learning manager are funded through "
    "2028; partners train one staff member each year to read and explain the metrics.",
    "funding": "The trust fund and the early-childhood levy are public and lasting; the fund "
    "bridges the first three years while partners fold costs into their budgets.",
    "adaptation": "Each spring the coalition reviews every measure with residents and drops, "
    "changes or adds actions; the plan is rewritten in full every five years.",
}


def demo_seed(*, plan: Plan, owner: User) -> None:
    members = _members(plan, owner)
    for written_on, text in VISIONS:
        vision_write(plan=plan, text=text, written_on=written_on, user=owner)
    pillars = {p.slug: p for p in Pillar.objects.all()}
    priorities = {}
    for spec in PRIORITIES:
        fields = {k: v for k, v in spec.items() if k not in ("key", "pillars")}
        priorities[spec["key"]] = priority_save(
            plan=plan, pillars=[pillars[s] for s in spec["pillars"] if s in pillars], **fields
        )
    options = _baselines(plan)
    actions = [_action(plan, spec, priorities, members, options, owner) for spec in ACTIONS]
    _matrix(plan, actions)
    for index, text, resolved in COMMENTS:
        comment = comment_add(action=actions[index], author=owner, text=text)
        if resolved:
            comment_resolve(comment=comment)
    for action in actions:
        approval_record(
            action=action, reviewer=owner, decision="approve",
            note="Approved by the management team with the coalition's vote.",
        )  # fmt: skip
    _measurement_extras(plan, members)


def _members(plan: Plan, owner: User) -> dict[str, Membership]:
    found = {m.role: m for m in Membership.objects.filter(plan=plan).order_by("-id")}
    mine = Membership.objects.filter(plan=plan, user=owner).first()
    if mine is not None:
        found[Role.OWNER] = mine
    fallback = found.get(Role.OWNER) or mine
    return {role: found.get(role, fallback) for role in Role.values}  # type: ignore[misc]


def _baselines(plan: Plan) -> dict[str, BaselineOption]:
    """The latest value for all residents of each Mobility Metric of the place."""
    latest: dict[str, BaselineOption] = {}
    for option in baseline_options(plan=plan):
        if option.subgroup_type != "all":
            continue
        if option.metric_slug not in latest or option.year > latest[option.metric_slug].year:
            latest[option.metric_slug] = option
    return latest


def _action(
    plan: Plan,
    spec: dict[str, Any],
    priorities: dict[str, Priority],
    members: dict[str, Membership],
    options: dict[str, BaselineOption],
    owner: User,
) -> StrategicAction:
    orgs = {o.name: o for o in Organisation.objects.filter(plan=plan)}
    predictors = Predictor.objects.filter(slug__in=spec["predictors"])
    owner_member = members.get(spec["owner"])
    action = action_save(
        plan=plan, priority=priorities[spec["priority"]], title=spec["title"],
        description=spec["description"], change_kinds=spec["change_kinds"],
        lead_organisation=orgs.get(spec["lead"]), owner=owner_member,
        backup=members.get(Role.OWNER) if owner_member != members.get(Role.OWNER)
        else members.get(Role.EDITOR),
        starts_on=spec["starts_on"], ends_on=spec["ends_on"],
        equity_rationale=spec["equity_rationale"],
        partners=[orgs[n] for n in spec["partners"] if n in orgs], predictors=list(predictors),
    )  # fmt: skip
    for element in spec["elements"]:
        _element(plan, action, element, owner_member, members, options)
    return action


def _element(
    plan: Plan,
    action: StrategicAction,
    spec: Element,
    owner_member: Membership | None,
    members: dict[str, Membership],
    options: dict[str, BaselineOption],
) -> None:
    element = element_add(action=action, kind=spec.kind, text=spec.text)
    option = options.get(spec.metric) if spec.metric else None
    if option is not None:
        baseline: dict[str, Any] = {
            "baseline_source": BaselineSource.METRIC, "baseline_metric_slug": option.metric_slug,
            "baseline_subgroup_type": option.subgroup_type,
            "baseline_subgroup_name": option.subgroup_name,
            "baseline_year": option.year, "baseline_value": option.value,
        }  # fmt: skip
    else:
        baseline = {
            "baseline_source": BaselineSource.ENTERED,
            "baseline_value": float(spec.baseline[0]),
            "baseline_year": spec.baseline[1],
        }
    measure = measure_save(
        plan=plan, element=element, name=spec.measure, unit=option.unit if option else spec.unit,
        direction=spec.direction, data_source=spec.source, frequency=spec.frequency,
        definition=_definition(spec), owner=owner_member, collector=members.get(Role.EDITOR),
        reporter=members.get(Role.OWNER),
        breakdowns=_breakdowns(spec),
        method="Read from the source named, checked by the data and learning manager.",
        **baseline,
    )  # fmt: skip
    target_add(
        measure=measure, kind=TargetKind.LEVEL, target_date=spec.target[1],
        value=float(spec.target[0]),
    )  # fmt: skip
    if spec.gap is not None:
        group_a, group_b, value, when = spec.gap
        target_add(
            measure=measure, kind=TargetKind.GAP, target_date=when, value=value,
            group_a=group_a, group_b=group_b,
        )  # fmt: skip


def _definition(spec: Element) -> str:
    if spec.metric:
        return (
            f"{spec.measure} in the whole county, as published in the Mobility Metrics, "
            "read with its interval and quality flag."
        )
    return f"{spec.measure}, as recorded in the {spec.source[0].lower()}{spec.source[1:]}."


def _breakdowns(spec: Element) -> list[str]:
    if spec.kind not in (MD, LO):
        return []
    return ["Race and ethnicity"] if spec.metric else ["Race and ethnicity", "ZIP code"]


def _matrix(plan: Plan, actions: list[StrategicAction]) -> None:
    criteria = [criterion_add(plan=plan, name=n, weight=w) for n, w in CRITERIA]
    matrix_scores_set(
        scores={
            action: dict(zip(criteria, scores, strict=True))
            for action, scores in zip(actions, SCORES, strict=False)
        }
    )


def _measurement_extras(plan: Plan, members: dict[str, Membership]) -> None:
    for what, audience, frequency, role in REPORTING:
        reporting_item_add(
            plan=plan, what=what, audience=audience, frequency=frequency,
            responsible=members.get(role),
        )  # fmt: skip
    for question, method, who, timing in EVALUATION:
        evaluation_question_add(plan=plan, question=question, method=method, who=who, timing=timing)
    owners = [m for m in {members.get(Role.OWNER), members.get(Role.EDITOR)} if m is not None]
    sustainability_save(plan=plan, areas={a: (t, owners) for a, t in SUSTAINABILITY.items()})
