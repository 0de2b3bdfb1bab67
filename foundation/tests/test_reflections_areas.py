"""The reflections cover the actions of sustaining momentum that have no questions of their
own: political cycles, residents and funding; their pages point to them."""

from __future__ import annotations

import pytest

from foundation.models import Reflection
from foundation.questions import QUESTIONS
from plans.models import Plan

pytestmark = pytest.mark.django_db


def test_questions_cover_political_cycles_residents_and_funding():
    areas = {key.split("-")[0] for key in QUESTIONS}
    assert {"cycles", "community", "funding"} <= areas


def test_an_editor_answers_a_question_on_political_cycles(editor, plan: Plan):
    data = {f"version_{key}": "0" for key in QUESTIONS}
    data.update({f"answer_{key}": "" for key in QUESTIONS})
    data["answer_cycles-career"] = "The deputy director of <b>health</b> could lead it."
    response = editor.post(f"/plans/{plan.code}/foundation/reflections/", data)
    assert response.status_code == 302
    assert Reflection.objects.get(plan=plan, key="cycles-career").answer.startswith("The deputy")
    html = editor.get(f"/plans/{plan.code}/foundation/").content.decode()
    assert "&lt;b&gt;health&lt;/b&gt;" in html and "<b>health</b>" not in html


@pytest.mark.parametrize("page", ["continuity/", "funding/", "engagement/moderation/"])
def test_the_pages_of_each_area_point_to_the_questions(editor, plan: Plan, page: str):
    html = editor.get(f"/plans/{plan.code}/{page}").content.decode()
    assert f'href="/plans/{plan.code}/foundation/#reflections"' in html
