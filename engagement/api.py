"""Step 6 in the JSON API: engagement activities, feedback coded into themes, findings with
their evidence, and what was reported back. Same forms, services and role rules as the
pages: editors write; a contributor who facilitates an activity adds feedback to it. A
facilitator is a member's UUID; themes, insights and local indicators are UUIDs; a pillar or
predictor is "pillar-slug" or "pillar-slug/predictor-slug"."""

from __future__ import annotations

import datetime as dt
from typing import Any
from uuid import UUID

from django.http import HttpRequest
from ninja import Router, Schema

from api.auth import PLAN_AUTH
from api.plan_kit import (
    Deleted,
    answers,
    created,
    delete_with,
    form_check,
    form_data,
    get_or_404,
    merged,
    model_to,
    plan_access_for,
    require,
    save_with,
    saving,
    stale_as_409,
    user_name,
)
from engagement import decisions, public, selectors, services
from engagement.forms import ActivityForm, FeedbackForm, FindingForm, ReportBackForm, ThemeForm
from engagement.models import Activity, DecisionPoint, FeedbackItem, Finding, ReportBack, Theme
from plans.access import PlanAccess, signed_in_user
from plans.models import Membership

router = Router(auth=PLAN_AUTH)
BASE = "plans/{code}/engagement"


class ReportBackOut(Schema):
    uuid: UUID
    shared: str
    date: dt.date
    channel: str


class ActivityOut(Schema):
    uuid: UUID
    title: str
    method: str
    spectrum: str
    date: dt.date
    mode: str
    place: str
    languages: list[str]
    accessibility: str
    compensation: list[str]
    participants: int | None
    makeup: dict[str, int]
    facilitator: UUID | None
    notes: str
    feedback_count: int
    report_backs: list[ReportBackOut]


class ActivityIn(Schema):
    title: str | None = None
    method: str | None = None
    spectrum: str | None = None
    date: dt.date | None = None
    mode: str | None = None
    place: str | None = None
    languages: list[str] | None = None
    accessibility: str | None = None
    compensation: list[str] | None = None
    participants: int | None = None
    makeup: dict[str, int] | None = None
    facilitator: UUID | None = None
    notes: str | None = None


class ThemeOut(Schema):
    uuid: UUID
    name: str
    description: str
    feedback_count: int


class ThemeIn(Schema):
    name: str | None = None
    description: str | None = None


class FeedbackOut(Schema):
    uuid: UUID
    source: str
    activity: UUID | None
    text: str
    predictor: str
    themes: list[UUID]
    created_by: str
    created_at: dt.datetime


class FeedbackIn(Schema):
    text: str | None = None
    themes: list[UUID] | None = None
    predictor: str | None = None


class FindingOut(Schema):
    uuid: UUID
    statement: str
    predictor: str
    mobility_part: str
    metrics: list[str]
    insights: list[UUID]
    themes: list[UUID]
    local_indicators: list[str]
    evidence_note: str


class FindingIn(Schema):
    statement: str | None = None
    predictor: str | None = None
    mobility_part: str | None = None
    metrics: list[str] | None = None
    insights: list[UUID] | None = None
    themes: list[UUID] | None = None
    local_indicators: list[str] | None = None
    evidence_note: str | None = None


class ReportBackIn(Schema):
    shared: str
    date: dt.date
    channel: str


def report_back_out(r: ReportBack) -> dict[str, Any]:
    return {"uuid": r.uuid, "shared": r.shared, "date": r.date, "channel": r.channel}


def activity_out(a: Activity) -> dict[str, Any]:
    return {
        "uuid": a.uuid, "title": a.title, "method": a.method, "spectrum": a.spectrum,
        "date": a.date, "mode": a.mode, "place": a.place, "languages": list(a.languages),
        "accessibility": a.accessibility, "compensation": list(a.compensation),
        "participants": a.participants, "makeup": dict(a.makeup),
        "facilitator": a.facilitator.uuid if a.facilitator else None, "notes": a.notes,
        "feedback_count": a.feedback.count(),
        "report_backs": [report_back_out(r) for r in a.report_backs.all()],
    }  # fmt: skip


def feedback_out(f: FeedbackItem) -> dict[str, Any]:
    return {
        "uuid": f.uuid, "source": f.source, "activity": f.activity.uuid if f.activity else None,
        "text": f.text,
        "predictor": selectors.framework_value(pillar=f.pillar, predictor=f.predictor),
        "themes": [t.uuid for t in f.themes.all()], "created_by": user_name(f.created_by),
        "created_at": f.created_at,
    }  # fmt: skip


