"""Step 10 pages: progress reports (draft for a period, issuing, issued versions) for members,
the choice of what is public, and the public progress page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from plans.access import PlanAccess, plan_for_user, signed_in_user
from plans.models import Plan
from reports import services
from reports.forms import PeriodForm, ProgressPublicForm
from reports.frozen import document_from
from reports.models import ProgressReport
from reports.periods import PeriodError, period_parse, period_previous
from reports.progress import (
    issued_get,
    issued_list,
    progress_report_build,
    public_progress,
    public_progress_fingerprint,
)
from reports.progress import public_settings as settings_of
from reports.renderers import CONTENT_TYPES, document_render, document_view

FILE_TYPES = {"pdf": "PDF", "docx": "Word"}


def _settings_form(access: PlanAccess, data: dict | None = None) -> ProgressPublicForm | None:
    if not access.can_manage:
        return None
    chosen = settings_of(plan=access.plan)
    initial = {
        "show_actions": chosen.show_actions,
        "show_measures": chosen.show_measures,
        "show_report": chosen.show_report,
        "show_names": chosen.show_names,
        "version": chosen.version,
    }
    return ProgressPublicForm(data, initial=initial)


@login_required
def progress_page(request: HttpRequest, code: str) -> HttpResponse:
    """Issued reports of the plan and a draft of the report for a period, from the data now."""
    access = plan_for_user(request, code)
    form = PeriodForm(request.GET or {"period": period_previous().key})
    context: dict = {
        "access": access,
        "form": form,
        "issued": issued_list(plan=access.plan),
        "settings_form": _settings_form(access),
        "public": settings_of(plan=access.plan),
    }
    if not form.is_valid():
        return render(request, "reports/progress.html", context, status=400)
    period = form.cleaned_data["period"]
    document = progress_report_build(plan=access.plan, period=period).document
    context.update(
        period=period,
        document=document,
        sections=document_view(document=document, charts="browser"),
    )
    return render(request, "reports/progress.html", context)


@login_required
def progress_download(request: HttpRequest, code: str, period: str, fmt: str) -> HttpResponse:
    """The draft report of a period as a file."""
    access = plan_for_user(request, code)
    try:
        chosen = period_parse(text=period)
    except PeriodError as exc:
        raise Http404(str(exc)) from exc
    document = progress_report_build(plan=access.plan, period=chosen).document
    return _file(
        document_render(document=document, fmt=fmt),
        fmt,
        f"{access.plan.code}-progress-{chosen.key}-draft.{fmt}",
    )


def _file(data: bytes, fmt: str, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_POST
def progress_issue(request: HttpRequest, code: str) -> HttpResponse:
    access = plan_for_user(request, code, need="edit")
    form = PeriodForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for e in form.errors["period"]))
        return redirect("reports:progress", code)
    report = services.progress_report_issue(
        plan=access.plan, period=form.cleaned_data["period"], user=signed_in_user(request)
    )
    messages.success(
        request, f"The progress report for {report.period} is issued (version {report.number})."
    )
    return redirect("reports:progress_issued", code, report.uuid)


def _issued_or_404(access: PlanAccess, report: str) -> ProgressReport:
    found = issued_get(plan=access.plan, uuid=report)
    if found is None:
        raise Http404("There is no such issued report.")
    return found


@login_required
def issued_page(request: HttpRequest, code: str, report: str) -> HttpResponse:
    """An issued report exactly as it was issued."""
    access = plan_for_user(request, code)
    found = _issued_or_404(access, report)
    document = document_from(data=found.content)
    context = {
        "access": access,
        "report": found,
        "document": document,
        "sections": document_view(document=document, charts="browser"),
    }
    return render(request, "reports/progress_issued.html", context)


@login_required
def issued_download(request: HttpRequest, code: str, report: str, fmt: str) -> HttpResponse:
    access = plan_for_user(request, code)
    found = _issued_or_404(access, report)
    return _issued_file(found, fmt)


def _issued_file(found: ProgressReport, fmt: str) -> HttpResponse:
    name = f"{found.plan.code}-progress-{found.period}-v{found.number}.{fmt}"
    if fmt in ("pdf", "docx"):
        return _file(services.progress_report_file(report=found, fmt=fmt), fmt, name)
    return _file(document_render(document=document_from(data=found.content), fmt=fmt), fmt, name)


@login_required
@require_POST
def progress_public_save(request: HttpRequest, code: str) -> HttpResponse:
    access = plan_for_user(request, code, need="manage")
    form = ProgressPublicForm(request.POST)
    if not form.is_valid():
        messages.error(request, "The choices could not be read; try again.")
    else:
        try:
            services.progress_public_save(plan=access.plan, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, "The public progress page shows what you chose.")
    return redirect(reverse("reports:progress", args=[code]) + "#public")


# -- public --------------------------------------------------------------------------------


def _public_plan(code: str) -> Plan:
    plan = get_object_or_404(Plan.objects.select_related("geography"), code=code)
    if not plan.published:
        raise Http404("This plan is not published.")
    return plan


PUBLIC_CACHE_SECONDS = 300


def public_progress_page(request: HttpRequest, code: str) -> HttpResponse:
    """Anyone: what the owner chose to show about progress, or 404 while nothing is. The
    page is the same for everyone: it is kept in the cache until anything it shows changes
    (a fingerprint of the plan's progress data, read in a few small queries)."""
    plan = _public_plan(code)
    if not settings_of(plan=plan).shows_anything():
        raise Http404("This plan shows no progress in public yet.")
    key = f"progress-public:{plan.pk}:{public_progress_fingerprint(plan=plan)}"
    body = cache.get(key)
    if body is None:
        context = {"plan": plan, "progress": public_progress(plan=plan)}
        body = render_to_string("reports/_public_progress_body.html", context)
        cache.set(key, body, PUBLIC_CACHE_SECONDS)
    # The body is our own template's output, every typed text escaped in it.
    context = {"plan": plan, "body": mark_safe(body)}  # noqa: S308
    return render(request, "reports/public_progress.html", context)


def public_progress_report(request: HttpRequest, code: str, fmt: str) -> HttpResponse:
    """Anyone: the latest issued progress report, when the owner chose to show it."""
    plan = _public_plan(code)
    if not settings_of(plan=plan).show_report:
        raise Http404("This plan does not share its progress reports.")
    found = ProgressReport.objects.filter(plan=plan).order_by("-issued_at", "-id").first()
    if found is None:
        raise Http404("No progress report has been issued yet.")
    return _issued_file(found, fmt)
