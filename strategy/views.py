"""Pages of step 7: vision, priorities and theories of change, strategic actions with their
logic models and line of sight, the prioritisation matrix, review and approval."""

from __future__ import annotations

from typing import cast

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from plans.access import Need, PlanAccess, plan_for_user
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
    Criterion,
    EvaluationQuestion,
    LogicElement,
    Measure,
    MeasureTarget,
    Priority,
    ReportingItem,
    ReviewComment,
    StrategicAction,
)
from strategy.selectors import (
    action_detail,
    baseline_options,
    local_baseline_options,
    matrix_for,
    measure_initial,
    measure_item,
    measurement_plan,
    strategy_overview,
    sustainability_for,
    sustainability_owner_initial,
    vision_history,
)

GET_POST = require_http_methods(["GET", "POST"])


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)  # every view here requires a signed-in user


def _need(request: HttpRequest) -> Need:
    return "edit" if request.method == "POST" else "view"


def _action_for(
    request: HttpRequest, code: str, uuid: str, *, change: bool
) -> tuple[PlanAccess, StrategicAction]:
    """The action, checking that the user may change it when `change` (a contributor only
    when it is theirs)."""
    access = plan_for_user(request, code, need="contribute" if change else "view")
    action = get_object_or_404(
        StrategicAction.objects.select_related("plan__geography", "priority", "owner__user"),
        plan=access.plan,
        uuid=uuid,
    )
    if change and not access.may_change(assigned_to=action.owner):
        raise PermissionDenied("Only the action's owner or an editor may change it.")
    return access, action


def _action_url(code: str, action: StrategicAction, anchor: str = "") -> str:
    return reverse("strategy:action", args=[code, action.uuid]) + anchor


@login_required
def overview(request: HttpRequest, code: str) -> HttpResponse:
    access = plan_for_user(request, code)
    data = strategy_overview(plan=access.plan)
    return render(request, "strategy/overview.html", {"access": access, "data": data})


@login_required
@GET_POST
def vision(request: HttpRequest, code: str) -> HttpResponse:
    access = plan_for_user(request, code, need=_need(request))
    form = VisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.vision_write(plan=access.plan, user=_user(request), **form.cleaned_data)
        messages.success(request, "The new version of the vision is saved.")
        return redirect("strategy:overview", code)
    history = vision_history(plan=access.plan)
    if request.method == "GET" and history:
        form = VisionForm(initial={"text": history[0].text})
    context = {"access": access, "form": form, "history": history}
    return render(request, "strategy/vision.html", context)


@login_required
@GET_POST
def priority_edit(request: HttpRequest, code: str, uuid: str | None = None) -> HttpResponse:
    access = plan_for_user(request, code, need=_need(request))
    priority = get_object_or_404(Priority, plan=access.plan, uuid=uuid) if uuid else None
    initial = {}
    if priority is not None:
        initial = {f: getattr(priority, f) for f in PRIORITY_FIELDS}
        initial["pillars"] = [p.slug for p in priority.pillars.all()]
    form = PriorityForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        services.priority_save(
            plan=access.plan, priority=priority, pillars=data.pop("pillars"), **data
        )
        messages.success(request, f"The priority “{data['title']}” is saved.")
        return redirect("strategy:overview", code)
    context = {"access": access, "form": form, "priority": priority}
    return render(request, "strategy/priority_form.html", context)


PRIORITY_FIELDS = ("title", "description", "problem", "root_causes", "pathway", "assumptions")
ACTION_FIELDS = (
    "title",
    "description",
    "priority",
    "change_kinds",
    "lead_organisation",
    "owner",
    "backup",
    "starts_on",
    "ends_on",
    "equity_rationale",
)


def _action_initial(
    action: StrategicAction | None, access: PlanAccess, request: HttpRequest
) -> dict[str, object]:
    if action is None:
        try:  # "Add an action" from a priority preselects it
            found = Priority.objects.filter(plan=access.plan, uuid=request.GET.get("priority", ""))
            return {"priority": found.first()}
        except ValidationError:
            return {}
    initial: dict[str, object] = {f: getattr(action, f) for f in ACTION_FIELDS}
    initial["partners"] = list(action.partners.all())
    initial["predictors"] = [str(p.pk) for p in action.predictors.all()]
    return initial


def _action_form_page(
    request: HttpRequest, access: PlanAccess, action: StrategicAction | None
) -> HttpResponse:
    form = ActionForm(
        request.POST or None,
        initial=_action_initial(action, access, request),
        plan=access.plan,
        can_edit=access.can_edit,
    )
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.action_save(plan=access.plan, action=action, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"The action “{saved.title}” is saved.")
            return redirect(_action_url(access.plan.code, saved))
    context = {"access": access, "form": form, "action": action}
    return render(request, "strategy/action_form.html", context)


