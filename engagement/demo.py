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
    _after_release(plan, themes)


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


# one report back per activity, in the order of ACTIVITIES: date, channel, what was shared
REPORT_BACKS = (
    (dt.date(2025, 4, 30), "letter",
     "A two-page letter in English and Spanish with what we heard at the data walk "
     "and the six themes we will use to sort what residents tell us."),
    (dt.date(2025, 9, 18), "meeting",
     "The draft findings, read together with parents who took part; two findings "
     "were reworded at their request before the coalition adopted them."),
    (dt.date(2025, 10, 2), "web",
     "The survey's results by question and by group, on the partnership's website "
     "and printed at the library branches."),
)  # fmt: skip


def _report_backs(activities: list[Activity]) -> None:
    for activity, (date, channel, shared) in zip(activities, REPORT_BACKS, strict=True):
        report_back_create(activity=activity, date=date, channel=channel, shared=shared)


# -- after the release: residents' feedback from the public page, answers, decisions -------

PUBLIC_FEEDBACK = (
    # text, theme, neighbourhood, received, moderation, (status, answer, reason, answered)
    ("The 8 p.m. bus from the East State Street shops stops before my shift ends, so I "
     "walk home after dark. Later buses would help more than any job fair.", "pay",
     "Southeast Rockford", dt.date(2026, 3, 3), "shown",
     ("acted", "Rockford Mass Transit District added two later runs on route 31 from "
      "September, paid for in part by the coalition's transit pilot.", "",
      dt.date(2026, 3, 17))),
    ("My daughter's preschool has a waiting list of forty. The plan talks about new seats; "
     "when will they open and who gets them first?", "care", "Midtown",
     dt.date(2026, 4, 9), "shown",
     ("considering", "The first 60 seats open at the Booker Washington center in January; "
      "the partners are agreeing who is offered a place first and will ask parents at the "
      "March decision point below.", "", dt.date(2026, 4, 20))),
    ("Please put the medical debt relief sign-up in Spanish too, and at the clinics, not "
     "only online.", "debt", "Ellis Heights", dt.date(2026, 5, 14), "shown",
     ("acted", "The sign-up is now in English and Spanish, and the two free clinics help "
      "people fill it in on Tuesdays.", "", dt.date(2026, 5, 29))),
    ("Could the plan pay for a new skate park instead of the re-engagement center?",
     "school", "", dt.date(2026, 6, 2), "shown",
     ("not-taken", "We are keeping the re-engagement center.",
      "It is the plan's main way to bring students who left school back, and its funding is "
      "committed; a skate park is for the Park District's own plan, which we passed your "
      "idea on to.", dt.date(2026, 6, 30))),
    ("Tenants in our building still wait months for repairs. Is anyone checking landlords?",
     "housing", "Rolling Green", dt.date(2026, 9, 22), "shown", None),
    ("Best prices on watches and bags, visit our site today!!!", "", "",
     dt.date(2026, 7, 1), "spam", None),
)  # fmt: skip

DECISIONS = (
    dict(
        title="Who is offered the new preschool seats first",
        description="The partners choose how the first 60 new seats are offered: by "
        "neighbourhood, by family income, or by a lottery among families on waiting lists.",
        decides_on=dt.date(2027, 3, 11), status="open",
        how_to_take_part="Come to the parents' evening at the Booker Washington center "
        "(March 4, 6 pm, child care and dinner provided) or send your view on this page.",
        outcome="",
    ),
    dict(
        title="Where the second re-engagement center opens",
        description="Two sites were on the table: the Rockford Public Library's Rock River "
        "branch and the Ken-Rock Community Center.",
        decides_on=dt.date(2026, 6, 16), status="decided",
        how_to_take_part="Youth listening sessions at both sites in May.",
        outcome="Ken-Rock Community Center, the site young people in both sessions chose "
        "for its evening hours and bus links.",
    ),
)  # fmt: skip


def _after_release(plan: Plan, themes: dict[str, Theme]) -> None:
    from django.utils import timezone

    from engagement.decisions import decision_create
    from engagement.models import FeedbackItem, FeedbackSource

    def moment(day: dt.date) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(day, dt.time(10, 0)))

    for text, key, place, received, state, answer in PUBLIC_FEEDBACK:
        item = FeedbackItem.objects.create(
            plan=plan, source=FeedbackSource.PUBLIC, text=text, neighbourhood=place,
            moderation=state, moderated_at=moment(received + dt.timedelta(days=1)),
        )  # fmt: skip
        FeedbackItem.objects.filter(pk=item.pk).update(created_at=moment(received))
        if key:
            item.themes.add(themes[key])
        if answer is not None:
            status, response, reason, answered = answer
            FeedbackItem.objects.filter(pk=item.pk).update(
                response=response, response_status=status, response_reason=reason,
                responded_at=moment(answered),
            )  # fmt: skip
    for point in DECISIONS:
        decision_create(plan=plan, **point)  # type: ignore[arg-type]
