from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from strategy.models import ActionStatus
from tracking import services
from tracking.models import Evidence, Milestone, ProgressUpdate, ReviewState
from tracking.services import MilestoneFields

D = dt.date
PDF = b"%PDF-1.4\n%%EOF\n"


def url(name: str, plan, *args) -> str:  # type: ignore[no-untyped-def]
    return reverse(f"tracking:{name}", args=[plan.code, *args])


def form(**extra):  # type: ignore[no-untyped-def]
    data = {"written_on": "2026-04-30", "status": "at-risk", "percent_complete": "35",
            "narrative": "Three employers signed; two asked for more time.", "blockers": "",
            "next_steps": "Meet the roundtable in May.", "links": ""}  # fmt: skip
    data.update(extra)
    return data


def post_update(action, user, when=None, status="on-track"):  # type: ignore[no-untyped-def]
    return services.progress_update_post(
        action=action,
        author=user,
        written_on=when or D(2026, 3, 1),
        status=status,
        narrative="Going fine.",
    )


# -- Board and roll-up ---------------------------------------------------------------------


def test_the_board_lists_each_action_with_owner_status_in_words_and_next_milestone(
    owner, plan, action, people
):
    post_update(action, people["editor"], status="at-risk")
    services.milestone_add(
        action=action, fields=MilestoneFields("Ten employers sign", D(2030, 6, 1))
    )
    page = owner.get(url("board", plan))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Living-wage pledge" in text and "contributor" in text
    assert "At risk" in text and "Ten employers sign" in text and "Mar 1, 2026" in text


@pytest.mark.parametrize("name", ["board", "rollup", "import-template"])
def test_reading_pages_are_open_to_viewers_hidden_from_outsiders_and_ask_anonymous_to_sign_in(
    name, viewer, outsider, anonymous, plan, action
):
    assert viewer.get(url(name, plan)).status_code == 200
    assert outsider.get(url(name, plan)).status_code == 404
    response = anonymous.get(url(name, plan))
    assert response.status_code == 302 and "login" in response["Location"]


def test_the_rollup_writes_its_rule_and_weighs_actions(editor, plan, action, other_action, people):
    services.progress_update_post(
        action=action, author=people["editor"], written_on=D(2026, 3, 1), status="on-track",
        percent_complete=40, narrative="Half the employers met.",
    )  # fmt: skip
    services.action_weight_set(action=action, weight=3)
    text = editor.get(url("rollup", plan)).content.decode()
    assert "weighted mean" in text
    assert "30%" in text  # (3 x 40 + 1 x 0) / 4
    assert "1 not started, 1 on track" in text
    assert "Rewarding Work" in text or "rewarding" in text.lower()


def test_the_plan_home_links_the_board_and_counts_updates(owner, plan, action, people):
    post_update(action, people["editor"])
    text = owner.get(reverse("plans:home", args=[plan.code])).content.decode()
    assert url("board", plan) in text
    assert "1 progress update on 1 of 1 action" in text


# -- Posting updates -----------------------------------------------------------------------


