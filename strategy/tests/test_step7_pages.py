from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from metrics.models import Pillar, Predictor
from plans.models import Plan
from strategy import services
from strategy.models import (
    Approval,
    Criterion,
    LogicElement,
    Priority,
    ReviewComment,
    Score,
    StrategicAction,
    VisionVersion,
)

pytestmark = pytest.mark.django_db


def url(plan: Plan, page: str = "") -> str:
    return f"/plans/{plan.code}/strategy/{page}"


def action_url(plan: Plan, action: StrategicAction, page: str = "") -> str:
    return url(plan, f"actions/{action.uuid}/{page}")


# -- vision --------------------------------------------------------------------------------


def test_a_new_vision_version_becomes_current_and_the_old_one_stays_in_the_history(
    editor, plan
) -> None:
    editor.post(url(plan, "vision/"), {"text": "Every family thrives.", "written_on": "2026-01-05"})
    editor.post(
        url(plan, "vision/"), {"text": "Every family thrives here.", "written_on": "2026-03-01"}
    )
    overview = editor.get(url(plan)).content.decode()
    assert "Every family thrives here." in overview and "2 versions in all" in overview
    history = editor.get(url(plan, "vision/")).content.decode()
    assert history.index("Every family thrives here.") < history.index("Every family thrives.<")
    assert "editor" in history


def test_a_vision_without_text_is_refused_beside_the_field(editor, plan) -> None:
    response = editor.post(url(plan, "vision/"), {"text": "  ", "written_on": "2026-01-05"})
    assert response.status_code == 200
    assert "usa-error-message" in response.content.decode()
    assert not VisionVersion.objects.exists()


def test_a_bad_date_is_refused_beside_the_field(editor, plan) -> None:
    response = editor.post(url(plan, "vision/"), {"text": "Thrive", "written_on": "31/31/2026"})
    assert "Enter a valid date" in response.content.decode()
    assert not VisionVersion.objects.exists()


def test_a_viewer_reads_the_vision_escaped_but_may_not_write_one(viewer, plan, people) -> None:
    services.vision_write(
        plan=plan,
        text="<script>alert(1)</script>",
        written_on=datetime.date(2026, 1, 1),
        user=people["owner"],
    )
    page = viewer.get(url(plan)).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert(1)" not in page
    assert (
        viewer.post(url(plan, "vision/"), {"text": "Mine", "written_on": "2026-01-01"}).status_code
        == 403
    )
    assert VisionVersion.objects.count() == 1


def test_a_contributor_may_not_write_the_vision(contributor, plan) -> None:
    response = contributor.post(url(plan, "vision/"), {"text": "x", "written_on": "2026-01-01"})
    assert response.status_code == 403


def test_an_outsider_gets_404_and_an_anonymous_visitor_is_sent_to_sign_in(
    outsider, anonymous, plan
) -> None:
    for page in ("", "vision/", "priorities/new/", "actions/new/", "matrix/"):
        assert outsider.get(url(plan, page)).status_code == 404
        response = anonymous.get(url(plan, page))
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


# -- priorities ----------------------------------------------------------------------------


def test_an_editor_adds_a_priority_with_its_pillars_and_theory_of_change(editor, plan) -> None:
    response = editor.post(
        url(plan, "priorities/new/"),
        {
            "title": "Stable homes",
            "description": "Fewer evictions",
            "pillars": ["rewarding-work"],
            "problem": "Rents rose faster than pay.",
            "root_causes": "Zoning",
            "pathway": "If more units are affordable, then fewer families move.",
            "assumptions": "",
        },
    )
    assert response.status_code == 302
    priority = Priority.objects.get(plan=plan)
    assert priority.has_theory_of_change()
    assert [p.slug for p in priority.pillars.all()] == ["rewarding-work"]
    page = editor.get(url(plan)).content.decode()
    assert "Stable homes" in page and "Rents rose faster than pay." in page


def test_a_priority_without_a_title_or_with_an_unknown_pillar_is_refused(editor, plan) -> None:
    response = editor.post(url(plan, "priorities/new/"), {"title": "", "pillars": ["atlantis"]})
    page = response.content.decode()
    assert response.status_code == 200 and page.count("usa-error-message") == 2
    assert not Priority.objects.exists()