def finding_out(f: Finding) -> dict[str, Any]:
    return {
        "uuid": f.uuid, "statement": f.statement,
        "predictor": selectors.framework_value(pillar=f.pillar, predictor=f.predictor),
        "mobility_part": f.mobility_part, "metrics": list(f.metric_slugs),
        "insights": [i.uuid for i in f.insights.all()], "themes": [t.uuid for t in f.themes.all()],
        "local_indicators": [str(k) for k in f.local_indicators],
        "evidence_note": f.evidence_note,
    }  # fmt: skip


def theme_out(t: Theme) -> dict[str, Any]:
    return {"uuid": t.uuid, "name": t.name, "description": t.description,
            "feedback_count": t.feedback.count()}  # fmt: skip


def _activity(access: PlanAccess, uuid: str) -> Activity:
    return get_or_404(
        Activity.objects.select_related("facilitator__user"), plan=access.plan, uuid=uuid
    )


def _themes(access: PlanAccess, keys: list[str]) -> list[Theme]:
    return list(Theme.objects.filter(plan=access.plan, uuid__in=keys))


# -- Activities ----------------------------------------------------------------------------


def _activity_values(values: dict[str, Any]) -> dict[str, Any]:
    """The page's form takes languages and make-up as text: translate the JSON lists."""
    values = dict(values)
    if isinstance(values.get("languages"), list):
        values["languages"] = ", ".join(str(v) for v in values["languages"])
    if isinstance(values.get("makeup"), dict):
        values["makeup"] = "\n".join(f"{k}: {v}" for k, v in values["makeup"].items())
    return form_data(values)


def _activity_save(access: PlanAccess, activity: Activity | None, values: dict[str, Any]) -> Any:
    members = list(Membership.objects.filter(plan=access.plan).select_related("user"))
    form = model_to(ActivityForm(_activity_values(values), memberships=members), facilitator="uuid")
    if activity is None:
        return save_with(services.activity_create, form, plan=access.plan)
    return save_with(services.activity_update, form, activity=activity)


@router.get(
    f"{BASE}/activities", response=answers(list[ActivityOut]), summary="Engagement activities"
)
def activities_list(request: HttpRequest, code: str) -> Any:
    access = plan_access_for(request, code)
    found = Activity.objects.filter(plan=access.plan).select_related("facilitator")
    return [activity_out(a) for a in found.prefetch_related("report_backs")]


@router.get(f"{BASE}/activities/{{uuid}}", response=answers(ActivityOut), summary="One activity")
def activity_get(request: HttpRequest, code: str, uuid: str) -> Any:
    return activity_out(_activity(plan_access_for(request, code), uuid))


@router.post(
    f"{BASE}/activities", response=answers(ActivityOut, status=201), summary="Record an activity"
)
def activity_create(request: HttpRequest, code: str, payload: ActivityIn) -> Any:
    access = plan_access_for(request, code, need="edit")
    activity = _activity_save(access, None, payload.dict(exclude_unset=True))
    return created(activity_out(activity))


@router.patch(
    f"{BASE}/activities/{{uuid}}", response=answers(ActivityOut), summary="Change an activity"
)
def activity_update(request: HttpRequest, code: str, uuid: str, payload: ActivityIn) -> Any:
    access = plan_access_for(request, code, need="edit")
    activity = _activity(access, uuid)
    return activity_out(_activity_save(access, activity, merged(activity_out(activity), payload)))


@router.delete(
    f"{BASE}/activities/{{uuid}}",
    response=answers(Deleted),
    summary="Delete an activity and its feedback",
)
def activity_delete(request: HttpRequest, code: str, uuid: str) -> Any:
    access = plan_access_for(request, code, need="edit")
    return delete_with(services.activity_delete, activity=_activity(access, uuid))


# -- Feedback ------------------------------------------------------------------------------


def _feedback_form(access: PlanAccess, values: dict[str, Any]) -> FeedbackForm:
    return FeedbackForm(form_data(values), choices=selectors.finding_choices(plan=access.plan))


@router.get(
    f"{BASE}/feedback",
    response=answers(list[FeedbackOut]),
    summary="Feedback items, coded into themes",
)
def feedback_list(request: HttpRequest, code: str) -> Any:
    access = plan_access_for(request, code)
    # Pending, hidden and spam public feedback stays in the moderation endpoints (editors).
    found = FeedbackItem.objects.filter(plan=access.plan, moderation="shown").select_related(
        "activity", "pillar", "predictor__pillar", "created_by"
    )
    return [feedback_out(f) for f in found.prefetch_related("themes")]


