"""Pages of the planning workspace: the plan list, a plan's home, steps 1 and 2, members."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from plans import services
from plans.access import plan_for_user, signed_in_user
from plans.forms import (
    ApproachForm,
    InsightDecisionForm,
    InsightEditForm,
    InsightWriteForm,
    InviteForm,
    PlanCreateForm,
    RoleForm,
)
from plans.models import ROLE_HELP, Invitation, Membership, PlanInsight
from plans.selectors import plan_home, plan_members, plan_metrics, plans_for_user
from plans.services import PRINCIPLES
from plans.sustain import sustain_tools


@login_required
def plan_list(request: HttpRequest) -> HttpResponse:
    return render(
        request, "plans/list.html", {"plans": plans_for_user(user=signed_in_user(request))}
    )


@login_required
@require_http_methods(["GET", "POST"])
def plan_create(request: HttpRequest) -> HttpResponse:
    initial = {"jurisdiction": request.GET.get("geoid", "")[:7]}
    form = PlanCreateForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            plan = services.plan_create(
                user=signed_in_user(request), title=data["title"], geography=data["jurisdiction"],
                lead_name=data["lead_name"], lead_kind=data["lead_kind"],
            )  # fmt: skip
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"“{plan.title}” is ready. Start with step 1.")
            return redirect("plans:home", plan.code)
    return render(request, "plans/create.html", {"form": form})


@login_required
def plan_home_page(request: HttpRequest, code: str) -> HttpResponse:
    access = plan_for_user(request, code)
    home = plan_home(plan=access.plan)
    tools = sustain_tools(plan=access.plan)
    context = {"access": access, "home": home, "sustain_tools": tools}
    return render(request, "plans/home.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def plan_approach(request: HttpRequest, code: str) -> HttpResponse:
    access = plan_for_user(request, code, need="edit" if request.method == "POST" else "view")
    plan = access.plan
    initial = {"purpose": plan.purpose, "principles": plan.principles, "notes": plan.approach_notes}
    form = ApproachForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.plan_approach_update(
            plan=plan, purpose=data["purpose"], principles=data["principles"], notes=data["notes"]
        )
        messages.success(request, "The approach is saved.")
        return redirect("plans:approach", plan.code)
    context = {"access": access, "form": form, "principles": PRINCIPLES}
    return render(request, "plans/approach.html", context)


@login_required
def plan_metrics_page(request: HttpRequest, code: str) -> HttpResponse:
    access = plan_for_user(request, code)
    data = plan_metrics(plan=access.plan)
    return render(request, "plans/metrics.html", {"access": access, "data": data})


@login_required
@require_POST
def plan_peers(request: HttpRequest, code: str) -> HttpResponse:
    access = plan_for_user(request, code, need="edit")
    try:
        chosen = services.plan_peers_choose(plan=access.plan, geoids=request.POST.getlist("peer"))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"Peer set saved: {len(chosen)} places.")
    return redirect("plans:metrics", code)


@login_required
@require_POST
def plan_insight_decide(request: HttpRequest, code: str) -> HttpResponse:
    access = plan_for_user(request, code, need="edit")
    form = InsightDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "That decision could not be read; try again.")
        return redirect("plans:metrics", code)
    try:
        services.insight_decide_by_key(
            plan=access.plan,
            key=form.cleaned_data["key"],
            keep=form.cleaned_data["decision"] == "keep",
            user=signed_in_user(request),
            statement=form.cleaned_data["statement"],
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("plans:metrics", code)
    return redirect(reverse("plans:metrics", args=[code]) + "#suggested")


@login_required
@require_POST
def plan_insight_write(request: HttpRequest, code: str) -> HttpResponse:
    access = plan_for_user(request, code, need="edit")
    form = InsightWriteForm(request.POST)
    if form.is_valid():
        services.insight_write(
            plan=access.plan, statement=form.cleaned_data["statement"],
            note=form.cleaned_data["note"], metric_slug=form.cleaned_data["metric"],
            user=signed_in_user(request),
        )  # fmt: skip
        messages.success(request, "Your insight is added.")
    else:
        messages.error(request, "Write the insight before adding it.")
    return redirect(reverse("plans:metrics", args=[code]) + "#kept")


@login_required
@require_http_methods(["GET", "POST"])
def plan_insight_edit(request: HttpRequest, code: str, uuid: str) -> HttpResponse:
    access = plan_for_user(request, code, need="edit" if request.method == "POST" else "view")
    record = get_object_or_404(PlanInsight, plan=access.plan, uuid=uuid)
    initial = {"statement": record.statement, "note": record.note, "keep": record.status == "kept"}
    form = InsightEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.insight_update(record=record, **form.cleaned_data)
        messages.success(request, "The insight is saved.")
        return redirect(reverse("plans:metrics", args=[code]) + "#kept")
    return render(
        request, "plans/insight_edit.html", {"access": access, "form": form, "record": record}
    )


@login_required
@require_http_methods(["GET", "POST"])
def plan_members_page(request: HttpRequest, code: str) -> HttpResponse:
    access = plan_for_user(request, code, need="manage" if request.method == "POST" else "view")
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        accept = request.build_absolute_uri(reverse("plans:invitations"))
        try:
            services.invitation_create(
                plan=access.plan, email=form.cleaned_data["email"], role=form.cleaned_data["role"],
                invited_by=signed_in_user(request), accept_url=accept,
            )  # fmt: skip
        except ValidationError as exc:
            form.add_error("email", exc)
        else:
            messages.success(request, f"Invitation sent to {form.cleaned_data['email']}.")
            return redirect("plans:members", code)
    context = {
        "access": access,
        "members": plan_members(plan=access.plan),
        "invitations": access.plan.invitations.filter(accepted_at__isnull=True),
        "form": form,
        "role_help": ROLE_HELP,
        "role_form": RoleForm(),
    }
    return render(request, "plans/members.html", context)


@login_required
@require_POST
def plan_member_change(request: HttpRequest, code: str, member: str) -> HttpResponse:
    access = plan_for_user(request, code, need="manage")
    membership = get_object_or_404(Membership, plan=access.plan, uuid=member)
    try:
        if request.POST.get("action") == "remove":
            services.membership_remove(membership=membership)
            messages.success(request, f"{membership.user} is no longer a member.")
        else:
            form = RoleForm(request.POST)
            if not form.is_valid():
                raise ValidationError("Choose a role from the list.")
            services.membership_role_set(membership=membership, role=form.cleaned_data["role"])
            messages.success(request, f"{membership.user} is now {membership.get_role_display()}.")
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("plans:members", code)


@login_required
@require_http_methods(["GET", "POST"])
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    invitation = Invitation.objects.select_related("plan").filter(token=token).first()
    if invitation is None or not invitation.is_open():
        raise Http404("This invitation does not exist or has been used.")
    if request.method == "POST":
        services.invitation_accept(invitation=invitation, user=signed_in_user(request))
        messages.success(request, f"You joined “{invitation.plan.title}”.")
        return redirect("plans:home", invitation.plan.code)
    return render(request, "plans/invitation.html", {"invitation": invitation})
