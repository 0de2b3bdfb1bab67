"""Where step 6 stands for a plan, shown on the plan's home."""

from __future__ import annotations

from django.urls import reverse

from engagement.models import Activity, FeedbackItem, Finding, ReportBack, Theme
from plans.models import Plan
from plans.steps import COMPLETE, IN_PROGRESS, STEPS, StepStatus, step_register

MIN_ACTIVITIES = 2
MIN_FINDINGS = 3


def _plural(count: int, word: str, plural: str = "") -> str:
    return f"{count} {word if count == 1 else plural or word + 's'}"


@step_register(6)
def _fuller_picture(plan: Plan, status: StepStatus) -> None:
    status.url = reverse("engagement:home", args=[plan.code])
    activities = Activity.objects.filter(plan=plan).count()
    feedback = FeedbackItem.objects.filter(plan=plan, moderation="shown").count()
    coded_themes = Theme.objects.filter(plan=plan, feedback__isnull=False).distinct().count()
    with_evidence = sum(1 for f in _findings(plan) if f.evidence_count())
    report_backs = ReportBack.objects.filter(activity__plan=plan).count()
    if activities:
        status.done.append(_plural(activities, "engagement activity", "engagement activities"))
    if feedback:
        status.done.append(f"{_plural(feedback, 'feedback item')} heard")
    if coded_themes:
        status.done.append(f"{_plural(coded_themes, 'theme')} with coded feedback")
    if with_evidence:
        status.done.append(f"{_plural(with_evidence, 'finding')} with evidence")
    if report_backs:
        status.done.append(f"{_plural(report_backs, 'report back')} to participants")
    missing = []
    if activities < MIN_ACTIVITIES:
        missing.append(f"hold at least {MIN_ACTIVITIES} engagement activities")
    if not coded_themes:
        missing.append("code feedback into at least one theme")
    if with_evidence < MIN_FINDINGS:
        missing.append(f"write at least {MIN_FINDINGS} findings with their evidence")
    if not report_backs:
        missing.append("report back to the people who took part")
    if not missing:
        status.state = COMPLETE
        return
    if activities or feedback or with_evidence or report_backs or _anything_else(plan):
        status.state = IN_PROGRESS
    status.next_action = (missing[0][0].upper() + missing[0][1:]) + (
        f"; then {', '.join(missing[1:])}." if missing[1:] else "."
    )


def _findings(plan: Plan) -> list[Finding]:
    return list(Finding.objects.filter(plan=plan).prefetch_related("insights", "themes"))


def _anything_else(plan: Plan) -> bool:
    return Theme.objects.filter(plan=plan).exists() or Finding.objects.filter(plan=plan).exists()


def step_status(*, plan: Plan) -> StepStatus:
    """Step 6 alone, without working out the other nine."""
    status = StepStatus(6, *STEPS[6])
    _fuller_picture(plan, status)
    return status
