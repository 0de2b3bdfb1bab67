"""Pages of the exchange format: a plan's export download, the import page, the schema."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_http_methods

from plans.access import plan_for_user, signed_in_user
from plans.exchange.export import plan_export_json
from plans.exchange.forms import PlanImportForm
from plans.exchange.importer import PlanImportError, plan_import
from plans.exchange.schema_build import SCHEMA_FILE


@login_required
@require_GET
def plan_export_download(request: HttpRequest, code: str) -> HttpResponse:
    """The whole plan as one JSON file: for its owners and editors (it holds every note)."""
    access = plan_for_user(request, code, need="edit")
    response = HttpResponse(
        plan_export_json(plan=access.plan), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{access.plan.code}.map.json"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def plan_import_page(request: HttpRequest) -> HttpResponse:
    form = PlanImportForm(request.POST or None, request.FILES or None)
    refusal: PlanImportError | None = None
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"] or None
        try:
            plan = plan_import(
                data=form.cleaned_data["file"].read(), owner=signed_in_user(request),
                code=code, code_auto=code is None,
            )  # fmt: skip
        except PlanImportError as exc:
            refusal = exc
            form.add_error("file", "Nothing was imported: the file has problems, listed below.")
        else:
            messages.success(request, f"“{plan.title}” is imported; you are its owner.")
            return redirect("plans:home", plan.code)
    return render(request, "plans/exchange/import.html", {"form": form, "refusal": refusal})


@require_GET
@cache_control(public=True, max_age=3600)
def format_schema(request: HttpRequest) -> HttpResponse:
    """The JSON Schema of the plan file, public: anyone may write or read plan files."""
    response = HttpResponse(
        SCHEMA_FILE.read_bytes(), content_type="application/schema+json; charset=utf-8"
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response