@router.post(
    f"{BASE}/activities/{{uuid}}/feedback",
    response=answers(FeedbackOut, status=201),
    summary="Add feedback heard at an activity (an editor, or the activity's facilitator)",
)
def feedback_add(request: HttpRequest, code: str, uuid: str, payload: FeedbackIn) -> Any:
    access = plan_access_for(request, code, need="contribute")
    activity = _activity(access, uuid)
    require(
        access.may_change(assigned_to=activity.facilitator),
        "Only the activity's facilitator or an editor adds feedback here.",
    )
    data = form_check(_feedback_form(access, payload.dict(exclude_unset=True)))
    pillar, predictor = selectors.framework_pick(value=data["predictor"])
    with saving():
        item = services.feedback_create(
            activity=activity, text=data["text"], themes=_themes(access, data["themes"]),
            pillar=pillar, predictor=predictor, user=signed_in_user(request),
        )  # fmt: skip
    return created(feedback_out(item))


def _feedback(access: PlanAccess, uuid: str) -> FeedbackItem:
    return get_or_404(FeedbackItem.objects.all(), plan=access.plan, uuid=uuid)


@router.patch(
    f"{BASE}/feedback/{{uuid}}", response=answers(FeedbackOut), summary="Recode or reword feedback"
)
def feedback_update(request: HttpRequest, code: str, uuid: str, payload: FeedbackIn) -> Any:
    access = plan_access_for(request, code, need="edit")
    item = _feedback(access, uuid)
    data = form_check(_feedback_form(access, merged(feedback_out(item), payload)))
    pillar, predictor = selectors.framework_pick(value=data["predictor"])
    with saving():
        services.feedback_update(
            item=item, text=data["text"], themes=_themes(access, data["themes"]),
            pillar=pillar, predictor=predictor,
        )  # fmt: skip
    return feedback_out(item)


@router.delete(
    f"{BASE}/feedback/{{uuid}}", response=answers(Deleted), summary="Delete a feedback item"
)
def feedback_delete(request: HttpRequest, code: str, uuid: str) -> Any:
    access = plan_access_for(request, code, need="edit")
    return delete_with(services.feedback_delete, item=_feedback(access, uuid))


# -- Themes --------------------------------------------------------------------------------


def _theme(access: PlanAccess, uuid: str) -> Theme:
    return get_or_404(Theme.objects.all(), plan=access.plan, uuid=uuid)


@router.get(
    f"{BASE}/themes", response=answers(list[ThemeOut]), summary="Themes with their feedback counts"
)
def themes_list(request: HttpRequest, code: str) -> Any:
    access = plan_access_for(request, code)
    return [theme_out(t) for t in Theme.objects.filter(plan=access.plan)]


@router.post(f"{BASE}/themes", response=answers(ThemeOut, status=201), summary="Add a theme")
def theme_create(request: HttpRequest, code: str, payload: ThemeIn) -> Any:
    access = plan_access_for(request, code, need="edit")
    form = ThemeForm(form_data(payload.dict(exclude_unset=True)))
    return created(theme_out(save_with(services.theme_create, form, plan=access.plan)))


@router.patch(
    f"{BASE}/themes/{{uuid}}", response=answers(ThemeOut), summary="Rename or describe a theme"
)
def theme_update(request: HttpRequest, code: str, uuid: str, payload: ThemeIn) -> Any:
    access = plan_access_for(request, code, need="edit")
    theme = _theme(access, uuid)
    current = {"name": theme.name, "description": theme.description}
    save_with(services.theme_update, ThemeForm(merged(current, payload)), theme=theme)
    return theme_out(theme)


@router.delete(f"{BASE}/themes/{{uuid}}", response=answers(Deleted), summary="Delete a theme")
def theme_delete(request: HttpRequest, code: str, uuid: str) -> Any:
    access = plan_access_for(request, code, need="edit")
    return delete_with(services.theme_delete, theme=_theme(access, uuid))


# -- Findings ------------------------------------------------------------------------------


def _finding(access: PlanAccess, uuid: str) -> Finding:
    return get_or_404(
        Finding.objects.select_related("pillar", "predictor__pillar"), plan=access.plan, uuid=uuid
    )


