"""Step 9 on the plan's home: complete once every checklist item is checked and the plan
is published; in progress as soon as the letter or the checklist has anything."""

from __future__ import annotations

from django.urls import reverse

from plans.models import Plan
from plans.steps import COMPLETE, IN_PROGRESS, StepStatus, step_register
from reports.checklist import CHECKLIST
from reports.models import ChecklistItem, PlanRelease


@step_register(9)
def _release(plan: Plan, status: StepStatus) -> None:
    status.url = reverse("reports:document", args=[plan.code])
    release = PlanRelease.objects.filter(plan=plan).first()
    checked = ChecklistItem.objects.filter(plan=plan, key__in=CHECKLIST).count()
    if release is not None and release.letter.strip():
        status.done.append("Letter from leadership written")
    if checked:
        status.done.append(f"{checked} of {len(CHECKLIST)} release checks done")
    if plan.published:
        status.done.append("Published on the public plan page")
    if checked == len(CHECKLIST) and plan.published:
        status.state = COMPLETE
    elif status.done:
        status.state = IN_PROGRESS
        status.next_action = (
            "Publish the plan." if checked == len(CHECKLIST)
            else "Work through the release checklist."
        )  # fmt: skip
    else:
        status.next_action = "Read the plan as a document, write the letter from leadership."
