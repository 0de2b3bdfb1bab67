"""The coalition's questions about building on its foundation, in our words."""

from __future__ import annotations

QUESTIONS: dict[str, str] = {
    "carry": "Who among us is best placed to keep this work going for years, not months?",
    "share": "Now that the plan is out, who else must share the responsibility and the "
    "accountability for it?",
    "strengths": "Where are we strong enough to carry the work, and where are the gaps?",
    "learn": "What do we still need to learn, and from whom?",
    "mission": "How should our mission change now that we are carrying out a plan rather than "
    "writing one?",
}

# The other actions of sustaining momentum that have no page of questions of their own
# (early wins keep theirs on the wins page). Asked here, answered by the same coalition.
QUESTIONS.update(
    {
        "cycles-stall": "Political cycles: which of our actions would stall if one elected or "
        "appointed official left, and who would carry them then?",
        "cycles-career": "Political cycles: which career staff could lead the work through a "
        "change of administration, and what would they need to do it?",
        "cycles-brief": "Political cycles: what should a newly elected leader hear from us in "
        "their first month, and who should tell them?",
        "community-decide": "Residents: which decisions still ahead should residents shape, and "
        "how will they take part in time to change the outcome?",
        "community-share": "Residents: where could residents hold real decision-making power in "
        "carrying out the plan, not only be consulted?",
        "community-loop": "Residents: how will people who gave feedback learn what became of it?",
        "funding-case": "Funding: what results would convince our funders, and the public, that "
        "the work deserves to continue?",
        "funding-who": "Funding: who should be named for the results: which implementers, "
        "which funders, which residents?",
        "funding-end": "Funding: which money ends soonest, and what is our plan if it is not "
        "renewed?",
    }
)
