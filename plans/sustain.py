"""The step-10 tools listed on the plan home, each shown when its app is installed."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse

from plans.models import Plan

# (url name, title, what it is for), in the order a coalition meets them after release.
TOOLS = (
    ("tracking:board", "Implementation board", "Each action's status, owner and latest update."),
    ("results:overview", "Measures over time", "Values against targets, and whether they move."),
    ("followup:calendar", "Reporting calendar", "Who owes which update, and when; reminders."),
    ("followup:accountability", "Accountability", "Up-to-date measures and overdue items."),
    ("reports:progress", "Progress reports", "Quarterly and annual reports, frozen when issued."),
    ("wins:overview", "Early wins", "Wins to report, who carries them, a brief and a feed."),
    ("foundation:home", "Foundation", "Charter, roles, learning agenda, and gaps to fill."),
    ("continuity:home", "Continuity", "Exposure to elections, a transition briefing, snapshots."),
    ("engagement:home", "Residents", "Feedback, answers and decisions residents shape."),
    ("funding:overview", "Funding", "What each action has, needs and who pays; funder reports."),
    ("revisions:log", "Revisions", "What changed in actions and targets, why, who decided."),
)


@dataclass
class Tool:
    title: str
    text: str
    url: str


def sustain_tools(*, plan: Plan) -> list[Tool]:
    tools = []
    for name, title, text in TOOLS:
        try:
            url = reverse(name, args=[plan.code])
        except NoReverseMatch:
            continue  # that app is not installed here
        tools.append(Tool(title, text, url))
    return tools
