"""Snapshots: the whole plan frozen at a chosen moment, and what changed since.

A snapshot keeps two things: the plan as Upward's exchange document (the whole plan, as
`upward plans export` writes it, downloadable as it was) and an index of the records people
follow over time (priorities, actions, milestones, measures), keyed by their UUIDs, which
the comparison with today reads.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from continuity.models import Snapshot
from continuity.selectors import latest_shown_updates
from plans.models import Plan
from strategy.models import ActionStatus, Measure, Priority, StrategicAction
from strategy.selectors import member_label

INDEX_VERSION = 1
KINDS = {
    "priorities": "Priority",
    "actions": "Action",
    "milestones": "Milestone",
    "measures": "Measure",
}
# What a reader would call each field when it changes.
FIELD_WORDS = {
    "title": "title",
    "status": "status",
    "priority": "priority",
    "owner": "owner",
    "backup": "backup",
    "ends_on": "end date",
    "percent": "percent complete",
    "due_on": "due date",
    "completed_on": "completion date",
    "action": "action",
    "name": "name",
    "latest": "latest value",
    "targets": "targets",
    "unit": "unit",
}


def _latest_values(plan: Plan) -> dict[int, str]:
    if not apps.is_installed("results"):
        return {}
    from results.models import MeasureValue

    latest: dict[int, str] = {}
    rows = MeasureValue.objects.filter(measure__plan=plan, subgroup="").order_by(
        "measure_id", "-period_end"
    )
    for measure_id, period, value in rows.values_list("measure_id", "period", "value"):
        latest.setdefault(measure_id, f"{value:g} ({period})")
    return latest


def plan_index(*, plan: Plan) -> dict[str, Any]:
    """The records people follow over time, keyed by UUID, as plain JSON values."""
    percent = {k: v[2] for k, v in latest_shown_updates(plan=plan).items()}
    values = _latest_values(plan)
    actions = StrategicAction.objects.filter(plan=plan).select_related(
        "priority", "owner__user", "backup__user", "owner_organisation"
    )
    index: dict[str, Any] = {"version": INDEX_VERSION}
    index["priorities"] = {
        str(p.uuid): {"title": p.title} for p in Priority.objects.filter(plan=plan)
    }
    index["actions"] = {
        str(a.uuid): {
            "title": a.title,
            "status": a.status,
            "priority": a.priority.title,
            "owner": member_label(a.owner) or str(a.owner_organisation or ""),
            "backup": member_label(a.backup),
            "ends_on": a.ends_on.isoformat() if a.ends_on else None,
            "percent": percent.get(a.pk),
        }
        for a in actions
    }
    index["milestones"] = {}
    if apps.is_installed("tracking"):
        from tracking.models import Milestone

        for m in Milestone.objects.filter(action__plan=plan).select_related("action"):
            index["milestones"][str(m.uuid)] = {
                "title": m.title,
                "action": m.action.title,
                "due_on": m.due_on.isoformat(),
                "completed_on": m.completed_on.isoformat() if m.completed_on else None,
            }
    index["measures"] = {
        str(m.uuid): {
            "name": m.name,
            "unit": m.unit,
            "latest": values.get(m.pk),
            "targets": [
                f"{t.value:g} by {t.target_date.isoformat()}" for t in m.targets.order_by("pk")
            ],
        }
        for m in Measure.objects.filter(plan=plan).prefetch_related("targets")
    }
    return index


def _document(plan: Plan, now: dt.datetime) -> dict[str, Any] | None:
    try:
        from plans.exchange.export import plan_export
    except ImportError:  # pragma: no cover - the exchange format ships with plans
        return None
    return plan_export(plan=plan, now=now)


@transaction.atomic
def snapshot_take(
    *, plan: Plan, label: str, user: User | None = None, now: dt.datetime | None = None
) -> Snapshot:
    """Freeze the plan as it is now."""
    now = now or timezone.now()
    content = {"index": plan_index(plan=plan), "document": _document(plan, now)}
    return Snapshot.objects.create(
        plan=plan,
        label=label.strip() or f"Snapshot of {now:%-d %B %Y}",
        taken_at=now,
        taken_by=user if user is not None and user.is_authenticated else None,
        content=content,
    )


@dataclass
class Change:
    kind: str  # Action, Measure, ...
    title: str
    what: str  # "added", "removed", "completed", "dropped", "changed"
    details: list[str] = field(default_factory=list)


@dataclass
class Comparison:
    snapshot_label: str
    taken_at: dt.datetime
    changes: list[Change]

    def of(self, what: str) -> list[Change]:
        return [c for c in self.changes if c.what == what]

    @property
    def counts(self) -> dict[str, int]:
        return {w: len(self.of(w)) for w in ("added", "changed", "completed", "dropped", "removed")}


def _name(record: dict[str, Any]) -> str:
    return str(record.get("title") or record.get("name") or "")


def _shown(value: Any) -> str:
    if value is None or value == "" or value == []:
        return "nothing"
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return str(value)


def _status_word(value: Any) -> str:
    labels = dict(ActionStatus.choices)
    return str(labels.get(value, value))


def indexes_compare(before: dict[str, Any], after: dict[str, Any]) -> list[Change]:
    """What was added, changed, completed, dropped or removed between two indexes."""
    changes: list[Change] = []
    for key, kind in KINDS.items():
        old, new = before.get(key, {}), after.get(key, {})
        for uuid, record in new.items():
            if uuid not in old:
                changes.append(Change(kind, _name(record), "added"))
                continue
            details = []
            for name, value in record.items():
                was = old[uuid].get(name)
                if was == value:
                    continue
                if name == "status":
                    was, value = _status_word(was), _status_word(value)
                word = FIELD_WORDS.get(name, name)
                details.append(f"{word}: {_shown(was)} → {_shown(value)}")
            if not details:
                continue
            what = "changed"
            if key == "actions" and record.get("status") != old[uuid].get("status"):
                if record.get("status") == ActionStatus.COMPLETED:
                    what = "completed"
                elif record.get("status") == ActionStatus.DROPPED:
                    what = "dropped"
            if (
                key == "milestones"
                and record.get("completed_on")
                and not old[uuid].get("completed_on")
            ):
                what = "completed"
            changes.append(Change(kind, _name(record), what, details))
        for uuid, record in old.items():
            if uuid not in new:
                changes.append(Change(kind, _name(record), "removed"))
    return changes


def snapshot_compare(*, snapshot: Snapshot) -> Comparison:
    """The snapshot against the plan as it is today."""
    before = snapshot.content.get("index", {})
    return Comparison(
        snapshot_label=snapshot.label,
        taken_at=snapshot.taken_at,
        changes=indexes_compare(before, plan_index(plan=snapshot.plan)),
    )


def index_for_display(index: dict[str, Any]) -> dict[str, Any]:
    """The index with action statuses in words, for the read-only page."""
    actions = {
        key: {**record, "status": _status_word(record.get("status"))}
        for key, record in index.get("actions", {}).items()
    }
    return {**index, "actions": actions}
