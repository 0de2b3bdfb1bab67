"""Continuity: exposure of each action to a change of leadership, positions, elections and
the transition briefing, person by person."""

from __future__ import annotations

import datetime as dt
import io

import docx
import pytest
from pypdf import PdfReader

from continuity.document import transition_document
from continuity.models import Election, SeatKind, Tenure
from continuity.selectors import HIGH, LOW, continuity_overview
from continuity.services import StaleEdit, tenure_set
from metrics.models import Pillar
from plans.models import Membership, Organisation, Plan
from strategy import services as strategy
from strategy.models import StrategicAction

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 23)


def url(plan: Plan, page: str = "") -> str:
    return f"/plans/{plan.code}/continuity/{page}"


def member(plan: Plan, user: object) -> Membership:
    return Membership.objects.get(plan=plan, user=user)


@pytest.fixture
def actions(plan, people) -> dict[str, StrategicAction]:  # type: ignore[no-untyped-def]
    priority = strategy.priority_save(
        plan=plan,
        pillars=list(Pillar.objects.all()[:1]),
        title="Good jobs",
        description="",
        problem="",
        root_causes="",
        pathway="",
        assumptions="",
    )
    editor = member(plan, people["editor"])
    contributor = member(plan, people["contributor"])
    return {
        "held": strategy.action_save(
            plan=plan, priority=priority, title="Wage pledge", owner=editor, backup=contributor
        ),
        "alone": strategy.action_save(
            plan=plan, priority=priority, title="Bus pass <b>pilot</b>", owner=editor
        ),
        "orphan": strategy.action_save(plan=plan, priority=priority, title="Job fair"),
    }


def risk(overview, title: str):  # type: ignore[no-untyped-def]
    return next(a for a in overview.actions if a.title == title)


def test_an_action_led_by_an_elected_official_with_no_backup_is_at_high_risk(plan, people, actions):
    tenure_set(membership=member(plan, people["editor"]), kind=SeatKind.ELECTED, seat="District 4")
    overview = continuity_overview(plan=plan, today=TODAY)
    alone = risk(overview, "Bus pass <b>pilot</b>")
    assert alone.level == HIGH
    assert [r.text for r in alone.reasons] == ["Led by an elected official", "No backup"]
    assert risk(overview, "Job fair").reasons[0].text.startswith("No owner")


def test_career_staff_with_a_career_backup_is_low_risk(plan, people, actions):
    tenure_set(membership=member(plan, people["editor"]), kind=SeatKind.CAREER)
    tenure_set(membership=member(plan, people["contributor"]), kind=SeatKind.CAREER)
    overview = continuity_overview(plan=plan, today=TODAY)
    assert risk(overview, "Wage pledge").level == LOW
    assert risk(overview, "Wage pledge").reasons == []


def test_an_election_within_the_horizon_warns_about_the_actions_its_seat_holder_leads(
    plan, people, actions
):
    editor = member(plan, people["editor"])
    tenure_set(membership=editor, kind=SeatKind.ELECTED, seat="District 4")
    election = Election.objects.create(
        plan=plan, title="County general election", held_on=dt.date(2027, 3, 2)
    )
    election.members.set([editor])
    overview = continuity_overview(plan=plan, today=TODAY)
    assert any("up for election" in r.text for r in risk(overview, "Wage pledge").reasons)
    [warning] = overview.warnings
    assert warning.what == "Election: County general election"
    assert set(warning.actions) == {"Wage pledge", "Bus pass <b>pilot</b>"}
    later = continuity_overview(plan=plan, today=TODAY, horizon_days=60)
    assert not any("up for election" in r.text for r in risk(later, "Wage pledge").reasons)


def test_an_action_owned_by_a_partner_organisation_without_a_contact_says_so(plan, actions):
    action = actions["orphan"]
    action.owner_organisation = Organisation.objects.create(
        plan=plan, name="YWCA", kind="nonprofit"
    )
    action.save()
    reasons = [
        r.text for r in risk(continuity_overview(plan=plan, today=TODAY), "Job fair").reasons
    ]
    assert "A partner organisation owns it with no named contact" in reasons
    assert not any(text.startswith("No owner") for text in reasons)


def test_a_stale_position_edit_is_refused_and_nothing_is_overwritten(plan, people):
    editor = member(plan, people["editor"])
    tenure_set(membership=editor, kind=SeatKind.CAREER, version=0)
    tenure_set(membership=editor, kind=SeatKind.APPOINTED, version=1)
    with pytest.raises(StaleEdit):
        tenure_set(membership=editor, kind=SeatKind.ELECTED, version=1)
    assert Tenure.objects.get(membership=editor).kind == SeatKind.APPOINTED


# -- pages ---------------------------------------------------------------------------------


def test_members_see_the_continuity_page_with_escaped_titles(viewer, plan, actions):
    page = viewer.get(url(plan))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Bus pass &lt;b&gt;pilot&lt;/b&gt;" in html
    assert "<b>pilot</b>" not in html


def test_outsiders_get_404_and_anonymous_visitors_are_sent_to_sign_in(outsider, anonymous, plan):
    assert outsider.get(url(plan)).status_code == 404
    response = anonymous.get(url(plan))
    assert response.status_code == 302 and "/accounts/" in response["Location"]


def test_an_editor_records_a_position_and_the_page_shows_it(editor, plan, people, actions):
    target = member(plan, people["editor"])
    response = editor.post(
        url(plan, f"people/{target.uuid}/"),
        {"kind": "elected", "seat": "County Board, District 4", "term_ends_on": "2028-11-30",
         "notes": "", "version": "0"},
    )  # fmt: skip
    assert response.status_code == 302
    tenure = Tenure.objects.get(membership=target)
    assert (tenure.kind, tenure.term_ends_on) == ("elected", dt.date(2028, 11, 30))
    assert "County Board, District 4" in editor.get(url(plan)).content.decode()


