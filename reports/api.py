"""Step 9 in the JSON API, read-only: the release checklist, the letter and texts written for
the release, and what the public plan page shows. Publishing stays on the page (owners)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from api.auth import PLAN_AUTH
from api.plan_kit import answers, plan_access_for
from reports.selectors import release_state

router = Router(auth=PLAN_AUTH)


class CheckOut(Schema):
    key: str
    label: str
    help: str
    checked: bool
    checked_by: str
    checked_at: dt.datetime | None
    note: str


class PartOut(Schema):
    key: str
    title: str
    chosen: bool  # shown on the public page once published


class ReleaseOut(Schema):
    published: bool
    published_at: dt.datetime | None
    letter: str
    letter_signed: str
    get_involved: str
    checked: int
    checklist: list[CheckOut]
    parts: list[PartOut]


@router.get(
    "plans/{code}/release",
    response=answers(ReleaseOut),
    summary="The release checklist, the release texts and the publishing state",
)
def release_get(request: HttpRequest, code: str) -> Any:
    access = plan_access_for(request, code)
    state = release_state(plan=access.plan)
    release = state.release
    return {
        "published": state.published,
        "published_at": release.published_at if release else None,
        "letter": release.letter if release else "",
        "letter_signed": release.letter_signed if release else "",
        "get_involved": release.get_involved if release else "",
        "checked": state.checked_count,
        "checklist": [vars(row) for row in state.checklist],
        "parts": [vars(part) for part in state.parts],
    }
