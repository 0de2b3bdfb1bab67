"""Pages of step 4: the coalition, its people and organisations, working groups, requests
to join, the launch, the stakeholder map, representativeness and the roster as CSV."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from coalition import roster, services
from coalition.charts import stakeholder_map_spec
from coalition.forms import (
    CompositionForm,
    JoinRequestForm,
    LaunchForm,
    OrganisationForm,
    PersonForm,
    RosterImportForm,
    SelfForm,
    WorkingGroupForm,
)
from coalition.models import JoinRequest, OrganisationProfile, Person, WorkingGroup
from coalition.selectors import (
    coalition_overview,
    coalition_progress,
    representativeness,
    stakeholder_map,
)
from metrics.charts import FORMATS, chart_render
from plans.access import Need, plan_for_user
from plans.models import Organisation

GET_POST = require_http_methods(["GET", "POST"])
CONTENT_TYPES = {"svg": "image/svg+xml", "png": "image/png"}


def _need(request: HttpRequest) -> Need:
    return "edit" if request.method == "POST" else "view"


def _home(code: str, anchor: str = "") -> HttpResponse:
    return redirect(reverse("coalition:overview", args=[code]) + anchor)


@login_required
def overview(request: HttpRequest, code: str) -> HttpResponse:
    access = plan_for_user(request, code)
    data = coalition_overview(plan=access.plan)
    mine = next((p for p in data.people if p.user_id == request.user.pk), None)
    todo = coalition_progress(overview=data)[1]
    context = {"access": access, "data": data, "mine": mine, "todo": todo}
    return render(request, "coalition/overview.html", context)


# -- People ------------------------------------------------------------------------------


@login_required
@GET_POST
def person_new(request: HttpRequest, code: str) -> HttpResponse:
    access = plan_for_user(request, code, need="edit")
    form = PersonForm(request.POST or None, plan=access.plan)
    if request.method == "POST" and form.is_valid():
        person = services.person_create(plan=access.plan, **form.cleaned_data)
        messages.success(request, f"{person.name} is on the roster.")
        return _home(code, "#people")
    return _form_page(request, access, form, "Add a person")


@login_required
@GET_POST
def person_edit(request: HttpRequest, code: str, uuid: str) -> HttpResponse:
    access = plan_for_user(request, code, need="contribute")
    person = get_object_or_404(Person, plan=access.plan, uuid=uuid)
    if not access.may_change(assigned_to=person.user):
        raise PermissionDenied("You may change only your own record on this roster.")
    initial = _initial(person, services.PERSON_FIELDS) | {"uuid": person.uuid}
    form: SelfForm = (
        PersonForm(request.POST or None, plan=access.plan, initial=initial)
        if access.can_edit
        else SelfForm(request.POST or None, initial=initial)
    )
    if request.method == "POST" and form.is_valid():
        services.person_update(person=person, only=form.fields, **form.cleaned_data)
        messages.success(request, f"{person.name}'s record is saved.")
        return _home(code, "#people")
    delete_url = reverse("coalition:person-delete", args=[code, uuid]) if access.can_edit else ""
    return _form_page(request, access, form, f"Edit {person.name}", delete_url)


@login_required
@require_POST
def person_delete(request: HttpRequest, code: str, uuid: str) -> HttpResponse:
    access = plan_for_user(request, code, need="edit")
    person = get_object_or_404(Person, plan=access.plan, uuid=uuid)
    services.person_delete(person=person)
    messages.success(request, f"{person.name} is no longer on the roster.")
    return _home(code, "#people")


def _form_page(
    request: HttpRequest, access: Any, form: Any, heading: str, delete_url: str = ""
) -> HttpResponse:
    context = {"access": access, "form": form, "heading": heading, "delete_url": delete_url}
    return render(request, "coalition/form.html", context)


def _initial(record: Any, names: Iterable[str], prefix: str = "") -> dict[str, Any]:
    """A form's initial values, read off a record's fields (`prefix` + name); none without one."""
    return {n: getattr(record, prefix + n) for n in names} if record is not None else {}


# -- Organisations -----------------------------------------------------------------------


@login_required
@GET_POST
def organisation_new(request: HttpRequest, code: str) -> HttpResponse:
    access = plan_for_user(request, code, need="edit")
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.organisation_create(plan=access.plan, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error("name", exc)
        else:
            messages.success(request, f"{form.cleaned_data['name']} is added.")
            return _home(code, "#organisations")
    return _form_page(request, access, form, "Add an organization")


@login_required
@require_POST
def organisation_describe(request: HttpRequest, code: str) -> HttpResponse:
    """Start the coalition's record of an organisation the plan already has (its lead)."""
    access = plan_for_user(request, code, need="edit")
    org = get_object_or_404(Organisation, plan=access.plan, name=request.POST.get("name", ""))
    profile = services.organisation_profile_ensure(organisation=org)
    return redirect("coalition:organisation-edit", code, profile.uuid)


