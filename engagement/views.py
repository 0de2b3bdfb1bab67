"""Pages of step 6: activities, feedback and themes, findings, report-backs, and the
summary to share with participants."""

from __future__ import annotations

import csv
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from engagement import selectors, services
from engagement.feedback_csv import feedback_csv_import
from engagement.forms import (
    ActivityForm,
    FeedbackForm,
    FeedbackImportForm,
    FindingForm,
    ReportBackForm,
    ThemeForm,
)
from engagement.models import Activity, FeedbackItem, Finding, ReportBack, Theme
from lib.spreadsheet import csv_cell
from plans.access import Need, PlanAccess, plan_for_user, signed_in_user

GET_POST = ["GET", "POST"]


def _need(request: HttpRequest) -> Need:
    return "edit" if request.method == "POST" else "view"


def _posted(request: HttpRequest) -> Any:
    """The submitted data on a POST (even when empty, so the form says what is missing)."""
    return request.POST if request.method == "POST" else None


def _attempt(form: Form, service: Any, **kwargs: Any) -> Any:
    """Run a service; on a ValidationError, put its messages beside the fields it names
    (or above the form) and return None."""
    try:
        return service(**kwargs)
    except ValidationError as exc:
        errors = exc.error_dict if hasattr(exc, "error_dict") else {None: exc.error_list}
        for name, found in errors.items():
            form.add_error(name if name in form.fields else None, [e.message for e in found])
        return None


@login_required
def home(request: HttpRequest, code: str) -> HttpResponse:
    access = plan_for_user(request, code)
    data = selectors.engagement_home(plan=access.plan)
    return render(request, "engagement/home.html", {"access": access, "data": data})


# -- activities --------------------------------------------------------------------------


def _activity_form(request: HttpRequest, access: PlanAccess, **kwargs: Any) -> ActivityForm:
    members = selectors.facilitator_choices(plan=access.plan)
    return ActivityForm(_posted(request), memberships=members, **kwargs)


def _activity_page(
    request: HttpRequest, access: PlanAccess, form: Form, record: Any
) -> HttpResponse:
    context = {
        "access": access, "form": form, "record": record,
        "spectrum": selectors.spectrum_levels(),
    }  # fmt: skip
    return render(request, "engagement/activity_form.html", context)


@login_required
@require_http_methods(GET_POST)
def activity_new(request: HttpRequest, code: str) -> HttpResponse:
    access = plan_for_user(request, code, need=_need(request))
    form = _activity_form(request, access)
    if request.method == "POST" and form.is_valid():
        created = _attempt(form, services.activity_create, plan=access.plan, **form.cleaned_data)
        if created:
            messages.success(request, f"“{created.title}” is recorded.")
            return redirect("engagement:activity", code, created.uuid)
    return _activity_page(request, access, form, None)


@login_required
def activity_page(request: HttpRequest, code: str, uuid: str) -> HttpResponse:
    access = plan_for_user(request, code)
    activity = get_object_or_404(Activity, plan=access.plan, uuid=uuid)
    detail = selectors.activity_detail(activity=activity)
    context = {
        "access": access, "detail": detail,
        "may_add_feedback": access.may_change(assigned_to=activity.facilitator),
        "feedback_form": FeedbackForm(choices=selectors.finding_choices(plan=access.plan)),
        "report_form": ReportBackForm(),
    }  # fmt: skip
    return render(request, "engagement/activity.html", context)


@login_required
@require_http_methods(GET_POST)
def activity_edit(request: HttpRequest, code: str, uuid: str) -> HttpResponse:
    access = plan_for_user(request, code, need="edit")
    activity = get_object_or_404(Activity, plan=access.plan, uuid=uuid)
    form = _activity_form(request, access, initial=ActivityForm.initial_for(activity))
    if (
        request.method == "POST"
        and form.is_valid()
        and _attempt(form, services.activity_update, activity=activity, **form.cleaned_data)
    ):
        messages.success(request, "The activity is saved.")
        return redirect("engagement:activity", code, activity.uuid)
    return _activity_page(request, access, form, activity)


@login_required
@require_POST
def activity_remove(request: HttpRequest, code: str, uuid: str) -> HttpResponse:
    access = plan_for_user(request, code, need="edit")
    activity = get_object_or_404(Activity, plan=access.plan, uuid=uuid)
    services.activity_delete(activity=activity)
    messages.success(request, f"“{activity.title}” and its feedback are deleted.")
    return redirect("engagement:home", code)


# -- feedback ----------------------------------------------------------------------------


def _themes(access: PlanAccess, keys: list[str]) -> list[Theme]:
    return list(Theme.objects.filter(plan=access.plan, uuid__in=keys))


