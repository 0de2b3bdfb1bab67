"""Pages of step 5: the data inventory, local indicators and data-walk materials."""

from __future__ import annotations

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.views.decorators.http import require_http_methods, require_POST

from lib.spreadsheet import csv_cell
from localdata import services
from localdata.charts import chart_data_uri, indicator_groups_spec, indicator_trend_spec
from localdata.forms import DataSourceForm, IndicatorForm, ValueForm, ValuesImportForm
from localdata.selectors import (
    data_source_get,
    indicator_get,
    indicator_page,
    inventory_for,
    walk_choices,
    walk_panels,
)
from localdata.values_csv import COLUMNS, TEMPLATE
from metrics.charts import trend_spec
from plans.access import Need, plan_for_user

CURRENT = "Step 5: Initial understanding"


def _need(request: HttpRequest) -> Need:
    return "edit" if request.method == "POST" else "view"


@login_required
def data_home(request: HttpRequest, code: str) -> HttpResponse:
    access = plan_for_user(request, code)
    inventory = inventory_for(plan=access.plan)
    return render(request, "localdata/home.html", {"access": access, "inventory": inventory})


def _source_form_page(request: HttpRequest, code: str, uuid: str | None) -> HttpResponse:
    access = plan_for_user(request, code, need="edit")
    plan = access.plan
    source = data_source_get(plan=plan, uuid=uuid) if uuid else None
    initial = {}
    if source is not None:
        initial = {name: getattr(source, name) for name in services.SOURCE_FIELDS}
        initial["groups"] = "\n".join(source.groups)
        initial["owner_organisation"] = source.owner_organisation_id or ""
    form = DataSourceForm(request.POST or None, plan=plan, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.data_source_save(
                plan=plan, user=request.user, data=form.cleaned_data,
                owner_organisation=form.owner(), source=source,
            )  # fmt: skip
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"“{saved.name}” is in the inventory.")
            return redirect("localdata:home", plan.code)
    context = {"access": access, "form": form, "source": source, "current": CURRENT}
    return render(request, "localdata/source_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def source_create(request: HttpRequest, code: str) -> HttpResponse:
    return _source_form_page(request, code, None)


@login_required
@require_http_methods(["GET", "POST"])
def source_edit(request: HttpRequest, code: str, uuid: str) -> HttpResponse:
    return _source_form_page(request, code, uuid)


@login_required
@require_POST
def source_delete(request: HttpRequest, code: str, uuid: str) -> HttpResponse:
    access = plan_for_user(request, code, need="edit")
    source = data_source_get(plan=access.plan, uuid=uuid)
    try:
        services.data_source_delete(source=source)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"“{source.name}” is no longer in the inventory.")
    return redirect("localdata:home", code)


