"""The foundation in the demo plan: the partnership's mission and charter rewritten once
after the release, roles for every action and measure, a learning agenda and the
coalition's reflections (words ours; people and decisions invented)."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User

from foundation.services import (
    CellChange,
    Party,
    charter_revise,
    learning_question_create,
    raci_cells_set,
    reflections_save,
)
from plans.models import Plan
from strategy.models import Measure, StrategicAction

FIRST = {
    "mission": "Bring Winnebago County's public offices, schools, employers, health providers, "
    "congregations, funders and residents together to write a Mobility Action Plan.",
    "purpose": "Agree on what holds families back here, choose a few actions, and say how "
    "residents will know whether they work.",
    "membership": "Any organization working in the county may join by signing the partnership "
    "agreement. Resident members are recruited through the listening sessions.",
    "decision_making": "The management team decides by consensus; when it cannot agree, the "
    "full coalition votes, one vote per member organization and per resident member.",
    "meetings": "The management team meets every two weeks while the plan is written; the "
    "full coalition every quarter, in the evening, with dinner, child care and Spanish "
    "interpretation.",
    "accountability": "The management team reports on the plan's drafting at each quarterly "
    "meeting.",
}
SECOND = FIRST | {
    "mission": "Carry out the Winnebago County Mobility Action Plan together, share the "
    "responsibility for each of its actions, and show residents every quarter what has "
    "changed.",
    "purpose": "Keep the plan's actions moving after its release, learn from the people who "
    "carry them out and from the residents they serve, and revise the actions when the "
    "evidence says so.",
    "membership": "Any organization working in the county may join by signing the partnership "
    "agreement. Each organization that leads an action names a staff member and a backup. "
    "Two seats on the management team are held by residents, paid for their time.",
    "decision_making": "The management team decides by consensus; when it cannot agree, the "
    "full coalition votes, one vote per member organization and per resident member. A "
    "change to an action's goal or its measures needs the coalition's vote.",
    "meetings": "The management team meets monthly; the full coalition every quarter, in the "
    "evening, with dinner, child care and Spanish interpretation. One meeting a year is held "
    "on the west side and one on the south side of Rockford.",
    "accountability": "Each action has one accountable organization. Its lead posts a "
    "progress update every quarter; the partnership publishes them on the public plan page "
    "and answers residents' feedback within a month.",
}

# the charter's versions in order, each with the note saved with it
CHARTERS = (
    (FIRST, "The charter we agreed at the coalition's launch."),
    (SECOND, "Rewritten after the plan's release: the mission is now to carry the plan out; "
     "each action has one accountable organization and a backup; two resident seats on "
     "the management team; quarterly reports to residents."),
)  # fmt: skip

QUESTIONS = (
    {
        "question": "Do parents on the west side know that the new preschool seats are free?",
        "why": "Enrollment in the first semester was lower than the seats we opened.",
        "helpers": ["residents", "implementers"],
        "status": "answered",
        "learned": "Most parents we asked had heard of the program but thought it cost money "
        "or had a waiting list.",
        "learned_from": "Parents at two library story hours and the Ellis Elementary open house",
        "learned_on": dt.date(2026, 10, 14),
        "what_changed": "Flyers now say 'free' in the first line, in English and Spanish, and "
        "the school district added same-day enrollment at the libraries.",
        "link": 0,
    },
    {
        "question": "Which employers pay less than a living wage but would sign the pledge "
        "with help?",
        "why": "The pledge needs fifty employers; the first twenty already paid well.",
        "helpers": ["partners", "implementers"],
        "status": "answered",
        "learned": "Mid-sized manufacturers would move if the first year's raise was shared "
        "with a training grant.",
        "learned_from": "The Rockford Area Chamber's manufacturing roundtable",
        "learned_on": dt.date(2026, 9, 22),
        "what_changed": "The pledge now offers a one-year wage bridge from the fund.",
        "link": 2,
    },
    {
        "question": "Does medical debt relief change whether families fall behind on rent?",
        "why": "It is the reason we chose debt relief; we have not checked it yet.",
        "helpers": ["evaluators", "residents"],
        "status": "open",
        "link": 3,
    },
    {
        "question": "How do residents who took part in the listening sessions want to hear "
        "about progress?",
        "why": "Turnout at the first progress meeting was half of the sessions'.",
        "helpers": ["residents", "partners"],
        "status": "open",
    },
    {
        "question": "Can the county's eviction filings be matched to the tenant help desk's cases?",
        "why": "Without it we cannot tell whether the desk prevents evictions.",
        "helpers": ["evaluators", "implementers"],
        "status": "open",
        "link": 4,
    },
)

REFLECTIONS = {
    "carry": "The county's Health and Human Services staff and the school district's early "
    "learning office: career staff who will be here after the next elections. The "
    "partnership's director keeps the calendar; each lead organization names a backup.",
    "share": "The City of Rockford, which owns the bus routes and the housing code, and the "
    "tenant association, which should share the accountability for the eviction work rather "
    "than be consulted on it.",
    "strengths": "We are strong on early learning and health, where the lead organizations "
    "already ran programs. We are thin on housing: one county office carries it, and no "
    "measure of it has a collector outside that office.",
    "learn": "Whether debt relief keeps families housed, how residents want to hear about "
    "progress, and how to match county records to the help desk's cases without exposing "
    "anyone's name.",
    "mission": "From writing a plan to carrying it: the charter now says each action has one "
    "accountable organization and that residents hear from us every quarter.",
}


def _raci_for(plan: Plan) -> list[CellChange]:
    changes: list[CellChange] = []
    lead = plan.lead_organisation

    def give(subject: StrategicAction | Measure, party: Party | None, role: str,
             taken: set[object]) -> None:  # fmt: skip
        if party is not None and party not in taken:
            taken.add(party)
            changes.append(CellChange(subject, party, role))

    for action in StrategicAction.objects.filter(plan=plan).prefetch_related("partners"):
        taken: set[object] = set()
        accountable: Party | None = action.owner or action.lead_organisation
        give(action, accountable, "A", taken)
        partners = list(action.partners.all())
        responsible = action.lead_organisation
        if (
            responsible is None or responsible in taken
        ):  # the lead answers for it: a partner does it
            responsible = next((p for p in partners if p not in taken), None)
        give(action, responsible, "R", taken)
        for partner in partners:
            give(action, partner, "C", taken)
        give(action, lead, "I", taken)
    measures = Measure.objects.filter(plan=plan).select_related("element__action")
    for measure in measures:
        taken = set()
        action = measure.element.action
        give(measure, measure.owner or action.owner or action.lead_organisation, "A", taken)
        give(measure, measure.collector, "R", taken)
        give(measure, measure.reporter, "C", taken)
        give(measure, action.lead_organisation, "C", taken)
        give(measure, lead, "I", taken)
    return changes


def demo_seed(*, plan: Plan, owner: User) -> None:
    for version, (texts, note) in enumerate(CHARTERS):
        charter_revise(plan=plan, user=owner, version=version, texts=texts, note=note)
    raci_cells_set(plan=plan, changes=_raci_for(plan))
    actions = list(StrategicAction.objects.filter(plan=plan))
    for spec in QUESTIONS:
        data = {k: v for k, v in spec.items() if k != "link"}
        index = spec.get("link")
        if isinstance(index, int) and index < len(actions):
            data["action"] = actions[index]
        learning_question_create(plan=plan, user=owner, data=data)
    answers: dict[str, object] = {f"answer_{k}": v for k, v in REFLECTIONS.items()}
    answers |= {f"version_{k}": 0 for k in REFLECTIONS}
    reflections_save(plan=plan, user=owner, data=answers)
