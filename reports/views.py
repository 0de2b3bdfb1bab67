"""Step 9 pages: the plan as a document (preview and downloads), the release page (letter,
checklist, publishing) and the public plan page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from plans.access import plan_for_user, signed_in_user
from plans.models import Plan
from reports import services
from reports.forms import ChecklistForm, PublishForm, ReleaseTextsForm
from reports.progress import public_settings
from reports.renderers import CONTENT_TYPES, document_render, document_view
from reports.selectors import (
    KINDS,
    document_build,
    public_document,
    publishable_parts,
    release_state,
)


def _public_url(request: HttpRequest, plan: Plan) -> str:
    return request.build_absolute_uri(reverse("public:plan", args=[plan.code]))


@login_required
def document_page(request: HttpRequest, code: str, kind: str = "map") -> HttpResponse:
    access = plan_for_user(request, code)
    document = document_build(
        plan=access.plan, kind=kind, public_url=_public_url(request, access.plan)
    )
    context = {
        "access": access,
        "document": document,
        "sections": document_view(document=document, charts="browser"),
        "kinds": KINDS,
    }
    return render(request, "reports/document.html", context)


@login_required
def document_download(request: HttpRequest, code: str, kind: str, fmt: str) -> HttpResponse:
    access = plan_for_user(request, code)
    document = document_build(
        plan=access.plan, kind=kind, public_url=_public_url(request, access.plan)
    )
    response = HttpResponse(
        document_render(document=document, fmt=fmt), content_type=CONTENT_TYPES[fmt]
    )
    response["Content-Disposition"] = f'attachment; filename="{access.plan.code}-{kind}.{fmt}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def release_page(request: HttpRequest, code: str) -> HttpResponse:
    access = plan_for_user(request, code, need="edit" if request.method == "POST" else "view")
    state = release_state(plan=access.plan)
    release = state.release
    initial = {
        "letter": release.letter if release else "",
        "letter_signed": release.letter_signed if release else "",
        "get_involved": release.get_involved if release else "",
    }
    form = ReleaseTextsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.release_texts_save(plan=access.plan, **form.cleaned_data)
        messages.success(request, "The texts for the release are saved.")
        return redirect("reports:release", code)
    context = {
        "access": access,
        "state": state,
        "form": form,
        "public_url": _public_url(request, access.plan),
    }
    return render(request, "reports/release.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def checklist_check(request: HttpRequest, code: str) -> HttpResponse:
    access = plan_for_user(request, code, need="edit")
    form = ChecklistForm(request.POST)
    if not form.is_valid():
        messages.error(request, "That checklist item could not be read; try again.")
    else:
        data = form.cleaned_data
        services.checklist_item_set(
            plan=access.plan, key=data["key"], checked=data["checked"],
            user=signed_in_user(request), note=data["note"],
        )  # fmt: skip
    return redirect(reverse("reports:release", args=[code]) + "#checklist")


@login_required
@require_POST
def plan_publish(request: HttpRequest, code: str) -> HttpResponse:
    access = plan_for_user(request, code, need="manage")
    available = publishable_parts(plan=access.plan)
    form = PublishForm(request.POST, parts=available)
    if not form.is_valid():
        messages.error(request, "Choose parts of the plan from the list.")
    elif form.cleaned_data["action"] == "unpublish":
        services.plan_unpublish(plan=access.plan)
        messages.success(request, "The public plan page is off.")
    else:
        try:
            services.plan_publish(
                plan=access.plan, parts=form.cleaned_data["parts"],
                available=[key for key, _ in available],
            )  # fmt: skip
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, "The plan is published.")
    return redirect(reverse("reports:release", args=[code]) + "#publish")


def _published_plan(code: str) -> Plan:
    plan = get_object_or_404(
        Plan.objects.select_related("geography", "lead_organisation"), code=code
    )
    if not plan.published:
        raise Http404("This plan is not published.")
    return plan


def public_plan(request: HttpRequest, code: str) -> HttpResponse:
    """Anyone, signed in or not: the published parts of a published plan, or 404."""
    plan = _published_plan(code)
    document = public_document(plan=plan)
    context = {
        "plan": plan,
        "document": document,
        "sections": document_view(document=document, charts="browser"),
        "progress_public": public_settings(plan=plan).shows_anything(),
    }
    return render(request, "reports/public.html", context)


def public_download(request: HttpRequest, code: str, fmt: str) -> HttpResponse:
    """The published parts as a PDF or Word file, for anyone."""
    plan = _published_plan(code)
    data = document_render(document=public_document(plan=plan), fmt=fmt)
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{plan.code}-plan.{fmt}"'
    return response
