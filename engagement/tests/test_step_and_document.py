from __future__ import annotations

import datetime

import pytest

from engagement import services
from engagement.document import map_section
from engagement.models import ReportBack
from engagement.tests.conftest import HOSTILE, activity_make, page_url
from metrics.models import Predictor
from plans.models import InsightStatus, PlanInsight
from plans.steps import COMPLETE, IN_PROGRESS, NOT_STARTED, plan_steps
from reports.blocks import BulletList, Heading, Paragraph, Table

pytestmark = pytest.mark.django_db


def _step6(plan):  # type: ignore[no-untyped-def]
    return next(s for s in plan_steps(plan=plan) if s.number == 6)


def _complete(plan) -> None:  # type: ignore[no-untyped-def]
    first = activity_make(plan)
    activity_make(
        plan, title="Survey of renters", method="survey", mode="online", place="", participants=None
    )
    theme = services.theme_create(plan=plan, name="Housing costs")
    services.feedback_create(activity=first, text="Rent is too high", themes=[theme])
    insight = PlanInsight.objects.create(
        plan=plan, statement="Rents rose.", status=InsightStatus.KEPT
    )
    services.finding_save(
        plan=plan, statement="Rents outpace wages.", metric_slugs=["share_employed"],
        predictor=Predictor.objects.get(slug="housing-affordability"),
    )  # fmt: skip
    services.finding_save(plan=plan, statement="Renters feel unheard.", themes=[theme])
    services.finding_save(plan=plan, statement="Costs rose fast.", insights=[insight])
    services.report_back_create(
        activity=first, shared="A letter with what we heard", date=datetime.date(2026, 5, 1),
        channel="letter",
    )  # fmt: skip


def test_step_6_is_not_started_on_a_new_plan(plan) -> None:
    status = _step6(plan)
    assert status.state == NOT_STARTED
    assert status.next_action.startswith("Hold at least 2 engagement activities")


def test_step_6_is_in_progress_once_anything_is_recorded(plan) -> None:
    services.theme_create(plan=plan, name="Transit")
    assert _step6(plan).state == IN_PROGRESS


def test_a_finding_without_evidence_does_not_count_towards_the_three(plan) -> None:
    _complete(plan)
    services.finding_save(plan=plan, statement="An opinion without evidence.")
    assert _step6(plan).state == COMPLETE
    for finding in plan.findings.exclude(statement="An opinion without evidence."):
        finding.delete()
        break
    status = _step6(plan)
    assert status.state == IN_PROGRESS and "write at least 3 findings" in status.next_action.lower()


def test_step_6_is_complete_with_activities_themes_findings_and_a_report_back(owner, plan) -> None:
    _complete(plan)
    status = _step6(plan)
    assert status.state == COMPLETE
    assert status.done == [
        "2 engagement activities", "1 feedback item heard", "1 theme with coded feedback",
        "3 findings with evidence", "1 report back to participants",
    ]  # fmt: skip
    home = owner.get(f"/plans/{plan.code}/").content.decode()
    assert "3 findings with evidence" in home


def test_without_a_report_back_the_step_says_to_report_back(plan) -> None:
    _complete(plan)
    ReportBack.objects.all().delete()
    status = _step6(plan)
    assert status.state == IN_PROGRESS
    assert status.next_action == "Report back to the people who took part."


def test_an_editor_records_a_report_back_and_participants_see_it_summarised(
    editor, plan, activity
) -> None:
    response = editor.post(
        page_url(plan, f"activities/{activity.uuid}/report-back/"),
        {"shared": "What we heard, and the three findings", "date": "2026-05-02",
         "channel": "meeting"},
    )  # fmt: skip
    assert response.status_code == 302
    page = editor.get(page_url(plan, f"activities/{activity.uuid}/")).content.decode()
    assert "What we heard, and the three findings" in page and "Meeting" in page
    shared = editor.get(page_url(plan, "summary/")).content.decode()
    assert "Listening session at the library: meeting, 2 May 2026." in shared


def test_a_report_back_without_a_date_is_refused(editor, plan, activity) -> None:
    response = editor.post(
        page_url(plan, f"activities/{activity.uuid}/report-back/"),
        {"shared": "Letter", "date": "", "channel": "letter"},
    )
    assert response.status_code == 200 and "This field is required" in response.content.decode()
    assert not ReportBack.objects.exists()


def test_viewers_and_contributors_may_not_record_or_delete_report_backs(
    viewer, contributor, plan, facilitated
) -> None:
    record = services.report_back_create(
        activity=facilitated, shared="x", date=datetime.date(2026, 5, 1), channel="web"
    )
    form = {"shared": "Letter", "date": "2026-05-02", "channel": "letter"}
    for client in (viewer, contributor):
        add = page_url(plan, f"activities/{facilitated.uuid}/report-back/")
        assert client.post(add, form).status_code == 403
        assert client.post(page_url(plan, f"report-backs/{record.uuid}/delete/")).status_code == 403
    assert ReportBack.objects.count() == 1


def test_the_summary_to_share_speaks_plainly_of_who_took_part_and_what_was_found(
    viewer, plan
) -> None:
    _complete(plan)
    page = viewer.get(page_url(plan, "summary/")).content.decode()
    assert "We held a listening session and a survey, and 24 people took part." in page
    assert "offered in English, Spanish" in page
    assert "<strong>Housing costs</strong>" in page and "(1 time)" in page
    assert "Rents outpace wages." in page and "Urban Institute" in page


def test_the_plan_document_section_has_findings_by_pillar_and_the_activities_table(plan) -> None:
    assert map_section(plan=plan) is None
    _complete(plan)
    section = map_section(plan=plan)
    assert section is not None and section.title == "Summary of Upward Mobility Findings"
    headings = [b.text for b in section.blocks if isinstance(b, Heading)]
    assert headings[0] == "Preliminary insights"
    assert "Opportunity-Rich and Inclusive Neighborhoods" in headings
    assert headings[-1] == "How we engaged residents"
    statements = [b.text for b in section.blocks if isinstance(b, Paragraph) and b.emphasis]
    assert statements == ["Rents outpace wages.", "Renters feel unheard.", "Costs rose fast."]
    evidence = [item for b in section.blocks if isinstance(b, BulletList) for item in b.items]
    assert any(
        item.startswith("Mobility Metric: ") and "Urban Institute" in item for item in evidence
    )
    assert "What residents said: the theme “Housing costs”, 1 feedback item." in evidence
    table = next(b for b in section.blocks if isinstance(b, Table))
    assert table.rows[0][:4] == [
        "Listening session at the library",
        "2026-03-14",
        "Listening session",
        "Consult",
    ]
    assert table.rows[0][-1] == "Yes" and table.rows[1][-1] == "Not yet"


def test_the_document_section_keeps_people_s_text_as_plain_text(plan) -> None:
    activity_make(plan, title=HOSTILE)
    services.finding_save(plan=plan, statement=HOSTILE)
    section = map_section(plan=plan)
    assert section is not None
    texts = [b.text for b in section.blocks if isinstance(b, Paragraph)]
    assert HOSTILE in texts  # plain text: the renderers escape it
    table = next(b for b in section.blocks if isinstance(b, Table))
    assert table.rows[0][0] == HOSTILE


def test_methods_are_named_in_plain_words_most_frequent_first() -> None:
    from collections import Counter

    from engagement.selectors import _methods_words

    counts = Counter(["listening-session", "survey", "listening-session", "data-walk"])
    assert _methods_words(counts) == "2 listening sessions, a survey and a data walk"
    assert _methods_words(Counter(["interview"])) == "an interview"
