"""Step 4 in the JSON API: the coalition's people, organisations, working groups, requests to
join, the launch and the coalition's make-up. Same forms, services and role rules as the
pages: editors change everything; a contributor changes only their own roster record (the
fields the page lets them change). Organisations are named by their name, people by UUID,
member accounts by username."""

from __future__ import annotations

import datetime as dt
from typing import Any
from uuid import UUID

from django.http import HttpRequest
from ninja import Router, Schema

from api.auth import PLAN_AUTH
from api.plan_kit import (
    Deleted,
    answers,
    created,
    delete_with,
    form_check,
    form_data,
    get_or_404,
    invalid,
    merged,
    model_to,
    plan_access_for,
    require,
    save_with,
    saving,
)
from coalition import services
from coalition.forms import (
    CompositionForm,
    JoinRequestForm,
    LaunchForm,
    OrganisationForm,
    PersonForm,
    SelfForm,
    WorkingGroupForm,
)
from coalition.models import Coalition, JoinRequest, OrganisationProfile, Person, WorkingGroup
from coalition.selectors import representativeness
from plans.access import PlanAccess
from plans.models import Organisation, Plan

router = Router(auth=PLAN_AUTH)
BASE = "plans/{code}/coalition"


class PersonOut(Schema):
    uuid: UUID
    name: str
    title: str
    email: str
    organisation: str | None
    roles: list[str]
    lived_experience: str  # private: members only, never in the plan document
    demographic_notes: str
    user: str | None  # the member account's username
    influence: int | None
    interest: int | None


class PersonIn(Schema):
    name: str | None = None
    title: str | None = None
    email: str | None = None
    organisation: str | None = None  # one of the plan's organisations, by name
    roles: list[str] | None = None
    lived_experience: str | None = None
    demographic_notes: str | None = None
    user: str | None = None  # a member's username
    influence: int | None = None
    interest: int | None = None


class OrganisationOut(Schema):
    uuid: UUID | None  # None until the coalition describes it (the plan's lead, at first)
    name: str
    kind: str
    sector: str
    effective_sector: str
    policy_domains: list[str]
    pillars: list[str]
    influence: int | None
    interest: int | None
    notes: str
    lead: bool


class OrganisationIn(Schema):
    name: str | None = None
    kind: str | None = None
    sector: str | None = None
    policy_domains: list[str] | None = None
    pillars: list[str] | None = None
    influence: int | None = None
    interest: int | None = None
    notes: str | None = None


class GroupOut(Schema):
    uuid: UUID
    name: str
    purpose: str
    pillars: list[str]
    chair: UUID | None
    members: list[UUID]


class GroupIn(Schema):
    name: str | None = None
    purpose: str | None = None
    pillars: list[str] | None = None
    chair: UUID | None = None
    members: list[UUID] | None = None


class JoinRequestOut(Schema):
    uuid: UUID
    person: UUID | None
    organisation: str | None
    asked_on: dt.date
    answer: str
    note: str


class JoinRequestIn(Schema):
    person: UUID | None = None
    organisation: str | None = None
    asked_on: dt.date | None = None
    answer: str | None = None
    note: str | None = None


class LaunchOut(Schema):
    date: dt.date | None
    place: str
    attendance: int | None
    notes: str


class LaunchIn(Schema):
    date: dt.date | None = None
    place: str = ""
    attendance: int | None = None
    notes: str = ""


class CompositionOut(Schema):
    counts: dict[str, int]
    note: str


class CompositionIn(Schema):
    counts: dict[str, int | None]
    note: str = ""


def person_out(p: Person) -> dict[str, Any]:
    return {
        "uuid": p.uuid, "name": p.name, "title": p.title, "email": p.email,
        "organisation": p.organisation.name if p.organisation else None, "roles": list(p.roles),
        "lived_experience": p.lived_experience, "demographic_notes": p.demographic_notes,
        "user": p.user.get_username() if p.user else None,
        "influence": p.influence, "interest": p.interest,
    }  # fmt: skip


def organisation_out(org: Organisation, plan: Plan) -> dict[str, Any]:
    profile = getattr(org, "coalition_profile", None)
    fields = ("sector", "policy_domains", "pillars", "influence", "interest", "notes")
    described = {f: getattr(profile, f) for f in fields} if profile else {
        "sector": "", "policy_domains": [], "pillars": [], "influence": None, "interest": None,
        "notes": "",
    }  # fmt: skip
    effective = (
        profile.effective_sector()
        if profile
        else OrganisationProfile(organisation=org).effective_sector()
    )
    return {
        "uuid": profile.uuid if profile else None, "name": org.name, "kind": org.kind,
        "effective_sector": effective, "lead": plan.lead_organisation_id == org.pk, **described,
    }  # fmt: skip