@login_required
@require_http_methods(GET_POST)
def feedback_add(request: HttpRequest, code: str, uuid: str) -> HttpResponse:
    access = plan_for_user(request, code, need="contribute")
    activity = get_object_or_404(Activity, plan=access.plan, uuid=uuid)
    if not access.may_change(assigned_to=activity.facilitator):
        raise PermissionDenied("Only the activity's facilitator or an editor adds feedback here.")
    choices = selectors.finding_choices(plan=access.plan)
    form = FeedbackForm(_posted(request), choices=choices)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        pillar, predictor = selectors.framework_pick(value=data["predictor"])
        done = _attempt(
            form, services.feedback_create, activity=activity, text=data["text"],
            themes=_themes(access, data["themes"]), pillar=pillar, predictor=predictor,
            user=signed_in_user(request),
        )  # fmt: skip
        if done:
            messages.success(request, "The feedback is added.")
            return redirect(reverse("engagement:activity", args=[code, uuid]) + "#feedback")
    context = {"access": access, "form": form, "activity": activity}
    return render(request, "engagement/feedback_form.html", context)


@login_required
def feedback_list(request: HttpRequest, code: str) -> HttpResponse:
    access = plan_for_user(request, code)
    page = selectors.feedback_page(
        plan=access.plan,
        theme=request.GET.get("theme", ""),
        activity=request.GET.get("activity", ""),
    )
    return render(request, "engagement/feedback.html", {"access": access, "page": page})


@login_required
def feedback_download(request: HttpRequest, code: str) -> HttpResponse:
    """The feedback shown on the list (same filters) as CSV, in the columns the upload
    reads, so a file can be coded in a spreadsheet and read back."""
    access = plan_for_user(request, code)
    page = selectors.feedback_page(
        plan=access.plan,
        theme=request.GET.get("theme", ""),
        activity=request.GET.get("activity", ""),
    )
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{code}-feedback.csv"'
    writer = csv.writer(response)
    writer.writerow(["activity", "text", "themes", "pillar", "predictor", "source"])
    for row in page.rows:
        item = row.item
        cells = [
            row.activity_title or str(item.get_source_display()), item.text,
            "; ".join(row.themes), item.pillar.name if item.pillar else "",
            item.predictor.name if item.predictor else "", item.source,
        ]  # fmt: skip
        writer.writerow([csv_cell(cell) for cell in cells])
    return response