def _finding_save(access: PlanAccess, finding: Finding | None, values: dict[str, Any]) -> Finding:
    choices = selectors.finding_choices(plan=access.plan)
    data = form_check(FindingForm(form_data(values), choices=choices))
    pillar, predictor = selectors.framework_pick(value=data["predictor"])
    with saving():
        return services.finding_save(
            plan=access.plan, finding=finding, statement=data["statement"], pillar=pillar,
            predictor=predictor, mobility_part=data["mobility_part"],
            metric_slugs=data["metrics"],
            insights=list(access.plan.insights.filter(uuid__in=data["insights"])),
            themes=_themes(access, data["themes"]),
            local_indicators=data.get("local_indicators", []),
            evidence_note=data["evidence_note"],
        )  # fmt: skip


@router.get(
    f"{BASE}/findings", response=answers(list[FindingOut]), summary="Findings with their evidence"
)
def findings_list(request: HttpRequest, code: str) -> Any:
    access = plan_access_for(request, code)
    found = Finding.objects.filter(plan=access.plan).select_related("pillar", "predictor__pillar")
    return [finding_out(f) for f in found.prefetch_related("insights", "themes")]


@router.get(f"{BASE}/findings/{{uuid}}", response=answers(FindingOut), summary="One finding")
def finding_get(request: HttpRequest, code: str, uuid: str) -> Any:
    return finding_out(_finding(plan_access_for(request, code), uuid))


@router.post(
    f"{BASE}/findings", response=answers(FindingOut, status=201), summary="Write a finding"
)
def finding_create(request: HttpRequest, code: str, payload: FindingIn) -> Any:
    access = plan_access_for(request, code, need="edit")
    return created(finding_out(_finding_save(access, None, payload.dict(exclude_unset=True))))


@router.patch(f"{BASE}/findings/{{uuid}}", response=answers(FindingOut), summary="Change a finding")
def finding_update(request: HttpRequest, code: str, uuid: str, payload: FindingIn) -> Any:
    access = plan_access_for(request, code, need="edit")
    finding = _finding(access, uuid)
    return finding_out(_finding_save(access, finding, merged(finding_out(finding), payload)))


@router.delete(f"{BASE}/findings/{{uuid}}", response=answers(Deleted), summary="Delete a finding")
def finding_delete(request: HttpRequest, code: str, uuid: str) -> Any:
    access = plan_access_for(request, code, need="edit")
    return delete_with(services.finding_delete, finding=_finding(access, uuid))


# -- Report back ---------------------------------------------------------------------------


@router.post(
    f"{BASE}/activities/{{uuid}}/report-backs",
    response=answers(ReportBackOut, status=201),
    summary="Record what was shared back with an activity's participants",
)
def report_back_add(request: HttpRequest, code: str, uuid: str, payload: ReportBackIn) -> Any:
    access = plan_access_for(request, code, need="edit")
    activity = _activity(access, uuid)
    form = ReportBackForm(form_data(payload.dict()))
    return created(report_back_out(save_with(services.report_back_create, form, activity=activity)))


@router.delete(
    f"{BASE}/report-backs/{{uuid}}", response=answers(Deleted), summary="Delete a report back"
)
def report_back_delete(request: HttpRequest, code: str, uuid: str) -> Any:
    access = plan_access_for(request, code, need="edit")
    record = get_or_404(ReportBack.objects.all(), activity__plan=access.plan, uuid=uuid)
    return delete_with(services.report_back_delete, report_back=record)


# -- Residents' feedback from the public page: moderation and answers (editors) ----------


class PublicFeedbackOut(Schema):
    uuid: UUID
    text: str
    about: str
    neighbourhood: str
    themes: list[str]
    moderation: str
    received_at: dt.datetime
    response: str
    response_status: str
    response_reason: str
    responded_at: dt.datetime | None
    version: int


class ModerateIn(Schema):
    state: str  # shown | hidden | spam
    version: int


class AnswerIn(Schema):
    response: str
    status: str  # received | considering | acted | not-taken
    reason: str = ""
    version: int


class FiguresOut(Schema):
    received: int
    answered: int
    median_days: float | None


class DecisionIn(Schema):
    title: str
    decides_on: dt.date
    description: str = ""
    how_to_take_part: str = ""
    status: str = "upcoming"
    outcome: str = ""
    version: int | None = None


class DecisionOut(Schema):
    uuid: UUID
    title: str
    description: str
    decides_on: dt.date
    how_to_take_part: str
    status: str
    outcome: str
    version: int


def _public_out(item: FeedbackItem) -> dict[str, Any]:
    return {
        "uuid": item.uuid, "text": item.text, "about": public.feedback_about(item=item),
        "neighbourhood": item.neighbourhood, "themes": [t.name for t in item.themes.all()],
        "moderation": item.moderation, "received_at": item.created_at,
        "response": item.response, "response_status": item.response_status,
        "response_reason": item.response_reason, "responded_at": item.responded_at,
        "version": item.version,
    }  # fmt: skip