def group_out(g: WorkingGroup) -> dict[str, Any]:
    return {
        "uuid": g.uuid, "name": g.name, "purpose": g.purpose, "pillars": list(g.pillars),
        "chair": g.chair.uuid if g.chair else None, "members": [m.uuid for m in g.members.all()],
    }  # fmt: skip


def request_out(r: JoinRequest) -> dict[str, Any]:
    return {
        "uuid": r.uuid, "person": r.person.uuid if r.person else None,
        "organisation": r.organisation.name if r.organisation else None,
        "asked_on": r.asked_on, "answer": r.answer, "note": r.note,
    }  # fmt: skip


def _coalition(plan: Plan) -> Coalition | None:
    return Coalition.objects.filter(plan=plan).first()


# -- People --------------------------------------------------------------------------------


def _person(access: PlanAccess, uuid: str) -> Person:
    return get_or_404(
        Person.objects.select_related("organisation", "user"), plan=access.plan, uuid=uuid
    )


def _person_form(access: PlanAccess, values: dict[str, Any], **kwargs: Any) -> PersonForm:
    form = PersonForm(values, plan=access.plan, **kwargs)
    model_to(form, organisation="name", user="username")
    return form


@router.get(f"{BASE}/people", response=answers(list[PersonOut]), summary="The coalition's roster")
def people_list(request: HttpRequest, code: str) -> Any:
    access = plan_access_for(request, code)
    people = Person.objects.filter(plan=access.plan).select_related("organisation", "user")
    return [person_out(p) for p in people]


@router.get(f"{BASE}/people/{{uuid}}", response=answers(PersonOut), summary="One person")
def person_get(request: HttpRequest, code: str, uuid: str) -> Any:
    return person_out(_person(plan_access_for(request, code), uuid))


@router.post(f"{BASE}/people", response=answers(PersonOut, status=201), summary="Add a person")
def person_create(request: HttpRequest, code: str, payload: PersonIn) -> Any:
    access = plan_access_for(request, code, need="edit")
    form = _person_form(access, form_data(payload.dict(exclude_unset=True)))
    return created(person_out(save_with(services.person_create, form, plan=access.plan)))


@router.patch(
    f"{BASE}/people/{{uuid}}",
    response=answers(PersonOut),
    summary="Change a person (editors; a contributor their own record's name, title, e-mail, "
    "lived experience and notes)",
)
def person_update(request: HttpRequest, code: str, uuid: str, payload: PersonIn) -> Any:
    access = plan_access_for(request, code, need="contribute")
    person = _person(access, uuid)
    require(
        access.may_change(assigned_to=person.user),
        "You may change only your own record on this roster.",
    )
    current = person_out(person)
    changes = payload.dict(exclude_unset=True)
    if not access.can_edit:
        outside = sorted(set(changes) - set(SelfForm.base_fields))
        require(not outside, f"A contributor may not change {', '.join(outside)}.")
    values = merged(current, payload)
    form: SelfForm = (
        _person_form(access, values, initial={"uuid": person.uuid})
        if access.can_edit
        else SelfForm(values)
    )
    save_with(services.person_update, form, person=person, only=form.fields)
    return person_out(_person(access, uuid))


@router.delete(f"{BASE}/people/{{uuid}}", response=answers(Deleted), summary="Remove a person")
def person_delete(request: HttpRequest, code: str, uuid: str) -> Any:
    access = plan_access_for(request, code, need="edit")
    return delete_with(services.person_delete, person=_person(access, uuid))


# -- Organisations -------------------------------------------------------------------------


def _profile(access: PlanAccess, uuid: str) -> OrganisationProfile:
    return get_or_404(
        OrganisationProfile.objects.select_related("organisation"),
        organisation__plan=access.plan, uuid=uuid,
    )  # fmt: skip


@router.get(
    f"{BASE}/organisations",
    response=answers(list[OrganisationOut]),
    summary="The plan's organisations with sector, policy domains, pillars and map position",
)
def organisations_list(request: HttpRequest, code: str) -> Any:
    access = plan_access_for(request, code)
    orgs = Organisation.objects.filter(plan=access.plan).select_related("coalition_profile")
    return [organisation_out(o, access.plan) for o in orgs]


@router.post(
    f"{BASE}/organisations",
    response=answers(OrganisationOut, status=201),
    summary="Add an organisation",
)
def organisation_create(request: HttpRequest, code: str, payload: OrganisationIn) -> Any:
    access = plan_access_for(request, code, need="edit")
    form = OrganisationForm(form_data(payload.dict(exclude_unset=True)))
    profile = save_with(services.organisation_create, form, plan=access.plan)
    return created(organisation_out(profile.organisation, access.plan))


