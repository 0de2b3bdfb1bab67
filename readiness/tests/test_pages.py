"""Step 3 pages, person by person."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from plans.models import Membership, Plan
from readiness.models import Assessment, Domain, Item
from readiness.services import assessment_start

pytestmark = pytest.mark.django_db


def url(plan: Plan, page: str = "") -> str:
    return f"/plans/{plan.code}/readiness/{page}"


@pytest.fixture
def assessment(plan, people) -> Assessment:
    return assessment_start(plan=plan, user=people["owner"], assessed_on=dt.date(2026, 2, 1))


def first_domain(assessment: Assessment) -> Domain:
    return assessment.domains.order_by("position").first()


def domain_url(plan: Plan, domain: Domain) -> str:
    return url(plan, f"{domain.assessment.uuid}/domains/{domain.uuid}/")


def domain_data(domain: Domain, changes: dict[int, dict[str, Any]] | None = None, **top: Any):  # type: ignore[no-untyped-def]
    """The domain form as the page would post it unchanged, with `changes` per item index."""
    data: dict[str, Any] = {"title": domain.title, "description": domain.description, **top}
    for index, item in enumerate(domain.items.order_by("position")):
        fields = {
            "text": item.text, "rating": item.rating, "evidence": item.evidence,
            "gap_action": item.gap_action, "gap_owner": "", "gap_due": "",
            "gap_status": item.gap_status,
        }  # fmt: skip
        fields.update((changes or {}).get(index, {}))
        data.update(
            {f"{item.uuid.hex}-{key}": value for key, value in fields.items() if value is not None}
        )
    return data


def assign_gap(domain: Domain, member: Membership) -> Item:
    item = domain.items.order_by("position").first()
    item.gap_action, item.gap_owner = "Ask the mayor for a <script>resolution</script>", member
    item.save()
    return item


# -- Starting an assessment ----------------------------------------------------------------


def test_the_first_assessment_starts_from_the_default_domains(owner, plan) -> None:
    response = owner.post(
        url(plan, "new/"), {"assessed_on": "2026-02-01", "title": "Before launch"}
    )
    created = Assessment.objects.get(plan=plan)
    assert response.status_code == 302 and response["Location"] == url(plan, f"{created.uuid}/")
    assert created.domains.count() == 9 and created.defaults_version == 1
    assert Item.objects.filter(domain__assessment=created).count() == 27
    page = owner.get(response["Location"]).content.decode()
    assert "Readiness: Before launch" in page and "Leadership commitment" in page
    assert "0 of 27 items rated" in page and "<details" in page and "<caption>" in page


def test_a_later_assessment_copies_the_edited_list_and_open_gaps_but_not_ratings(
    editor, plan, assessment, people
) -> None:
    domain = first_domain(assessment)
    domain.title = "Our leaders"
    domain.save()
    item = assign_gap(domain, Membership.objects.get(plan=plan, user=people["contributor"]))
    item.rating = "emerging"
    item.save()
    editor.post(url(plan, "new/"), {"assessed_on": "2026-08-01"})
    latest = Assessment.objects.filter(plan=plan).order_by("-assessed_on").first()
    copied = Item.objects.get(domain__assessment=latest, key=item.key)
    assert copied.domain.title == "Our leaders" and copied.rating == ""
    assert copied.gap_action == item.gap_action and copied.gap_owner == item.gap_owner


def test_a_bad_date_is_explained_and_nothing_is_started(owner, plan) -> None:
    response = owner.post(url(plan, "new/"), {"assessed_on": "31/02/2026"})
    assert response.status_code == 400
    assert "usa-error-message" in response.content.decode()
    assert not Assessment.objects.filter(plan=plan).exists()


def test_a_viewer_reads_but_may_not_start_an_assessment(viewer, plan, assessment) -> None:
    assert viewer.get(url(plan)).status_code == 200
    assert "Start the assessment" not in viewer.get(url(plan)).content.decode()
    assert viewer.post(url(plan, "new/"), {"assessed_on": "2026-02-01"}).status_code == 403
    assert Assessment.objects.filter(plan=plan).count() == 1


def test_an_outsider_gets_404_and_an_anonymous_visitor_is_sent_to_sign_in(
    outsider, anonymous, plan, assessment
) -> None:
    for page in ("", f"{assessment.uuid}/", "compare/", f"{assessment.uuid}/decision/"):
        assert outsider.get(url(plan, page)).status_code == 404
        response = anonymous.get(url(plan, page))
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert outsider.post(url(plan, "new/"), {"assessed_on": "2026-02-01"}).status_code == 404


def test_an_assessment_of_another_plan_is_not_found_under_ours(owner, plan, people) -> None:
    theirs = assessment_start(
        plan=Plan.objects.exclude(pk=plan.pk).get(), user=people["outsider"],
        assessed_on=dt.date(2026, 1, 1),
    )  # fmt: skip
    assert owner.get(url(plan, f"{theirs.uuid}/")).status_code == 404


# -- Rating and editing a domain ------------------------------------------------------------


def test_an_editor_rates_items_with_evidence_shown_escaped(editor, plan, assessment) -> None:
    domain = first_domain(assessment)
    data = domain_data(
        domain,
        {0: {"rating": "fully", "evidence": "Council vote <b>7-2</b>"}, 1: {"rating": "emerging"},
         2: {"rating": "unknown"}},
    )  # fmt: skip
    response = editor.post(domain_url(plan, domain), data)
    assert response.status_code == 302
    ratings = list(domain.items.order_by("position").values_list("rating", flat=True))
    assert ratings == ["fully", "emerging", "unknown"]
    page = editor.get(url(plan, f"{assessment.uuid}/")).content.decode()
    assert "Council vote &lt;b&gt;7-2&lt;/b&gt;" in page and "<b>7-2</b>" not in page
    assert "score 2.0 of 3" in page  # (3 + 1) / 2, unknown left out
    home = editor.get(f"/plans/{plan.code}/").content.decode()
    assert "Finish rating the items" in home


def test_an_editor_renames_removes_and_adds_items(editor, plan, assessment) -> None:
    domain = first_domain(assessment)
    data = domain_data(
        domain, {0: {"text": "The mayor backs the plan"}, 1: {"remove": "on"}},
        title="Leaders", new_item="The county board voted for it",
    )  # fmt: skip
    assert editor.post(domain_url(plan, domain), data).status_code == 302
    texts = list(domain.items.order_by("position").values_list("text", flat=True))
    assert texts[0] == "The mayor backs the plan" and texts[-1] == "The county board voted for it"
    assert len(texts) == 3
    domain.refresh_from_db()
    assert domain.title == "Leaders"


def test_a_gap_action_needs_words_before_an_owner_or_date(editor, plan, assessment, people) -> None:
    domain = first_domain(assessment)
    member = Membership.objects.get(plan=plan, user=people["contributor"])
    data = domain_data(
        domain, {0: {"rating": "fully", "gap_owner": str(member.uuid), "gap_due": "2026-13-45"}}
    )
    response = editor.post(domain_url(plan, domain), data)
    page = response.content.decode()
    assert response.status_code == 400
    assert "Describe the action before giving it an owner" in page
    assert "Enter a valid date" in page
    assert not domain.items.exclude(rating="").exists()  # nothing saved


def test_a_gap_owner_from_another_plan_is_refused(editor, plan, assessment, people) -> None:
    domain = first_domain(assessment)
    stranger = Membership.objects.get(user=people["outsider"])
    data = domain_data(domain, {0: {"gap_action": "Do it", "gap_owner": str(stranger.uuid)}})
    response = editor.post(domain_url(plan, domain), data)
    assert response.status_code == 400 and "Select a valid choice" in response.content.decode()
    assert not domain.items.filter(gap_owner__isnull=False).exists()


def test_viewers_and_contributors_may_not_open_the_domain_form(
    viewer, contributor, plan, assessment
) -> None:
    domain = first_domain(assessment)
    for client in (viewer, contributor):
        assert client.get(domain_url(plan, domain)).status_code == 403
        response = client.post(
            domain_url(plan, domain), domain_data(domain, {0: {"rating": "fully"}})
        )
        assert response.status_code == 403
    assert not domain.items.exclude(rating="").exists()


def test_an_editor_adds_and_removes_a_domain(editor, viewer, plan, assessment) -> None:
    base = url(plan, f"{assessment.uuid}/domains/")
    response = editor.post(base + "new/", {"title": "Housing <partners>", "description": ""})
    added = assessment.domains.get(title="Housing <partners>")
    assert response["Location"] == domain_url(plan, added)
    page = editor.get(url(plan, f"{assessment.uuid}/")).content.decode()
    assert "Housing &lt;partners&gt;" in page
    assert editor.post(base + "new/", {"title": "  "}).status_code == 400
    assert viewer.post(f"{base}{added.uuid}/remove/").status_code == 403
    assert editor.post(f"{base}{added.uuid}/remove/").status_code == 302
    assert assessment.domains.count() == 9


# -- Gap actions and contributors -------------------------------------------------------------


def test_a_contributor_updates_the_gap_action_assigned_to_them(
    contributor, plan, assessment, people
) -> None:
    item = assign_gap(
        first_domain(assessment), Membership.objects.get(plan=plan, user=people["contributor"])
    )
    home = contributor.get(url(plan)).content.decode()
    assert "Gap actions assigned to you" in home
    assert "&lt;script&gt;resolution&lt;/script&gt;" in home and "<script>resolution" not in home
    gap_url = url(plan, f"{assessment.uuid}/gaps/{item.uuid}/")
    response = contributor.post(gap_url, {"status": "done", "note": "Resolution passed"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.gap_status == "done" and item.gap_note == "Resolution passed"
    assert contributor.post(gap_url, {"status": "finished"}).status_code == 200
    item.refresh_from_db()
    assert item.gap_status == "done"


def test_a_contributor_may_not_update_someone_elses_gap_action(
    contributor, viewer, plan, assessment, people
) -> None:
    item = assign_gap(
        first_domain(assessment), Membership.objects.get(plan=plan, user=people["editor"])
    )
    gap_url = url(plan, f"{assessment.uuid}/gaps/{item.uuid}/")
    assert contributor.post(gap_url, {"status": "done"}).status_code == 403
    assert viewer.post(gap_url, {"status": "done"}).status_code == 403
    item.refresh_from_db()
    assert item.gap_status == "open"


# -- The decision and step 3 -----------------------------------------------------------------


def test_a_decision_completes_step_three(editor, plan, assessment) -> None:
    decision_url = url(plan, f"{assessment.uuid}/decision/")
    assert editor.get(decision_url).status_code == 200
    response = editor.post(
        decision_url,
        {"decision": "conditions", "rationale": "Only once a <em>budget</em> exists",
         "decided_on": "2026-03-01"},
    )  # fmt: skip
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert assessment.decision == "conditions" and assessment.decided_on == dt.date(2026, 3, 1)
    page = editor.get(url(plan, f"{assessment.uuid}/")).content.decode()
    assert "Proceed with conditions" in page and "&lt;em&gt;budget&lt;/em&gt;" in page
    home = editor.get(f"/plans/{plan.code}/").content.decode()
    assert "Decision: proceed with conditions" in home


def test_a_decision_without_reasons_is_refused_beside_the_field(
    editor, viewer, plan, assessment
) -> None:
    decision_url = url(plan, f"{assessment.uuid}/decision/")
    response = editor.post(
        decision_url, {"decision": "proceed", "rationale": "", "decided_on": "2026-03-01"}
    )
    assert response.status_code == 200 and "usa-error-message" in response.content.decode()
    assert (
        viewer.post(
            decision_url, {"decision": "proceed", "rationale": "x", "decided_on": "2026-03-01"}
        ).status_code
        == 403
    )
    assessment.refresh_from_db()
    assert assessment.decision == ""


# -- Comparison ------------------------------------------------------------------------------


def test_the_compare_page_shows_what_moved(viewer, plan, assessment, people) -> None:
    item = first_domain(assessment).items.order_by("position").first()
    item.rating = "emerging"
    item.save()
    later = assessment_start(plan=plan, user=people["owner"], assessed_on=dt.date(2026, 9, 1))
    Item.objects.filter(domain__assessment=later, key=item.key).update(rating="fully")
    page = viewer.get(
        url(plan, f"compare/?before={assessment.uuid}&after={later.uuid}")
    ).content.decode()
    assert "1 item moved up, 0 moved down" in page and "▲ Up" in page
    assert viewer.get(url(plan, "compare/?before=nonsense&after=1")).status_code == 200


def test_an_editor_redates_an_assessment_and_a_viewer_may_not(
    editor, viewer, plan, assessment
) -> None:
    edit_url = url(plan, f"{assessment.uuid}/edit/")
    assert viewer.get(edit_url).status_code == 403
    assert editor.post(edit_url, {"assessed_on": "not a date"}).status_code == 400
    response = editor.post(edit_url, {"assessed_on": "2026-02-03", "title": "Kick-off"})
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert assessment.assessed_on == dt.date(2026, 2, 3) and assessment.label() == "Kick-off"


def test_deleting_an_assessment_takes_its_items_with_it(editor, viewer, plan, assessment) -> None:
    delete_url = url(plan, f"{assessment.uuid}/delete/")
    assert viewer.post(delete_url).status_code == 403
    assert editor.post(delete_url)["Location"] == url(plan)
    assert not Assessment.objects.filter(plan=plan).exists() and not Item.objects.exists()