@login_required
@GET_POST
def organisation_edit(request: HttpRequest, code: str, uuid: str) -> HttpResponse:
    access = plan_for_user(request, code, need="edit")
    profile = get_object_or_404(
        OrganisationProfile.objects.select_related("organisation"),
        organisation__plan=access.plan,
        uuid=uuid,
    )
    org = profile.organisation
    initial = _initial(org, ("name", "kind")) | _initial(
        profile, ("sector", "policy_domains", "pillars", "influence", "interest", "notes")
    )
    form = OrganisationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.organisation_update(profile=profile, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error("name", exc)
        else:
            messages.success(request, f"{org.name} is saved.")
            return _home(code, "#organisations")
    delete_url = reverse("coalition:organisation-delete", args=[code, uuid])
    return _form_page(request, access, form, f"Edit {org.name}", delete_url)


@login_required
@require_POST
def organisation_delete(request: HttpRequest, code: str, uuid: str) -> HttpResponse:
    access = plan_for_user(request, code, need="edit")
    profile = get_object_or_404(OrganisationProfile, organisation__plan=access.plan, uuid=uuid)
    try:
        services.organisation_delete(profile=profile)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"{profile.organisation.name} is removed from the plan.")
    return _home(code, "#organisations")


# -- Working groups ----------------------------------------------------------------------


