"""Follow-up in the JSON API: the plan's due items (the reporting calendar) and its
accountability figures, for a partner's own system or a dashboard."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema

from api.auth import PLAN_AUTH
from followup.selectors import DueItem, plan_accountability, plan_calendar
from plans.access import plan_for_user

router = Router(auth=PLAN_AUTH)


class DueItemOut(Schema):
    uid: str
    kind: str
    title: str
    subject: str
    due_on: dt.date
    state: str
    state_text: str
    owner: str
    organisation: str
    owner_members: list[str]  # membership UUIDs
    url: str
    repeat: bool


class CalendarOut(Schema):
    today: dt.date
    cadence: str
    counts: dict[str, int]
    items: list[DueItemOut]


class ShareOut(Schema):
    part: int
    whole: int
    percent: int | None


class OverdueOut(Schema):
    name: str
    count: int


class AccountabilityOut(Schema):
    today: dt.date
    measures_up_to_date: ShareOut
    actions_updated: ShareOut
    overdue_total: int
    overdue_by_owner: list[OverdueOut]
    overdue_by_organisation: list[OverdueOut]


def _item_out(item: DueItem) -> dict[str, Any]:
    return {
        "uid": item.uid, "kind": item.kind, "title": item.title, "subject": item.subject,
        "due_on": item.due_on, "state": item.state, "state_text": item.state_text,
        "owner": item.owner, "organisation": item.organisation,
        "owner_members": list(item.membership_uuids), "url": item.url, "repeat": item.repeat,
    }  # fmt: skip


@router.get(
    "plans/{code}/followup/calendar",
    response=CalendarOut,
    summary="What falls due in the next months, who owes it and whether it is overdue",
)
def calendar(
    request: HttpRequest,
    code: str,
    person: str = "",
    organisation: str = "",
    today: dt.date | None = None,  # as of this date (default: today)
) -> dict[str, Any]:
    access = plan_for_user(request, code)
    day = today or timezone.localdate()
    data = plan_calendar(plan=access.plan, today=day, person=person, organisation=organisation)
    return {
        "today": day,
        "cadence": data.settings.action_cadence,
        "counts": data.counts,
        "items": [_item_out(i) for m in data.months for i in m.items],
    }


@router.get(
    "plans/{code}/followup/accountability",
    response=AccountabilityOut,
    summary="Share of measures up to date, of actions updated lately, and overdue items by owner",
)
def accountability(request: HttpRequest, code: str, today: dt.date | None = None) -> dict[str, Any]:
    access = plan_for_user(request, code)
    day = today or timezone.localdate()
    data = plan_accountability(plan=access.plan, today=day)

    def share(s: Any) -> dict[str, Any]:
        return {"part": s.part, "whole": s.whole, "percent": s.percent}

    return {
        "today": day,
        "measures_up_to_date": share(data.measures),
        "actions_updated": share(data.actions),
        "overdue_total": data.overdue_total,
        "overdue_by_owner": [{"name": r.name, "count": r.count} for r in data.by_owner],
        "overdue_by_organisation": [
            {"name": r.name, "count": r.count} for r in data.by_organisation
        ],
    }