def test_the_owning_contributor_posts_an_update_with_evidence_and_the_status_changes(
    contributor, plan, action
):
    upload = SimpleUploadedFile("minutes.pdf", PDF, content_type="application/pdf")
    response = contributor.post(
        url("update-new", plan, action.uuid),
        form(evidence=upload, links="https://example.org/pledge"),
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == ActionStatus.AT_RISK
    update = ProgressUpdate.objects.get(action=action)
    assert update.links == ["https://example.org/pledge"] and update.percent_complete == 35
    assert Evidence.objects.get(update=update).name == "minutes.pdf"


def test_a_contributor_may_not_post_on_an_action_that_is_not_theirs(
    contributor, plan, other_action
):
    assert contributor.get(url("update-new", plan, other_action.uuid)).status_code == 403
    assert contributor.post(url("update-new", plan, other_action.uuid), form()).status_code == 403
    assert not ProgressUpdate.objects.exists()


def test_the_backup_and_editors_post_on_any_action(editor, owner, plan, action, other_action):
    assert editor.post(url("update-new", plan, action.uuid), form()).status_code == 302
    assert owner.post(url("update-new", plan, other_action.uuid), form()).status_code == 302
    assert ProgressUpdate.objects.count() == 2


def test_viewers_outsiders_and_anonymous_cannot_post(viewer, outsider, anonymous, plan, action):
    assert viewer.post(url("update-new", plan, action.uuid), form()).status_code == 403
    assert outsider.post(url("update-new", plan, action.uuid), form()).status_code == 404
    assert anonymous.post(url("update-new", plan, action.uuid), form()).status_code == 302
    assert not ProgressUpdate.objects.exists()


def test_bad_input_is_shown_beside_the_field_and_nothing_is_saved(editor, plan, action):
    bad_file = SimpleUploadedFile("tool.exe", b"MZ...")
    response = editor.post(
        url("update-new", plan, action.uuid),
        form(narrative="", percent_complete="120", links="ftp://x", evidence=bad_file),
    )
    text = response.content.decode()
    assert response.status_code == 400
    assert "usa-error-message" in text and "tool.exe" in text and "web address" in text
    assert not ProgressUpdate.objects.exists()


def test_markup_in_an_update_is_shown_as_text(editor, plan, action):
    editor.post(url("update-new", plan, action.uuid), form(narrative="<script>alert(1)</script>"))
    text = editor.get(url("action", plan, action.uuid)).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "<script>alert(1)" not in text


# -- Review --------------------------------------------------------------------------------


def test_review_flow_pending_is_seen_by_editors_and_author_only_then_approved(
    owner, contributor, viewer, editor, plan, action
):
    assert (
        owner.post(url("settings", plan), {"review_contributor_updates": "on"}).status_code == 302
    )
    contributor.post(url("update-new", plan, action.uuid), form(narrative="Waiting words"))
    update = ProgressUpdate.objects.get()
    assert update.review_state == ReviewState.PENDING
    assert "Waiting words" in contributor.get(url("action", plan, action.uuid)).content.decode()
    assert "Waiting words" in editor.get(url("waiting", plan)).content.decode()
    assert "Waiting words" not in viewer.get(url("action", plan, action.uuid)).content.decode()
    action.refresh_from_db()
    assert action.status == ActionStatus.NOT_STARTED
    response = editor.post(url("update-review", plan, update.uuid), {"decision": "approve"})
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == ActionStatus.AT_RISK
    assert "Waiting words" in viewer.get(url("action", plan, action.uuid)).content.decode()


def test_a_returned_update_shows_the_comment_to_its_author_who_sends_an_edited_version(
    owner, contributor, editor, plan, action
):
    owner.post(url("settings", plan), {"review_contributor_updates": "on"})
    contributor.post(url("update-new", plan, action.uuid), form(narrative="First try"))
    first = ProgressUpdate.objects.get()
    editor.post(url("update-review", plan, first.uuid), {"decision": "return", "comment": ""})
    first.refresh_from_db()
    assert first.review_state == ReviewState.PENDING  # a return needs a comment
    editor.post(
        url("update-review", plan, first.uuid), {"decision": "return", "comment": "Name the firms."}
    )
    page = contributor.get(url("action", plan, action.uuid)).content.decode()
    assert "Name the firms." in page and "Edit and send again" in page
    edit_url = url("update-new", plan, action.uuid) + f"?replaces={first.uuid}"
    assert "First try" in contributor.get(edit_url).content.decode()
    contributor.post(edit_url, form(narrative="Acme and Rock Tool signed", replaces=first.uuid))
    second = ProgressUpdate.objects.exclude(pk=first.pk).get()
    assert second.replaces == first and second.review_state == ReviewState.PENDING
    assert editor.get(edit_url).status_code == 403  # only the author edits it


def test_only_editors_review_and_only_owners_change_the_setting(
    contributor, viewer, editor, plan, action, people
):
    services.tracking_settings_set(plan=plan, review_contributor_updates=True)
    update = post_update(action, people["contributor"])
    assert (
        contributor.post(
            url("update-review", plan, update.uuid), {"decision": "approve"}
        ).status_code
        == 403
    )
    assert (
        viewer.post(url("update-review", plan, update.uuid), {"decision": "approve"}).status_code
        == 403
    )
    assert editor.post(url("settings", plan), {}).status_code == 403
    assert viewer.get(url("waiting", plan)).status_code == 403
    update.refresh_from_db()
    assert update.review_state == ReviewState.PENDING


# -- Evidence ------------------------------------------------------------------------------


def test_evidence_downloads_as_an_attachment_for_members_only(
    viewer, outsider, anonymous, plan, action, people
):
    upload = SimpleUploadedFile("minutes.pdf", PDF)
    update = services.progress_update_post(
        action=action, author=people["editor"], written_on=D(2026, 3, 1), status="on-track",
        narrative="Minutes attached.", files=[upload],
    )  # fmt: skip
    evidence = Evidence.objects.get(update=update)
    response = viewer.get(url("evidence", plan, evidence.uuid))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content) == PDF
    assert outsider.get(url("evidence", plan, evidence.uuid)).status_code == 404
    assert anonymous.get(url("evidence", plan, evidence.uuid)).status_code == 302