@login_required
@GET_POST
def group_edit(request: HttpRequest, code: str, uuid: str | None = None) -> HttpResponse:
    access = plan_for_user(request, code, need="edit")
    group = get_object_or_404(WorkingGroup, plan=access.plan, uuid=uuid) if uuid else None
    initial = _initial(group, ("name", "purpose", "pillars", "chair"))
    if group is not None:
        initial["members"] = list(group.members.all())
    form = WorkingGroupForm(request.POST or None, plan=access.plan, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data | {"members": list(form.cleaned_data["members"])}
        try:
            services.working_group_save(plan=access.plan, group=group, **data)
        except ValidationError as exc:
            form.add_error("name", exc)
        else:
            messages.success(request, f"Working group “{data['name']}” is saved.")
            return _home(code, "#groups")
    heading = f"Edit {group.name}" if group else "Add a working group"
    delete_url = reverse("coalition:group-delete", args=[code, uuid]) if group else ""
    return _form_page(request, access, form, heading, delete_url)


@login_required
@require_POST
def group_delete(request: HttpRequest, code: str, uuid: str) -> HttpResponse:
    access = plan_for_user(request, code, need="edit")
    group = get_object_or_404(WorkingGroup, plan=access.plan, uuid=uuid)
    services.working_group_delete(group=group)
    messages.success(request, f"Working group “{group.name}” is removed.")
    return _home(code, "#groups")


# -- Requests to join and the launch -----------------------------------------------------


@login_required
@GET_POST
def request_edit(request: HttpRequest, code: str, uuid: str | None = None) -> HttpResponse:
    access = plan_for_user(request, code, need="edit")
    asked = get_object_or_404(JoinRequest, plan=access.plan, uuid=uuid) if uuid else None
    initial = _initial(asked, ("person", "organisation", "asked_on", "answer", "note"))
    form = JoinRequestForm(request.POST or None, plan=access.plan, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.join_request_save(plan=access.plan, request=asked, **form.cleaned_data)
        messages.success(request, "The request to join is saved.")
        return _home(code, "#requests")
    heading = "Edit the request to join" if asked else "Record a request to join"
    delete_url = reverse("coalition:request-delete", args=[code, uuid]) if asked else ""
    return _form_page(request, access, form, heading, delete_url)


@login_required
@require_POST
def request_delete(request: HttpRequest, code: str, uuid: str) -> HttpResponse:
    access = plan_for_user(request, code, need="edit")
    asked = get_object_or_404(JoinRequest, plan=access.plan, uuid=uuid)
    services.join_request_delete(request=asked)
    messages.success(request, "The request to join is removed.")
    return _home(code, "#requests")


@login_required
@GET_POST
def launch(request: HttpRequest, code: str) -> HttpResponse:
    access = plan_for_user(request, code, need="edit")
    coalition = getattr(access.plan, "coalition", None)
    initial = _initial(coalition, ("date", "place", "attendance", "notes"), prefix="launch_")
    form = LaunchForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.launch_record(plan=access.plan, **form.cleaned_data)
        messages.success(request, "The launch is recorded.")
        return _home(code, "#launch")
    return _form_page(request, access, form, "The launch")


# -- Stakeholder map and representativeness ----------------------------------------------


@login_required
def map_page(request: HttpRequest, code: str) -> HttpResponse:
    access = plan_for_user(request, code)
    data = stakeholder_map(plan=access.plan)
    spec = stakeholder_map_spec(points=data.points, place=str(access.plan.geography))
    return render(request, "coalition/map.html", {"access": access, "map": data, "spec": spec})


@login_required
def map_file(request: HttpRequest, code: str, fmt: str) -> HttpResponse:
    """The stakeholder map as SVG or PNG, from the page's own spec."""
    access = plan_for_user(request, code)
    if fmt not in FORMATS:
        raise Http404("The stakeholder map comes as SVG or PNG.")
    data = stakeholder_map(plan=access.plan)
    spec = stakeholder_map_spec(points=data.points, place=str(access.plan.geography))
    response = HttpResponse(chart_render(spec=spec, fmt=fmt), content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{code}-stakeholder-map.{fmt}"'
    return response


@login_required
@GET_POST
def representativeness_page(request: HttpRequest, code: str) -> HttpResponse:
    access = plan_for_user(request, code, need=_need(request))
    coalition = getattr(access.plan, "coalition", None)
    initial = dict(coalition.composition, note=coalition.composition_note) if coalition else {}
    form = CompositionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.composition_record(
            plan=access.plan, counts=form.counts(), note=form.cleaned_data["note"]
        )
        messages.success(request, "The coalition's composition is saved.")
        return redirect("coalition:representativeness", code)
    data = representativeness(plan=access.plan)
    context = {"access": access, "data": data, "form": form}
    return render(request, "coalition/representativeness.html", context)


# -- Roster CSV --------------------------------------------------------------------------


@login_required
@GET_POST
def roster_import(request: HttpRequest, code: str) -> HttpResponse:
    access = plan_for_user(request, code, need="edit")
    form = RosterImportForm(request.POST or None, request.FILES or None)
    problems: list[roster.Problem] = []
    if request.method == "POST" and form.is_valid():
        result, problems = roster.roster_import(
            plan=access.plan, data=form.cleaned_data["file"].read(roster.MAX_BYTES + 1)
        )
        if result is not None:
            messages.success(
                request,
                f"Roster loaded: {result.added} added, {result.updated} updated, "
                f"{result.organisations_added} new organizations.",
            )
            return _home(code, "#people")
    context = {"access": access, "form": form, "problems": problems}
    return render(request, "coalition/import.html", context)


def _csv(text: str, filename: str) -> HttpResponse:
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def roster_template(request: HttpRequest, code: str) -> HttpResponse:
    plan_for_user(request, code, need="edit")
    return _csv(roster.roster_template_csv(), "coalition-roster-template.csv")


@login_required
def roster_export(request: HttpRequest, code: str) -> HttpResponse:
    access = plan_for_user(request, code, need="edit")  # it carries private answers
    return _csv(roster.roster_export_csv(plan=access.plan), f"{code}-coalition-roster.csv")
