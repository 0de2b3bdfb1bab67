from __future__ import annotations

import pytest

from coalition.models import Coalition, CoalitionRole, Person
from plans.models import Plan

pytestmark = pytest.mark.django_db


def url(plan: Plan, page: str = "") -> str:
    return f"/plans/{plan.code}/coalition/{page}"


def test_the_coalition_page_lists_people_with_their_roles(viewer, plan, roster) -> None:
    page = viewer.get(url(plan)).content.decode()
    assert "Dana Advocate" in page and "Mobility Advocate, Management team" in page
    assert "Rock River Homes" in page and "Region 1 Planning Council" in page


def test_private_answers_never_appear_on_the_coalition_page(editor, plan, roster) -> None:
    page = editor.get(url(plan)).content.decode()
    assert "Grew up in Rockford" not in page
    assert "Prefer not to say" not in page


def test_an_outsider_gets_404_and_an_anonymous_visitor_is_sent_to_sign_in(
    outsider, anonymous, plan, roster
) -> None:
    for page in ("", "map/", "representativeness/", "people/new/", "launch/", "roster.csv"):
        assert outsider.get(url(plan, page)).status_code == 404, page
        response = anonymous.get(url(plan, page))
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_viewer_reads_but_may_not_change_anything(viewer, plan, roster) -> None:
    advocate = roster["advocate"]
    assert viewer.get(url(plan, f"people/{advocate.uuid}/")).status_code == 403
    assert viewer.post(url(plan, "people/new/"), {"name": "Someone"}).status_code == 403
    assert viewer.post(url(plan, "launch/"), {"date": "2026-05-02"}).status_code == 403
    assert viewer.post(url(plan, f"people/{advocate.uuid}/delete/")).status_code == 403
    assert viewer.get(url(plan, "roster.csv")).status_code == 403
    assert not Person.objects.filter(name="Someone").exists()
    assert Person.objects.filter(pk=advocate.pk).exists()


def test_an_editor_adds_a_person_with_several_roles(editor, plan, roster) -> None:
    response = editor.post(
        url(plan, "people/new/"),
        {
            "name": "Robin Champion",
            "title": "Pastor",
            "roles": ["champion", "partner"],
            "organisation": plan.lead_organisation.pk,
            "influence": "4",
            "interest": "2",
        },
    )
    assert response.status_code == 302
    robin = Person.objects.get(plan=plan, name="Robin Champion")
    assert robin.roles == [CoalitionRole.CHAMPION, CoalitionRole.PARTNER]
    assert (robin.influence, robin.interest) == (4, 2)