def test_editing_a_priority_keeps_it_and_changes_its_text(editor, plan, priority) -> None:
    data = {
        "title": "Good jobs for all",
        "problem": "Low pay",
        "pathway": "If...then",
        "pillars": [],
    }
    editor.post(url(plan, f"priorities/{priority.uuid}/"), data)
    priority.refresh_from_db()
    assert priority.title == "Good jobs for all" and not priority.pillars.exists()


def test_a_viewer_may_not_add_a_priority(viewer, plan) -> None:
    assert viewer.post(url(plan, "priorities/new/"), {"title": "x"}).status_code == 403
    assert not Priority.objects.exists()


def test_another_plans_priority_is_not_found(owner, plan, people) -> None:
    theirs = Plan.objects.exclude(pk=plan.pk).get()
    foreign = services.priority_save(plan=theirs, pillars=[], title="Theirs")
    assert owner.get(url(plan, f"priorities/{foreign.uuid}/")).status_code == 404


# -- actions -------------------------------------------------------------------------------


def test_an_editor_adds_an_action_with_owner_partners_and_predictors(
    editor, plan, priority, contributor_membership
) -> None:
    partner = plan.organisations.create(name="Goodwill", kind="nonprofit")
    predictor = Predictor.objects.get(slug="employment-opportunities")
    response = editor.post(
        url(plan, "actions/new/"),
        {
            "title": "Apprenticeships",
            "priority": priority.pk,
            "change_kinds": ["practice", "power"],
            "lead_organisation": plan.lead_organisation.pk,
            "partners": [partner.pk],
            "owner": contributor_membership.pk,
            "starts_on": "2027-01-01",
            "ends_on": "2027-12-31",
            "equity_rationale": "Opens trades to Black and Latino youth.",
            "predictors": [predictor.pk],
        },
    )
    action = StrategicAction.objects.get(title="Apprenticeships")
    assert response.status_code == 302 and str(action.uuid) in response["Location"]
    assert action.change_kinds == ["practice", "power"] and action.owner == contributor_membership
    page = editor.get(action_url(plan, action)).content.decode()
    assert "Goodwill" in page and "Power dynamics" in page and "Employment opportunities" in page
    assert "2027-01-01 to 2027-12-31" in page


def test_the_line_of_sight_shows_the_latest_value_of_each_metric_for_the_place(
    viewer, plan, action
) -> None:
    page = viewer.get(action_url(plan, action)).content.decode()
    assert "Line of sight" in page and "share_employed" in page
    assert "Urban Institute" in page
    assert "(20" in page  # the value carries its year


def test_an_action_ending_before_it_starts_is_refused_beside_the_end_date(
    editor, plan, priority
) -> None:
    response = editor.post(
        url(plan, "actions/new/"),
        {
            "title": "Backwards",
            "priority": priority.pk,
            "starts_on": "2028-01-01",
            "ends_on": "2027-01-01",
        },
    )
    assert "The end date comes before the start date." in response.content.decode()
    assert not StrategicAction.objects.filter(title="Backwards").exists()


def test_an_action_with_another_plans_priority_is_refused(editor, plan, priority) -> None:
    theirs = services.priority_save(
        plan=Plan.objects.exclude(pk=plan.pk).get(), pillars=[], title="Theirs"
    )
    response = editor.post(url(plan, "actions/new/"), {"title": "Sly", "priority": theirs.pk})
    assert response.status_code == 200 and "usa-error-message" in response.content.decode()
    assert not StrategicAction.objects.filter(title="Sly").exists()


def test_adding_an_action_before_any_priority_leads_to_adding_a_priority(editor, plan) -> None:
    response = editor.get(url(plan, "actions/new/"))
    assert response.status_code == 302 and response["Location"].endswith("/priorities/new/")