@router.post(
    f"{BASE}/organisations/describe",
    response=answers(OrganisationOut),
    summary="Start the coalition's record of an organisation the plan already has (by name)",
)
def organisation_describe(request: HttpRequest, code: str, name: str) -> Any:
    access = plan_access_for(request, code, need="edit")
    org = get_or_404(Organisation.objects.all(), plan=access.plan, name=name)
    with saving():
        services.organisation_profile_ensure(organisation=org)
    return organisation_out(Organisation.objects.get(pk=org.pk), access.plan)


@router.patch(
    f"{BASE}/organisations/{{uuid}}",
    response=answers(OrganisationOut),
    summary="Change an organisation",
)
def organisation_update(request: HttpRequest, code: str, uuid: str, payload: OrganisationIn) -> Any:
    access = plan_access_for(request, code, need="edit")
    profile = _profile(access, uuid)
    form = OrganisationForm(merged(organisation_out(profile.organisation, access.plan), payload))
    save_with(services.organisation_update, form, profile=profile)
    return organisation_out(Organisation.objects.get(pk=profile.organisation_id), access.plan)


@router.delete(
    f"{BASE}/organisations/{{uuid}}", response=answers(Deleted), summary="Remove an organisation"
)
def organisation_delete(request: HttpRequest, code: str, uuid: str) -> Any:
    access = plan_access_for(request, code, need="edit")
    return delete_with(services.organisation_delete, profile=_profile(access, uuid))


# -- Working groups ------------------------------------------------------------------------


def _group_form(access: PlanAccess, values: dict[str, Any]) -> WorkingGroupForm:
    form = WorkingGroupForm(values, plan=access.plan)
    model_to(form, chair="uuid", members="uuid")
    return form


def _group(access: PlanAccess, uuid: str) -> WorkingGroup:
    return get_or_404(WorkingGroup.objects.all(), plan=access.plan, uuid=uuid)


@router.get(f"{BASE}/working-groups", response=answers(list[GroupOut]), summary="Working groups")
def groups_list(request: HttpRequest, code: str) -> Any:
    access = plan_access_for(request, code)
    groups = WorkingGroup.objects.filter(plan=access.plan).select_related("chair")
    return [group_out(g) for g in groups.prefetch_related("members")]


def _group_save(access: PlanAccess, group: WorkingGroup | None, values: dict[str, Any]) -> Any:
    data = form_check(_group_form(access, values))
    data = data | {"members": list(data["members"])}
    with saving():
        return services.working_group_save(plan=access.plan, group=group, **data)


@router.post(
    f"{BASE}/working-groups", response=answers(GroupOut, status=201), summary="Add a working group"
)
def group_create(request: HttpRequest, code: str, payload: GroupIn) -> Any:
    access = plan_access_for(request, code, need="edit")
    group = _group_save(access, None, form_data(payload.dict(exclude_unset=True)))
    return created(group_out(group))


@router.patch(
    f"{BASE}/working-groups/{{uuid}}", response=answers(GroupOut), summary="Change a working group"
)
def group_update(request: HttpRequest, code: str, uuid: str, payload: GroupIn) -> Any:
    access = plan_access_for(request, code, need="edit")
    group = _group(access, uuid)
    group = _group_save(access, group, merged(group_out(group), payload))
    return group_out(group)


@router.delete(
    f"{BASE}/working-groups/{{uuid}}", response=answers(Deleted), summary="Remove a working group"
)
def group_delete(request: HttpRequest, code: str, uuid: str) -> Any:
    access = plan_access_for(request, code, need="edit")
    return delete_with(services.working_group_delete, group=_group(access, uuid))


# -- Requests to join ----------------------------------------------------------------------


def _request(access: PlanAccess, uuid: str) -> JoinRequest:
    return get_or_404(
        JoinRequest.objects.select_related("person", "organisation"), plan=access.plan, uuid=uuid
    )


def _request_save(access: PlanAccess, asked: JoinRequest | None, values: dict[str, Any]) -> Any:
    form = JoinRequestForm(values, plan=access.plan)
    model_to(form, person="uuid", organisation="name")
    return save_with(services.join_request_save, form, plan=access.plan, request=asked)


@router.get(
    f"{BASE}/join-requests",
    response=answers(list[JoinRequestOut]),
    summary="Requests to join and their answers",
)
def requests_list(request: HttpRequest, code: str) -> Any:
    access = plan_access_for(request, code)
    found = JoinRequest.objects.filter(plan=access.plan).select_related("person", "organisation")
    return [request_out(r) for r in found]


