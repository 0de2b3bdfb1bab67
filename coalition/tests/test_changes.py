from __future__ import annotations

import datetime

import pytest

from coalition import services
from coalition.models import JoinRequest, OrganisationProfile, Person, WorkingGroup
from plans.models import Organisation, Plan

pytestmark = pytest.mark.django_db


def url(plan: Plan, page: str = "") -> str:
    return f"/plans/{plan.code}/coalition/{page}"


def test_an_editor_removes_a_person_from_the_roster(editor, plan, roster) -> None:
    response = editor.post(url(plan, f"people/{roster['partner'].uuid}/delete/"))
    assert response.status_code == 302
    assert not Person.objects.filter(name="Pat Partner").exists()


def test_a_member_account_can_be_linked_to_only_one_person(editor, plan, roster, people) -> None:
    response = editor.post(
        url(plan, f"people/{roster['manager'].uuid}/"),
        {"name": "Lee Manager", "user": people["contributor"].pk},
    )
    assert response.status_code == 200
    assert "Another person is already linked to this account." in response.content.decode()
    roster["manager"].refresh_from_db()
    assert roster["manager"].user is None


def test_only_members_of_this_plan_can_be_linked(editor, plan, roster, people) -> None:
    response = editor.post(
        url(plan, f"people/{roster['manager'].uuid}/"),
        {"name": "Lee Manager", "user": people["outsider"].pk},
    )
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()


def test_an_editor_renames_a_working_group_and_then_removes_it(editor, plan, roster) -> None:
    group = services.working_group_save(
        plan=plan, name="Jobs", purpose="", pillars=[], chair=None, members=[roster["manager"]]
    )
    response = editor.post(
        url(plan, f"groups/{group.uuid}/"),
        {"name": "Jobs and wages", "members": [roster["manager"].pk, roster["partner"].pk]},
    )
    assert response.status_code == 302
    group.refresh_from_db()
    assert group.name == "Jobs and wages" and group.members.count() == 2
    assert editor.post(url(plan, f"groups/{group.uuid}/delete/")).status_code == 302
    assert not WorkingGroup.objects.filter(pk=group.pk).exists()


def test_two_working_groups_cannot_share_a_name(editor, plan) -> None:
    services.working_group_save(
        plan=plan, name="Jobs", purpose="", pillars=[], chair=None, members=[]
    )
    response = editor.post(url(plan, "groups/new/"), {"name": "jobs"})
    assert response.status_code == 200
    assert "already a working group called" in response.content.decode()


def test_a_viewer_may_not_open_or_remove_a_working_group(viewer, plan) -> None:
    group = services.working_group_save(
        plan=plan, name="Jobs", purpose="", pillars=[], chair=None, members=[]
    )
    assert viewer.get(url(plan, f"groups/{group.uuid}/")).status_code == 403
    assert viewer.post(url(plan, f"groups/{group.uuid}/delete/")).status_code == 403
    assert WorkingGroup.objects.filter(pk=group.pk).exists()


def test_the_answer_to_a_request_to_join_is_recorded_later(editor, plan, roster) -> None:
    asked = services.join_request_save(
        plan=plan, organisation=plan.lead_organisation, asked_on=datetime.date(2026, 1, 10)
    )
    response = editor.post(
        url(plan, f"requests/{asked.uuid}/"),
        {"organisation": plan.lead_organisation.pk, "asked_on": "2026-01-10", "answer": "yes"},
    )
    assert response.status_code == 302
    asked.refresh_from_db()
    assert asked.answer == "yes"
    assert editor.post(url(plan, f"requests/{asked.uuid}/delete/")).status_code == 302
    assert not JoinRequest.objects.filter(pk=asked.pk).exists()


def test_a_request_of_another_plan_is_404(editor, plan) -> None:
    other = Plan.objects.exclude(pk=plan.pk).get()
    asked = services.join_request_save(
        plan=other, organisation=other.lead_organisation, asked_on=datetime.date(2026, 1, 10)
    )
    assert editor.get(url(plan, f"requests/{asked.uuid}/")).status_code == 404
    assert editor.post(url(plan, f"requests/{asked.uuid}/delete/")).status_code == 404


def test_the_lead_organisation_cannot_be_removed_but_a_partner_can(editor, plan, roster) -> None:
    lead = services.organisation_profile_ensure(organisation=plan.lead_organisation)
    response = editor.post(url(plan, f"organisations/{lead.uuid}/delete/"), follow=True)
    assert "leads the plan and cannot be removed" in response.content.decode()
    partner = OrganisationProfile.objects.get(organisation__name="Rock River Homes")
    response = editor.post(url(plan, f"organisations/{partner.uuid}/delete/"))
    assert response.status_code == 302
    assert not Organisation.objects.filter(plan=plan, name="Rock River Homes").exists()
    roster["partner"].refresh_from_db()
    assert roster["partner"].organisation is None


def test_a_contributor_may_not_describe_or_remove_organisations(contributor, plan) -> None:
    response = contributor.post(
        url(plan, "organisations/describe/"), {"name": plan.lead_organisation.name}
    )
    assert response.status_code == 403
    assert not OrganisationProfile.objects.exists()
