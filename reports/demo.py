"""Step 9 of the demo plan: the letter from leadership, how to get involved, every item of
the release checklist checked, and the plan published (all parts but the roster). Step 10:
the progress report for 2026-Q3 issued, and the public progress page showing actions,
measures and that report (no names of people)."""

from __future__ import annotations

from django.contrib.auth.models import User

from plans.models import Plan
from reports.checklist import CHECKLIST
from reports.periods import period_parse
from reports.progress import public_settings
from reports.selectors import PRIVATE_BY_DEFAULT, publishable_parts
from reports.services import (
    checklist_item_set,
    plan_publish,
    progress_public_save,
    progress_report_issue,
    release_texts_save,
)

LETTER = (
    "To our neighbors in Winnebago County,\n\n"
    "For two years, more than four hundred of you told us what it takes to get ahead here, "
    "and what stands in the way. You came to data walks and listening sessions, answered "
    "our survey at your door, and corrected our findings when we got them wrong. This plan "
    "is built on what you said.\n\n"
    "It asks a great deal of the organizations that signed it: to open preschool seats where "
    "families live, to bring back students who left school, to pay a wage a family can live "
    "on, to stop medical bills from ruining credit, and to keep renters in their homes. Each "
    "action has a lead, a budget and measures that anyone can check.\n\n"
    "We will report back every year, in English and Spanish, on what changed and what did "
    "not. Hold us to it."
)
SIGNED = (
    "Andrea Whitfield, Executive Director, Rockford Region Mobility Partnership; "
    "Tomasa Delgado, Lead Organizer, Southwest Rockford Tenants' Union; "
    "Curtis Hammond, Director, Winnebago County Community Services Office"
)
GET_INVOLVED = (
    "Join a working group: Learning from Birth to Graduation meets on the first Tuesday of "
    "the month, Good Jobs and Stable Homes on the third Thursday, both at 6 pm with dinner, "
    "child care and Spanish interpretation. Residents are paid for their time. Tell us what "
    "you think of the plan at any library branch or through the partnership's website."
)
NOTES = {
    "translations": "Summary in Spanish; the full plan in Spanish by summer.",
    "launch": "Release evening at Southwest Community Hall.",
}


def demo_seed(*, plan: Plan, owner: User) -> None:
    release_texts_save(plan=plan, letter=LETTER, letter_signed=SIGNED, get_involved=GET_INVOLVED)
    for key in CHECKLIST:
        checklist_item_set(plan=plan, key=key, checked=True, user=owner, note=NOTES.get(key, ""))
    available = [key for key, _title in publishable_parts(plan=plan)]
    chosen = [key for key in available if key not in PRIVATE_BY_DEFAULT]
    plan_publish(plan=plan, parts=chosen or available, available=available)
    # Step 10 (the tracking and results demos ran before: the report has updates and values).
    progress_report_issue(plan=plan, period=period_parse(text="2026-Q3"), user=owner)
    progress_public_save(
        plan=plan, version=public_settings(plan=plan).version, show_actions=True,
        show_measures=True, show_report=True, show_names=False,
    )  # fmt: skip
