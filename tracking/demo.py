"""Step 10 of the demo plan: a year of follow-through (November 2025 to October 2026) on the
five strategic actions: milestones, dated progress updates with varied statuses, review of
the contributor's updates (one returned with a comment and sent again, one still waiting),
and one action carried by a partner organisation with a contact there.

Everything here is invented to show what a year of tracking looks like in Upward."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.models import User
from django.utils import timezone

from plans.models import Organisation, Plan
from strategy.models import StrategicAction
from tracking.keys import partner_key_create
from tracking.models import ProgressUpdate
from tracking.services import (
    MilestoneFields,
    action_ownership_set,
    action_weight_set,
    milestone_add,
    progress_update_approve,
    progress_update_post,
    progress_update_return,
    tracking_settings_set,
)

D = dt.date
EX = "https://example.org/rrmp"

# Per action (by the start of its title): milestones (title, due, completed) and updates
# (date, status, percent, narrative, blockers, next steps, links).
FOLLOW_THROUGH: dict[str, dict[str, Any]] = {
    "Open 300 full-day pre-K seats": dict(
        weight=2,
        milestones=[
            ("Levy and fund commitments signed", D(2025, 12, 15), D(2025, 12, 11)),
            ("Twelve half-day classrooms converted", D(2026, 8, 31), D(2026, 8, 24)),
            ("Six community-center classrooms open", D(2026, 10, 31), None),
            ("Transport routes for families without a car", D(2026, 9, 30), D(2026, 10, 6)),
            ("300 seats filled", D(2027, 9, 30), None),
        ],
        updates=[
            (D(2025, 11, 20), "on-track", 5, "The levy board and the Stateline Community Fund "
             "agreed the three-year budget in principle; the district named a project lead.",
             "", "Sign the commitments before the holidays.", []),
            (D(2026, 1, 30), "on-track", 15, "Commitments signed. Eight of the twelve "
             "half-day classrooms chosen for conversion; parents surveyed on hours (612 "
             "replies, two in three asked for care until 5:30).",
             "", "Hire lead teachers for the converted rooms.", [f"{EX}/prek-survey.pdf"]),
            (D(2026, 4, 28), "at-risk", 30, "Only five of the twelve lead teachers hired; "
             "pay at community centers is below the district's.",
             "Teacher pay gap of about $6,000 a year.",
             "Ask the fund to cover a retention bonus for two years.", []),
            (D(2026, 7, 15), "on-track", 55, "The fund approved the retention bonus; eleven "
             "of twelve teachers hired. Conversions finished in nine classrooms.",
             "", "Finish the last three conversions before August.", []),
            (D(2026, 10, 9), "on-track", 70, "All twelve classrooms run full day since "
             "August; 214 children enrolled. Four of the six community-center rooms are open; "
             "bus routes started October 6.", "Two centers wait for fire inspections.",
             "Open the last two rooms and enroll from the waiting list.",
             [f"{EX}/prek-enrollment-oct-2026.pdf"]),
        ],
    ),
    "Re-engagement centers": dict(
        milestones=[
            ("Data-sharing agreement with the district", D(2026, 1, 31), D(2026, 2, 20)),
            ("First center opens downtown", D(2026, 6, 30), D(2026, 6, 15)),
            ("Second center opens on the south side", D(2026, 12, 31), None),
        ],
        updates=[
            (D(2025, 12, 5), "on-track", 10, "Two sites visited; the library's downtown "
             "branch offered its second floor rent free.", "",
             "Draft the data-sharing agreement with the district.", []),
            (D(2026, 2, 27), "at-risk", 20, "The data-sharing agreement took three weeks "
             "longer than planned: the district's counsel asked for a new privacy review.",
             "Legal review of student records.", "Open downtown in June as planned.", []),
            (D(2026, 6, 19), "on-track", 45, "Downtown center opened June 15 with four "
             "coaches; 38 students enrolled in the first week, most 18 to 20 years old.",
             "", "Find a south-side site.", [f"{EX}/reengagement-opening.pdf"]),
            (D(2026, 9, 30), "on-track", 60, "92 students enrolled, 11 have earned their "
             "diploma. A church on Kishwaukee Street will host the second center.",
             "", "Renovate the space; hire three coaches.", []),
        ],
    ),
    "A living-wage compact": dict(
        milestones=[
            ("Compact drafted with the roundtable", D(2026, 2, 28), D(2026, 3, 10)),
            ("Ten employers sign", D(2026, 9, 30), None),
            ("First yearly wage report", D(2027, 3, 31), None),
        ],
        updates=[
            (D(2025, 11, 14), "not-started", 0, "The roundtable agreed to host three "
             "listening sessions with workers before any drafting.", "",
             "Hold the listening sessions.", []),
            (D(2026, 3, 12), "on-track", 20, "Compact drafted after three sessions with "
             "140 workers: a starting wage of $19, schedules posted two weeks ahead, direct "
             "hiring after 90 days.", "", "Ask the roundtable's members to sign.", []),
            (D(2026, 6, 30), "at-risk", 35, "Four employers signed; three large ones want "
             "the wage phased in over three years.", "Cost worries of the largest plants.",
             "Meet the three with the county's workforce board.", []),
        ],
        # The contributor's last update: returned once, sent again and approved; the next
        # one still waits for review.
        returned=(D(2026, 9, 29), "off-track", 40, "Not good. Talks stalled.", "", "", []),
        comment="Say which employers signed and what stalled, so the coalition can help.",
        resubmitted=(D(2026, 9, 29), "off-track", 40, "Six employers have signed (two more "
                     "since June). The three largest plants declined a timeline for the $19 "
                     "wage until their contracts renew in 2027.",
                     "The largest plants will not commit before 2027.",
                     "Ask the county to give signers preference in its purchasing.", []),
        waiting=(D(2026, 10, 27), "off-track", 45, "The county's purchasing office agreed "
                 "to draft a preference for compact signers; one more employer signed.", "",
                 "Bring the preference to the board in December.", []),
    ),
    "Cancel and prevent medical debt": dict(
        organisation=("Blackhawk Community Health Network",
                      "Renee Park, community benefit office, 815-555-0142"),
        # The network's own records system reports the last updates with its reporting key.
        system_reports=2,
        milestones=[
            ("Debt purchase agreement with the hospitals", D(2026, 3, 31), D(2026, 3, 25)),
            ("First round of debt cancelled", D(2026, 6, 30), D(2026, 7, 8)),
            ("Charity-care screening at every admission", D(2026, 12, 31), None),
        ],
        updates=[
            (D(2025, 12, 18), "on-track", 10, "Both hospital systems agreed to sell "
             "medical debt in collections at a fraction of its face value.", "",
             "Settle the purchase terms.", []),
            (D(2026, 3, 27), "on-track", 30, "Agreement signed: $38 million of debt owed by "
             "about 21,000 residents to be bought for cancellation.", "",
             "Mail the letters; train the financial coaches.", [f"{EX}/medical-debt-terms.pdf"]),
            (D(2026, 7, 10), "on-track", 55, "Letters mailed on July 8; the coaching line "
             "took 640 calls in its first month, a third in Spanish.", "",
             "Start charity-care screening at admission.", []),
            (D(2026, 10, 16), "at-risk", 60, "Screening runs at one hospital; the other "
             "waits for its billing system upgrade.", "A vendor delay of three months.",
             "Screen by hand at the second hospital until the upgrade.", []),
        ],
    ),
    "A county housing trust fund": dict(
        weight=2,
        milestones=[
            ("Ordinance drafted with tenants", D(2026, 2, 28), D(2026, 2, 20)),
            ("County board vote", D(2026, 5, 31), D(2026, 6, 9)),
            ("Trust fund board seated", D(2026, 9, 30), D(2026, 9, 22)),
            ("First repair grants awarded", D(2026, 12, 31), None),
        ],
        updates=[
            (D(2025, 11, 25), "on-track", 5, "The tenants' union and county staff met "
             "three times on the ordinance; tenants asked for three of nine board seats.", "",
             "Draft the ordinance.", []),
            (D(2026, 2, 24), "on-track", 15, "Ordinance drafted with three tenant seats and "
             "$3 million a year from the general fund.", "", "Brief board members.", []),
            (D(2026, 5, 20), "at-risk", 20, "The vote slipped to June: two board members "
             "want the amount cut to $2 million.", "Budget pressure on the general fund.",
             "Residents to speak at the June 9 meeting.", []),
            (D(2026, 6, 12), "on-track", 35, "The board adopted the ordinance 11 to 9 on "
             "June 9, at $3 million a year; 64 residents spoke.", "",
             "Seat the trust fund board.", [f"{EX}/trust-fund-ordinance.pdf"]),
            (D(2026, 9, 25), "on-track", 45, "Board seated on September 22, including three "
             "tenants; the first call for repair proposals opens in November.", "",
             "Award the first repair grants.", []),
            (D(2026, 10, 28), "paused", 45, "The first call is paused for a month while the "
             "county finishes the fund's accounting rules.", "County accounting rules.",
             "Open the call in December.", []),
        ],
    ),
}  # fmt: skip


def _post(
    action: StrategicAction,
    author: User | None,
    spec: tuple,  # type: ignore[type-arg]
    organisation: Organisation | None = None,
) -> ProgressUpdate:
    written_on, status, percent, narrative, blockers, next_steps, links = spec
    return progress_update_post(
        action=action, author=author, written_on=written_on, status=status,
        percent_complete=percent, narrative=narrative, blockers=blockers,
        next_steps=next_steps, links=links, author_organisation=organisation,
    )  # fmt: skip


def _author(action: StrategicAction, owner: User) -> User:
    return action.owner.user if action.owner is not None else owner


def _seed_action(plan: Plan, action: StrategicAction, spec: dict[str, Any], owner: User) -> None:
    for title, due_on, completed_on in spec["milestones"]:
        milestone_add(action=action, fields=MilestoneFields(title, due_on, completed_on))
    if "weight" in spec:
        action_weight_set(action=action, weight=spec["weight"])
    organisation = None
    if "organisation" in spec:
        name, contact = spec["organisation"]
        organisation = Organisation.objects.filter(plan=plan, name=name).first()
        if organisation is not None:
            action_ownership_set(
                action=action, owner=action.owner, owner_organisation=organisation,
                owner_contact=contact, backup=action.backup,
            )  # fmt: skip
    author = _author(action, owner)
    by_system = len(spec["updates"]) - spec.get("system_reports", 0)
    if organisation is not None and by_system < len(spec["updates"]):
        partner_key_create(
            plan=plan, organisation=organisation, name="Community benefit records",
            created_by=owner,
        )  # fmt: skip
    for index, update_spec in enumerate(spec["updates"]):
        if organisation is not None and index >= by_system:
            update = _post(action, None, update_spec, organisation)
        else:
            update = _post(action, author, update_spec)
        if not update.is_shown():
            progress_update_approve(update=update, reviewer=owner, now=_noon(update.written_on))
    if "returned" in spec:
        _review_story(action, author, spec, owner)


def _noon(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day + dt.timedelta(days=2), dt.time(12)))


def _review_story(action: StrategicAction, author: User, spec: dict[str, Any], owner: User) -> None:
    first = _post(action, author, spec["returned"])
    when = _noon(first.written_on)
    if first.is_shown():  # the author is an editor: nothing to review
        return
    progress_update_return(update=first, reviewer=owner, comment=spec["comment"], now=when)
    written_on, status, percent, narrative, blockers, next_steps, links = spec["resubmitted"]
    again = progress_update_post(
        action=action, author=author, written_on=written_on, status=status,
        percent_complete=percent, narrative=narrative, blockers=blockers,
        next_steps=next_steps, links=links, replaces=first,
    )  # fmt: skip
    progress_update_approve(update=again, reviewer=owner, now=when + dt.timedelta(days=1))
    _post(action, author, spec["waiting"])


def demo_seed(*, plan: Plan, owner: User) -> None:
    tracking_settings_set(plan=plan, review_contributor_updates=True)
    actions = list(StrategicAction.objects.filter(plan=plan).select_related("owner__user"))
    for start, spec in FOLLOW_THROUGH.items():
        action = next((a for a in actions if a.title.startswith(start)), None)
        if action is not None:
            _seed_action(plan, action, spec, owner)
