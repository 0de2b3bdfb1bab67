"""Pages of step 7: vision, priorities and theories of change, strategic actions with their
logic models and line of sight, the prioritisation matrix, review and approval."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
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
    PriorityForm,
    ScoresForm,
    VisionForm,
)
from strategy.models import Criterion, LogicElement, Priority, ReviewComment, StrategicAction
from strategy.selectors import (
    action_detail,
    matrix_for,
    strategy_overview,
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
    context = {"access": access, "action": action, "element": item, "form": form}
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