def test_the_contributor_edits_the_action_they_own_but_cannot_hand_it_over(
    contributor, plan, action, priority, people
) -> None:
    editor_membership = plan.memberships.get(user=people["editor"])
    response = contributor.post(
        action_url(plan, action, "edit/"),
        {
            "title": "Living-wage pledge, phase 1",
            "priority": priority.pk,
            "owner": editor_membership.pk,
        },
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.title == "Living-wage pledge, phase 1"
    assert action.owner.user == people["contributor"]


def test_a_contributor_may_not_edit_an_action_someone_else_owns(
    contributor, plan, other_action, priority
) -> None:
    response = contributor.post(
        action_url(plan, other_action, "edit/"), {"title": "Mine now", "priority": priority.pk}
    )
    assert response.status_code == 403
    other_action.refresh_from_db()
    assert other_action.title == "Job fair"


def test_a_contributor_may_not_create_an_action(contributor, plan, priority) -> None:
    response = contributor.post(url(plan, "actions/new/"), {"title": "x", "priority": priority.pk})
    assert response.status_code == 403


def test_a_viewer_reads_an_action_but_may_not_edit_it(viewer, plan, action, priority) -> None:
    assert viewer.get(action_url(plan, action)).status_code == 200
    response = viewer.post(
        action_url(plan, action, "edit/"), {"title": "x", "priority": priority.pk}
    )
    assert response.status_code == 403


def test_an_outsider_gets_404_for_an_action(outsider, plan, action) -> None:
    assert outsider.get(action_url(plan, action)).status_code == 404


def test_markup_in_an_action_is_shown_escaped(viewer, plan, priority) -> None:
    action = services.action_save(
        plan=plan, priority=priority, title="<b>Bold</b>", equity_rationale="<img src=x onerror=1>"
    )
    page = viewer.get(action_url(plan, action)).content.decode()
    assert "&lt;b&gt;Bold&lt;/b&gt;" in page and "<img src=x" not in page


# -- logic model ---------------------------------------------------------------------------


def test_the_owner_of_an_action_builds_its_logic_model_in_order(contributor, plan, action) -> None:
    for kind, text in (
        ("input", "Two staff"),
        ("activity", "Recruit employers"),
        ("outcome-long", "Higher employment"),
    ):
        contributor.post(action_url(plan, action, "logic-model/"), {"kind": kind, "text": text})
    page = contributor.get(action_url(plan, action)).content.decode()
    assert (
        page.index("Two staff") < page.index("Recruit employers") < page.index("Higher employment")
    )
    assert LogicElement.objects.filter(action=action).count() == 3


def test_an_element_is_edited_and_removed(editor, plan, action) -> None:
    element = services.element_add(action=action, kind="output", text="50 pledges")
    editor.post(
        action_url(plan, action, f"logic-model/{element.uuid}/"), {"text": "60 pledges", "order": 1}
    )
    element.refresh_from_db()
    assert element.text == "60 pledges"
    editor.post(action_url(plan, action, f"logic-model/{element.uuid}/"), {"delete": "1"})
    assert not LogicElement.objects.filter(pk=element.pk).exists()


def test_an_element_of_an_unknown_kind_is_not_added(editor, plan, action) -> None:
    editor.post(action_url(plan, action, "logic-model/"), {"kind": "wish", "text": "x"})
    assert not LogicElement.objects.exists()


def test_a_contributor_may_not_change_the_logic_model_of_an_action_they_do_not_own(
    contributor, plan, other_action
) -> None:
    response = contributor.post(
        action_url(plan, other_action, "logic-model/"), {"kind": "input", "text": "x"}
    )
    assert response.status_code == 403 and not LogicElement.objects.exists()


# -- review --------------------------------------------------------------------------------


def test_a_contributor_comments_and_an_editor_resolves_the_comment(
    contributor, editor, plan, other_action
) -> None:
    contributor.post(action_url(plan, other_action, "comments/"), {"text": "Who pays <for it>?"})
    comment = ReviewComment.objects.get()
    page = editor.get(action_url(plan, other_action)).content.decode()
    assert "Who pays &lt;for it&gt;?" in page
    editor.post(
        action_url(plan, other_action, f"comments/{comment.uuid}/resolve/"), {"resolved": "1"}
    )
    comment.refresh_from_db()
    assert comment.resolved


def test_a_viewer_may_neither_comment_nor_resolve(viewer, plan, action, people) -> None:
    assert viewer.post(action_url(plan, action, "comments/"), {"text": "hi"}).status_code == 403
    comment = services.comment_add(action=action, author=people["editor"], text="Check")
    url_ = action_url(plan, action, f"comments/{comment.uuid}/resolve/")
    assert viewer.post(url_).status_code == 403


def test_an_editor_approves_an_action_and_the_page_says_so(editor, plan, action) -> None:
    editor.post(action_url(plan, action, "approvals/"), {"decision": "approve", "note": "Good"})
    assert Approval.objects.get().decision == "approve"
    assert "Approved" in editor.get(action_url(plan, action)).content.decode()


def test_a_contributor_may_not_approve_even_their_own_action(contributor, plan, action) -> None:
    response = contributor.post(action_url(plan, action, "approvals/"), {"decision": "approve"})
    assert response.status_code == 403 and not Approval.objects.exists()


# -- prioritisation matrix -----------------------------------------------------------------


def test_the_matrix_ranks_actions_by_weighted_total(editor, plan, action, other_action) -> None:
    editor.post(url(plan, "matrix/"), {"name": "Reach", "weight": "3"})
    editor.post(url(plan, "matrix/"), {"name": "Cost", "weight": "1"})
    reach, cost = Criterion.objects.order_by("order")
    editor.post(
        url(plan, "matrix/scores/"),
        {
            f"s-{action.uuid}-{reach.uuid}": "2",
            f"s-{action.uuid}-{cost.uuid}": "5",
            f"s-{other_action.uuid}-{reach.uuid}": "4",
            f"s-{other_action.uuid}-{cost.uuid}": "1",
        },
    )
    page = editor.get(url(plan, "matrix/")).content.decode()
    ranking = page[page.index('id="ranking"') :]
    # Job fair: 4x3 + 1x1 = 13; the pledge: 2x3 + 5x1 = 11.
    assert ranking.index("Job fair") < ranking.index("Living-wage pledge")
    assert ">13<" in ranking and ">11<" in ranking and "3.25" in ranking


def test_a_score_out_of_range_saves_nothing(editor, plan, action) -> None:
    criterion = services.criterion_add(plan=plan, name="Reach", weight=Decimal(1))
    editor.post(url(plan, "matrix/scores/"), {f"s-{action.uuid}-{criterion.uuid}": "9"})
    assert not Score.objects.exists()


def test_a_duplicate_or_weightless_criterion_is_refused_beside_the_field(editor, plan) -> None:
    services.criterion_add(plan=plan, name="Reach", weight=Decimal(1))
    response = editor.post(url(plan, "matrix/"), {"name": "reach", "weight": "2"})
    assert response.status_code == 400 and "already a criterion" in response.content.decode()
    response = editor.post(url(plan, "matrix/"), {"name": "Cost", "weight": "0"})
    assert response.status_code == 400 and Criterion.objects.count() == 1


def test_a_viewer_sees_the_matrix_but_may_not_score_or_add_criteria(viewer, plan, action) -> None:
    criterion = services.criterion_add(plan=plan, name="Reach", weight=Decimal(1))
    assert viewer.get(url(plan, "matrix/")).status_code == 200
    assert viewer.post(url(plan, "matrix/"), {"name": "Cost", "weight": "1"}).status_code == 403
    response = viewer.post(url(plan, "matrix/scores/"), {f"s-{action.uuid}-{criterion.uuid}": "3"})
    assert response.status_code == 403 and not Score.objects.exists()


# -- step status ---------------------------------------------------------------------------


def test_step_seven_is_complete_with_a_vision_a_theory_and_an_approved_modelled_action(
    plan, action, people
) -> None:
    services.vision_write(
        plan=plan, text="Thrive", written_on=datetime.date(2026, 1, 1), user=people["owner"]
    )
    services.element_add(action=action, kind="input", text="Staff")
    from plans.steps import plan_steps

    step = plan_steps(plan=plan)[6]
    assert step.state == "in progress" and "approve" in step.next_action
    services.approval_record(action=action, reviewer=people["editor"], decision="approve")
    assert plan_steps(plan=plan)[6].state == "complete"


def test_step_seven_is_not_started_on_an_empty_plan(plan) -> None:
    from plans.steps import plan_steps

    assert plan_steps(plan=plan)[6].state == "not started"


def test_pillars_come_from_the_current_framework(plan) -> None:
    assert Pillar.objects.filter(slug="rewarding-work").exists()


def test_an_editor_deletes_an_action_with_its_logic_model(editor, plan, action) -> None:
    services.element_add(action=action, kind="input", text="Staff")
    response = editor.post(action_url(plan, action, "delete/"))
    assert response.status_code == 302
    assert not StrategicAction.objects.filter(pk=action.pk).exists()
    assert not LogicElement.objects.exists()


def test_the_owning_contributor_may_not_delete_their_action(contributor, plan, action) -> None:
    assert contributor.post(action_url(plan, action, "delete/")).status_code == 403
    assert StrategicAction.objects.filter(pk=action.pk).exists()


def test_a_priority_with_actions_is_kept_and_the_editor_told_why(editor, plan, action, priority):
    response = editor.post(url(plan, f"priorities/{priority.uuid}/delete/"), follow=True)
    assert "Move or delete the priority" in response.content.decode()
    assert Priority.objects.filter(pk=priority.pk).exists()
    editor.post(action_url(plan, action, "delete/"))
    editor.post(url(plan, f"priorities/{priority.uuid}/delete/"))
    assert not Priority.objects.exists()


def test_changes_requested_after_an_approval_reopen_step_seven(plan, action, people) -> None:
    from plans.steps import plan_steps

    services.vision_write(
        plan=plan, text="Thrive", written_on=datetime.date(2026, 1, 1), user=people["owner"]
    )
    services.element_add(action=action, kind="input", text="Staff")
    services.approval_record(action=action, reviewer=people["editor"], decision="approve")
    services.approval_record(action=action, reviewer=people["owner"], decision="changes")
    assert plan_steps(plan=plan)[6].state == "in progress"


def test_a_viewer_sees_a_logic_model_element_without_a_form(viewer, plan, action) -> None:
    element = services.element_add(action=action, kind="input", text="Two <staff>")
    page = viewer.get(action_url(plan, action, f"logic-model/{element.uuid}/")).content.decode()
    assert "Two &lt;staff&gt;" in page and 'name="text"' not in page


def test_the_plan_home_says_what_to_do_next_on_steps_seven_and_eight(owner, plan) -> None:
    page = owner.get(f"/plans/{plan.code}/").content.decode()
    assert "Write the community" in page and "Give every outcome of the logic models" in page


def test_the_author_of_a_comment_marks_it_resolved_but_not_someone_elses(
    contributor, plan, action, people
) -> None:
    own = services.comment_add(action=action, author=people["contributor"], text="Mine")
    other = services.comment_add(action=action, author=people["editor"], text="Theirs")
    contributor.post(action_url(plan, action, f"comments/{own.uuid}/resolve/"), {"resolved": "1"})
    response = contributor.post(action_url(plan, action, f"comments/{other.uuid}/resolve/"))
    own.refresh_from_db()
    other.refresh_from_db()
    assert own.resolved and not other.resolved and response.status_code == 403


def test_the_owning_contributor_edits_an_element_of_their_action(contributor, plan, action) -> None:
    element = services.element_add(action=action, kind="input", text="Staff")
    contributor.post(
        action_url(plan, action, f"logic-model/{element.uuid}/"), {"text": "Two staff", "order": 1}
    )
    element.refresh_from_db()
    assert element.text == "Two staff"


def test_editing_an_action_never_puts_back_an_older_status(plan, action):
    from strategy.models import ActionStatus, StrategicAction
    from strategy.services import action_save

    loaded = StrategicAction.objects.get(pk=action.pk)  # an editor opens the action
    StrategicAction.objects.filter(pk=action.pk).update(status=ActionStatus.AT_RISK)  # an update
    action_save(plan=plan, action=loaded, title="Living-wage pledge, renamed")
    action.refresh_from_db()
    assert (action.title, action.status) == ("Living-wage pledge, renamed", ActionStatus.AT_RISK)
