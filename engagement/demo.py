"""Step 6 of the demo plan: three engagement activities, themes with coded feedback, five
findings with their evidence, and the report back to the people who took part."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User

from engagement.local import local_indicators_for
from engagement.models import Activity, Theme
from engagement.services import (
    activity_create,
    feedback_create,
    finding_save,
    report_back_create,
    theme_create,
)
from metrics.models import Metric, Predictor
from plans.models import InsightStatus, Membership, Plan, Role

THEMES = {
    "care": ("Child care and preschool", "Finding, affording and getting to care for "
             "children under five."),
    "school": ("Staying in school", "Why students leave high school, and what brings them "
               "back."),
    "pay": ("Pay and hours", "Wages that do not stretch, shifts that change, second jobs."),
    "debt": ("Debt and emergencies", "Medical bills, collections, payday loans."),
    "housing": ("Rent, repairs and evictions", "Rising rents, homes in poor repair, "
                "fear of eviction."),
    "trust": ("Being heard", "Whether residents believe institutions listen and follow "
              "through."),
}  # fmt: skip

ACTIVITIES = (
    dict(
        title="Data walk at the coalition launch", method="data-walk", spectrum="involve",
        date=dt.date(2025, 3, 15), mode="in-person", place="Southwest Community Hall, Rockford",
        languages=["English", "Spanish"], compensation=["meal", "child-care"], participants=46,
        accessibility="Step-free hall; posters at seated eye level and read aloud; "
        "interpreters at every station.",
        makeup={"Residents of 61101, 61102 or 61104": 29, "Renters": 24, "Under 25": 9,
                "Partner staff": 17},
        notes="Eight posters of the county's Mobility Metrics; residents wrote what surprised "
        "them and what the figures missed.",
    ),
    dict(
        title="Parents' listening sessions", method="listening-session", spectrum="collaborate",
        date=dt.date(2025, 5, 8), mode="in-person",
        place="New Hope Fellowship Hall and the west side library branch",
        languages=["English", "Spanish"],
        compensation=["stipend", "meal", "child-care"], participants=31,
        accessibility="Evening and Saturday sessions; child care on site; bus passes "
        "offered.",
        makeup={"Parents of children under 18": 31, "Single parents": 14,
                "Spanish speakers": 10},
        notes="Four sessions of ninety minutes, co-facilitated by a resident leader.",
    ),
    dict(
        title="Southwest Rockford household survey", method="survey", spectrum="consult",
        date=dt.date(2025, 6, 20), mode="both",
        place="Door to door in 61102 and 61104, and online",
        languages=["English", "Spanish"], compensation=["gift-card"], participants=212,
        accessibility="Read aloud on request; large-print forms; online form tested with a "
        "screen reader.",
        makeup={"Renters": 131, "Homeowners": 74, "Black residents": 92,
                "Hispanic residents": 58, "White residents": 49, "Other or not said": 13},
        notes="Twenty questions; a $15 gift card for each household that answered.",
    ),
)  # fmt: skip

# (activity index, text, theme keys, predictor slug or "")
FEEDBACK = (
    (0, "Preschool is full by April, and the one with space is two buses away.", ["care"],
     "access-to-preschool"),
    (0, "The graduation numbers match what we see: kids leave at sixteen to work.",
     ["school", "pay"], "preparation-for-college"),
    (0, "These charts do not show that my rent went up $300 in two years.", ["housing"],
     "housing-affordability"),
    (0, "Good to see the figures by race. Nobody has shown us that before.", ["trust"], ""),
    (0, "The jobs are in the industrial park but there is no bus after 6 pm.", ["pay"],
     "transportation-access"),
    (0, "Medical debt is why my credit is bad; I was in the hospital once.", ["debt"],
     "financial-security"),
    (0, "Ask the young people who left school, not only the ones who stayed.",
     ["school", "trust"], "preparation-for-college"),
    (1, "I turned down more hours because child care would cost more than I earned.",
     ["care", "pay"], "access-to-preschool"),
    (1, "My son's school changed principals three times. He stopped trying.", ["school"],
     "preparation-for-college"),
    (1, "The landlord will not fix the heat and I am afraid to complain.", ["housing"],
     "housing-stability"),
    (1, "We moved four times in two years; each time the kids changed schools.",
     ["housing", "school"], "housing-stability"),
    (1, "Programs come and go. Tell us who will still be here in five years.", ["trust"], ""),
    (1, "A waiting list for Head Start is not a plan.", ["care", "trust"],
     "access-to-preschool"),
    (1, "Two jobs and still behind on the light bill every winter.", ["pay", "debt"],
     "opportunities-for-income"),
    (2, "Rent takes more than half of what we bring home.", ["housing", "pay"],
     "housing-affordability"),
    (2, "A debt collector calls about a bill from an ambulance ride.", ["debt"],
     "financial-security"),
    (2, "Temp agencies pay $14; the same job direct pays $19 but they never hire direct.",
     ["pay"], "jobs-paying-living-wage"),
    (2, "Credit recovery online did not work for my daughter; she needed a person.",
     ["school"], "preparation-for-college"),
    (2, "I would join a tenants' meeting if it were near the bus line.", ["housing", "trust"],
     "social-capital"),
    (2, "The pre-K near us has morning hours only; I work mornings.", ["care"],
     "access-to-preschool"),
    (2, "Nobody from the city has asked us anything before this survey.", ["trust"], ""),
)  # fmt: skip

# statement, predictor slug, mobility part, metric slugs, kept-insight metrics, theme keys,
# local indicator?, note
Finding = tuple[str, str, str, list[str], list[str], list[str], bool, str]
FINDINGS: tuple[Finding, ...] = (
    ("Fewer than half of the county's three- and four-year-olds are in preschool, and "
     "parents say the seats that exist are full, far away or open only in the morning.",
     "access-to-preschool", "economic-success", ["share_in_preschool"],
     ["share_in_preschool"], ["care"], False,
     "Parents' listening sessions and the data walk said the same thing in different words."),
    ("Nearly one young adult in four reaches twenty without a high school diploma; district "
     "records show the gap is widest for Black and Hispanic students, who often leave to "
     "work or after moving home.",
     "preparation-for-college", "economic-success", ["share_hs_degree"],
     ["share_hs_degree"], ["school", "housing"], True,
     "The district's own graduation rate has risen since 2022; the gaps by group have not "
     "closed."),
    ("Work here pays well below a living wage, and residents describe temp work, unsteady "
     "hours and the cost of child care keeping them from better jobs.",
     "jobs-paying-living-wage", "economic-success", ["ratio_living_wage", "pctl_income_20"],
     ["ratio_living_wage"], ["pay", "care"], False, ""),
    ("Debt in collections, much of it medical, follows families for years and blocks them "
     "from renting, borrowing and saving.",
     "financial-security", "power-autonomy", ["share_debt_coll", "share_medical_debt_coll"],
     [], ["debt"], False, "One survey household in three named a medical bill in collections."),
    ("Poverty is concentrated: Black residents in poverty are far more likely than others to "
     "live in high-poverty neighborhoods, where rents are rising and homes need repair.",
     "economic-inclusion", "dignity-belonging",
     ["share_poverty_exposure", "share_affordable_available_30_ami"],
     ["share_poverty_exposure"], ["housing", "trust"], False, ""),
)  # fmt: skip


def demo_seed(*, plan: Plan, owner: User) -> None:
    facilitator = _facilitator(plan, owner)
    themes = {key: theme_create(plan=plan, name=n, description=d) for key, (n, d) in THEMES.items()}
    activities = [activity_create(plan=plan, facilitator=facilitator, **a) for a in ACTIVITIES]
    predictors = {p.slug: p for p in Predictor.objects.select_related("pillar")}
    for index, text, keys, predictor in FEEDBACK:
        feedback_create(
            activity=activities[index], text=text, themes=[themes[k] for k in keys],
            predictor=predictors.get(predictor), user=owner,
        )  # fmt: skip
    _findings(plan, themes, predictors)
    _report_backs(activities)


def _facilitator(plan: Plan, owner: User) -> Membership | None:
    members = Membership.objects.filter(plan=plan)
    return members.filter(role=Role.EDITOR).first() or members.filter(user=owner).first()


def _findings(plan: Plan, themes: dict[str, Theme], predictors: dict[str, Predictor]) -> None:
    kept = list(plan.insights.filter(status=InsightStatus.KEPT))
    local = [ref.key for ref in local_indicators_for(plan=plan)]
    known = set(Metric.objects.values_list("slug", flat=True))
    for statement, slug, part, metrics, insight_slugs, keys, use_local, note in FINDINGS:
        predictor = predictors.get(slug)
        finding_save(
            plan=plan, statement=statement, predictor=predictor, mobility_part=part,
            metric_slugs=[m for m in metrics if m in known],
            insights=[i for i in kept if i.metric_slug in insight_slugs],
            themes=[themes[k] for k in keys],
            local_indicators=local[:1] if use_local else [], evidence_note=note,
        )  # fmt: skip


def _report_backs(activities: list[Activity]) -> None:
    report_back_create(
        activity=activities[0], date=dt.date(2025, 4, 30), channel="letter",
        shared="A two-page letter in English and Spanish with what we heard at the data walk "
        "and the six themes we will use to sort what residents tell us.",
    )  # fmt: skip
    report_back_create(
        activity=activities[1], date=dt.date(2025, 9, 18), channel="meeting",
        shared="The draft findings, read together with parents who took part; two findings "
        "were reworded at their request before the coalition adopted them.",
    )  # fmt: skip
    report_back_create(
        activity=activities[2], date=dt.date(2025, 10, 2), channel="web",
        shared="The survey's results by question and by group, on the partnership's website "
        "and printed at the library branches.",
    )  # fmt: skip
