"""Continuity pages: exposure to a change of leadership, positions, elections, the
transition briefing."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from continuity import selectors, services, snapshots
from continuity.document import transition_document
from continuity.forms import ElectionForm, HorizonForm, SnapshotForm, TenureForm
from continuity.models import Election, Snapshot
from plans.access import plan_for_user
from reports.renderers import CONTENT_TYPES, FORMATS, document_render, document_view


@login_required
def continuity_home(request: HttpRequest, code: str) -> HttpResponse:
    access = plan_for_user(request, code)
    horizon = HorizonForm(request.GET)
    days = (horizon.cleaned_data.get("horizon") if horizon.is_valid() else None) or 365
    overview = selectors.continuity_overview(plan=access.plan, horizon_days=days)
    context = {
        "access": access, "overview": overview, "horizon_form": horizon,
        "snapshots": selectors.snapshots_list(plan=access.plan), "snapshot_form": SnapshotForm(),
    }  # fmt: skip
    return render(request, "continuity/home.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def tenure_edit(request: HttpRequest, code: str, member: str) -> HttpResponse:
    access = plan_for_user(request, code, need="edit")
    membership, tenure = selectors.tenure_for(plan=access.plan, member_uuid=member)
    initial: dict[str, object] = {"version": tenure.version if tenure else 0}
    if tenure:
        initial.update(kind=tenure.kind, seat=tenure.seat, notes=tenure.notes)
        initial["term_ends_on"] = tenure.term_ends_on
    form = TenureForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.tenure_set(membership=membership, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Position saved.")
            return redirect("continuity:home", code)
    context = {"access": access, "form": form, "member": membership}
    status = 400 if request.method == "POST" else 200
    return render(request, "continuity/tenure_form.html", context, status=status)


def _election(plan: object, uuid: str) -> Election:
    return get_object_or_404(Election, plan=plan, uuid=uuid)


@login_required
@require_http_methods(["GET", "POST"])
def election_edit(request: HttpRequest, code: str, election: str | None = None) -> HttpResponse:
    access = plan_for_user(request, code, need="edit")
    record = _election(access.plan, election) if election else None
    initial: dict[str, object] = {}
    if record is not None:
        initial = {
            "title": record.title, "held_on": record.held_on, "seats": record.seats,
            "outcome": record.outcome, "members": list(record.members.all()),
        }  # fmt: skip
    form = ElectionForm(request.POST or None, initial=initial, plan=access.plan)
    if request.method == "POST" and form.is_valid():
        data = {**form.cleaned_data, "members": list(form.cleaned_data["members"])}
        if record is None:
            services.election_create(plan=access.plan, **data)
        else:
            services.election_update(election=record, **data)
        messages.success(request, "Election saved.")
        return redirect("continuity:home", code)
    context = {"access": access, "form": form, "election": record}
    status = 400 if request.method == "POST" else 200
    return render(request, "continuity/election_form.html", context, status=status)


@login_required
@require_POST
def election_delete(request: HttpRequest, code: str, election: str) -> HttpResponse:
    access = plan_for_user(request, code, need="edit")
    services.election_delete(election=_election(access.plan, election))
    messages.success(request, "Election removed from the calendar.")
    return redirect("continuity:home", code)


@login_required
def transition_page(request: HttpRequest, code: str) -> HttpResponse:
    access = plan_for_user(request, code)
    document = transition_document(plan=access.plan)
    context = {
        "access": access,
        "document": document,
        "sections": document_view(document=document, charts="browser"),
    }
    return render(request, "continuity/transition.html", context)


@login_required
def transition_download(request: HttpRequest, code: str, fmt: str) -> HttpResponse:
    access = plan_for_user(request, code)
    if fmt not in FORMATS:
        raise Http404("No such format.")
    document = transition_document(plan=access.plan)
    response = HttpResponse(
        document_render(document=document, fmt=fmt), content_type=CONTENT_TYPES[fmt]
    )
    filename = f"{access.plan.code}-transition.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _snapshot(plan: object, uuid: str) -> Snapshot:
    return get_object_or_404(Snapshot, plan=plan, uuid=uuid)


@login_required
@require_POST
def snapshot_take(request: HttpRequest, code: str) -> HttpResponse:
    access = plan_for_user(request, code, need="edit")
    form = SnapshotForm(request.POST)
    if not form.is_valid():
        messages.error(
            request, "; ".join(str(e) for errors in form.errors.values() for e in errors)
        )
        return redirect("continuity:home", code)
    snapshot = snapshots.snapshot_take(
        plan=access.plan,
        label=form.cleaned_data["label"],
        user=request.user,  # type: ignore[arg-type]
    )
    messages.success(request, f"The plan is frozen as “{snapshot.label}”.")
    return redirect("continuity:snapshot", code, snapshot.uuid)


@login_required
def snapshot_page(request: HttpRequest, code: str, snapshot: str) -> HttpResponse:
    access = plan_for_user(request, code)
    record = _snapshot(access.plan, snapshot)
    index = snapshots.index_for_display(record.content.get("index", {}))
    comparison = snapshots.snapshot_compare(snapshot=record)
    context = {"access": access, "snapshot": record, "index": index, "comparison": comparison}
    return render(request, "continuity/snapshot.html", context)


@login_required
def snapshot_download(request: HttpRequest, code: str, snapshot: str) -> HttpResponse:
    access = plan_for_user(request, code)
    record = _snapshot(access.plan, snapshot)
    document = record.content.get("document")
    if document is None:
        raise Http404("This snapshot holds no plan document.")
    response = JsonResponse(document, json_dumps_params={"indent": 2, "ensure_ascii": False})
    name = f"{access.plan.code}-snapshot-{record.taken_at:%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