@router.post(
    f"{BASE}/join-requests",
    response=answers(JoinRequestOut, status=201),
    summary="Record a request to join",
)
def request_create(request: HttpRequest, code: str, payload: JoinRequestIn) -> Any:
    access = plan_access_for(request, code, need="edit")
    asked = _request_save(access, None, form_data(payload.dict(exclude_unset=True)))
    return created(request_out(asked))


@router.patch(
    f"{BASE}/join-requests/{{uuid}}",
    response=answers(JoinRequestOut),
    summary="Change a request to join (its answer)",
)
def request_update(request: HttpRequest, code: str, uuid: str, payload: JoinRequestIn) -> Any:
    access = plan_access_for(request, code, need="edit")
    asked = _request(access, uuid)
    asked = _request_save(access, asked, merged(request_out(asked), payload))
    return request_out(asked)


@router.delete(
    f"{BASE}/join-requests/{{uuid}}", response=answers(Deleted), summary="Remove a request to join"
)
def request_delete(request: HttpRequest, code: str, uuid: str) -> Any:
    access = plan_access_for(request, code, need="edit")
    return delete_with(services.join_request_delete, request=_request(access, uuid))


# -- Launch and composition ----------------------------------------------------------------


def launch_out(c: Coalition | None) -> dict[str, Any]:
    if c is None:
        return {"date": None, "place": "", "attendance": None, "notes": ""}
    return {"date": c.launch_date, "place": c.launch_place, "attendance": c.launch_attendance,
            "notes": c.launch_notes}  # fmt: skip


@router.get(f"{BASE}/launch", response=answers(LaunchOut), summary="The coalition's launch")
def launch_get(request: HttpRequest, code: str) -> Any:
    return launch_out(_coalition(plan_access_for(request, code).plan))


@router.put(f"{BASE}/launch", response=answers(LaunchOut), summary="Record the launch")
def launch_set(request: HttpRequest, code: str, payload: LaunchIn) -> Any:
    access = plan_access_for(request, code, need="edit")
    form = LaunchForm(form_data(payload.dict()))
    return launch_out(save_with(services.launch_record, form, plan=access.plan))


@router.get(
    f"{BASE}/composition",
    response=answers(CompositionOut),
    summary="The coalition's own make-up by race and ethnicity",
)
def composition_get(request: HttpRequest, code: str) -> Any:
    coalition = _coalition(plan_access_for(request, code).plan)
    if coalition is None:
        return {"counts": {}, "note": ""}
    return {"counts": dict(coalition.composition), "note": coalition.composition_note}


@router.put(
    f"{BASE}/composition",
    response=answers(CompositionOut),
    summary="Record the coalition's make-up",
)
def composition_set(request: HttpRequest, code: str, payload: CompositionIn) -> Any:
    access = plan_access_for(request, code, need="edit")
    form = CompositionForm(form_data({**payload.counts, "note": payload.note}))
    unknown = sorted(set(payload.counts) - set(form.fields))
    if unknown:
        raise invalid("counts", f"Unknown groups: {', '.join(unknown)}.")
    form_check(form)
    with saving():
        coalition = services.composition_record(
            plan=access.plan, counts=form.counts(), note=form.cleaned_data["note"]
        )
    return {"counts": dict(coalition.composition), "note": coalition.composition_note}


# -- Representativeness (read) -------------------------------------------------------------


class CoverageOut(Schema):
    covered: list[str]
    missing: list[str]


class CompositionRowOut(Schema):
    group: str
    count: int | None
    share: float | None
    community_share: float | None
    community_year: int | None


class RepresentativenessOut(Schema):
    sectors: CoverageOut
    pillars: CoverageOut
    people: int
    answered: int
    lived_yes: int
    declined: int
    lived_share: float | None
    composition: list[CompositionRowOut]
    composition_total: int
    community_source: str


@router.get(
    f"{BASE}/representativeness",
    response=answers(RepresentativenessOut),
    summary="Sectors and pillars covered and missing, lived experience (counts only), "
    "make-up against the community's",
)
def representativeness_get(request: HttpRequest, code: str) -> Any:
    data = representativeness(plan=plan_access_for(request, code).plan)
    return {
        "sectors": vars(data.sectors), "pillars": vars(data.pillars), "people": data.people,
        "answered": data.answered, "lived_yes": data.lived_yes, "declined": data.declined,
        "lived_share": data.lived_share,
        "composition": [vars(row) for row in data.composition],
        "composition_total": data.composition_total, "community_source": data.community_source,
    }  # fmt: skip
