"""Revising actions, measures and targets after release: the change is made, the earlier
version kept, and the reasons recorded; person by person."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from plans.models import Plan
from revisions import selectors
from revisions.models import Revision
from revisions.services import fingerprint, subject_revise
from strategy import services as strategy
from strategy.models import ElementKind, Measure, MeasureTarget, StrategicAction

pytestmark = pytest.mark.django_db
DECIDED = dt.date(2026, 10, 1)


def url(plan: Plan, page: str = "") -> str:
    return f"/plans/{plan.code}/revisions/{page}"


@pytest.fixture
def measure(plan, action) -> Measure:  # type: ignore[no-untyped-def]
    element = strategy.element_add(action=action, kind=ElementKind.OUTPUT, text="Pledges")
    return strategy.measure_save(
        plan=plan, element=element, name="Employers signed", unit="count",
        direction="higher", frequency="quarterly",
    )  # fmt: skip


@pytest.fixture
def target(measure) -> MeasureTarget:  # type: ignore[no-untyped-def]
    return strategy.target_add(
        measure=measure, kind="level", target_date=dt.date(2027, 12, 31), value=40
    )


def revise_action_data(action: StrategicAction, **changes: str) -> dict[str, str]:
    data = {
        "title": action.title, "description": action.description, "starts_on": "",
        "ends_on": action.ends_on.isoformat() if action.ends_on else "",
        "equity_rationale": action.equity_rationale, "why": "Employers asked for more time.",
        "learned": "", "decided_by": "Steering committee", "decided_on": "2026-10-01",
        "loaded": fingerprint(subject=action, kind="action"),
    }  # fmt: skip
    data.update(changes)
    return data


def test_revising_an_action_keeps_the_old_version_and_the_reasons(plan, people, action):
    revision = subject_revise(
        plan=plan, kind="action", subject=action, changes={"ends_on": dt.date(2028, 6, 30)},
        why="Employers asked for more time.", learned="Small firms need a year to budget.",
        decided_by="Steering committee", decided_on=DECIDED, user=people["owner"],
    )  # fmt: skip
    action.refresh_from_db()
    assert action.ends_on == dt.date(2028, 6, 30)
    assert revision.version == 2
    assert revision.changes == [
        {"field": "ends_on", "label": "Ends", "before": "2027-12-31", "after": "2028-06-30"}
    ]


def test_a_revision_that_changes_nothing_or_gives_no_reason_is_refused(plan, action):
    with pytest.raises(ValidationError, match="Nothing changed"):
        subject_revise(
            plan=plan, kind="action", subject=action, changes={"title": "Wage pledge"},
            why="x", decided_by="y", decided_on=DECIDED,
        )  # fmt: skip
    with pytest.raises(ValidationError, match="Say why"):
        subject_revise(
            plan=plan, kind="action", subject=action, changes={"title": "New"},
            why="  ", decided_by="y", decided_on=DECIDED,
        )  # fmt: skip
    action.refresh_from_db()
    assert action.title == "Wage pledge" and not Revision.objects.exists()


def test_a_revision_made_on_a_stale_reading_is_refused(plan, action):
    loaded = fingerprint(subject=action, kind="action")
    subject_revise(
        plan=plan, kind="action", subject=action, changes={"title": "Living-wage pledge"},
        why="Clearer", decided_by="Chair", decided_on=DECIDED, loaded=loaded,
    )  # fmt: skip
    with pytest.raises(ValidationError, match="changed since you opened it"):
        subject_revise(
            plan=plan, kind="action", subject=action, changes={"title": "Other"},
            why="Mine", decided_by="Chair", decided_on=DECIDED, loaded=loaded,
        )  # fmt: skip
    action.refresh_from_db()
    assert action.title == "Living-wage pledge"
    assert Revision.objects.count() == 1


def test_measures_and_targets_are_revised_with_their_versions_counted(plan, measure, target):
    subject_revise(
        plan=plan, kind="measure", subject=measure, changes={"frequency": "yearly"},
        why="Employers report once a year.", decided_by="Data group", decided_on=DECIDED,
    )  # fmt: skip
    first = subject_revise(
        plan=plan, kind="target", subject=target, changes={"value": 30.0},
        why="Fewer large employers than we counted.", decided_by="Steering committee",
        decided_on=DECIDED,
    )  # fmt: skip
    second = subject_revise(
        plan=plan, kind="target", subject=target, changes={"value": 35.0},
        why="Two more signed early.", decided_by="Steering committee", decided_on=DECIDED,
    )  # fmt: skip
    measure.refresh_from_db()
    assert measure.frequency == "yearly"
    assert (first.version, second.version) == (2, 3)
    assert second.changes[0]["before"] == "30" and second.changes[0]["after"] == "35"


# -- pages ---------------------------------------------------------------------------------


def test_an_editor_revises_an_action_on_its_page_and_the_log_shows_it(editor, plan, action):
    page = url(plan, f"action/{action.uuid}/")
    response = editor.post(page, revise_action_data(action, title="Living-wage <b>pledge</b>"))
    assert response.status_code == 302
    log = editor.get(url(plan)).content.decode()
    assert "Living-wage &lt;b&gt;pledge&lt;/b&gt;" in log and "<b>pledge</b>" not in log
    assert "Employers asked for more time." in log


def test_a_form_without_a_reason_says_so_beside_the_field_and_changes_nothing(editor, plan, action):
    page = url(plan, f"action/{action.uuid}/")
    response = editor.post(page, revise_action_data(action, title="New", why=""))
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    action.refresh_from_db()
    assert action.title == "Wage pledge"


def test_an_end_before_the_start_is_refused_beside_the_field(editor, plan, action):
    data = revise_action_data(action, starts_on="2027-01-01", ends_on="2026-01-01")
    response = editor.post(url(plan, f"action/{action.uuid}/"), data)
    assert response.status_code == 400
    assert "The end date comes before the start date." in response.content.decode()


def test_viewers_read_versions_but_may_not_revise_and_outsiders_see_nothing(
    viewer, contributor, outsider, anonymous, plan, action
):
    page = url(plan, f"action/{action.uuid}/")
    assert viewer.get(page).status_code == 200
    assert "Make the change" not in viewer.get(page).content.decode()
    for client in (viewer, contributor):
        assert client.post(page, revise_action_data(action, title="X")).status_code == 403
    assert outsider.get(page).status_code == 404
    assert outsider.get(url(plan)).status_code == 404
    assert anonymous.get(url(plan)).status_code == 302
    assert not Revision.objects.exists()


def test_a_record_of_another_plan_or_an_unknown_kind_is_not_found(editor, plan):
    other_plan = Plan.objects.exclude(pk=plan.pk).get()
    priority = strategy.priority_save(
        plan=other_plan, pillars=[], title="P", description="", problem="",
        root_causes="", pathway="", assumptions="",
    )  # fmt: skip
    other = strategy.action_save(plan=other_plan, priority=priority, title="Theirs")
    assert editor.get(url(plan, f"action/{other.uuid}/")).status_code == 404
    assert editor.get(url(plan, f"budget/{other.uuid}/")).status_code == 404


def test_the_public_history_shows_only_when_the_owner_publishes_it(owner, plan, action):
    subject_revise(
        plan=plan, kind="action", subject=action, changes={"title": "Living-wage pledge"},
        why="Clearer name.", decided_by="Steering committee", decided_on=DECIDED,
        user=plan.memberships.get(role="owner").user,
    )  # fmt: skip
    public = f"/p/{plan.code}/history/"
    plan.published = True
    plan.save()
    assert Client().get(public).status_code == 404
    assert owner.post(url(plan, "public/"), {"public": "on"}).status_code == 302
    html = Client().get(public).content.decode()
    assert "Clearer name." in html and "recorded by" not in html
    plan.published = False
    plan.save()
    assert Client().get(public).status_code == 404


def test_only_the_owner_decides_whether_the_history_is_public(editor, plan):
    assert editor.post(url(plan, "public/"), {"public": "on"}).status_code == 403


def test_the_log_names_who_recorded_a_change_by_full_name_or_user_name(plan, people, action):
    owner = people["owner"]
    owner.first_name, owner.last_name = "Tomasa", "Delgado"
    owner.save()
    for user in (owner, people["editor"], None):
        subject_revise(
            plan=plan, kind="action", subject=action,
            changes={"ends_on": action.ends_on.replace(year=action.ends_on.year + 1)},
            why="Employers asked for more time.", decided_by="Steering committee",
            decided_on=DECIDED, user=user,
        )  # fmt: skip
        action.refresh_from_db()
    log = selectors.revision_log(plan=plan)
    assert sorted(r.recorded_by for r in log) == ["", "Tomasa Delgado", "editor"]


def test_the_log_page_lists_each_action_with_its_measures_and_targets_beneath(
    viewer, plan, action, measure, target
):
    page = viewer.get(url(plan)).content.decode()
    shown = [
        page.index(f'href="/plans/{plan.code}/revisions/{kind}/{record.uuid}/"')
        for kind, record in (("action", action), ("measure", measure), ("target", target))
    ]
    assert shown == sorted(shown)
    assert "Measure: <a" in page and "Target of Employers signed: <a" in page
    assert ">40 by 2027-12-31</a>" in page
