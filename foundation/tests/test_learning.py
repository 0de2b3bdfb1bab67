from __future__ import annotations

from django.urls import reverse

from foundation.models import LearningQuestion


def url(name: str, plan, *args) -> str:  # type: ignore[no-untyped-def]
    return reverse(f"foundation:{name}", args=[plan.code, *args])


def post(**values: object) -> dict[str, object]:
    data: dict[str, object] = {
        "question": "Do riders know the new late bus exists?", "why": "Night-shift workers.",
        "helpers": ["residents", "implementers"], "status": "open", "learned": "",
        "learned_from": "", "learned_on": "", "what_changed": "", "action": "", "measure": "",
    }  # fmt: skip
    return data | values


def test_a_contributor_adds_a_question_and_everyone_reads_it_escaped(
    contributor, viewer, plan, people
):
    made = contributor.post(url("learning-new", plan), post(question="<b>Who</b> rides?"))
    assert made.status_code == 302
    question = LearningQuestion.objects.get()
    assert question.created_by == people["contributor"]
    assert question.helpers == ["residents", "implementers"]
    page = viewer.get(url("learning", plan)).content.decode()
    assert "&lt;b&gt;Who&lt;/b&gt; rides?" in page and "Residents, Implementers" in page
    assert "Add a question" not in page


def test_an_answer_records_what_was_learned_from_whom_and_links_an_action(editor, plan, action):
    data = post(status="answered", learned="Most had not heard of it.",
                learned_from="Riders at the West Side listening session",
                learned_on="2027-02-10", what_changed="Flyers on every bus.",
                action=str(action.uuid))  # fmt: skip
    assert editor.post(url("learning-new", plan), data).status_code == 302
    question = LearningQuestion.objects.get()
    assert question.action == action and question.learned_on.isoformat() == "2027-02-10"
    page = editor.get(url("learning", plan)).content.decode()
    assert "Riders at the West Side listening session" in page and "Living-wage pledge" in page


def test_answered_without_what_was_learned_is_refused_beside_the_field(editor, plan):
    page = editor.post(url("learning-new", plan), post(status="answered"))
    assert page.status_code == 400
    assert "Say what was learned" in page.content.decode()
    assert not LearningQuestion.objects.exists()


def test_a_contributor_edits_their_own_question_but_not_someone_elses(contributor, plan, people):
    own = LearningQuestion.objects.create(
        plan=plan, question="Mine", created_by=people["contributor"]
    )
    other = LearningQuestion.objects.create(
        plan=plan, question="Theirs", created_by=people["editor"]
    )
    assert contributor.get(url("learning-edit", plan, own.uuid)).status_code == 200
    saved = contributor.post(url("learning-edit", plan, own.uuid), post(question="Mine, sharper",
                                                                       version=1))  # fmt: skip
    assert saved.status_code == 302
    own.refresh_from_db()
    assert own.question == "Mine, sharper" and own.version == 2
    assert contributor.get(url("learning-edit", plan, other.uuid)).status_code == 403
    assert (
        contributor.post(url("learning-edit", plan, other.uuid), post(version=1)).status_code == 403
    )


def test_a_stale_edit_is_refused_and_nothing_is_overwritten(editor, plan, people):
    question = LearningQuestion.objects.create(plan=plan, question="Old", version=3)
    page = editor.post(url("learning-edit", plan, question.uuid), post(question="New", version=2))
    assert page.status_code == 409
    question.refresh_from_db()
    assert question.question == "Old"


def test_a_viewer_may_not_add_and_outsiders_get_404(viewer, outsider, anonymous, plan, people):
    question = LearningQuestion.objects.create(plan=plan, question="Q", created_by=people["owner"])
    assert viewer.get(url("learning-new", plan)).status_code == 403
    assert viewer.post(url("learning-new", plan), post()).status_code == 403
    assert (
        viewer.post(url("learning-edit", plan, question.uuid), post(version=1)).status_code == 403
    )
    for page in (url("learning", plan), url("learning-new", plan),
                 url("learning-edit", plan, question.uuid)):  # fmt: skip
        assert outsider.get(page).status_code == 404
        assert anonymous.get(page).status_code == 302


def test_another_plans_action_cannot_be_linked(editor, plan, people):
    from plans.models import Plan
    from strategy import services as strategy

    theirs = Plan.objects.exclude(pk=plan.pk).get()
    priority = strategy.priority_save(plan=theirs, pillars=[], title="Theirs")
    foreign = strategy.action_save(plan=theirs, priority=priority, title="Foreign")
    page = editor.post(url("learning-new", plan), post(action=str(foreign.uuid)))
    assert page.status_code == 400
    assert not LearningQuestion.objects.exists()
