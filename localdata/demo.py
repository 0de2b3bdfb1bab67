"""Step 5 of the demo plan: three local data sources and one local indicator with five
years of (invented) values, by group where the source breaks them out."""

from __future__ import annotations

from django.contrib.auth.models import User

from localdata.models import Access, Refresh, SourceType
from localdata.services import data_source_save, indicator_save, indicator_values_import
from plans.models import Organisation, Plan

INVENTED = "Demonstration figures, invented for this example plan."

SOURCES = (
    {
        "name": "School district enrollment and graduation records",
        "type": SourceType.ADMINISTRATIVE, "access": Access.REQUEST,
        "year_from": 2020, "year_to": 2024, "refresh": Refresh.YEARLY,
        "groups": ["Race and ethnicity", "English learners", "Students with disabilities"],
        "predictors": ["preparation-for-college", "access-to-preschool"],
        "notes": "Four-year graduation and pre-K enrollment by school, shared under a "
        "data agreement signed in June 2025. " + INVENTED,
        "owner": "Rock River Valley School District",
    },
    {
        "name": "Eviction filings in the county circuit court",
        "type": SourceType.ADMINISTRATIVE, "access": Access.OPEN,
        "year_from": 2018, "year_to": 2024, "refresh": Refresh.MONTHLY,
        "groups": ["ZIP code"],
        "predictors": ["housing-stability", "housing-affordability"],
        "notes": "Case counts by ZIP code from the clerk's public docket; the Tenants' Union "
        "matches them to renter households each quarter.",
        "owner_name": "Clerk of the Circuit Court, Winnebago County",
    },
    {
        "name": "Southwest Rockford household survey",
        "type": SourceType.SURVEY, "access": Access.RESTRICTED,
        "year_from": 2025, "year_to": 2025, "refresh": Refresh.MULTI_YEAR,
        "groups": ["Race and ethnicity", "Renters and owners", "Age"],
        "predictors": ["financial-security", "social-capital", "transportation-access"],
        "notes": "212 households answered in person or online, in English and Spanish; "
        "answers are kept without names. To repeat in 2028.",
        "owner": "Southwest Rockford Tenants' Union",
    },
)  # fmt: skip

INDICATOR = {
    "name": "Four-year high school graduation rate, district high schools",
    "unit": "share",
    "direction": "higher",
    "predictor": "preparation-for-college",
    "description": "Students who graduate within four years of starting ninth grade, as a "
    "share of their entering class (adjusted for transfers). " + INVENTED,
}
VALUES = (
    "year,subgroup,value,lb,ub\n"
    "2020,,0.712,0.698,0.726\n2021,,0.724,0.710,0.738\n2022,,0.701,0.687,0.715\n"
    "2023,,0.736,0.722,0.750\n2024,,0.751,0.737,0.765\n"
    "2020,Black students,0.618,0.586,0.650\n2022,Black students,0.612,0.580,0.644\n"
    "2024,Black students,0.664,0.633,0.695\n"
    "2020,Hispanic students,0.667,0.636,0.698\n2022,Hispanic students,0.659,0.628,0.690\n"
    "2024,Hispanic students,0.703,0.674,0.732\n"
    "2020,White students,0.781,0.763,0.799\n2022,White students,0.772,0.754,0.790\n"
    "2024,White students,0.806,0.789,0.823\n"
)


def demo_seed(*, plan: Plan, owner: User) -> None:
    graduation = None
    for spec in SOURCES:
        data = {k: v for k, v in spec.items() if k != "owner"}
        organisation = Organisation.objects.filter(plan=plan, name=spec.get("owner", "")).first()
        if organisation is None and "owner" in spec:
            data["owner_name"] = str(spec["owner"])
        source = data_source_save(plan=plan, user=owner, data=data, owner_organisation=organisation)
        graduation = graduation or source
    assert graduation is not None
    indicator = indicator_save(plan=plan, data=INDICATOR, source=graduation)
    outcome = indicator_values_import(
        indicator=indicator, data=VALUES.encode(), filename="graduation-2020-2024.csv"
    )
    if not outcome.ok:
        raise ValueError("; ".join(str(p) for p in outcome.problems))
