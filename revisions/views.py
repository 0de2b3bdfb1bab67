"""Revision pages: the log, a subject's versions with the form to revise it, the public
history of a published plan."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from plans.access import plan_for_user
from plans.models import Plan
from revisions import selectors, services
from revisions.forms import FORMS
from revisions.models import SubjectKind


@login_required
def revision_log(request: HttpRequest, code: str) -> HttpResponse:
    access = plan_for_user(request, code)
    kind = request.GET.get("kind", "")
    kind = kind if kind in SubjectKind.values else ""
    context = {
        "access": access, "kind": kind, "kinds": SubjectKind.choices,
        "log": selectors.revision_log(plan=access.plan, kind=kind or None),
        "revisable": selectors.revisable_list(plan=access.plan),
        "public": selectors.history_is_public(plan=access.plan),
    }  # fmt: skip
    return render(request, "revisions/log.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def subject_page(request: HttpRequest, code: str, kind: str, uuid: str) -> HttpResponse:
    access = plan_for_user(request, code, need="edit" if request.method == "POST" else "view")
    record = selectors.subject_get(plan=access.plan, kind=kind, uuid=uuid)
    subject = selectors.subject_history(plan=access.plan, kind=kind, record=record)
    initial = {**subject.values, "loaded": subject.fingerprint}
    form = FORMS[kind](request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.subject_revise(
                plan=access.plan, kind=kind, subject=record, changes=form.changes(),
                why=form.cleaned_data["why"], learned=form.cleaned_data["learned"],
                decided_by=form.cleaned_data["decided_by"],
                decided_on=form.cleaned_data["decided_on"],
                user=request.user, loaded=form.cleaned_data["loaded"],  # type: ignore[arg-type]
            )  # fmt: skip
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "The change is made and recorded in the revision log.")
            return redirect("revisions:subject", code, kind, uuid)
    status = 400 if request.method == "POST" else 200
    context = {"access": access, "subject": subject, "form": form}
    return render(request, "revisions/subject.html", context, status=status)


@login_required
@require_POST
def history_public(request: HttpRequest, code: str) -> HttpResponse:
    access = plan_for_user(request, code, need="manage")
    public = request.POST.get("public") == "on"
    services.history_public_set(plan=access.plan, public=public)
    messages.success(
        request,
        "The public plan page now shows the revision history."
        if public
        else "The revision history is no longer public.",
    )
    return redirect("revisions:log", code)


def public_history(request: HttpRequest, code: str) -> HttpResponse:
    plan = get_object_or_404(Plan.objects.select_related("geography"), code=code)
    if not plan.published or not selectors.history_is_public(plan=plan):
        raise Http404("This plan's history is not published.")
    context = {"plan": plan, "log": selectors.revision_log(plan=plan)}
    return render(request, "revisions/public.html", context)