def _public_item(access: PlanAccess, uuid: str) -> FeedbackItem:
    return get_or_404(FeedbackItem.objects.filter(source="public"), plan=access.plan, uuid=uuid)


@router.get(
    f"{BASE}/public-feedback",
    response=answers(list[PublicFeedbackOut]),
    summary="Residents' feedback from the public page in one moderation state "
    "(editors; ?state=pending|shown|hidden|spam, pending by default). No e-mail addresses.",
)
def public_feedback_list(request: HttpRequest, code: str, state: str = "pending") -> Any:
    access = plan_access_for(request, code, need="edit")
    return [_public_out(row.item) for row in public.moderation_queue(plan=access.plan, state=state)]


@router.post(
    f"{BASE}/public-feedback/{{uuid}}/moderation",
    response=answers(PublicFeedbackOut),
    summary="Show, hide or mark as spam (editors; send the version you read: 409 when stale)",
)
def public_feedback_moderate(
    request: HttpRequest, code: str, uuid: str, payload: ModerateIn
) -> Any:
    access = plan_access_for(request, code, need="edit")
    item = _public_item(access, uuid)
    with saving(), stale_as_409(public.Stale):
        public.feedback_moderate(item=item, state=payload.state, version=payload.version)
    item.refresh_from_db()
    return _public_out(item)


@router.post(
    f"{BASE}/public-feedback/{{uuid}}/answer",
    response=answers(PublicFeedbackOut),
    summary='Answer residents\' feedback ("you said, we did"): a status, the answer and, when '
    "not taken up, why; the first answer is e-mailed to a resident who asked for a reply "
    "(editors; 409 when stale)",
)
def public_feedback_answer(request: HttpRequest, code: str, uuid: str, payload: AnswerIn) -> Any:
    access = plan_access_for(request, code, need="edit")
    item = _public_item(access, uuid)
    first = item.responded_at is None
    with saving(), stale_as_409(public.Stale):
        public.feedback_respond(item=item, response=payload.response, status=payload.status,
                                reason=payload.reason, version=payload.version)  # fmt: skip
    item.refresh_from_db()
    if first:  # a resident who left an address gets the first answer, as from the page
        public.answer_reply_send(item=item, base_url=request.build_absolute_uri("/").rstrip("/"))
    return _public_out(item)


@router.get(
    f"{BASE}/public-feedback/figures",
    response=answers(FiguresOut),
    summary="How much residents' feedback was answered and the median days to answer (members)",
)
def public_feedback_figures(request: HttpRequest, code: str) -> Any:
    access = plan_access_for(request, code)
    return public.answer_figures(plan=access.plan).__dict__


def _decision_out(point: DecisionPoint) -> dict[str, Any]:
    return {name: getattr(point, name) for name in DecisionOut.model_fields}


@router.get(
    f"{BASE}/decisions",
    response=answers(list[DecisionOut]),
    summary="Decision points after the release residents are asked to shape (members)",
)
def decision_list(request: HttpRequest, code: str) -> Any:
    access = plan_access_for(request, code)
    return [_decision_out(p) for p in DecisionPoint.objects.filter(plan=access.plan)]


@router.post(
    f"{BASE}/decisions",
    response=answers(DecisionOut, status=201),
    summary="Add a decision point (editors)",
)
def decision_add(request: HttpRequest, code: str, payload: DecisionIn) -> Any:
    access = plan_access_for(request, code, need="edit")
    values = payload.dict(exclude={"version"})
    with saving(), stale_as_409(public.Stale):
        point = decisions.decision_create(plan=access.plan, **values)
    return created(_decision_out(point))


@router.put(
    f"{BASE}/decisions/{{uuid}}",
    response=answers(DecisionOut),
    summary="Change a decision point, its status or outcome (editors; 409 when stale)",
)
def decision_change(request: HttpRequest, code: str, uuid: str, payload: DecisionIn) -> Any:
    access = plan_access_for(request, code, need="edit")
    point = get_or_404(DecisionPoint.objects.all(), plan=access.plan, uuid=uuid)
    values = payload.dict(exclude={"version"})
    version = payload.version or 0
    with saving(), stale_as_409(public.Stale):
        decisions.decision_update(point=point, version=version, **values)
    point.refresh_from_db()
    return _decision_out(point)
