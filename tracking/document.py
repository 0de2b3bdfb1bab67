"""Step 10 in documents: the actions of a progress report, by status, with their latest
updates. A pure function of the database for a period, so a report built twice for the
same period reads the same (statuses are taken as they stood at the period's end)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from plans.models import Plan
from reports.blocks import BulletList, Chart, Heading, Paragraph, Section, Table
from strategy.models import ActionStatus, StrategicAction
from tracking.charts import rollup_spec
from tracking.models import ActionWeight, Milestone, ProgressUpdate, ReviewState
from tracking.selectors import STATUS_LABELS, STATUS_ORDER, RollupGroup

ORDER = 110  # after the plan's own sections


@dataclass
class ActionAsOf:
    action: StrategicAction
    status: str
    percent: int | None
    latest: ProgressUpdate | None  # the latest shown update written in the period


def _day(value: dt.date) -> str:
    return f"{value:%B} {value.day}, {value.year}"


def actions_as_of(*, plan: Plan, period_start: dt.date, period_end: dt.date) -> list[ActionAsOf]:
    """Each action's status and percent as its shown updates stood at the period's end."""
    actions = list(StrategicAction.objects.filter(plan=plan).select_related("priority"))
    updates = ProgressUpdate.objects.filter(
        action__plan=plan, review_state=ReviewState.PUBLISHED, written_on__lte=period_end
    ).order_by("action_id", "-written_on", "-created_at", "-id")
    by_action: dict[int, list[ProgressUpdate]] = defaultdict(list)
    for update in updates:
        by_action[update.action_id].append(update)
    rows = []
    for action in actions:
        history = by_action.get(action.pk, [])
        status = history[0].status if history else ActionStatus.NOT_STARTED
        percent = next(
            (u.percent_complete for u in history if u.percent_complete is not None), None
        )
        if status == ActionStatus.COMPLETED:
            percent = 100
        in_period = next((u for u in history if u.written_on >= period_start), None)
        rows.append(ActionAsOf(action, status, percent, in_period))
    return rows


RULE = (
    "How the figures are worked out: each action's status is that of its latest shown "
    "progress update dated on or before the end of the period (not started when it has "
    "none). Percent complete is the weighted mean of each action's latest reported percent "
    "(a completed action counts as 100%, an action with no percent yet as 0%); each action "
    "weighs 1 unless the coalition set another weight."
)


def _priority_groups(plan: Plan, rows: list[ActionAsOf]) -> list[RollupGroup]:
    weights = dict(
        ActionWeight.objects.filter(action__plan=plan).values_list("action_id", "weight")
    )
    groups: dict[str, list[ActionAsOf]] = {}
    for row in rows:
        groups.setdefault(row.action.priority.title, []).append(row)
    result = []
    for name, members in groups.items():
        counts = {s: sum(1 for m in members if m.status == s) for s in STATUS_ORDER}
        total = sum(float(weights.get(m.action.pk, 1)) for m in members)
        weighted = sum(float(weights.get(m.action.pk, 1)) * (m.percent or 0) for m in members)
        result.append(RollupGroup(name, len(members), weighted / total if total else None, counts))
    return result


def _update_line(row: ActionAsOf) -> str:
    title = row.action.title
    if row.latest is None:
        return f"{title}: no update in this period."
    update = row.latest
    percent = (
        f", {update.percent_complete}% complete" if update.percent_complete is not None else ""
    )
    text = f"{title} ({_day(update.written_on)}{percent}): {update.narrative}"
    if update.next_steps:
        text += f" Next: {update.next_steps}"
    return text


def progress_section(*, plan: Plan, period_start: dt.date, period_end: dt.date) -> Section | None:
    """Actions by status at the end of the period, each with its latest update in it."""
    rows = actions_as_of(plan=plan, period_start=period_start, period_end=period_end)
    if not rows:
        return None
    counts = [(s, sum(1 for r in rows if r.status == s)) for s in STATUS_ORDER]
    summary = ", ".join(f"{n} {STATUS_LABELS[s].lower()}" for s, n in counts if n)
    updated = sum(1 for r in rows if r.latest is not None)
    blocks: list = [
        Paragraph(
            f"On {_day(period_end)} the plan's {len(rows)} actions stood: {summary}. "
            f"{updated} of them were updated between {_day(period_start)} and "
            f"{_day(period_end)}."
        ),
    ]
    groups = _priority_groups(plan, rows)
    spec = rollup_spec(groups=groups, by="priority", place=plan.title)
    table = Table(
        caption="Actions by status and priority at the end of the period",
        header=["Priority", "Actions", "Percent complete", "Status"],
        rows=[
            [
                g.name,
                str(g.actions),
                "n/a" if g.percent is None else f"{g.percent:.0f}%",
                g.status_text,
            ]
            for g in groups
        ],
    )
    blocks.append(Chart(spec=spec, caption="Actions by status, by priority", table=table))
    for status, number in counts:
        if not number:
            continue
        blocks.append(Heading(f"{STATUS_LABELS[status]} ({number})"))
        blocks.append(BulletList([_update_line(r) for r in rows if r.status == status]))
    blocks += _milestones_blocks(plan, period_start, period_end)
    blocks.append(Paragraph(RULE))
    return Section(
        key="progress-actions", title="Actions and their progress", order=ORDER, blocks=blocks
    )


def _milestones_blocks(plan: Plan, start: dt.date, end: dt.date) -> list:
    done = Milestone.objects.filter(
        action__plan=plan, completed_on__gte=start, completed_on__lte=end
    ).select_related("action")
    late = (
        Milestone.objects.filter(action__plan=plan, due_on__lte=end)
        .exclude(completed_on__lte=end)
        .select_related("action")
    )
    blocks: list = []
    if done:
        blocks.append(Heading("Milestones reached in the period"))
        blocks.append(
            BulletList(
                [
                    f"{m.title} ({m.action.title}), {_day(m.completed_on)}"
                    for m in done
                    if m.completed_on
                ]
            )
        )
    if late:
        blocks.append(Heading("Milestones past due at the end of the period"))
        blocks.append(
            BulletList([f"{m.title} ({m.action.title}), due {_day(m.due_on)}" for m in late])
        )
    return blocks
