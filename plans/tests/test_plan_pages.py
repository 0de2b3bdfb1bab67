from __future__ import annotations

import pytest
from django.core import mail

from plans.models import InsightStatus, Membership, Plan, PlanInsight, PlanPeer, Role

pytestmark = pytest.mark.django_db


def url(plan: Plan, page: str = "") -> str:
    return f"/plans/{plan.code}/{page}"


def test_the_owner_sees_the_ten_steps_and_what_to_do_next(owner, plan) -> None:
    page = owner.get(url(plan)).content.decode()
    assert "Winnebago Mobility Action Plan" in page
    assert "Assess readiness" in page and "Sustain momentum" in page
    assert "What to do next" in page and "Step 1" in page


def test_an_outsider_gets_404_for_a_private_plan(outsider, plan) -> None:
    assert outsider.get(url(plan)).status_code == 404
    assert outsider.get(url(plan, "approach/")).status_code == 404


def test_an_anonymous_visitor_is_sent_to_sign_in(anonymous, plan) -> None:
    response = anonymous.get(url(plan))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_creating_a_plan_makes_its_creator_owner_and_its_lead_an_organization(
    owner, people
) -> None:
    response = owner.post(
        "/plans/new/",
        {"title": "Rockford Plan", "jurisdiction": "1765000", "lead_name": "City of Rockford",
         "lead_kind": "government"},
    )  # fmt: skip
    created = Plan.objects.get(title="Rockford Plan")
    assert response.status_code == 302 and response["Location"] == f"/plans/{created.code}/"
    assert created.geography.name.startswith("Rockford")
    assert created.lead_organisation.name == "City of Rockford"
    assert Membership.objects.get(plan=created, user=people["owner"]).role == Role.OWNER


def test_an_unknown_jurisdiction_is_explained_beside_the_field(owner) -> None:
    response = owner.post(
        "/plans/new/",
        {"title": "X", "jurisdiction": "Atlantis", "lead_name": "Y", "lead_kind": "government"},
    )
    assert response.status_code == 200
    assert "No county or city matches" in response.content.decode()
    assert not Plan.objects.filter(title="X").exists()


def test_step_one_is_complete_once_purpose_and_principles_are_saved(editor, plan) -> None:
    response = editor.post(
        url(plan, "approach/"),
        {"purpose": "Lift families out of poverty <b>now</b>", "principles": ["equity", "learning"],
         "notes": ""},
    )  # fmt: skip
    assert response.status_code == 302
    home = editor.get(url(plan)).content.decode()
    assert "2 planning principles chosen" in home
    assert editor.get(url(plan, "approach/")).status_code == 200


def test_a_viewer_reads_the_approach_but_may_not_change_it(viewer, plan) -> None:
    plan.purpose = "<script>alert(1)</script>"
    plan.save()
    page = viewer.get(url(plan, "approach/")).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert(1)" not in page
    response = viewer.post(url(plan, "approach/"), {"purpose": "mine", "principles": []})
    assert response.status_code == 403
    plan.refresh_from_db()
    assert plan.purpose == "<script>alert(1)</script>"


def test_a_contributor_may_not_change_the_approach(contributor, plan) -> None:
    assert contributor.post(url(plan, "approach/"), {"purpose": "x"}).status_code == 403


def test_step_two_shows_peers_and_insights_and_saves_the_peer_set(editor, plan) -> None:
    page = editor.get(url(plan, "metrics/")).content.decode()
    assert "Peer places" in page and "Insights from the data" in page
    response = editor.post(url(plan, "metrics/peers/"), {"peer": ["17031"]})
    assert response.status_code == 302
    # Cook County is a county in the slice; whether suggested or not, it is saved when listed.
    chosen = set(PlanPeer.objects.filter(plan=plan).values_list("geography__geoid", flat=True))
    assert chosen <= {"17031"}


def test_keeping_and_rewording_a_computed_insight(editor, plan) -> None:
    from metrics.selectors.insights import insights_for

    first = insights_for(geoid="17201")[0]
    key = f"{first.kind}:{first.metric_slug}"
    editor.post(
        url(plan, "metrics/insights/decide/"),
        {"key": key, "decision": "keep", "statement": "Our own words"},
    )
    kept = PlanInsight.objects.get(plan=plan, key=key)
    assert kept.status == InsightStatus.KEPT and kept.statement == "Our own words"
    assert "Our own words" in editor.get(url(plan, "metrics/")).content.decode()