@login_required
@GET_POST
def action_new(request: HttpRequest, code: str) -> HttpResponse:
    access = plan_for_user(request, code, need=_need(request))
    if not Priority.objects.filter(plan=access.plan).exists():
        messages.info(request, "Add a priority first: every action serves one.")
        return redirect("strategy:priority-new", code)
    return _action_form_page(request, access, None)


@login_required
@GET_POST
def action_edit(request: HttpRequest, code: str, uuid: str) -> HttpResponse:
    access, action = _action_for(request, code, uuid, change=True)
    return _action_form_page(request, access, action)


@login_required
def action_page(request: HttpRequest, code: str, uuid: str) -> HttpResponse:
    access, action = _action_for(request, code, uuid, change=False)
    context = {
        "access": access,
        "detail": action_detail(action=action),
        "may_change": access.may_change(assigned_to=action.owner),
        "element_form": ElementForm(),
        "comment_form": CommentForm(),
        "approval_form": ApprovalForm(),
    }
    return render(request, "strategy/action.html", context)


@login_required
@require_POST
def element_add(request: HttpRequest, code: str, uuid: str) -> HttpResponse:
    _, action = _action_for(request, code, uuid, change=True)
    form = ElementForm(request.POST)
    if form.is_valid():
        services.element_add(action=action, **form.cleaned_data)
        messages.success(request, "Added to the logic model.")
    else:
        messages.error(request, "Choose a part of the logic model and write its text.")
    return redirect(_action_url(code, action, "#logic-model"))


@login_required
@GET_POST
def element_edit(request: HttpRequest, code: str, uuid: str, element: str) -> HttpResponse:
    access, action = _action_for(request, code, uuid, change=request.method == "POST")
    item = get_object_or_404(LogicElement, action=action, uuid=element)
    form = ElementEditForm(request.POST or None, initial={"text": item.text, "order": item.order})
    if request.method == "POST":
        if request.POST.get("delete"):
            services.element_delete(element=item)
            messages.success(request, "Removed from the logic model.")
            return redirect(_action_url(code, action, "#logic-model"))
        if form.is_valid():
            services.element_update(element=item, **form.cleaned_data)
            messages.success(request, "The logic model is saved.")
            return redirect(_action_url(code, action, "#logic-model"))
    context = {
        "access": access,
        "action": action,
        "element": item,
        "form": form,
        "may_change": access.may_change(assigned_to=action.owner),
    }
    return render(request, "strategy/element_form.html", context)


@login_required
@require_POST
def comment_add(request: HttpRequest, code: str, uuid: str) -> HttpResponse:
    access, action = _action_for(request, code, uuid, change=False)
    if not access.can_contribute:
        raise PermissionDenied("Viewers read the review; they do not comment.")
    form = CommentForm(request.POST)
    if form.is_valid():
        services.comment_add(action=action, author=_user(request), text=form.cleaned_data["text"])
        messages.success(request, "Your comment is added.")
    else:
        messages.error(request, "Write the comment before sending it.")
    return redirect(_action_url(code, action, "#review"))


@login_required
@require_POST
def comment_resolve(request: HttpRequest, code: str, uuid: str, comment: str) -> HttpResponse:
    access, action = _action_for(request, code, uuid, change=False)
    item = get_object_or_404(ReviewComment, action=action, uuid=comment)
    if not (access.can_edit or (access.can_contribute and item.author_id == request.user.pk)):
        raise PermissionDenied("Only editors and the comment's author mark it resolved.")
    services.comment_resolve(comment=item, resolved=request.POST.get("resolved") != "0")
    return redirect(_action_url(code, action, "#review"))


@login_required
@require_POST
def approval_add(request: HttpRequest, code: str, uuid: str) -> HttpResponse:
    access = plan_for_user(request, code, need="edit")
    action = get_object_or_404(StrategicAction, plan=access.plan, uuid=uuid)
    form = ApprovalForm(request.POST)
    if form.is_valid():
        services.approval_record(action=action, reviewer=_user(request), **form.cleaned_data)
        messages.success(request, "Your decision is recorded.")
    else:
        messages.error(request, "Choose approve or request changes.")
    return redirect(_action_url(code, action, "#review"))


