from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from strategy.models import ActionStatus
from tracking import services
from tracking.models import Evidence, Milestone, ProgressUpdate, ReviewState
from tracking.services import MilestoneFields, StaleEdit

D = dt.date
PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n"


def post(action, author, when, status="on-track", percent=None, **extra):  # type: ignore[no-untyped-def]
    return services.progress_update_post(
        action=action, author=author, written_on=when, status=status,
        percent_complete=percent, narrative=extra.pop("narrative", "Work went on."), **extra,
    )  # fmt: skip


def test_a_shown_update_sets_the_actions_status(action, people):
    post(action, people["editor"], D(2026, 3, 1), status="at-risk")
    action.refresh_from_db()
    assert action.status == ActionStatus.AT_RISK


def test_the_status_follows_the_latest_update_by_date_not_by_posting_order(action, people):
    post(action, people["editor"], D(2026, 5, 1), status="off-track")
    post(action, people["editor"], D(2026, 2, 1), status="on-track")  # a late report of February
    action.refresh_from_db()
    assert action.status == ActionStatus.OFF_TRACK
    assert ProgressUpdate.objects.filter(action=action).count() == 2


def test_two_updates_on_the_same_day_both_keep_and_the_later_one_sets_the_status(action, people):
    post(action, people["editor"], D(2026, 5, 1), status="at-risk")
    post(action, people["contributor"], D(2026, 5, 1), status="completed")
    action.refresh_from_db()
    assert action.status == ActionStatus.COMPLETED
    assert ProgressUpdate.objects.filter(action=action).count() == 2


def test_an_update_without_a_narrative_or_with_a_bad_percent_is_refused(action, people):
    with pytest.raises(ValidationError):
        post(action, people["editor"], D(2026, 5, 1), narrative="  ")
    with pytest.raises(ValidationError):
        post(action, people["editor"], D(2026, 5, 1), percent=140)
    with pytest.raises(ValidationError):
        post(action, people["editor"], D(2026, 5, 1), links=["javascript:alert(1)"])
    assert not ProgressUpdate.objects.exists()


def test_with_review_on_a_contributors_update_waits_and_leaves_the_status(plan, action, people):
    services.tracking_settings_set(plan=plan, review_contributor_updates=True)
    update = post(action, people["contributor"], D(2026, 5, 1), status="completed")
    action.refresh_from_db()
    assert update.review_state == ReviewState.PENDING
    assert action.status == ActionStatus.NOT_STARTED
    editor_update = post(action, people["editor"], D(2026, 4, 1), status="on-track")
    assert editor_update.review_state == ReviewState.PUBLISHED


def test_approving_shows_the_update_and_sets_the_status(plan, action, people):
    services.tracking_settings_set(plan=plan, review_contributor_updates=True)
    update = post(action, people["contributor"], D(2026, 5, 1), status="at-risk")
    services.progress_update_approve(update=update, reviewer=people["editor"])
    action.refresh_from_db()
    assert action.status == ActionStatus.AT_RISK
    with pytest.raises(StaleEdit):
        services.progress_update_approve(update=update, reviewer=people["owner"])


def test_returning_needs_a_comment_and_keeps_the_update_out_of_the_status(plan, action, people):
    services.tracking_settings_set(plan=plan, review_contributor_updates=True)
    update = post(action, people["contributor"], D(2026, 5, 1), status="off-track")
    with pytest.raises(ValidationError):
        services.progress_update_return(update=update, reviewer=people["editor"], comment=" ")
    services.progress_update_return(
        update=update, reviewer=people["editor"], comment="Say which partner pulled out."
    )
    update.refresh_from_db()
    action.refresh_from_db()
    assert update.review_state == ReviewState.RETURNED
    assert update.review_comment == "Say which partner pulled out."
    assert action.status == ActionStatus.NOT_STARTED


def test_evidence_files_are_checked_by_type_size_and_content(action, people):
    good = SimpleUploadedFile("minutes.pdf", PDF, content_type="application/pdf")
    update = post(action, people["editor"], D(2026, 5, 1), files=[good])
    evidence = Evidence.objects.get(update=update)
    assert evidence.name == "minutes.pdf" and evidence.content_type == "application/pdf"
    assert evidence.file.name.endswith(".pdf") and "minutes" not in evidence.file.name
    for name, content in (("run.exe", b"MZ"), ("fake.pdf", b"<html>"), ("empty.csv", b"")):
        with pytest.raises(ValidationError):
            post(action, people["editor"], D(2026, 5, 2), files=[SimpleUploadedFile(name, content)])
    big = SimpleUploadedFile("big.pdf", b"%PDF" + b"0" * (10 * 1024 * 1024))
    with pytest.raises(ValidationError, match="10 MB"):
        post(action, people["editor"], D(2026, 5, 2), files=[big])
    assert ProgressUpdate.objects.count() == 1


def test_a_stale_milestone_edit_is_refused_and_nothing_is_overwritten(action):
    milestone = services.milestone_add(
        action=action, fields=MilestoneFields("Ten employers sign", D(2026, 6, 30))
    )
    first = Milestone.objects.get(pk=milestone.pk)
    second = Milestone.objects.get(pk=milestone.pk)
    services.milestone_update(
        milestone=first, fields=MilestoneFields("Twelve employers sign", D(2026, 6, 30)), version=1
    )
    with pytest.raises(StaleEdit, match="changed since you opened it"):
        services.milestone_update(
            milestone=second, fields=MilestoneFields("Five employers", D(2026, 9, 1)), version=1
        )
    milestone.refresh_from_db()
    assert milestone.title == "Twelve employers sign" and milestone.version == 2


def test_completing_a_milestone_records_the_date(action):
    milestone = services.milestone_add(
        action=action, fields=MilestoneFields("Pledge drafted", D(2026, 2, 1))
    )
    services.milestone_complete(milestone=milestone, completed_on=D(2026, 1, 28), version=1)
    milestone.refresh_from_db()
    assert milestone.completed_on == D(2026, 1, 28)


def test_ownership_by_an_organisation_keeps_its_contact(plan, action, member):
    organisation = plan.organisations.first()
    services.action_ownership_set(
        action=action, owner=None, owner_organisation=organisation,
        owner_contact="Dana Ruiz, 815-555-0100", backup=member("editor"),
    )  # fmt: skip
    action.refresh_from_db()
    assert action.owner is None and action.owner_organisation == organisation
    assert action.owner_contact == "Dana Ruiz, 815-555-0100"
    with pytest.raises(ValidationError):
        services.action_ownership_set(
            action=action, owner=member("editor"), owner_organisation=None, owner_contact="",
            backup=member("editor"),
        )  # fmt: skip
