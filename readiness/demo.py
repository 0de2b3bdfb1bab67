"""Step 3 of the demo plan: two readiness assessments, the second with a decision."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User

from plans.models import Membership, Plan, Role
from readiness.models import Assessment, GapStatus, Rating
from readiness.services import ItemChange, assessment_decide, assessment_start, domain_update

R = Rating
# Ratings of the second assessment by domain (the first is one notch lower where it can be).
RATINGS: dict[str, list[str]] = {
    "leadership": [R.FULLY, R.PARTLY, R.FULLY],
    "partners": [R.FULLY, R.PARTLY, R.EMERGING],
    "capacity": [R.FULLY, R.PARTLY, R.PARTLY],
    "culture": [R.PARTLY, R.EMERGING, R.EMERGING],
    "buy_in": [R.PARTLY, R.PARTLY, R.FULLY],
    "racial_equity": [R.PARTLY, R.EMERGING, R.FULLY],
    "data": [R.PARTLY, R.EMERGING, R.NOT_IN_PLACE],
    "engagement": [R.PARTLY, R.FULLY, R.PARTLY],
    "learning": [R.PARTLY, R.UNKNOWN, R.FULLY],
}
LOWER: dict[str, str] = {R.FULLY: R.PARTLY, R.PARTLY: R.EMERGING, R.EMERGING: R.NOT_IN_PLACE}

EVIDENCE = {
    "leadership": "The county board chair and the mayor spoke at the partnership's annual "
    "meeting and named this plan as a shared priority.",
    "partners": "Nine organizations from seven sectors signed the partnership agreement.",
    "capacity": "The partnership's executive director coordinates the work at half time; a "
    "two-year grant covers a data and learning manager.",
    "culture": "Partners have begun to ask hard questions about their own programs, but "
    "budget decisions still happen outside the coalition.",
    "buy_in": "Each partner named a staff lead and agreed to four hours a month.",
    "racial_equity": "The partnership agreement names racial equity as a goal; a learning "
    "series on local housing history is planned for the spring.",
    "data": "The partnership can read the Mobility Metrics with confidence; local data "
    "sharing is still done one request at a time.",
    "engagement": "Three resident-led groups offered to host conversations; the fund pays "
    "residents $40 an hour for their time.",
    "learning": "The management team reviews progress every quarter and reports back to "
    "residents twice a year.",
}

# Gap actions: (item key, action, due date, done?)
GAPS = (
    ("data.sharing", "Sign data-sharing agreements with the school district and the "
     "county court clerk.", dt.date(2025, 6, 30), False),
    ("culture.sharing_power", "Give the resident advisory table two votes on the "
     "management team.", dt.date(2025, 3, 31), True),
    ("partners.residents", "Invite the southwest side tenants' union and a youth council "
     "to join as full partners.", dt.date(2025, 2, 28), True),
)  # fmt: skip

RATIONALE = (
    "Leadership, partners and staff time are in place, and residents are ready to take part. "
    "We proceed, on two conditions: data-sharing agreements with the school district and the "
    "court clerk are signed by the end of June, and the resident advisory table holds two "
    "votes on the management team before the coalition sets its priorities."
)


def demo_seed(*, plan: Plan, owner: User) -> None:
    gap_owner = _gap_owner(plan)
    first = assessment_start(
        plan=plan, user=owner, assessed_on=dt.date(2024, 9, 17), title="First look, autumn 2024"
    )
    _rate(first, lower=True, gap_owner=gap_owner)
    assessment_decide(
        assessment=first, decision="not_yet", decided_on=dt.date(2024, 9, 24),
        rationale="Too few resident-led partners and no staff time set aside yet: we first "
        "bring in resident groups and fund a coordinator, then look again in January.",
    )  # fmt: skip
    second = assessment_start(
        plan=plan, user=owner, assessed_on=dt.date(2025, 1, 21), title="Before the launch"
    )
    _rate(second, lower=False, gap_owner=gap_owner)
    assessment_decide(
        assessment=second, decision="conditions", rationale=RATIONALE,
        decided_on=dt.date(2025, 1, 28),
    )  # fmt: skip


def _gap_owner(plan: Plan) -> Membership | None:
    members = Membership.objects.filter(plan=plan)
    return members.filter(role=Role.EDITOR).first() or members.first()


def _rate(assessment: Assessment, *, lower: bool, gap_owner: Membership | None) -> None:
    gaps = {key: (text, due, done) for key, text, due, done in GAPS}
    for domain in assessment.domains.prefetch_related("items"):
        ratings = RATINGS.get(domain.key, [])
        changes = []
        for index, item in enumerate(domain.items.all()):
            rating = ratings[index] if index < len(ratings) else R.PARTLY
            if lower:
                rating = LOWER.get(rating, rating)
            gap = gaps.get(item.key)
            changes.append(
                ItemChange(
                    item=item, text=item.text, rating=rating,
                    evidence=EVIDENCE.get(domain.key, "") if index == 0 else "",
                    gap_action=gap[0] if gap else "",
                    gap_owner=gap_owner if gap else None,
                    gap_due=gap[1] if gap else None,
                    gap_status=GapStatus.DONE if gap and gap[2] and not lower else GapStatus.OPEN,
                )
            )  # fmt: skip
        domain_update(
            domain=domain, title=domain.title, description=domain.description, changes=changes
        )