def test_a_person_without_a_name_or_with_a_bad_email_is_refused_beside_the_field(
    editor, plan
) -> None:
    response = editor.post(url(plan, "people/new/"), {"name": "", "email": "not-an-address"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "This field is required." in page and "Enter a valid email address." in page
    assert not Person.objects.filter(plan=plan).exists()


def test_an_organisation_of_another_plan_cannot_be_chosen(editor, plan) -> None:
    other = Plan.objects.exclude(pk=plan.pk).get().lead_organisation
    response = editor.post(url(plan, "people/new/"), {"name": "X", "organisation": other.pk})
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()
    assert not Person.objects.filter(name="X").exists()


def test_a_contributor_edits_their_own_record_but_not_their_roles(
    contributor, plan, roster
) -> None:
    advocate = roster["advocate"]
    response = contributor.post(
        url(plan, f"people/{advocate.uuid}/"),
        {
            "name": "Dana A. Advocate",
            "title": "Mobility Advocate",
            "roles": ["champion"],
            "influence": "5",
            "lived_experience": "declined",
        },
    )
    assert response.status_code == 302
    advocate.refresh_from_db()
    assert advocate.name == "Dana A. Advocate" and advocate.lived_experience == "declined"
    assert advocate.roles == [CoalitionRole.ADVOCATE, CoalitionRole.MANAGEMENT]
    assert advocate.influence is None


def test_a_contributor_may_not_edit_someone_elses_record(contributor, plan, roster) -> None:
    manager = roster["manager"]
    assert contributor.get(url(plan, f"people/{manager.uuid}/")).status_code == 403
    response = contributor.post(url(plan, f"people/{manager.uuid}/"), {"name": "Hacked"})
    assert response.status_code == 403
    manager.refresh_from_db()
    assert manager.name == "Lee Manager"


def test_a_contributor_finds_the_link_to_their_own_record(contributor, plan, roster) -> None:
    page = contributor.get(url(plan)).content.decode()
    assert f"people/{roster['advocate'].uuid}/" in page
    assert f"people/{roster['manager'].uuid}/" not in page


def test_a_person_of_another_plan_is_404(editor, outsider, plan) -> None:
    other = Plan.objects.exclude(pk=plan.pk).get()
    stranger = Person.objects.create(plan=other, name="Stranger")
    assert editor.get(url(plan, f"people/{stranger.uuid}/")).status_code == 404


def test_markup_typed_by_people_is_shown_escaped(editor, plan) -> None:
    editor.post(url(plan, "people/new/"), {"name": "<script>alert(1)</script>"})
    editor.post(url(plan, "organisations/new/"), {"name": "<b>Bold</b> org", "kind": "other"})
    for page in ("", "map/", "representativeness/"):
        text = editor.get(url(plan, page)).content.decode()
        assert "<script>alert(1)</script>" not in text and "<b>Bold</b>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in editor.get(url(plan)).content.decode()


def test_an_editor_adds_an_organisation_with_sector_domains_and_pillars(editor, plan) -> None:
    response = editor.post(
        url(plan, "organisations/new/"),
        {
            "name": "Rockford Public Schools",
            "kind": "school",
            "policy_domains": ["education"],
            "pillars": ["high-quality-education"],
            "influence": "5",
            "interest": "3",
        },
    )
    assert response.status_code == 302
    page = editor.get(url(plan)).content.decode()
    assert "Rockford Public Schools" in page and "Education" in page


def test_an_organisation_name_used_twice_is_refused_beside_the_field(editor, plan) -> None:
    response = editor.post(
        url(plan, "organisations/new/"),
        {"name": "region 1 planning council", "kind": "government"},
    )
    assert response.status_code == 200
    assert "already one of this plan" in response.content.decode()


def test_the_lead_organisation_can_be_described_then_edited(editor, plan) -> None:
    response = editor.post(
        url(plan, "organisations/describe/"), {"name": plan.lead_organisation.name}
    )
    assert response.status_code == 302
    edit = response["Location"]
    response = editor.post(
        edit,
        {
            "name": "Region 1 Planning Council",
            "kind": "government",
            "sector": "",
            "policy_domains": ["transport", "housing"],
        },
    )
    assert response.status_code == 302
    profile = plan.lead_organisation.coalition_profile
    assert profile.policy_domains == ["transport", "housing"]


def test_a_working_group_makes_its_chair_a_member_and_shows_their_roles(
    editor, plan, roster
) -> None:
    response = editor.post(
        url(plan, "groups/new/"),
        {
            "name": "Housing table",
            "pillars": ["opportunity-rich-inclusive-neighborhoods"],
            "chair": roster["partner"].pk,
            "members": [roster["manager"].pk],
        },
    )
    assert response.status_code == 302
    page = editor.get(url(plan)).content.decode()
    assert "Housing table" in page
    assert "Stakeholder partner, Working-group member, Working-group chair" in page


def test_a_working_group_needs_a_name(editor, plan) -> None:
    response = editor.post(url(plan, "groups/new/"), {"name": ""})
    assert response.status_code == 200 and "This field is required." in response.content.decode()


def test_a_request_to_join_needs_someone_asked_and_a_date(editor, plan, roster) -> None:
    response = editor.post(url(plan, "requests/new/"), {"asked_on": "yesterday"})
    page = response.content.decode()
    assert response.status_code == 200 and "Enter a valid date." in page
    response = editor.post(url(plan, "requests/new/"), {"asked_on": "2026-02-01"})
    assert "Choose the person or the organization" in response.content.decode()
    response = editor.post(
        url(plan, "requests/new/"),
        {
            "person": roster["partner"].pk,
            "asked_on": "2026-02-01",
            "answer": "later",
            "note": "Busy until <i>spring</i>",
        },
    )
    assert response.status_code == 302
    page = editor.get(url(plan)).content.decode()
    assert "Not now, ask later" in page and "Busy until &lt;i&gt;spring&lt;/i&gt;" in page


def test_the_launch_is_recorded_and_shown(editor, viewer, plan) -> None:
    response = editor.post(
        url(plan, "launch/"),
        {"date": "2026-05-02", "place": "Rockford Public Library", "attendance": "85"},
    )
    assert response.status_code == 302
    assert Coalition.objects.get(plan=plan).launch_attendance == 85
    page = viewer.get(url(plan)).content.decode()
    assert "2026-05-02" in page and "Rockford Public Library" in page


def test_a_launch_with_a_negative_attendance_is_refused(editor, plan) -> None:
    response = editor.post(url(plan, "launch/"), {"date": "2026-05-02", "attendance": "-3"})
    assert response.status_code == 200
    assert "greater than or equal to 0" in response.content.decode()
    assert not Coalition.objects.filter(plan=plan, launch_date__isnull=False).exists()


def test_the_coalition_page_says_what_the_step_still_needs(viewer, plan, roster) -> None:
    page = viewer.get(url(plan)).content.decode()
    assert "Still to do for this step" in page
    assert "Bring in partners from at least 3 sectors" in page and "Record the launch" in page
    assert "Name a Mobility Advocate" not in page