def test_evidence_of_a_waiting_update_is_hidden_from_viewers(viewer, editor, plan, action, people):
    services.tracking_settings_set(plan=plan, review_contributor_updates=True)
    update = services.progress_update_post(
        action=action, author=people["contributor"], written_on=D(2026, 3, 1),
        status="on-track", narrative="Draft.", files=[SimpleUploadedFile("a.pdf", PDF)],
    )  # fmt: skip
    evidence = Evidence.objects.get(update=update)
    assert viewer.get(url("evidence", plan, evidence.uuid)).status_code == 404
    assert editor.get(url("evidence", plan, evidence.uuid)).status_code == 200


# -- Milestones ----------------------------------------------------------------------------


def test_the_owner_of_the_action_adds_edits_and_completes_milestones(contributor, plan, action):
    data = {"title": "Draft the pledge", "due_on": "2026-02-01", "completed_on": ""}
    assert contributor.post(url("milestone-new", plan, action.uuid), data).status_code == 302
    milestone = Milestone.objects.get()
    edit = url("milestone", plan, action.uuid, milestone.uuid)
    data.update(title="Draft and print the pledge", version="1")
    assert contributor.post(edit, data).status_code == 302
    done = url("milestone-complete", plan, action.uuid, milestone.uuid)
    assert contributor.post(done, {"completed_on": "2026-01-30", "version": "2"}).status_code == 302
    milestone.refresh_from_db()
    assert milestone.title == "Draft and print the pledge"
    assert milestone.completed_on == D(2026, 1, 30) and milestone.version == 3


def test_a_stale_milestone_form_is_refused_with_a_clear_message(editor, plan, action):
    milestone = services.milestone_add(
        action=action, fields=MilestoneFields("Draft the pledge", D(2026, 2, 1))
    )
    services.milestone_update(
        milestone=milestone,
        fields=MilestoneFields("Someone else's title", D(2026, 2, 1)),
        version=1,
    )
    edit = url("milestone", plan, action.uuid, milestone.uuid)
    response = editor.post(edit, {"title": "Mine", "due_on": "2026-03-01", "version": "1"})
    assert response.status_code == 409
    assert "changed since you opened it" in response.content.decode()
    milestone.refresh_from_db()
    assert milestone.title == "Someone else's title"


def test_milestones_of_another_action_are_closed_to_the_contributor(
    contributor, viewer, plan, other_action
):
    data = {"title": "X", "due_on": "2026-02-01"}
    assert contributor.post(url("milestone-new", plan, other_action.uuid), data).status_code == 403
    assert viewer.post(url("milestone-new", plan, other_action.uuid), data).status_code == 403
    assert not Milestone.objects.exists()


