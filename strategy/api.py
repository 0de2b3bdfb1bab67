"""Steps 7 and 8 in the JSON API: vision, priorities and their theories of change, strategic
actions with logic models, the prioritisation matrix, review comments and approvals; then
measures with baselines and targets, the reporting schedule, the evaluation plan and the
sustainability worksheet. Same forms, services and role rules as the pages: editors change
everything; a contributor changes the actions and measures they own (not who owns them).
Members are named by their membership UUID, organisations by name, pillars and predictors by
slug, everything else by UUID."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any
from uuid import UUID

from django.http import HttpRequest
from ninja import Router, Schema

from api.auth import PLAN_AUTH
from api.plan_kit import (
    Deleted,
    answers,
    created,
    defaults,
    delete_with,
    form_check,
    form_data,
    get_or_404,
    invalid,
    member_key,
    merged,
    model_to,
    plan_access_for,
    require,
    save_with,
    saving,
    user_name,
)
from plans.access import PlanAccess, signed_in_user
from strategy import services
from strategy.forms import (
    ActionForm,
    ApprovalForm,
    CommentForm,
    CriterionForm,
    ElementEditForm,
    ElementForm,
    EvaluationForm,
    MeasureForm,
    PriorityForm,
    ReportingForm,
    ScoresForm,
    SustainabilityForm,
    TargetForm,
    VisionForm,
)
from strategy.models import (
    Approval,
    Criterion,
    EvaluationQuestion,
    LogicElement,
    Measure,
    MeasureTarget,
    Priority,
    ReportingItem,
    ReviewComment,
    Score,
    StrategicAction,
    SustainabilityArea,
    SustainabilityItem,
    VisionVersion,
)
from strategy.selectors import (
    baseline_options,
    local_baseline_options,
    matrix_for,
    measure_initial,
    measurement_plan,
)

router = Router(auth=PLAN_AUTH)
BASE = "plans/{code}/strategy"


# -- Schemas -------------------------------------------------------------------------------


class VisionOut(Schema):
    uuid: UUID
    text: str
    written_on: dt.date
    written_by: str


class VisionIn(Schema):
    text: str
    written_on: dt.date | None = None  # today when left out


class PriorityOut(Schema):
    uuid: UUID
    title: str
    description: str
    pillars: list[str]
    problem: str
    root_causes: str
    pathway: str
    assumptions: str
    actions: list[UUID]


class PriorityIn(Schema):
    title: str | None = None
    description: str | None = None
    pillars: list[str] | None = None
    problem: str | None = None
    root_causes: str | None = None
    pathway: str | None = None
    assumptions: str | None = None


class ElementOut(Schema):
    uuid: UUID
    kind: str
    text: str
    order: int


class ActionOut(Schema):
    uuid: UUID
    title: str
    description: str
    priority: UUID
    change_kinds: list[str]
    lead_organisation: str | None
    partners: list[str]
    owner: UUID | None
    backup: UUID | None
    owner_organisation: str | None
    owner_contact: str
    starts_on: dt.date | None
    ends_on: dt.date | None
    equity_rationale: str
    predictors: list[str]
    status: str  # changed only by progress updates (step 10)
    elements: list[ElementOut]


class ActionIn(Schema):
    title: str | None = None
    description: str | None = None
    priority: UUID | None = None
    change_kinds: list[str] | None = None
    lead_organisation: str | None = None
    partners: list[str] | None = None
    owner: UUID | None = None
    backup: UUID | None = None
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None
    equity_rationale: str | None = None
    predictors: list[str] | None = None


class ElementIn(Schema):
    kind: str
    text: str


class ElementEditIn(Schema):
    text: str | None = None
    order: int | None = None


class CommentOut(Schema):
    uuid: UUID
    author: str
    text: str
    resolved: bool
    created_at: dt.datetime


class CommentIn(Schema):
    text: str


class ResolveIn(Schema):
    resolved: bool = True


class ApprovalOut(Schema):
    uuid: UUID
    reviewer: str
    decision: str
    note: str
    decided_at: dt.datetime


class ApprovalIn(Schema):
    decision: str  # approve or changes
    note: str = ""


class CriterionOut(Schema):
    uuid: UUID
    name: str
    weight: Decimal


class CriterionIn(Schema):
    name: str
    weight: Decimal | str


class ScoreCell(Schema):
    action: UUID
    criterion: UUID
    score: int | None


class TargetOut(Schema):
    uuid: UUID
    kind: str
    target_date: dt.date
    value: float
    group_a: str
    group_b: str


class TargetIn(Schema):
    kind: str = "level"
    target_date: dt.date | str
    value: float | str
    group_a: str = ""
    group_b: str = ""


class MeasureOut(Schema):
    uuid: UUID
    element: UUID
    action: UUID
    name: str
    definition: str
    unit: str
    direction: str
    baseline_source: str
    baseline_metric_slug: str
    baseline_subgroup_type: str
    baseline_subgroup_name: str
    baseline_indicator: UUID | None
    baseline_year: int | None
    baseline_value: float | None
    data_source: str
    method: str
    frequency: str
    collector: UUID | None
    reporter: UUID | None
    owner: UUID | None
    breakdowns: list[str]
    targets: list[TargetOut]


class MeasureIn(Schema):
    element: UUID | None = None
    name: str | None = None
    definition: str | None = None
    unit: str | None = None
    direction: str | None = None
    # One baseline at most: a Mobility Metric ("metric|subgroup type|subgroup|year", as
    # listed by .../strategy/baseline-options), a local indicator ("indicator uuid|subgroup")
    # with its year, or a value and year entered by hand.
    baseline_pick: str | None = None
    baseline_local: str | None = None
    baseline_local_year: int | None = None
    baseline_value: float | None = None
    baseline_year: int | None = None
    data_source: str | None = None
    method: str | None = None
    frequency: str | None = None
    collector: UUID | None = None
    reporter: UUID | None = None
    owner: UUID | None = None
    breakdowns: list[str] | None = None


class BaselineOptionOut(Schema):
    key: str
    group: str
    label: str


class ReportingOut(Schema):
    uuid: UUID
    what: str
    audience: str
    frequency: str
    responsible: UUID | None


class ReportingIn(Schema):
    what: str
    audience: str
    frequency: str
    responsible: UUID | None = None


class EvaluationOut(Schema):
    uuid: UUID
    question: str
    method: str
    who: str
    timing: str


class EvaluationIn(Schema):
    question: str
    method: str
    who: str
    timing: str


class SustainabilityOut(Schema):
    area: str
    text: str
    owners: list[UUID]


class SustainabilityIn(Schema):
    area: str  # governance, capacity, funding or adaptation
    text: str = ""
    owners: list[UUID] = []


# -- Shapes --------------------------------------------------------------------------------


def vision_out(v: VisionVersion) -> dict[str, Any]:
    return {"uuid": v.uuid, "text": v.text, "written_on": v.written_on,
            "written_by": user_name(v.written_by)}  # fmt: skip


def priority_out(p: Priority) -> dict[str, Any]:
    return {
        "uuid": p.uuid, "title": p.title, "description": p.description,
        "pillars": [x.slug for x in p.pillars.all()], "problem": p.problem,
        "root_causes": p.root_causes, "pathway": p.pathway, "assumptions": p.assumptions,
        "actions": [a.uuid for a in p.actions.all()],
    }  # fmt: skip


def element_out(e: LogicElement) -> dict[str, Any]:
    return {"uuid": e.uuid, "kind": e.kind, "text": e.text, "order": e.order}


def action_out(a: StrategicAction) -> dict[str, Any]:
    return {
        "uuid": a.uuid, "title": a.title, "description": a.description,
        "priority": a.priority.uuid, "change_kinds": list(a.change_kinds),
        "lead_organisation": a.lead_organisation.name if a.lead_organisation else None,
        "partners": [o.name for o in a.partners.all()], "owner": member_key(a.owner),
        "backup": member_key(a.backup),
        "owner_organisation": a.owner_organisation.name if a.owner_organisation else None,
        "owner_contact": a.owner_contact, "starts_on": a.starts_on, "ends_on": a.ends_on,
        "equity_rationale": a.equity_rationale,
        "predictors": [p.slug for p in a.predictors.all()], "status": a.status,
        "elements": [element_out(e) for e in a.elements.all()],
    }  # fmt: skip


def criterion_out(c: Criterion) -> dict[str, Any]:
    return {"uuid": c.uuid, "name": c.name, "weight": c.weight}


def target_out(t: MeasureTarget) -> dict[str, Any]:
    return {"uuid": t.uuid, "kind": t.kind, "target_date": t.target_date, "value": t.value,
            "group_a": t.group_a, "group_b": t.group_b}  # fmt: skip


def measure_out(m: Measure) -> dict[str, Any]:
    names = (
        "name", "definition", "unit", "direction", "baseline_source", "baseline_metric_slug",
        "baseline_subgroup_type", "baseline_subgroup_name", "baseline_year", "baseline_value",
        "data_source", "method", "frequency",
    )  # fmt: skip
    return {name: getattr(m, name) for name in names} | {
        "uuid": m.uuid, "element": m.element.uuid, "action": m.element.action.uuid,
        "baseline_indicator": m.baseline_indicator.uuid if m.baseline_indicator else None,
        "collector": member_key(m.collector), "reporter": member_key(m.reporter),
        "owner": member_key(m.owner), "breakdowns": list(m.breakdowns),
        "targets": [target_out(t) for t in m.targets.all()],
    }  # fmt: skip


# -- Vision and priorities -----------------------------------------------------------------


@router.get(
    f"{BASE}/vision",
    response=answers(list[VisionOut]),
    summary="The vision's versions, current first",
)
def vision_list(request: HttpRequest, code: str) -> Any:
    access = plan_access_for(request, code)
    versions = VisionVersion.objects.filter(plan=access.plan).select_related("written_by")
    return [vision_out(v) for v in versions]


@router.post(
    f"{BASE}/vision",
    response=answers(VisionOut, status=201),
    summary="Write a new version of the vision",
)
def vision_write(request: HttpRequest, code: str, payload: VisionIn) -> Any:
    access = plan_access_for(request, code, need="edit")
    values = defaults(VisionForm) | payload.dict(exclude_unset=True)
    form = VisionForm(form_data(values))
    user = signed_in_user(request)
    return created(vision_out(save_with(services.vision_write, form, plan=access.plan, user=user)))


def _priority(access: PlanAccess, uuid: str) -> Priority:
    return get_or_404(Priority.objects.all(), plan=access.plan, uuid=uuid)


def _priority_save(access: PlanAccess, priority: Priority | None, values: dict[str, Any]) -> Any:
    form = PriorityForm(form_data(values))
    return save_with(services.priority_save, form, plan=access.plan, priority=priority)


@router.get(
    f"{BASE}/priorities",
    response=answers(list[PriorityOut]),
    summary="Priorities with their theories of change",
)
def priorities_list(request: HttpRequest, code: str) -> Any:
    access = plan_access_for(request, code)
    found = Priority.objects.filter(plan=access.plan).prefetch_related("pillars", "actions")
    return [priority_out(p) for p in found]


@router.get(f"{BASE}/priorities/{{uuid}}", response=answers(PriorityOut), summary="One priority")
def priority_get(request: HttpRequest, code: str, uuid: str) -> Any:
    return priority_out(_priority(plan_access_for(request, code), uuid))


@router.post(
    f"{BASE}/priorities", response=answers(PriorityOut, status=201), summary="Add a priority"
)
def priority_create(request: HttpRequest, code: str, payload: PriorityIn) -> Any:
    access = plan_access_for(request, code, need="edit")
    return created(priority_out(_priority_save(access, None, payload.dict(exclude_unset=True))))


@router.patch(
    f"{BASE}/priorities/{{uuid}}",
    response=answers(PriorityOut),
    summary="Change a priority or its theory of change",
)
def priority_update(request: HttpRequest, code: str, uuid: str, payload: PriorityIn) -> Any:
    access = plan_access_for(request, code, need="edit")
    priority = _priority(access, uuid)
    return priority_out(_priority_save(access, priority, merged(priority_out(priority), payload)))


@router.delete(
    f"{BASE}/priorities/{{uuid}}",
    response=answers(Deleted),
    summary="Delete a priority (one without actions)",
)
def priority_delete(request: HttpRequest, code: str, uuid: str) -> Any:
    access = plan_access_for(request, code, need="edit")
    return delete_with(services.priority_delete, priority=_priority(access, uuid))


# -- Actions and logic models --------------------------------------------------------------


def _action(access: PlanAccess, uuid: str, *, change: bool = False) -> StrategicAction:
    action = get_or_404(
        StrategicAction.objects.select_related(
            "priority", "lead_organisation", "owner", "backup", "owner_organisation"
        ),
        plan=access.plan, uuid=uuid,
    )  # fmt: skip
    if change:
        require(
            access.may_change(assigned_to=action.owner),
            "Only the action's owner or an editor may change it.",
        )
    return action


def _action_save(access: PlanAccess, action: StrategicAction | None, values: dict[str, Any]) -> Any:
    data = form_data(values)
    form = ActionForm(data, plan=access.plan, can_edit=access.can_edit)
    model_to(form, priority="uuid", lead_organisation="name", partners="name", owner="uuid",
             backup="uuid")  # fmt: skip
    by_slug = {p.slug: key for key, p in form.predictor_objects.items()}
    if isinstance(data.get("predictors"), list):  # the page names predictors by database id
        data["predictors"] = [by_slug.get(s, s) for s in data["predictors"]]
    return save_with(services.action_save, form, plan=access.plan, action=action)


@router.get(
    f"{BASE}/actions",
    response=answers(list[ActionOut]),
    summary="Strategic actions with their logic models",
)
def actions_list(request: HttpRequest, code: str) -> Any:
    access = plan_access_for(request, code)
    found = StrategicAction.objects.filter(plan=access.plan).select_related(
        "priority", "lead_organisation", "owner", "backup", "owner_organisation"
    )
    return [action_out(a) for a in found.prefetch_related("partners", "predictors", "elements")]


@router.get(f"{BASE}/actions/{{uuid}}", response=answers(ActionOut), summary="One strategic action")
def action_get(request: HttpRequest, code: str, uuid: str) -> Any:
    return action_out(_action(plan_access_for(request, code), uuid))


@router.post(
    f"{BASE}/actions",
    response=answers(ActionOut, status=201),
    summary="Add a strategic action (editors)",
)
def action_create(request: HttpRequest, code: str, payload: ActionIn) -> Any:
    access = plan_access_for(request, code, need="edit")
    return created(action_out(_action_save(access, None, payload.dict(exclude_unset=True))))


@router.patch(
    f"{BASE}/actions/{{uuid}}",
    response=answers(ActionOut),
    summary="Change a strategic action (editors, or a contributor who owns it)",
)
def action_update(request: HttpRequest, code: str, uuid: str, payload: ActionIn) -> Any:
    access = plan_access_for(request, code, need="contribute")
    action = _action(access, uuid, change=True)
    changes = payload.dict(exclude_unset=True)
    if not access.can_edit:
        require(
            not {"owner", "backup"} & set(changes),
            "A contributor does not hand their action to someone else.",
        )
    _action_save(access, action, {**action_out(action), **changes})
    return action_out(_action(access, uuid))


@router.delete(
    f"{BASE}/actions/{{uuid}}",
    response=answers(Deleted),
    summary="Delete an action with its logic model and measures",
)
def action_delete(request: HttpRequest, code: str, uuid: str) -> Any:
    access = plan_access_for(request, code, need="edit")
    return delete_with(services.action_delete, action=_action(access, uuid))


@router.post(
    f"{BASE}/actions/{{uuid}}/elements",
    response=answers(ElementOut, status=201),
    summary="Add to an action's logic model",
)
def element_add(request: HttpRequest, code: str, uuid: str, payload: ElementIn) -> Any:
    access = plan_access_for(request, code, need="contribute")
    action = _action(access, uuid, change=True)
    form = ElementForm(form_data(payload.dict()))
    return created(element_out(save_with(services.element_add, form, action=action)))


def _element(access: PlanAccess, uuid: str) -> LogicElement:
    element = get_or_404(
        LogicElement.objects.select_related("action__owner"), action__plan=access.plan, uuid=uuid
    )
    require(
        access.may_change(assigned_to=element.action.owner),
        "Only the action's owner or an editor may change it.",
    )
    return element


@router.patch(
    f"{BASE}/elements/{{uuid}}",
    response=answers(ElementOut),
    summary="Reword or move a logic-model element",
)
def element_update(request: HttpRequest, code: str, uuid: str, payload: ElementEditIn) -> Any:
    access = plan_access_for(request, code, need="contribute")
    element = _element(access, uuid)
    current = {"text": element.text, "order": element.order}
    save_with(services.element_update, ElementEditForm(merged(current, payload)), element=element)
    return element_out(element)


@router.delete(
    f"{BASE}/elements/{{uuid}}", response=answers(Deleted), summary="Remove a logic-model element"
)
def element_delete(request: HttpRequest, code: str, uuid: str) -> Any:
    access = plan_access_for(request, code, need="contribute")
    return delete_with(services.element_delete, element=_element(access, uuid))


# -- Review --------------------------------------------------------------------------------


def comment_out(c: ReviewComment) -> dict[str, Any]:
    return {"uuid": c.uuid, "author": user_name(c.author), "text": c.text,
            "resolved": c.resolved, "created_at": c.created_at}  # fmt: skip


def approval_out(a: Approval) -> dict[str, Any]:
    return {"uuid": a.uuid, "reviewer": user_name(a.reviewer), "decision": a.decision,
            "note": a.note, "decided_at": a.decided_at}  # fmt: skip


@router.get(
    f"{BASE}/actions/{{uuid}}/comments",
    response=answers(list[CommentOut]),
    summary="An action's review comments",
)
def comments_list(request: HttpRequest, code: str, uuid: str) -> Any:
    action = _action(plan_access_for(request, code), uuid)
    return [comment_out(c) for c in action.comments.select_related("author")]


@router.post(
    f"{BASE}/actions/{{uuid}}/comments",
    response=answers(CommentOut, status=201),
    summary="Comment on an action (members other than viewers)",
)
def comment_add(request: HttpRequest, code: str, uuid: str, payload: CommentIn) -> Any:
    access = plan_access_for(request, code, need="contribute")
    action = _action(access, uuid)
    form = CommentForm(form_data(payload.dict()))
    user = signed_in_user(request)
    return created(comment_out(save_with(services.comment_add, form, action=action, author=user)))


@router.patch(
    f"{BASE}/comments/{{uuid}}",
    response=answers(CommentOut),
    summary="Mark a comment resolved (editors or its author)",
)
def comment_resolve(request: HttpRequest, code: str, uuid: str, payload: ResolveIn) -> Any:
    access = plan_access_for(request, code, need="contribute")
    comment = get_or_404(
        ReviewComment.objects.select_related("author"), action__plan=access.plan, uuid=uuid
    )
    require(
        access.can_edit or comment.author_id == access.membership.user_id,
        "Only editors and the comment's author mark it resolved.",
    )
    with saving():
        services.comment_resolve(comment=comment, resolved=payload.resolved)
    return comment_out(comment)


@router.get(
    f"{BASE}/actions/{{uuid}}/approvals",
    response=answers(list[ApprovalOut]),
    summary="An action's approvals",
)
def approvals_list(request: HttpRequest, code: str, uuid: str) -> Any:
    action = _action(plan_access_for(request, code), uuid)
    return [approval_out(a) for a in action.approvals.select_related("reviewer")]


@router.post(
    f"{BASE}/actions/{{uuid}}/approvals",
    response=answers(ApprovalOut, status=201),
    summary="Approve an action or request changes (editors)",
)
def approval_add(request: HttpRequest, code: str, uuid: str, payload: ApprovalIn) -> Any:
    access = plan_access_for(request, code, need="edit")
    action = _action(access, uuid)
    form = ApprovalForm(form_data(payload.dict()))
    user = signed_in_user(request)
    approval = save_with(services.approval_record, form, action=action, reviewer=user)
    return created(approval_out(approval))


# -- Prioritisation matrix -----------------------------------------------------------------


@router.get(
    f"{BASE}/criteria",
    response=answers(list[CriterionOut]),
    summary="Criteria of the prioritisation matrix",
)
def criteria_list(request: HttpRequest, code: str) -> Any:
    access = plan_access_for(request, code)
    return [criterion_out(c) for c in Criterion.objects.filter(plan=access.plan)]


@router.post(
    f"{BASE}/criteria",
    response=answers(CriterionOut, status=201),
    summary="Add a weighted criterion",
)
def criterion_add(request: HttpRequest, code: str, payload: CriterionIn) -> Any:
    access = plan_access_for(request, code, need="edit")
    form = CriterionForm(form_data(payload.dict()))
    return created(criterion_out(save_with(services.criterion_add, form, plan=access.plan)))


@router.delete(
    f"{BASE}/criteria/{{uuid}}",
    response=answers(Deleted),
    summary="Delete a criterion and its scores",
)
def criterion_delete(request: HttpRequest, code: str, uuid: str) -> Any:
    access = plan_access_for(request, code, need="edit")
    criterion = get_or_404(Criterion.objects.all(), plan=access.plan, uuid=uuid)
    return delete_with(services.criterion_delete, criterion=criterion)


@router.get(
    f"{BASE}/scores",
    response=answers(list[ScoreCell]),
    summary="Each action's score (1-5) on each criterion",
)
def scores_get(request: HttpRequest, code: str) -> Any:
    access = plan_access_for(request, code)
    scores = Score.objects.filter(action__plan=access.plan).select_related("action", "criterion")
    return [
        {"action": s.action.uuid, "criterion": s.criterion.uuid, "score": s.score} for s in scores
    ]


@router.put(
    f"{BASE}/scores",
    response=answers(list[ScoreCell]),
    summary="Set the whole matrix: cells left out or null are cleared (editors)",
)
def scores_set(request: HttpRequest, code: str, payload: list[ScoreCell]) -> Any:
    access = plan_access_for(request, code, need="edit")
    actions = list(StrategicAction.objects.filter(plan=access.plan))
    criteria = list(Criterion.objects.filter(plan=access.plan))
    form = ScoresForm(
        form_data({f"s-{c.action}-{c.criterion}": c.score for c in payload}),
        actions=actions, criteria=criteria,
    )  # fmt: skip
    unknown = [k for k in form.data if k not in form.fields]
    if unknown:
        raise invalid("scores", "Score this plan's actions on this plan's criteria.")
    form_check(form)
    by_action: dict[Any, dict[Any, int | None]] = {}
    for name, (action, criterion) in form.cells.items():
        by_action.setdefault(action, {})[criterion] = form.cleaned_data[name]
    with saving():
        services.matrix_scores_set(scores=by_action)
    return scores_get(request, code)


# -- Step 8: measures and targets ----------------------------------------------------------


def _elements_for(access: PlanAccess, keep: LogicElement | None = None) -> list[LogicElement]:
    """As the page: all elements for editors; a contributor's own actions' elements."""
    elements = LogicElement.objects.filter(action__plan=access.plan).select_related("action")
    if access.can_edit:
        return list(elements)
    return [e for e in elements if e.action.owner_id == access.membership.pk or e == keep]


def _measure(access: PlanAccess, uuid: str, *, change: bool = False) -> Measure:
    measure = get_or_404(
        Measure.objects.select_related("element__action", "owner", "collector", "reporter",
                                       "baseline_indicator"),
        plan=access.plan, uuid=uuid,
    )  # fmt: skip
    if change:
        require(
            access.may_change(assigned_to=measure.owner),
            "Only the measure's owner or an editor may change it.",
        )
    return measure


def _measure_save(access: PlanAccess, measure: Measure | None, values: dict[str, Any]) -> Any:
    values = dict(values)
    if isinstance(values.get("breakdowns"), list):
        values["breakdowns"] = ", ".join(values["breakdowns"])
    form = MeasureForm(
        form_data(values), plan=access.plan, can_edit=access.can_edit,
        elements=_elements_for(access, measure.element if measure else None),
        options=baseline_options(plan=access.plan),
        local_options=local_baseline_options(plan=access.plan),
    )  # fmt: skip
    model_to(form, collector="uuid", reporter="uuid", owner="uuid")
    form_check(form)
    fields = form.measure_fields()
    if measure is None and not access.can_edit:
        fields["owner"] = access.membership  # a contributor's new measure is theirs
    with saving():
        return services.measure_save(
            plan=access.plan, measure=measure, element=form.cleaned_data["element"], **fields
        )


@router.get(
    f"{BASE}/measures",
    response=answers(list[MeasureOut]),
    summary="The measurement plan's measures with targets",
)
def measures_list(request: HttpRequest, code: str) -> Any:
    access = plan_access_for(request, code)
    found = Measure.objects.filter(plan=access.plan).select_related(
        "element__action", "owner", "collector", "reporter", "baseline_indicator"
    )
    return [measure_out(m) for m in found.prefetch_related("targets")]


@router.get(
    f"{BASE}/baseline-options",
    response=answers(list[BaselineOptionOut]),
    summary="Baselines a measure may take: Mobility Metrics values and local indicators",
)
def baseline_options_list(request: HttpRequest, code: str) -> Any:
    access = plan_access_for(request, code)
    rows = [{"key": o.key, "group": o.group, "label": o.label}
            for o in baseline_options(plan=access.plan)]  # fmt: skip
    rows += [{"key": o.key, "group": o.group, "label": o.label}
             for o in local_baseline_options(plan=access.plan)]  # fmt: skip
    return rows


@router.get(f"{BASE}/measures/{{uuid}}", response=answers(MeasureOut), summary="One measure")
def measure_get(request: HttpRequest, code: str, uuid: str) -> Any:
    return measure_out(_measure(plan_access_for(request, code), uuid))


@router.post(
    f"{BASE}/measures",
    response=answers(MeasureOut, status=201),
    summary="Add a measure to a logic-model element (editors; a contributor on their own actions)",
)
def measure_create(request: HttpRequest, code: str, payload: MeasureIn) -> Any:
    access = plan_access_for(request, code, need="contribute")
    changes = payload.dict(exclude_unset=True)
    if not access.can_edit:
        require("owner" not in changes, "A contributor's new measure is their own.")
    else:  # as on the page, whoever adds a measure owns it unless they name someone
        changes.setdefault("owner", access.membership.uuid)
    return created(measure_out(_measure_save(access, None, changes)))


@router.patch(
    f"{BASE}/measures/{{uuid}}",
    response=answers(MeasureOut),
    summary="Change a measure (editors, or a contributor who owns it)",
)
def measure_update(request: HttpRequest, code: str, uuid: str, payload: MeasureIn) -> Any:
    access = plan_access_for(request, code, need="contribute")
    measure = _measure(access, uuid, change=True)
    changes = payload.dict(exclude_unset=True)
    if not access.can_edit:
        require(
            "owner" not in changes, "A contributor does not hand their measure to someone else."
        )
    current = {
        key: (member_key(value) if key in ("collector", "reporter", "owner") else value)
        for key, value in measure_initial(measure=measure).items()
    }
    if {"baseline_pick", "baseline_local", "baseline_local_year", "baseline_value",
        "baseline_year"} & set(changes):  # fmt: skip
        for key in ("baseline_pick", "baseline_local", "baseline_local_year", "baseline_value",
                    "baseline_year"):  # fmt: skip
            current.pop(key, None)  # a new baseline replaces the old one whatever its source
    _measure_save(access, measure, {**current, **changes})
    return measure_out(_measure(access, uuid))


@router.post(
    f"{BASE}/measures/{{uuid}}/targets",
    response=answers(TargetOut, status=201),
    summary="Add a target (a value, or a gap between two groups)",
)
def target_add(request: HttpRequest, code: str, uuid: str, payload: TargetIn) -> Any:
    access = plan_access_for(request, code, need="contribute")
    measure = _measure(access, uuid, change=True)
    form = TargetForm(form_data(payload.dict()))
    return created(target_out(save_with(services.target_add, form, measure=measure)))


@router.delete(f"{BASE}/targets/{{uuid}}", response=answers(Deleted), summary="Remove a target")
def target_delete(request: HttpRequest, code: str, uuid: str) -> Any:
    access = plan_access_for(request, code, need="contribute")
    target = get_or_404(
        MeasureTarget.objects.select_related("measure__owner"), measure__plan=access.plan, uuid=uuid
    )
    require(
        access.may_change(assigned_to=target.measure.owner),
        "Only the measure's owner or an editor may change it.",
    )
    return delete_with(services.target_delete, target=target)


# -- Reporting schedule, evaluation, sustainability ----------------------------------------


def reporting_out(r: ReportingItem) -> dict[str, Any]:
    return {"uuid": r.uuid, "what": r.what, "audience": r.audience, "frequency": r.frequency,
            "responsible": member_key(r.responsible)}  # fmt: skip


def evaluation_out(e: EvaluationQuestion) -> dict[str, Any]:
    return {"uuid": e.uuid, "question": e.question, "method": e.method, "who": e.who,
            "timing": e.timing}  # fmt: skip


@router.get(
    f"{BASE}/reporting",
    response=answers(list[ReportingOut]),
    summary="The reporting and accountability schedule",
)
def reporting_list(request: HttpRequest, code: str) -> Any:
    access = plan_access_for(request, code)
    found = ReportingItem.objects.filter(plan=access.plan).select_related("responsible")
    return [reporting_out(r) for r in found]


@router.post(
    f"{BASE}/reporting",
    response=answers(ReportingOut, status=201),
    summary="Add a line to the reporting schedule",
)
def reporting_add(request: HttpRequest, code: str, payload: ReportingIn) -> Any:
    access = plan_access_for(request, code, need="edit")
    form = model_to(ReportingForm(form_data(payload.dict()), plan=access.plan), responsible="uuid")
    return created(reporting_out(save_with(services.reporting_item_add, form, plan=access.plan)))


@router.delete(
    f"{BASE}/reporting/{{uuid}}",
    response=answers(Deleted),
    summary="Remove a line of the reporting schedule",
)
def reporting_delete(request: HttpRequest, code: str, uuid: str) -> Any:
    access = plan_access_for(request, code, need="edit")
    item = get_or_404(ReportingItem.objects.all(), plan=access.plan, uuid=uuid)
    return delete_with(item.delete)  # as the page does


@router.get(
    f"{BASE}/evaluation",
    response=answers(list[EvaluationOut]),
    summary="The evaluation plan's questions",
)
def evaluation_list(request: HttpRequest, code: str) -> Any:
    access = plan_access_for(request, code)
    return [evaluation_out(e) for e in EvaluationQuestion.objects.filter(plan=access.plan)]


@router.post(
    f"{BASE}/evaluation",
    response=answers(EvaluationOut, status=201),
    summary="Add an evaluation question",
)
def evaluation_add(request: HttpRequest, code: str, payload: EvaluationIn) -> Any:
    access = plan_access_for(request, code, need="edit")
    form = EvaluationForm(form_data(payload.dict()))
    item = save_with(services.evaluation_question_add, form, plan=access.plan)
    return created(evaluation_out(item))


@router.delete(
    f"{BASE}/evaluation/{{uuid}}",
    response=answers(Deleted),
    summary="Remove an evaluation question",
)
def evaluation_delete(request: HttpRequest, code: str, uuid: str) -> Any:
    access = plan_access_for(request, code, need="edit")
    item = get_or_404(EvaluationQuestion.objects.all(), plan=access.plan, uuid=uuid)
    return delete_with(item.delete)  # as the page does


def _sustainability(access: PlanAccess) -> list[dict[str, Any]]:
    found = {
        i.area: i
        for i in SustainabilityItem.objects.filter(plan=access.plan).prefetch_related("owners")
    }
    rows = []
    for area in SustainabilityArea:
        item = found.get(area.value)
        rows.append({"area": area.value, "text": item.text if item else "",
                     "owners": [m.uuid for m in item.owners.all()] if item else []})  # fmt: skip
    return rows


@router.get(
    f"{BASE}/sustainability",
    response=answers(list[SustainabilityOut]),
    summary="The sustainability worksheet",
)
def sustainability_get(request: HttpRequest, code: str) -> Any:
    return _sustainability(plan_access_for(request, code))


@router.put(
    f"{BASE}/sustainability",
    response=answers(list[SustainabilityOut]),
    summary="Save the worksheet: each area's text and owners (areas left out are emptied)",
)
def sustainability_set(request: HttpRequest, code: str, payload: list[SustainabilityIn]) -> Any:
    access = plan_access_for(request, code, need="edit")
    unknown = sorted({row.area for row in payload} - set(SustainabilityArea.values))
    if unknown:
        raise invalid("area", f"Unknown areas: {', '.join(unknown)}.")
    values: dict[str, Any] = {}
    for row in payload:
        values[f"{row.area}_text"] = row.text
        values[f"{row.area}_owners"] = [str(u) for u in row.owners]
    form = SustainabilityForm(form_data(values), plan=access.plan)
    model_to(form, **{f"{a.value}_owners": "uuid" for a in SustainabilityArea})
    form_check(form)
    with saving():
        services.sustainability_save(plan=access.plan, areas=form.areas())
    return _sustainability(access)


# -- Derived views (read) ------------------------------------------------------------------


class RankOut(Schema):
    rank: int
    action: UUID
    title: str
    priority: str
    scores: list[int | None]  # in the order of GET .../criteria
    total: Decimal
    average: Decimal | None
    complete: bool


class UncoveredOut(Schema):
    element: UUID
    action: UUID
    kind: str
    text: str


class CoverageOut(Schema):
    uncovered: list[UncoveredOut]
    outcomes_total: int
    outcomes_ready: int  # outcome elements with a measure that has a baseline and a target


@router.get(
    f"{BASE}/ranking",
    response=answers(list[RankOut]),
    summary="Actions ranked by their weighted scores",
)
def ranking_get(request: HttpRequest, code: str) -> Any:
    matrix = matrix_for(plan=plan_access_for(request, code).plan)
    return [
        {"rank": r.rank, "action": r.uuid, "title": r.title, "priority": r.priority,
         "scores": r.scores, "total": r.total, "average": r.average, "complete": r.complete}
        for r in matrix.rows
    ]  # fmt: skip


@router.get(
    f"{BASE}/coverage",
    response=answers(CoverageOut),
    summary="The coverage check: logic-model elements with no measure yet",
)
def coverage_get(request: HttpRequest, code: str) -> Any:
    data = measurement_plan(plan=plan_access_for(request, code).plan)
    return {
        "uncovered": [{"element": u.uuid, "action": u.action_uuid, "kind": u.kind, "text": u.text}
                      for u in data.uncovered],
        "outcomes_total": data.outcomes_total, "outcomes_ready": data.outcomes_ready,
    }  # fmt: skip