@login_required
@require_http_methods(GET_POST)
def feedback_edit(request: HttpRequest, code: str, uuid: str) -> HttpResponse:
    access = plan_for_user(request, code, need="edit")
    item = get_object_or_404(FeedbackItem, plan=access.plan, uuid=uuid)
    initial = {
        "text": item.text,
        "themes": [str(t.uuid) for t in item.themes.all()],
        "predictor": selectors.framework_value(pillar=item.pillar, predictor=item.predictor),
    }
    choices = selectors.finding_choices(plan=access.plan)
    form = FeedbackForm(_posted(request), choices=choices, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        pillar, predictor = selectors.framework_pick(value=data["predictor"])
        done = _attempt(
            form, services.feedback_update, item=item, text=data["text"],
            themes=_themes(access, data["themes"]), pillar=pillar, predictor=predictor,
        )  # fmt: skip
        if done:
            messages.success(request, "The feedback is saved.")
            return redirect("engagement:feedback", code)
    context = {"access": access, "form": form, "item": item, "activity": item.activity}
    return render(request, "engagement/feedback_form.html", context)


@login_required
@require_POST
def feedback_remove(request: HttpRequest, code: str, uuid: str) -> HttpResponse:
    access = plan_for_user(request, code, need="edit")
    item = get_object_or_404(FeedbackItem, plan=access.plan, uuid=uuid)
    services.feedback_delete(item=item)
    messages.success(request, "The feedback item is deleted.")
    return redirect("engagement:feedback", code)


@login_required
@require_http_methods(GET_POST)
def feedback_import(request: HttpRequest, code: str) -> HttpResponse:
    access = plan_for_user(request, code, need="edit")
    form = FeedbackImportForm(_posted(request), request.FILES)
    problems: list[Any] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        count, problems = feedback_csv_import(
            plan=access.plan, data=upload.read(), user=signed_in_user(request),
            create_themes=form.cleaned_data["create_themes"],
        )  # fmt: skip
        if not problems:
            messages.success(request, f"{count} feedback item{'s' if count != 1 else ''} added.")
            return redirect("engagement:feedback", code)
    context = {"access": access, "form": form, "problems": problems}
    return render(
        request, "engagement/feedback_import.html", context, status=400 if problems else 200
    )


# -- themes ------------------------------------------------------------------------------


@login_required
@require_http_methods(GET_POST)
def themes(request: HttpRequest, code: str) -> HttpResponse:
    access = plan_for_user(request, code, need=_need(request))
    form = ThemeForm(_posted(request))
    if (
        request.method == "POST"
        and form.is_valid()
        and _attempt(form, services.theme_create, plan=access.plan, **form.cleaned_data)
    ):
        messages.success(request, f"Theme “{form.cleaned_data['name']}” added.")
        return redirect("engagement:themes", code)
    counts = selectors.theme_counts(plan=access.plan)
    return render(
        request, "engagement/themes.html", {"access": access, "form": form, "themes": counts}
    )


@login_required
@require_http_methods(GET_POST)
def theme_edit(request: HttpRequest, code: str, uuid: str) -> HttpResponse:
    access = plan_for_user(request, code, need="edit")
    theme = get_object_or_404(Theme, plan=access.plan, uuid=uuid)
    initial = {"name": theme.name, "description": theme.description}
    form = ThemeForm(_posted(request), initial=initial)
    if (
        request.method == "POST"
        and form.is_valid()
        and _attempt(form, services.theme_update, theme=theme, **form.cleaned_data)
    ):
        messages.success(request, "The theme is saved.")
        return redirect("engagement:themes", code)
    return render(
        request, "engagement/theme_form.html", {"access": access, "form": form, "theme": theme}
    )


@login_required
@require_POST
def theme_remove(request: HttpRequest, code: str, uuid: str) -> HttpResponse:
    access = plan_for_user(request, code, need="edit")
    theme = get_object_or_404(Theme, plan=access.plan, uuid=uuid)
    services.theme_delete(theme=theme)
    messages.success(request, f"Theme “{theme.name}” deleted; its feedback is kept, uncoded.")
    return redirect("engagement:themes", code)


# -- findings ----------------------------------------------------------------------------


@login_required
def findings(request: HttpRequest, code: str) -> HttpResponse:
    access = plan_for_user(request, code)
    summary = selectors.findings_summary(plan=access.plan)
    return render(request, "engagement/findings.html", {"access": access, "summary": summary})


def _finding_initial(finding: Finding) -> dict[str, Any]:
    return {
        "statement": finding.statement,
        "predictor": selectors.framework_value(pillar=finding.pillar, predictor=finding.predictor),
        "mobility_part": finding.mobility_part,
        "metrics": finding.metric_slugs,
        "insights": [str(i.uuid) for i in finding.insights.all()],
        "themes": [str(t.uuid) for t in finding.themes.all()],
        "local_indicators": finding.local_indicators,
        "evidence_note": finding.evidence_note,
    }


@login_required
@require_http_methods(GET_POST)
def finding_edit(request: HttpRequest, code: str, uuid: str | None = None) -> HttpResponse:
    access = plan_for_user(request, code, need="edit")
    finding = get_object_or_404(Finding, plan=access.plan, uuid=uuid) if uuid else None
    initial = _finding_initial(finding) if finding else {}
    choices = selectors.finding_choices(plan=access.plan)
    form = FindingForm(_posted(request), choices=choices, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        pillar, predictor = selectors.framework_pick(value=data["predictor"])
        saved = _attempt(
            form, services.finding_save, plan=access.plan, finding=finding,
            statement=data["statement"], pillar=pillar, predictor=predictor,
            mobility_part=data["mobility_part"], metric_slugs=data["metrics"],
            insights=list(access.plan.insights.filter(uuid__in=data["insights"])),
            themes=_themes(access, data["themes"]),
            local_indicators=data.get("local_indicators", []), evidence_note=data["evidence_note"],
        )  # fmt: skip
        if saved:
            messages.success(request, "The finding is saved.")
            return redirect("engagement:findings", code)
    context = {"access": access, "form": form, "finding": finding}
    return render(request, "engagement/finding_form.html", context)


finding_new = finding_edit


@login_required
@require_POST
def finding_remove(request: HttpRequest, code: str, uuid: str) -> HttpResponse:
    access = plan_for_user(request, code, need="edit")
    finding = get_object_or_404(Finding, plan=access.plan, uuid=uuid)
    services.finding_delete(finding=finding)
    messages.success(request, "The finding is deleted.")
    return redirect("engagement:findings", code)


# -- report back -------------------------------------------------------------------------


@login_required
@require_http_methods(GET_POST)
def report_back_add(request: HttpRequest, code: str, uuid: str) -> HttpResponse:
    access = plan_for_user(request, code, need="edit")
    activity = get_object_or_404(Activity, plan=access.plan, uuid=uuid)
    form = ReportBackForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        services.report_back_create(activity=activity, **form.cleaned_data)
        messages.success(request, "The report back is recorded.")
        return redirect(reverse("engagement:activity", args=[code, uuid]) + "#report-back")
    context = {"access": access, "form": form, "activity": activity}
    return render(request, "engagement/report_back_form.html", context)


@login_required
@require_POST
def report_back_remove(request: HttpRequest, code: str, uuid: str) -> HttpResponse:
    access = plan_for_user(request, code, need="edit")
    record = get_object_or_404(ReportBack, activity__plan=access.plan, uuid=uuid)
    services.report_back_delete(report_back=record)
    messages.success(request, "The report back is deleted.")
    return redirect("engagement:activity", code, record.activity.uuid)


@login_required
def share(request: HttpRequest, code: str) -> HttpResponse:
    access = plan_for_user(request, code)
    data = selectors.share_summary(plan=access.plan)
    return render(request, "engagement/share.html", {"access": access, "data": data})