def test_a_position_form_with_a_missing_kind_says_so_beside_the_field(editor, plan, people):
    target = member(plan, people["editor"])
    response = editor.post(url(plan, f"people/{target.uuid}/"), {"kind": "", "version": "0"})
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert not Tenure.objects.exists()


def test_a_stale_position_form_is_refused_with_a_message(editor, plan, people):
    target = member(plan, people["editor"])
    tenure_set(membership=target, kind=SeatKind.CAREER)
    response = editor.post(url(plan, f"people/{target.uuid}/"), {"kind": "elected", "version": "0"})
    assert response.status_code == 400
    assert "changed since you opened it" in response.content.decode()
    assert Tenure.objects.get(membership=target).kind == SeatKind.CAREER


def test_viewers_and_contributors_may_not_change_positions_or_elections(
    viewer, contributor, plan, people
):
    target = member(plan, people["editor"])
    for client in (viewer, contributor):
        assert client.get(url(plan, f"people/{target.uuid}/")).status_code == 403
        response = client.post(url(plan, "elections/new/"), {"title": "X", "held_on": "2027-01-01"})
        assert response.status_code == 403
    assert not Election.objects.exists()


def test_a_member_of_another_plan_cannot_be_named_or_edited(editor, plan, people):
    other = Plan.objects.exclude(pk=plan.pk).get()
    stranger = Membership.objects.filter(plan=other).first()
    assert editor.get(url(plan, f"people/{stranger.uuid}/")).status_code == 404
    response = editor.post(
        url(plan, "elections/new/"),
        {"title": "Vote", "held_on": "2027-01-01", "members": [str(stranger.pk)]},
    )
    assert response.status_code == 400
    assert not Election.objects.exists()


def test_an_editor_adds_edits_and_removes_an_election(editor, plan, people):
    editor_member = member(plan, people["editor"])
    response = editor.post(
        url(plan, "elections/new/"),
        {"title": "Mayoral election", "held_on": "2027-04-06", "seats": "Mayor",
         "members": [str(editor_member.pk)]},
    )  # fmt: skip
    assert response.status_code == 302
    election = Election.objects.get()
    assert list(election.members.all()) == [editor_member]
    editor.post(
        url(plan, f"elections/{election.uuid}/"),
        {"title": "Mayoral election", "held_on": "2027-04-06", "outcome": "The mayor stays."},
    )
    election.refresh_from_db()
    assert election.outcome == "The mayor stays." and not election.members.exists()
    assert editor.post(url(plan, f"elections/{election.uuid}/delete/")).status_code == 302
    assert not Election.objects.exists()


def test_an_election_without_a_date_is_refused_beside_the_field(editor, plan):
    response = editor.post(url(plan, "elections/new/"), {"title": "Vote", "held_on": "someday"})
    assert response.status_code == 400
    assert "Enter a valid date." in response.content.decode()


# -- the transition briefing ---------------------------------------------------------------


def test_the_transition_briefing_says_why_what_who_and_money(plan, people, actions):
    plan.purpose = "Families here work hard and still fall behind."
    plan.save()
    tenure_set(membership=member(plan, people["editor"]), kind=SeatKind.ELECTED, seat="Mayor")
    document = transition_document(plan=plan, today=TODAY)
    titles = [s.title for s in document.sections]
    assert titles == [
        "Why this plan exists",
        "What it has done",
        "What is under way",
        "Who carries it",
        "What it costs and who pays",
    ]
    text = repr(document.sections)
    assert "Families here work hard" in text and "Wage pledge" in text and "Mayor" in text


def test_the_transition_briefing_downloads_as_pdf_and_word_that_read_back(viewer, plan, actions):
    pdf = viewer.get(url(plan, "transition.pdf"))
    assert pdf["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "What is under way" in text and "Wage pledge" in text
    word = docx.Document(io.BytesIO(viewer.get(url(plan, "transition.docx")).content))
    cells = [c.text for t in word.tables for row in t.rows for c in row.cells]
    assert "Bus pass <b>pilot</b>" in cells
    assert any(p.text == "Who carries it" for p in word.paragraphs)


def test_the_transition_page_is_for_members_only(viewer, outsider, plan):
    assert viewer.get(url(plan, "transition/")).status_code == 200
    assert outsider.get(url(plan, "transition/")).status_code == 404
    assert outsider.get(url(plan, "transition.pdf")).status_code == 404
    assert viewer.get(url(plan, "transition.exe")).status_code == 404


def test_with_a_funding_ledger_an_action_without_running_money_says_so(plan, people, actions):
    from decimal import Decimal

    from funding.services import funding_entry_create

    before = continuity_overview(plan=plan, today=TODAY)
    assert not any("No money" in r.text for a in before.actions for r in a.reasons)
    funding_entry_create(
        action=actions["held"], user=people["owner"],
        data={"source_type": "philanthropy", "funder_name": "Community Foundation",
              "committed": Decimal("50000"), "received": Decimal("0"), "spent": Decimal("0"),
              "status": "committed", "renewal_expected": "unknown"},
    )  # fmt: skip
    overview = continuity_overview(plan=plan, today=TODAY)
    assert not any("No money" in r.text for r in risk(overview, "Wage pledge").reasons)
    assert any("No money" in r.text for r in risk(overview, "Job fair").reasons)


def test_the_command_line_writes_the_transition_briefing_as_word(plan, actions, tmp_path):
    from django.core.management import call_command

    target = tmp_path / "transition.docx"
    call_command("reports", "build", "transition", plan.code, "--format", "docx", "-o", target)
    word = docx.Document(str(target))
    assert any(p.text == "What is under way" for p in word.paragraphs)