@login_required
@GET_POST
def matrix(request: HttpRequest, code: str) -> HttpResponse:
    access = plan_for_user(request, code, need=_need(request))
    form = CriterionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.criterion_add(plan=access.plan, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error("name", exc)
        else:
            messages.success(request, "The criterion is added.")
            return redirect(reverse("strategy:matrix", args=[code]) + "#criteria")
    context = {"access": access, "form": form, "matrix": matrix_for(plan=access.plan)}
    return render(request, "strategy/matrix.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def criterion_delete(request: HttpRequest, code: str, criterion: str) -> HttpResponse:
    access = plan_for_user(request, code, need="edit")
    item = get_object_or_404(Criterion, plan=access.plan, uuid=criterion)
    services.criterion_delete(criterion=item)
    messages.success(request, f"The criterion “{item.name}” is removed with its scores.")
    return redirect(reverse("strategy:matrix", args=[code]) + "#criteria")


@login_required
@require_POST
def scores(request: HttpRequest, code: str) -> HttpResponse:
    access = plan_for_user(request, code, need="edit")
    actions = list(StrategicAction.objects.filter(plan=access.plan))
    form = ScoresForm(
        request.POST, actions=actions, criteria=list(Criterion.objects.filter(plan=access.plan))
    )
    if not form.is_valid():
        messages.error(request, "Scores go from 1 to 5; nothing was saved.")
        return redirect("strategy:matrix", code)
    by_action: dict[StrategicAction, dict[Criterion, int | None]] = {}
    for name, (action, criterion) in form.cells.items():
        if name in request.POST:  # a cell left out of the form keeps its score
            by_action.setdefault(action, {})[criterion] = form.cleaned_data[name]
    services.matrix_scores_set(scores=by_action)
    messages.success(request, "The scores are saved.")
    return redirect(reverse("strategy:matrix", args=[code]) + "#ranking")


# -- Step 8: the Measurement Plan ----------------------------------------------------------


def _measurement_url(code: str, anchor: str = "") -> str:
    return reverse("strategy:measurement", args=[code]) + anchor


@login_required
def measurement(request: HttpRequest, code: str) -> HttpResponse:
    access = plan_for_user(request, code)
    context = {
        "access": access,
        "data": measurement_plan(plan=access.plan),
        "reporting_form": ReportingForm(plan=access.plan),
        "evaluation_form": EvaluationForm(),
    }
    return render(request, "strategy/measurement.html", context)


def _elements_for(access: PlanAccess, keep: LogicElement | None = None) -> list[LogicElement]:
    """The elements a measure may be attached to: all for editors; for a contributor those
    of the actions they own (and the measure's current one)."""
    elements = LogicElement.objects.filter(action__plan=access.plan).select_related("action")
    elements = elements.order_by("action__created_at", "action__id", "order", "id")
    if access.can_edit:
        return list(elements)
    return [e for e in elements if e.action.owner_id == access.membership.pk or e == keep]


def _measure_form_page(
    request: HttpRequest, access: PlanAccess, measure: Measure | None
) -> HttpResponse:
    initial: dict[str, object] = {}
    if measure is not None:
        initial = measure_initial(measure=measure)
    else:
        initial = {"element": request.GET.get("element", ""), "owner": access.membership}
    form = MeasureForm(
        request.POST or None,
        initial=initial,
        plan=access.plan,
        can_edit=access.can_edit,
        elements=_elements_for(access, measure.element if measure else None),
        options=baseline_options(plan=access.plan),
        local_options=local_baseline_options(plan=access.plan),
    )
    if request.method == "POST" and form.is_valid():
        fields = form.measure_fields()
        if measure is None and not access.can_edit:
            fields["owner"] = access.membership  # a contributor's new measure is theirs
        try:
            saved = services.measure_save(
                plan=access.plan, measure=measure, element=form.cleaned_data["element"], **fields
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"The measure “{saved.name}” is saved.")
            return redirect("strategy:measure", access.plan.code, saved.uuid)
    context = {
        "access": access,
        "form": form,
        "measure": measure,
        "item": measure_item(measure) if measure else None,
        "target_form": TargetForm(),
        "may_change": measure is None or access.may_change(assigned_to=measure.owner),
    }
    return render(request, "strategy/measure.html", context, status=400 if form.errors else 200)


@login_required
@GET_POST
def measure_new(request: HttpRequest, code: str) -> HttpResponse:
    access = plan_for_user(request, code, need="contribute")
    if not _elements_for(access):
        messages.info(request, "A measure belongs to a logic-model element: add one first.")
        return redirect("strategy:overview", code)
    return _measure_form_page(request, access, None)


def _measure_for(
    request: HttpRequest, code: str, uuid: str, *, change: bool
) -> tuple[PlanAccess, Measure]:
    access = plan_for_user(request, code, need="contribute" if change else "view")
    measure = get_object_or_404(
        Measure.objects.select_related("element__action", "owner"), plan=access.plan, uuid=uuid
    )
    if change and not access.may_change(assigned_to=measure.owner):
        raise PermissionDenied("Only the measure's owner or an editor may change it.")
    return access, measure


@login_required
@GET_POST
def measure_page(request: HttpRequest, code: str, uuid: str) -> HttpResponse:
    access, measure = _measure_for(request, code, uuid, change=request.method == "POST")
    return _measure_form_page(request, access, measure)


@login_required
@require_POST
def target_add(request: HttpRequest, code: str, uuid: str) -> HttpResponse:
    _, measure = _measure_for(request, code, uuid, change=True)
    form = TargetForm(request.POST)
    if form.is_valid():
        services.target_add(measure=measure, **form.cleaned_data)
        messages.success(request, "The target is added.")
    else:
        messages.error(request, "The target was not added. " + _form_errors(form))
    return redirect(reverse("strategy:measure", args=[code, measure.uuid]) + "#targets")


@login_required
@require_POST
def target_delete(request: HttpRequest, code: str, uuid: str, target: str) -> HttpResponse:
    _, measure = _measure_for(request, code, uuid, change=True)
    services.target_delete(target=get_object_or_404(MeasureTarget, measure=measure, uuid=target))
    messages.success(request, "The target is removed.")
    return redirect(reverse("strategy:measure", args=[code, measure.uuid]) + "#targets")


def _form_errors(form: forms.Form) -> str:
    """The form's problems in one sentence list, for a message above a short form."""
    parts = []
    for name, errors in form.errors.items():
        words = " ".join(str(e) for e in errors)
        parts.append(f"{form.fields[name].label}: {words}" if name in form.fields else words)
    return " ".join(parts)


@login_required
@require_POST
def reporting_add(request: HttpRequest, code: str) -> HttpResponse:
    access = plan_for_user(request, code, need="edit")
    form = ReportingForm(request.POST, plan=access.plan)
    if form.is_valid():
        services.reporting_item_add(plan=access.plan, **form.cleaned_data)
        messages.success(request, "Added to the reporting schedule.")
    else:
        messages.error(request, "Not added to the schedule. " + _form_errors(form))
    return redirect(_measurement_url(code, "#schedule"))


@login_required
@require_POST
def evaluation_add(request: HttpRequest, code: str) -> HttpResponse:
    access = plan_for_user(request, code, need="edit")
    form = EvaluationForm(request.POST)
    if form.is_valid():
        services.evaluation_question_add(plan=access.plan, **form.cleaned_data)
        messages.success(request, "Added to the evaluation plan.")
    else:
        messages.error(request, "Not added to the evaluation plan. " + _form_errors(form))
    return redirect(_measurement_url(code, "#evaluation"))


@login_required
@require_POST
def schedule_item_delete(request: HttpRequest, code: str, kind: str, item: str) -> HttpResponse:
    access = plan_for_user(request, code, need="edit")
    model = {"reporting": ReportingItem, "evaluation": EvaluationQuestion}.get(kind)
    if model is None:
        raise Http404("Nothing of that kind here.")
    get_object_or_404(model, plan=access.plan, uuid=item).delete()
    messages.success(request, "Removed.")
    return redirect(_measurement_url(code, "#schedule" if kind == "reporting" else "#evaluation"))


@login_required
@GET_POST
def sustainability(request: HttpRequest, code: str) -> HttpResponse:
    access = plan_for_user(request, code, need=_need(request))
    rows = sustainability_for(plan=access.plan)
    initial: dict[str, object] = {}
    for row in rows:
        initial[f"{row.area}_text"] = row.text
    initial.update(sustainability_owner_initial(plan=access.plan))
    form = SustainabilityForm(request.POST or None, initial=initial, plan=access.plan)
    if request.method == "POST" and form.is_valid():
        services.sustainability_save(plan=access.plan, areas=form.areas())
        messages.success(request, "The sustainability worksheet is saved.")
        return redirect(_measurement_url(code, "#sustainability"))
    context = {"access": access, "form": form, "rows": rows}
    return render(request, "strategy/sustainability.html", context)


@login_required
@require_POST
def action_delete(request: HttpRequest, code: str, uuid: str) -> HttpResponse:
    access = plan_for_user(request, code, need="edit")
    action = get_object_or_404(StrategicAction, plan=access.plan, uuid=uuid)
    services.action_delete(action=action)
    messages.success(request, f"The action “{action.title}” is deleted.")
    return redirect("strategy:overview", code)


@login_required
@require_POST
def priority_delete(request: HttpRequest, code: str, uuid: str) -> HttpResponse:
    access = plan_for_user(request, code, need="edit")
    priority = get_object_or_404(Priority, plan=access.plan, uuid=uuid)
    try:
        services.priority_delete(priority=priority)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("strategy:priority", code, uuid)
    messages.success(request, f"The priority “{priority.title}” is deleted.")
    return redirect("strategy:overview", code)
