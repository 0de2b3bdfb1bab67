"""Early wins in the demo plan (Winnebago County, Rockford IL): five wins drawn from the
follow-through, most accepted from the milestones they came from, with who carries each
story where; one suggestion set aside; the coalition's reflections; wins shown publicly."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.models import User

from plans.models import Organisation, Plan
from strategy.models import StrategicAction
from tracking.models import Milestone
from wins.models import Channel, MessageStatus, WinKind
from wins.services import (
    message_add,
    reflection_save,
    suggestion_dismiss,
    win_create,
    wins_public_set,
)

D = dt.date
EX = "https://example.org/rrmp"

# (action title starts with, milestone it came from or "", fields, organisations, messages)
WINS: list[tuple[str, str, dict[str, Any], list[str], list[tuple[Any, ...]]]] = [
    (
        "Open 300 full-day pre-K seats",
        "Twelve half-day classrooms converted",
        dict(
            title="Full-day pre-K in twelve west- and south-side classrooms",
            kind=WinKind.PROGRAM,
            happened_on=D(2026, 8, 24),
            what_happened="Twelve half-day pre-K classrooms now run until 5:30, as two in "
            "three parents asked in the survey; 214 children started in August.",
            made_by="Samuel Brandt and the district's early-learning team; lead teachers "
            "kept on by a retention bonus",
            audience="Working parents on the west and south sides who could not use a "
            "half-day seat",
            evidence_link=f"{EX}/prek-enrollment-oct-2026.pdf",
        ),
        ["Rock River Valley School District", "Stateline Community Fund"],
        [
            ("Samuel Brandt, assistant superintendent", Channel.PRESS, D(2026, 8, 26),
             MessageStatus.DONE, "Release with the first-day photos"),
            ("Parents from the survey's focus groups", Channel.COMMUNITY, D(2026, 9, 17),
             MessageStatus.DONE, "Back-to-school night at Lewis Lemon"),
            ("Rock River Valley School District", Channel.PARTNERS, D(2026, 12, 3),
             MessageStatus.PLANNED, "District newsletter to every family"),
        ],
    ),
    (
        "Re-engagement centers",
        "First center opens downtown",
        dict(
            title="A re-engagement center opens downtown",
            kind=WinKind.SPACE,
            happened_on=D(2026, 6, 15),
            what_happened="Young people who left high school have a place to finish: the "
            "library's second floor, four coaches, 92 students by September and 11 diplomas.",
            made_by="The library board, which gave the space rent free; the district's "
            "re-engagement coaches",
            audience="Young people aged 16 to 21 without a diploma, and their families",
            evidence_link=f"{EX}/reengagement-opening.pdf",
        ),
        ["Rock River Valley School District"],
        [
            ("Deshawn Porter, youth council member", Channel.SOCIAL, D(2026, 6, 16),
             MessageStatus.DONE, "Short video from the opening"),
            ("Pastor Harold Simms", Channel.COMMUNITY, D(2026, 7, 12),
             MessageStatus.DONE, "Announced at New Hope's Sunday services"),
        ],
    ),
    (
        "A county housing trust fund",
        "County board vote",
        dict(
            title="The county board adopts a housing trust fund",
            kind=WinKind.POLICY,
            happened_on=D(2026, 6, 9),
            what_happened="The Winnebago County Board voted 11 to 9 for a trust fund for "
            "the lowest-income renters, with three tenant seats on its board.",
            made_by="Tomasa Delgado and the tenants who testified; county planning staff",
            audience="Renters earning under 30% of the area median, most of them on the "
            "southwest side",
        ),
        ["Southwest Rockford Tenants' Union", "Rockford Neighborhood Development Office"],
        [
            ("Jerome Washington, resident leader", Channel.COUNCIL, D(2026, 6, 9),
             MessageStatus.DONE, "Thanked the board in public comment"),
            ("Southwest Rockford Tenants' Union", Channel.NEWSLETTER, D(2026, 6, 20),
             MessageStatus.DONE, ""),
            ("A county board member who voted yes", Channel.PRESS, D(2026, 12, 10),
             MessageStatus.PLANNED, "Joint op-ed once the first grants are out"),
        ],
    ),
    (
        "Cancel and prevent medical debt",
        "First round of debt cancelled",
        dict(
            title="$38 million of medical debt cancelled for county residents",
            kind=WinKind.OUTCOME,
            happened_on=D(2026, 7, 8),
            what_happened="Letters went out on July 8 telling residents that debt they owed "
            "the two hospital systems is gone; the free coaching line opened the same day.",
            made_by="Aisha Rahman's community health workers; both hospital systems",
            audience="About 21,000 residents with medical debt, many of them uninsured",
        ),
        ["Blackhawk Community Health Network"],
        [
            ("Aisha Rahman, community health worker lead", Channel.COMMUNITY, D(2026, 7, 22),
             MessageStatus.DONE, "Clinic waiting-room talks"),
            ("Blackhawk Community Health Network", Channel.SOCIAL, D(2026, 7, 9),
             MessageStatus.DONE, ""),
        ],
    ),
    (
        "Open 300 full-day pre-K seats",
        "",
        dict(
            title="The community fund backs a two-year teacher retention bonus",
            kind=WinKind.RESOURCES,
            happened_on=D(2026, 7, 15),
            what_happened="The Stateline Community Fund approved a retention bonus that "
            "closes most of the pay gap for community-center pre-K teachers for two years.",
            made_by="Beth Kowalczyk, program officer",
            audience="Pre-K teachers at community centers, and the children they keep",
        ),
        ["Stateline Community Fund"],
        [
            ("Andrea Whitfield, executive director", Channel.NEWSLETTER, D(2026, 12, 1),
             MessageStatus.PLANNED, "Coalition newsletter, funders' corner"),
        ],
    ),
]  # fmt: skip

DISMISSED = "Data-sharing agreement with the district"  # a step, not news for residents

REFLECTIONS = {
    "residents": "The full-day pre-K seats and the cancelled medical debt: both change a "
    "family's month, not just a report.",
    "messenger": "Pastors and resident leaders first, then the partner who did the work. "
    "The county's own announcements reach fewer of the families we mean.",
    "credit": "The tenants who testified on the trust fund have been thanked at the board; "
    "the library board has not been thanked in public yet.",
    "next": "The trust fund: the first repair grants will show whether the board works.",
}


def _milestone_key(plan: Plan, title: str) -> str:
    found = Milestone.objects.filter(action__plan=plan, title=title).first()
    return f"milestone:{found.uuid}" if found else ""


def demo_seed(*, plan: Plan, owner: User) -> None:
    actions = list(StrategicAction.objects.filter(plan=plan))
    organisations = {o.name: o for o in Organisation.objects.filter(plan=plan)}
    for start, milestone, fields, names, messages in WINS:
        action = next((a for a in actions if a.title.startswith(start)), None)
        data = fields | {
            "action": action,
            "organisations": [organisations[n] for n in names if n in organisations],
            "public": True,
        }
        win = win_create(
            plan=plan, user=owner, data=data, source_key=_milestone_key(plan, milestone)
        )
        for messenger, channel, on, status, note in messages:
            message_add(
                win=win,
                data={
                    "messenger": messenger, "organisation": organisations.get(messenger),
                    "channel": channel, "on": on, "status": status, "note": note,
                },
            )  # fmt: skip
    key = _milestone_key(plan, DISMISSED)
    if key:
        suggestion_dismiss(plan=plan, user=owner, key=key, title=DISMISSED)
    for question, answer in REFLECTIONS.items():
        reflection_save(plan=plan, question=question, answer=answer, version=0, user=owner)
    wins_public_set(plan=plan, public=True)