def test_a_milestone_without_a_title_or_date_is_refused_beside_the_fields(editor, plan, action):
    response = editor.post(url("milestone-new", plan, action.uuid), {"title": "", "due_on": "x"})
    assert response.status_code == 400 and "usa-error-message" in response.content.decode()
    assert not Milestone.objects.exists()


# -- Ownership -----------------------------------------------------------------------------


def test_editors_set_an_organisation_as_owner_with_its_contact(editor, plan, action, member):
    organisation = plan.organisations.first()
    data = {"owner": "", "owner_organisation": organisation.pk,
            "owner_contact": "Dana Ruiz", "backup": member("viewer").pk, "weight": "2"}  # fmt: skip
    assert editor.post(url("ownership", plan, action.uuid), data).status_code == 302
    action.refresh_from_db()
    assert action.owner_organisation == organisation and action.backup == member("viewer")
    assert "Dana Ruiz" in editor.get(url("board", plan)).content.decode()


def test_ownership_needs_a_contact_for_an_organisation_and_is_for_editors_only(
    editor, contributor, plan, action
):
    organisation = plan.organisations.first()
    data = {"owner_organisation": organisation.pk, "owner_contact": ""}
    response = editor.post(url("ownership", plan, action.uuid), data)
    assert response.status_code == 400 and "Name who to ask" in response.content.decode()
    assert contributor.get(url("ownership", plan, action.uuid)).status_code == 403


def test_an_update_dated_in_the_future_is_refused(editor, plan, action):
    later = (dt.date.today() + dt.timedelta(days=30)).isoformat()
    response = editor.post(url("update-new", plan, action.uuid), form(written_on=later))
    assert response.status_code == 400 and "in the future" in response.content.decode()
    assert not ProgressUpdate.objects.exists()


def change_urls(plan, action, milestone, update):  # type: ignore[no-untyped-def]
    return [
        url("update-new", plan, action.uuid),
        url("milestone-new", plan, action.uuid),
        url("milestone", plan, action.uuid, milestone.uuid),
        url("milestone-complete", plan, action.uuid, milestone.uuid),
        url("ownership", plan, action.uuid),
        url("update-review", plan, update.uuid),
        url("settings", plan),
        url("import", plan),
        url("waiting", plan),
        url("action", plan, action.uuid),
    ]


def test_every_page_is_hidden_from_outsiders_and_asks_anonymous_to_sign_in(
    outsider, anonymous, plan, action, people
):
    milestone = services.milestone_add(action=action, fields=MilestoneFields("M", D(2026, 5, 1)))
    update = post_update(action, people["editor"])
    for address in change_urls(plan, action, milestone, update):
        assert outsider.post(address, {}).status_code == 404, address
        response = anonymous.post(address, {})
        assert response.status_code == 302 and "login" in response["Location"], address
    milestone.refresh_from_db()
    assert milestone.version == 1 and ProgressUpdate.objects.count() == 1


def test_viewers_read_the_action_page_but_change_nothing(viewer, plan, action, people):
    milestone = services.milestone_add(action=action, fields=MilestoneFields("M", D(2026, 5, 1)))
    update = post_update(action, people["editor"])
    page = viewer.get(url("action", plan, action.uuid)).content.decode()
    assert "Going fine." in page and "Post a progress update" not in page
    for address in change_urls(plan, action, milestone, update)[:-1]:
        assert viewer.post(address, {}).status_code == 403, address


def test_the_author_finds_an_update_returned_to_them_on_the_review_page(
    contributor, editor, plan, action, people
):
    services.tracking_settings_set(plan=plan, review_contributor_updates=True)
    update = post_update(action, people["contributor"])
    services.progress_update_return(update=update, reviewer=people["editor"], comment="Add dates.")
    page = contributor.get(url("waiting", plan)).content.decode()
    assert "Returned to you" in page and "Add dates." in page and "Edit and send again" in page
    assert "Returned to you" not in editor.get(url("waiting", plan)).content.decode()
