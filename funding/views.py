"""Funding pages: the plan's overview (gaps, expiry warnings, funders), each action's
ledger, adding and changing entries, and the funder report."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from funding import services
from funding.charts import gaps_spec
from funding.document import FunderNotFound, funder_document
from funding.forms import EntryForm, HorizonForm, NeedForm, PublicForm, VersionForm
from funding.models import FundingEntry
from funding.selectors import action_funding, funding_overview
from plans.access import PlanAccess, plan_for_user, signed_in_user
from reports.renderers import CONTENT_TYPES, FORMATS, document_render, document_view
from strategy.models import StrategicAction

GET_POST = require_http_methods(["GET", "POST"])


def _action_for(
    request: HttpRequest, code: str, uuid: str, *, change: bool
) -> tuple[PlanAccess, StrategicAction]:
    """The action; when `change`, only an editor or the contributor who owns it passes."""
    access = plan_for_user(request, code, need="contribute" if change else "view")
    action = get_object_or_404(
        StrategicAction.objects.select_related("plan", "priority", "owner"),
        plan=access.plan,
        uuid=uuid,
    )
    if change and not access.may_change(assigned_to=action.owner):
        raise PermissionDenied("Only the action's owner or an editor may change its funding.")
    return access, action


def _entry_for(request: HttpRequest, code: str, uuid: str) -> tuple[PlanAccess, FundingEntry]:
    access = plan_for_user(request, code, need="contribute")
    entry = get_object_or_404(
        FundingEntry.objects.select_related("action__owner", "funder_organisation"),
        action__plan=access.plan,
        uuid=uuid,
    )
    if not access.may_change(assigned_to=entry.action.owner):
        raise PermissionDenied("Only the action's owner or an editor may change its funding.")
    return access, entry


def _ledger_url(code: str, action: StrategicAction) -> str:
    return reverse("funding:action", args=[code, action.uuid])


@login_required
def overview(request: HttpRequest, code: str) -> HttpResponse:
    access = plan_for_user(request, code)
    form = HorizonForm(request.GET if "horizon" in request.GET else None)
    data = funding_overview(plan=access.plan, horizon=form.days())
    place = access.plan.geography.name
    charts = [
        (by, rows, gaps_spec(rows=rows, by=by, place=place))
        for by, rows in (
            ("action", data.by_action),
            ("priority", data.by_priority),
            ("pillar", data.by_pillar),
        )
    ]
    context = {
        "access": access, "data": data, "form": form, "charts": charts,
        "public_form": PublicForm(initial={"public": data.public}),
    }  # fmt: skip
    return render(request, "funding/overview.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def public_set(request: HttpRequest, code: str) -> HttpResponse:
    access = plan_for_user(request, code, need="manage")
    form = PublicForm(request.POST)
    public = form.is_valid() and form.cleaned_data["public"]
    services.funding_public_set(plan=access.plan, public=public)
    if public:
        messages.success(request, "Funding per action shows on the public plan page.")
    else:
        messages.success(request, "Funding no longer shows on the public plan page.")
    return redirect("funding:overview", code)


@login_required
def action_ledger(request: HttpRequest, code: str, uuid: str) -> HttpResponse:
    access, action = _action_for(request, code, uuid, change=False)
    data = action_funding(plan=access.plan, action=action)
    need = getattr(action, "funding_need", None)
    need_form = NeedForm(
        initial={
            "amount": need.amount if need else None,
            "period_start": need.period_start if need else None,
            "period_end": need.period_end if need else None,
            "note": need.note if need else "",
            "version": need.version if need else 0,
        }
    )
    context = {
        "access": access, "action": action, "data": data, "need_form": need_form,
        "may_change": access.may_change(assigned_to=action.owner),
    }  # fmt: skip
    return render(request, "funding/action.html", context)


@login_required
@require_POST
def need_set(request: HttpRequest, code: str, uuid: str) -> HttpResponse:
    access, action = _action_for(request, code, uuid, change=True)
    form = NeedForm(request.POST)
    status = 400
    if form.is_valid():
        try:
            services.funding_need_set(action=action, **form.cleaned_data)
        except services.StaleRecord as exc:
            form.add_error(None, str(exc))
            status = 409
        except ValidationError as exc:
            for name, problems in exc.message_dict.items():
                form.add_error(name if name in form.fields else None, problems)
        else:
            messages.success(request, "What the action needs is saved.")
            return redirect(_ledger_url(code, action))
    data = action_funding(plan=access.plan, action=action)
    context = {"access": access, "action": action, "data": data, "need_form": form,
               "may_change": True}  # fmt: skip
    return render(request, "funding/action.html", context, status=status)


@login_required
@GET_POST
def entry_new(request: HttpRequest, code: str, uuid: str) -> HttpResponse:
    access, action = _action_for(request, code, uuid, change=True)
    form = EntryForm(request.POST or None, plan=access.plan)
    if request.method == "POST" and form.is_valid():
        services.funding_entry_create(
            action=action, user=signed_in_user(request), data=form.values()
        )
        messages.success(request, "The funding entry is added.")
        return redirect(_ledger_url(code, action))
    context = {"access": access, "action": action, "form": form, "entry": None}
    return render(request, "funding/entry_form.html", context, status=400 if form.errors else 200)


def _entry_initial(entry: FundingEntry) -> dict[str, object]:
    names = [f for f in EntryForm.base_fields if f != "version"]
    initial: dict[str, object] = {name: getattr(entry, name) for name in names}
    return initial | {"version": entry.version}


@login_required
@GET_POST
def entry_edit(request: HttpRequest, code: str, uuid: str) -> HttpResponse:
    access, entry = _entry_for(request, code, uuid)
    if request.method == "GET":
        form = EntryForm(initial=_entry_initial(entry), plan=access.plan)
    else:
        form = EntryForm(request.POST, plan=access.plan)
    status = 400
    if request.method == "POST" and form.is_valid():
        try:
            services.funding_entry_update(
                entry=entry, version=form.cleaned_data["version"] or 0, data=form.values()
            )
        except services.StaleRecord as exc:
            form.add_error(None, str(exc))
            status = 409
        else:
            messages.success(request, "The funding entry is saved.")
            return redirect(_ledger_url(code, entry.action))
    context = {"access": access, "action": entry.action, "form": form, "entry": entry}
    return render(
        request, "funding/entry_form.html", context, status=status if form.errors else 200
    )


@login_required
@require_POST
def entry_delete(request: HttpRequest, code: str, uuid: str) -> HttpResponse:
    _, entry = _entry_for(request, code, uuid)
    form = VersionForm(request.POST)
    version = form.cleaned_data["version"] if form.is_valid() else -1
    try:
        services.funding_entry_delete(entry=entry, version=version)
    except services.StaleRecord as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "The funding entry is deleted.")
    return redirect(_ledger_url(code, entry.action))


def _funder_document(request: HttpRequest, code: str, funder: str):  # type: ignore[no-untyped-def]
    access = plan_for_user(request, code)
    try:
        return access, funder_document(plan=access.plan, funder=funder)
    except FunderNotFound as exc:
        raise Http404(str(exc)) from exc


@login_required
def funder_report(request: HttpRequest, code: str, funder: str) -> HttpResponse:
    access, document = _funder_document(request, code, funder)
    context = {
        "access": access, "document": document, "funder": funder,
        "sections": document_view(document=document, charts="browser"),
    }  # fmt: skip
    return render(request, "funding/funder_report.html", context)


@login_required
def funder_report_download(request: HttpRequest, code: str, funder: str, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404("No such format.")
    access, document = _funder_document(request, code, funder)
    data = document_render(document=document, fmt=fmt)
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    name = f"{access.plan.code}-funder-{funder}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