def _indicator_form_page(request: HttpRequest, code: str, uuid: str | None) -> HttpResponse:
    access = plan_for_user(request, code, need="edit")
    plan = access.plan
    indicator = indicator_get(plan=plan, uuid=uuid) if uuid else None
    initial = {}
    if indicator is not None:
        initial = {name: getattr(indicator, name) for name in services.INDICATOR_FIELDS}
        initial["source"] = str(indicator.source.uuid)
    form = IndicatorForm(request.POST or None, plan=plan, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.indicator_save(
                plan=plan, data=form.cleaned_data, source=form.source_record(),
                indicator=indicator,
            )  # fmt: skip
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"“{saved.name}” is saved.")
            return redirect("localdata:indicator", plan.code, saved.uuid)
    context = {"access": access, "form": form, "indicator": indicator, "current": CURRENT}
    return render(request, "localdata/indicator_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def indicator_create(request: HttpRequest, code: str) -> HttpResponse:
    return _indicator_form_page(request, code, None)


@login_required
@require_http_methods(["GET", "POST"])
def indicator_edit(request: HttpRequest, code: str, uuid: str) -> HttpResponse:
    return _indicator_form_page(request, code, uuid)


@login_required
@require_POST
def indicator_remove(request: HttpRequest, code: str, uuid: str) -> HttpResponse:
    access = plan_for_user(request, code, need="edit")
    indicator = indicator_get(plan=access.plan, uuid=uuid)
    services.indicator_delete(indicator=indicator)
    messages.success(request, f"“{indicator.name}” and its values are deleted.")
    return redirect("localdata:home", code)


def _indicator_context(request: HttpRequest, code: str, uuid: str) -> dict[str, object]:
    access = plan_for_user(request, code, need=_need(request))
    page = indicator_page(plan=access.plan, uuid=uuid)
    item = page.indicator
    return {
        "access": access,
        "page": page,
        "indicator": item,
        "spec": indicator_trend_spec(indicator=item, place=page.place) if item.points else None,
        "groups_spec": indicator_groups_spec(indicator=item, place=page.place),
        "metric_cards": [
            {"entry": e, "spec": trend_spec(entry=e, place=page.place) if e.latest else None}
            for e in page.metrics
        ],
        "value_form": ValueForm(unit=item.unit),
        "import_form": ValuesImportForm(),
    }


@login_required
def indicator_detail(request: HttpRequest, code: str, uuid: str) -> HttpResponse:
    return render(request, "localdata/indicator.html", _indicator_context(request, code, uuid))


@login_required
@require_POST
def indicator_import(request: HttpRequest, code: str, uuid: str) -> HttpResponse:
    context = _indicator_context(request, code, uuid)
    form = ValuesImportForm(request.POST, request.FILES)
    context["import_form"] = form
    if form.is_valid():
        upload = form.cleaned_data["file"]
        indicator = indicator_get(plan=context["access"].plan, uuid=uuid)  # type: ignore[attr-defined]
        outcome = services.indicator_values_import(
            indicator=indicator, data=upload.read(), filename=upload.name
        )
        if outcome.ok:
            ignored = f" Columns not read: {', '.join(outcome.ignored)}." if outcome.ignored else ""
            messages.success(
                request, f"{outcome.loaded} values loaded from {upload.name}.{ignored}"
            )
            return redirect("localdata:indicator", code, uuid)
        context["problems"] = outcome.problems
    return render(request, "localdata/indicator.html", context, status=400)


@login_required
@require_POST
def indicator_value_add(request: HttpRequest, code: str, uuid: str) -> HttpResponse:
    context = _indicator_context(request, code, uuid)
    indicator = indicator_get(plan=context["access"].plan, uuid=uuid)  # type: ignore[attr-defined]
    form = ValueForm(request.POST, unit=indicator.unit)
    if form.is_valid() and form.row is not None:
        services.indicator_value_set(indicator=indicator, row=form.row)
        messages.success(request, f"The value for {form.row.year} is saved.")
        return redirect("localdata:indicator", code, uuid)
    context["value_form"] = form
    return render(request, "localdata/indicator.html", context, status=400)


@login_required
@require_POST
def indicator_value_remove(request: HttpRequest, code: str, uuid: str) -> HttpResponse:
    access = plan_for_user(request, code, need="edit")
    indicator = indicator_get(plan=access.plan, uuid=uuid)
    year = request.POST.get("year", "")
    deleted = services.indicator_value_delete(
        indicator=indicator, year=int(year) if year.isdigit() else 0,
        subgroup=request.POST.get("subgroup", ""),
    )  # fmt: skip
    if deleted:
        messages.success(request, f"The value for {year} is deleted.")
    else:
        messages.error(request, "That value was not found; nothing was deleted.")
    return redirect("localdata:indicator", code, uuid)


@login_required
def indicator_values_csv(request: HttpRequest, code: str, uuid: str) -> HttpResponse:
    access = plan_for_user(request, code)
    indicator = indicator_get(plan=access.plan, uuid=uuid)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    writer = csv.writer(response)
    writer.writerow(COLUMNS)
    for v in indicator.values.all():
        writer.writerow([v.year, csv_cell(v.subgroup), v.value, csv_cell(v.lb), csv_cell(v.ub)])
    name = slugify(indicator.name) or "indicator"
    response["Content-Disposition"] = f'attachment; filename="{access.plan.code}-{name}.csv"'
    return response


@login_required
def values_template(request: HttpRequest, code: str) -> HttpResponse:
    plan_for_user(request, code)
    response = HttpResponse(TEMPLATE, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="local-indicator-template.csv"'
    return response


@login_required
def data_walk(request: HttpRequest, code: str) -> HttpResponse:
    access = plan_for_user(request, code)
    metrics = request.GET.getlist("metric")
    indicators = request.GET.getlist("indicator")
    context = {
        "access": access,
        "choices": walk_choices(plan=access.plan),
        "chosen_metrics": metrics,
        "chosen_indicators": indicators,
    }
    if metrics or indicators:
        panels = walk_panels(plan=access.plan, metrics=metrics, indicators=indicators)
        context["panels"] = [{"panel": p, "image": chart_data_uri(spec=p.spec)} for p in panels]
        return render(request, "localdata/walk_print.html", context)
    return render(request, "localdata/walk.html", context)
