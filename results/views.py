"""Pages of step 10's measures over time: the plan's measures, one measure's values, chart,
status and story, value entry and edit, and the bulk CSV upload."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from metrics.charts import FORMATS, chart_render
from plans.access import Need, PlanAccess, plan_for_user, signed_in_user
from results import services
from results.forms import StoryForm, UploadForm, ValueForm
from results.imports import COLUMNS, values_csv_export, values_csv_import, values_csv_template
from results.models import MeasureValue
from results.selectors import measure_results, measures_overview
from strategy.models import Measure

NOT_ASSIGNED = "Only editors, and the people who own, collect or report this measure, {what}."


def _measure(
    request: HttpRequest, code: str, uuid: str, need: Need = "view"
) -> tuple[PlanAccess, Measure]:
    access = plan_for_user(request, code, need=need)
    measure = get_object_or_404(
        Measure.objects.select_related("plan__geography", "element__action"),
        plan=access.plan,
        uuid=uuid,
    )
    return access, measure


def _page(code: str, measure: Measure, anchor: str = "") -> str:
    return reverse("results:measure", args=[code, measure.uuid]) + anchor


def _form_problems(form: ValueForm | StoryForm, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for name, errors in exc.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


@login_required
def overview(request: HttpRequest, code: str) -> HttpResponse:
    access = plan_for_user(request, code)
    rows = measures_overview(plan=access.plan)
    return render(request, "results/overview.html", {"access": access, "rows": rows})


@login_required
def measure_page(request: HttpRequest, code: str, uuid: str) -> HttpResponse:
    access, measure = _measure(request, code, uuid)
    result = measure_results(measure=measure, access=access)
    return render(
        request,
        "results/measure.html",
        {"access": access, "r": result, "form": ValueForm(), "columns": COLUMNS},
    )


@login_required
def measure_chart(request: HttpRequest, code: str, uuid: str, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404("Charts come as SVG or PNG.")
    access, measure = _measure(request, code, uuid)
    spec = measure_results(measure=measure, access=access).spec
    kind = "image/svg+xml" if fmt == "svg" else "image/png"
    return HttpResponse(chart_render(spec=spec, fmt=fmt), content_type=kind)


def _may_enter(access: PlanAccess, measure: Measure) -> None:
    if not services.value_may_enter(access=access, measure=measure):
        if measure.is_mobility_metric():
            raise PermissionDenied("This measure's values come from the Mobility Metrics release.")
        raise PermissionDenied(NOT_ASSIGNED.format(what="enter its values"))


@login_required
@require_http_methods(["GET", "POST"])
def value_new(request: HttpRequest, code: str, uuid: str) -> HttpResponse:
    access, measure = _measure(request, code, uuid, need="contribute")
    _may_enter(access, measure)
    form = ValueForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.value_add(
                measure=measure,
                user=signed_in_user(request),
                item=services.ValueInput(
                    **{k: v for k, v in form.cleaned_data.items() if k != "version"}
                ),
            )
        except ValidationError as exc:
            _form_problems(form, exc)
        else:
            messages.success(request, "The value is saved.")
            return redirect(_page(code, measure, "#values"))
    status = 400 if request.method == "POST" else 200
    context = {"access": access, "measure": measure, "form": form, "value": None}
    return render(request, "results/value_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def value_edit(request: HttpRequest, code: str, uuid: str, value: str) -> HttpResponse:
    access, measure = _measure(request, code, uuid, need="contribute")
    _may_enter(access, measure)
    row = get_object_or_404(MeasureValue, measure=measure, uuid=value)
    initial = {
        f: getattr(row, f)
        for f in ("period", "value", "lb", "ub", "subgroup", "source", "note", "version")
    }
    form = ValueForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version") or 0
        try:
            services.value_update(
                value=row,
                user=signed_in_user(request),
                version=version,
                item=services.ValueInput(**data),
            )
        except services.StaleEdit as exc:
            form.add_error(None, exc.message)
            status = 409
        except ValidationError as exc:
            _form_problems(form, exc)
        else:
            messages.success(request, f"The {row.period} value is saved.")
            return redirect(_page(code, measure, "#values"))
    if request.method == "POST" and status == 200:
        status = 400
    context = {"access": access, "measure": measure, "form": form, "value": row}
    return render(request, "results/value_form.html", context, status=status)


@login_required
@require_POST
def value_delete(request: HttpRequest, code: str, uuid: str, value: str) -> HttpResponse:
    _, measure = _measure(request, code, uuid, need="edit")
    row = get_object_or_404(MeasureValue, measure=measure, uuid=value)
    try:
        version = int(request.POST.get("version", ""))
        services.value_delete(value=row, version=version)
    except ValueError:
        messages.error(request, "The value was not removed: the form lacked its version.")
    except services.StaleEdit as exc:
        messages.error(request, exc.message)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"The {row.period} value is removed.")
    return redirect(_page(code, measure, "#values"))


@login_required
@require_http_methods(["GET", "POST"])
def story_edit(request: HttpRequest, code: str, uuid: str) -> HttpResponse:
    access, measure = _measure(request, code, uuid, need="contribute")
    if not services.story_may_change(access=access, measure=measure):
        raise PermissionDenied(NOT_ASSIGNED.format(what="write its story"))
    result = measure_results(measure=measure, access=access)
    form = StoryForm(
        request.POST or None, initial={**result.story, "version": result.story_version}
    )
    status = 200
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            services.story_save(
                measure=measure, user=signed_in_user(request), version=version, texts=data
            )
        except services.StaleEdit as exc:
            form.add_error(None, exc.message)
            status = 409
        except ValidationError as exc:
            _form_problems(form, exc)
        else:
            messages.success(request, "The story is saved.")
            return redirect(_page(code, measure, "#story"))
    if request.method == "POST" and status == 200:
        status = 400
    context = {"access": access, "measure": measure, "form": form}
    return render(request, "results/story_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest, code: str) -> HttpResponse:
    access = plan_for_user(request, code, need="contribute")
    form = UploadForm(request.POST or None, request.FILES or None)
    outcome = None
    status = 200
    if request.method == "POST" and form.is_valid():
        file = form.cleaned_data["file"]
        outcome = values_csv_import(
            plan=access.plan,
            user=signed_in_user(request),
            content=file.read(),
            filename=file.name,
            dry_run=form.cleaned_data["dry_run"],
        )
        if outcome.ok and not outcome.dry_run:
            messages.success(request, outcome.summary())
            return redirect(reverse("results:overview", args=[code]))
        status = 200 if outcome.ok else 400
    elif request.method == "POST":
        status = 400
    context = {"access": access, "form": form, "outcome": outcome, "columns": COLUMNS}
    return render(request, "results/upload.html", context, status=status)


@login_required
def upload_template(request: HttpRequest, code: str) -> HttpResponse:
    access = plan_for_user(request, code)
    response = HttpResponse(
        values_csv_template(plan=access.plan), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="{access.plan.code}-measure-values.csv"'
    )
    return response


@login_required
def values_download(request: HttpRequest, code: str) -> HttpResponse:
    access = plan_for_user(request, code)
    response = HttpResponse(
        values_csv_export(plan=access.plan), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{access.plan.code}-values.csv"'
    return response
