from __future__ import annotations

from django.urls import reverse

from foundation.models import LearningQuestion, Reflection
from foundation.questions import QUESTIONS


def url(name: str, plan) -> str:  # type: ignore[no-untyped-def]
    return reverse(f"foundation:{name}", args=[plan.code])


def answers(**values: str) -> dict[str, object]:
    data: dict[str, object] = {}
    for key in QUESTIONS:
        data[f"answer_{key}"] = values.get(key, "")
        data[f"version_{key}"] = 0
    return data


def test_the_home_links_every_part_with_counts(viewer, plan, action):
    LearningQuestion.objects.create(plan=plan, question="Q1")
    LearningQuestion.objects.create(plan=plan, question="Q2", status="answered", learned="L")
    page = viewer.get(url("home", plan)).content.decode()
    for name in ("charter", "raci", "learning", "gaps"):
        assert url(name, plan) in page
    assert "1 open, 1 answered, 0 dropped." in page
    assert "Not answered yet." in page and "<textarea" not in page


def test_an_editor_answers_the_reflections_and_they_show_escaped(editor, viewer, plan):
    saved = editor.post(url("reflections", plan), answers(share="The <i>library</i> too."))
    assert saved.status_code == 302
    assert Reflection.objects.get(key="share").answer == "The <i>library</i> too."
    page = viewer.get(url("home", plan)).content.decode()
    assert "The &lt;i&gt;library&lt;/i&gt; too." in page
    assert f"(1 of {len(QUESTIONS)} answered)" in page


def test_a_stale_reflection_is_refused_and_nothing_is_overwritten(editor, plan):
    editor.post(url("reflections", plan), answers(share="First"))
    page = editor.post(url("reflections", plan), answers(share="Second", learn="New"))
    assert page.status_code == 409
    assert Reflection.objects.get(key="share").answer == "First"
    assert not Reflection.objects.filter(key="learn").exists()


def test_viewers_and_contributors_may_not_answer_and_outsiders_get_404(
    viewer, contributor, outsider, anonymous, plan
):
    for client in (viewer, contributor):
        assert client.post(url("reflections", plan), answers(share="x")).status_code == 403
    assert outsider.get(url("home", plan)).status_code == 404
    assert outsider.post(url("reflections", plan), answers()).status_code == 404
    assert anonymous.get(url("home", plan)).status_code == 302
    assert not Reflection.objects.exists()