def test_a_forged_insight_key_changes_nothing(editor, plan) -> None:
    response = editor.post(
        url(plan, "metrics/insights/decide/"), {"key": "standing:nothing", "decision": "keep"}
    )
    assert response.status_code == 302
    assert not PlanInsight.objects.filter(plan=plan).exists()


def test_a_viewer_may_not_keep_insights(viewer, plan) -> None:
    response = viewer.post(url(plan, "metrics/insights/new/"), {"statement": "x"})
    assert response.status_code == 403
    assert not PlanInsight.objects.exists()


def test_an_own_insight_is_added_and_completes_step_two_with_a_peer(editor, plan) -> None:
    editor.post(url(plan, "metrics/insights/new/"), {"statement": "Child care is scarce"})
    PlanPeer.objects.create(
        plan=plan, geography=plan.geography.__class__.objects.get(geoid="17031")
    )
    home = editor.get(url(plan)).content.decode()
    assert "1 insights kept" in home and "1 peer places chosen" in home


def test_the_owner_invites_by_email_and_the_invitee_joins(owner, plan, people, client) -> None:
    response = owner.post(url(plan, "members/"), {"email": "new@example.org", "role": "editor"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1 and plan.title in mail.outbox[0].subject
    link = next(w for w in mail.outbox[0].body.split() if "/plans/invitations/" in w)
    path = link[link.index("/plans/") :]
    from django.contrib.auth import get_user_model

    newcomer = get_user_model().objects.create_user("newcomer", "new@example.org", "pw 12345 xx")
    client.force_login(newcomer)
    assert client.get(path).status_code == 200
    assert client.post(path).status_code == 302
    assert Membership.objects.get(plan=plan, user=newcomer).role == Role.EDITOR
    assert client.get(path).status_code == 404  # used once


def test_an_editor_may_see_members_but_not_invite(editor, plan) -> None:
    assert editor.get(url(plan, "members/")).status_code == 200
    assert (
        editor.post(url(plan, "members/"), {"email": "a@b.org", "role": "owner"}).status_code == 403
    )


def test_the_last_owner_cannot_be_removed(owner, plan, people) -> None:
    mine = Membership.objects.get(plan=plan, user=people["owner"])
    response = owner.post(url(plan, f"members/{mine.uuid}/"), {"action": "remove"}, follow=True)
    assert "at least one owner" in response.content.decode()
    assert Membership.objects.filter(pk=mine.pk).exists()


def test_the_owner_changes_a_role(owner, plan, people) -> None:
    member = Membership.objects.get(plan=plan, user=people["viewer"])
    owner.post(url(plan, f"members/{member.uuid}/"), {"action": "role", "role": "editor"})
    member.refresh_from_db()
    assert member.role == Role.EDITOR


def test_the_plan_list_shows_only_my_plans(owner, plan) -> None:
    page = owner.get("/plans/").content.decode()
    assert "Winnebago Mobility Action Plan" in page and "Cook County Mobility Plan" not in page


def test_a_plan_can_be_deleted_with_everything_in_it(plan) -> None:
    from plans.models import Organisation

    code = plan.code
    plan.delete()
    assert not Plan.objects.filter(code=code).exists()
    assert not Organisation.objects.filter(plan__code=code).exists()


def test_a_fields_hint_is_tied_to_its_input_for_screen_readers(owner) -> None:
    page = owner.get("/plans/new/").content.decode()
    assert 'aria-describedby="id_title_helptext"' in page
    assert 'id="id_title_helptext"' in page


def test_a_peer_that_was_not_suggested_is_refused_and_nothing_is_saved(editor, plan) -> None:
    response = editor.post(url(plan, "metrics/peers/"), {"peer": ["01073"]}, follow=True)
    assert "Choose peers from the list." in response.content.decode()
    assert not PlanPeer.objects.filter(plan=plan).exists()
