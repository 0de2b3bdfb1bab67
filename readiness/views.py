"""Step 3 pages: assessments, rating a domain, gap actions, the decision, comparison."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from plans.access import PlanAccess, plan_for_user
from plans.models import Membership
from readiness import selectors, services
from readiness.charts import scorecard_spec
from readiness.forms import (
    AssessmentEditForm,
    AssessmentStartForm,
    CompareForm,
    DecisionForm,
    DomainAddForm,
    DomainForm,
    GapUpdateForm,
    ItemForm,
)
from readiness.models import Assessment, Domain, Item

TEMPLATE_DIR = "readiness"


def _assessment(access: PlanAccess, uuid: object) -> Assessment:
    return get_object_or_404(Assessment, plan=access.plan, uuid=uuid)


def _chart(view: selectors.AssessmentView) -> dict[str, Any]:
    subtitle = "Share of items at each rating. Score: 0 not in place to 3 fully in place."
    return scorecard_spec(
        scorecard=view.scorecard, title=f"Readiness by domain, {view.label}", subtitle=subtitle
    )


@login_required
def readiness_home(request: HttpRequest, code: str) -> HttpResponse:
    access = plan_for_user(request, code)
    overview = selectors.readiness_overview(plan=access.plan, access=access)
    context = {
        "access": access, "overview": overview, "start_form": AssessmentStartForm(),
        "spec": _chart(overview.latest) if overview.latest else None,
    }  # fmt: skip
    return render(request, "readiness/home.html", context)


@login_required
@require_POST
def assessment_start(request: HttpRequest, code: str) -> HttpResponse:
    access = plan_for_user(request, code, need="edit")
    form = AssessmentStartForm(request.POST)
    if not form.is_valid():
        overview = selectors.readiness_overview(plan=access.plan, access=access)
        context = {"access": access, "overview": overview, "start_form": form, "spec": None}
        return render(request, "readiness/home.html", context, status=400)
    assessment = services.assessment_start(plan=access.plan, user=request.user, **form.cleaned_data)  # type: ignore[arg-type]
    messages.success(request, "The assessment is ready: rate each domain's items.")
    return redirect("readiness:assessment", code, assessment.uuid)


@login_required
def assessment_page(request: HttpRequest, code: str, assessment: str) -> HttpResponse:
    access = plan_for_user(request, code)
    view = selectors.assessment_view(assessment=_assessment(access, assessment), access=access)
    context = {"access": access, "view": view, "spec": _chart(view), "add_form": DomainAddForm()}
    return render(request, "readiness/assessment.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def assessment_edit(request: HttpRequest, code: str, assessment: str) -> HttpResponse:
    access = plan_for_user(request, code, need="edit")
    record = _assessment(access, assessment)
    initial = {"assessed_on": record.assessed_on, "title": record.title}
    form = AssessmentEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.assessment_details_update(assessment=record, **form.cleaned_data)
        messages.success(request, "The assessment's date and name are saved.")
        return redirect("readiness:assessment", code, assessment)
    context = {"access": access, "assessment": record, "form": form}
    return render(request, "readiness/edit.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def assessment_delete(request: HttpRequest, code: str, assessment: str) -> HttpResponse:
    access = plan_for_user(request, code, need="edit")
    record = _assessment(access, assessment)
    services.assessment_delete(assessment=record)
    messages.success(request, f"“{record.label()}” is deleted, with its ratings and gap actions.")
    return redirect("readiness:home", code)


@login_required
@require_POST
def domain_add(request: HttpRequest, code: str, assessment: str) -> HttpResponse:
    access = plan_for_user(request, code, need="edit")
    record = _assessment(access, assessment)
    form = DomainAddForm(request.POST)
    if not form.is_valid():
        view = selectors.assessment_view(assessment=record, access=access)
        context = {"access": access, "view": view, "spec": _chart(view), "add_form": form}
        return render(request, "readiness/assessment.html", context, status=400)
    domain = services.domain_add(assessment=record, **form.cleaned_data)
    messages.success(request, f"Domain “{domain.title}” added: now add its items.")
    return redirect("readiness:domain", code, record.uuid, domain.uuid)


@login_required
@require_http_methods(["GET", "POST"])
def domain_edit(request: HttpRequest, code: str, assessment: str, domain: str) -> HttpResponse:
    access = plan_for_user(request, code, need="edit")
    record = get_object_or_404(Domain, assessment=_assessment(access, assessment), uuid=domain)
    data = request.POST if request.method == "POST" else None
    form = DomainForm(data, initial={"title": record.title, "description": record.description})
    members = list(Membership.objects.filter(plan=access.plan).select_related("user"))
    items = [ItemForm(data, item=item, members=members) for item in record.items.all()]
    if data is not None and form.is_valid() and all(f.is_valid() for f in items):
        services.domain_update(
            domain=record, title=form.cleaned_data["title"],
            description=form.cleaned_data["description"],
            changes=[_change(f) for f in items], new_item=form.cleaned_data["new_item"],
        )  # fmt: skip
        messages.success(request, f"“{record.title}” is saved.")
        url = reverse("readiness:assessment", args=[code, assessment])
        return redirect(f"{url}#domain-{record.uuid}")
    previous = selectors.previous_ratings(assessment=record.assessment)
    rows = [(f, previous.get(f.item.key, "")) for f in items]
    context = {"access": access, "domain": record, "form": form, "rows": rows}
    return render(request, "readiness/domain.html", context, status=400 if data else 200)


def _change(form: ItemForm) -> services.ItemChange:
    data = form.cleaned_data
    return services.ItemChange(
        item=form.item, text=data["text"], rating=data["rating"], evidence=data["evidence"],
        gap_action=data["gap_action"], gap_owner=form.owner(), gap_due=data["gap_due"],
        gap_status=data["gap_status"], remove=data["remove"],
    )  # fmt: skip


@login_required
@require_POST
def domain_remove(request: HttpRequest, code: str, assessment: str, domain: str) -> HttpResponse:
    access = plan_for_user(request, code, need="edit")
    record = get_object_or_404(Domain, assessment=_assessment(access, assessment), uuid=domain)
    services.domain_remove(domain=record)
    messages.success(request, f"Domain “{record.title}” and its items are removed.")
    return redirect("readiness:assessment", code, assessment)


@login_required
@require_http_methods(["GET", "POST"])
def gap_update(request: HttpRequest, code: str, assessment: str, item: str) -> HttpResponse:
    access = plan_for_user(request, code, need="contribute")
    record = get_object_or_404(
        Item.objects.select_related("domain", "gap_owner__user"),
        domain__assessment=_assessment(access, assessment), uuid=item, gap_action__gt="",
    )  # fmt: skip
    if not access.may_change(assigned_to=record.gap_owner):
        raise PermissionDenied("Only the owner of this gap action, or an editor, may update it.")
    initial = {"status": record.gap_status, "note": record.gap_note}
    form = GapUpdateForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.item_gap_update(item=record, **form.cleaned_data)
        messages.success(request, "The gap action is updated.")
        return redirect("readiness:home", code)
    return render(request, "readiness/gap.html", {"access": access, "item": record, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def assessment_decision(request: HttpRequest, code: str, assessment: str) -> HttpResponse:
    access = plan_for_user(request, code, need="edit")
    record = _assessment(access, assessment)
    initial = {"decision": record.decision, "rationale": record.rationale,
               "decided_on": record.decided_on or None}  # fmt: skip
    form = DecisionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.assessment_decide(assessment=record, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"Decision recorded: {record.get_decision_display()}.")
            return redirect("readiness:assessment", code, assessment)
    context = {"access": access, "assessment": record, "form": form}
    return render(request, "readiness/decision.html", context)


@login_required
def assessment_compare_page(request: HttpRequest, code: str) -> HttpResponse:
    access = plan_for_user(request, code)
    assessments = selectors.plan_assessments(plan=access.plan)
    form = CompareForm(request.GET or None)
    comparison = None
    if form.is_valid():
        before = _assessment(access, form.cleaned_data["before"])
        after = _assessment(access, form.cleaned_data["after"])
        comparison = selectors.assessment_compare(before=before, after=after)
    context = {"access": access, "assessments": assessments, "form": form, "comparison": comparison}
    return render(request, "readiness/compare.html", context)
