"""The iCalendar writer and the feeds: valid RFC 5545 read back by a small parser."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client

from followup.ical import Event, calendar_render, line_fold, text_escape
from followup.models import FollowupSettings, ReminderPreference
from followup.services import person_feed_renew, plan_feed_renew

NOW = datetime.datetime(2027, 3, 22, 12, 0, tzinfo=datetime.UTC)


def unfold(text: str) -> list[str]:
    """Content lines of an iCalendar text, after checking its line ends and lengths."""
    assert text.endswith("\r\n")
    physical = text[:-2].split("\r\n")
    assert all(len(line.encode("utf-8")) <= 75 for line in physical)
    lines: list[str] = []
    for line in physical:
        if line.startswith(" "):
            lines[-1] += line[1:]
        else:
            lines.append(line)
    return lines


def unescape(value: str) -> str:
    out, i = [], 0
    while i < len(value):
        if value[i] == "\\" and i + 1 < len(value):
            out.append("\n" if value[i + 1] in "nN" else value[i + 1])
            i += 2
        else:
            out.append(value[i])
            i += 1
    return "".join(out)


def events(text: str) -> list[dict[str, str]]:
    found: list[dict[str, str]] = []
    current: dict[str, str] | None = None
    for line in unfold(text):
        name, _, value = line.partition(":")
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            assert current is not None
            found.append(current)
            current = None
        elif current is not None:
            current[name] = value
    return found


def test_text_values_escape_commas_semicolons_backslashes_and_line_breaks() -> None:
    assert text_escape("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"


def test_long_lines_fold_at_75_octets_without_splitting_a_character() -> None:
    line = "SUMMARY:" + "é" * 100
    folded = line_fold(line)
    parts = folded.split("\r\n")
    assert all(len(p.encode("utf-8")) <= 75 for p in parts)
    assert "".join(p[1:] if i else p for i, p in enumerate(parts)) == line


def test_a_calendar_has_one_all_day_event_per_item_that_reads_back_the_same() -> None:
    summary = 'Milestone: Ten employers sign, at last; "really"\nnext line ' + "x" * 80
    text = calendar_render(
        name="Winnebago, follow-up",
        events=[Event(uid="milestone-1@upward", day=datetime.date(2027, 3, 1), summary=summary,
                      url="https://upward.example.org/plans/w/")],
        now=NOW,
    )  # fmt: skip
    lines = unfold(text)
    assert lines[:2] == ["BEGIN:VCALENDAR", "VERSION:2.0"]
    assert lines[-1] == "END:VCALENDAR"
    (event,) = events(text)
    assert event["UID"] == "milestone-1@upward"
    assert event["DTSTART;VALUE=DATE"] == "20270301"
    assert event["DTEND;VALUE=DATE"] == "20270302"
    assert event["DTSTAMP"] == "20270322T120000Z"
    assert unescape(event["SUMMARY"]) == summary
    assert event["URL;VALUE=URI"] == "https://upward.example.org/plans/w/"


# -- the feeds -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_plan_feed_lists_every_due_item_with_uids_stable_across_fetches(
    settings_row, action, partner_action, milestone, measure
) -> None:
    token = plan_feed_renew(plan=action.plan)
    url = f"/plans/{action.plan.code}/followup/feed/{token}.ics"
    first = Client().get(url)
    assert first.status_code == 200
    assert first["Content-Type"].startswith("text/calendar")
    found = events(first.content.decode())
    summaries = {unescape(e["SUMMARY"]) for e in found}
    assert (
        "Milestone: Ten employers sign (Living-wage pledge) (Winnebago Mobility Action Plan)"
        in summaries
    )
    assert any(s.startswith("Progress update: Tenant legal aid") for s in summaries)
    assert all(e["URL;VALUE=URI"].startswith("http://testserver/plans/") for e in found)
    again = events(Client().get(url).content.decode())
    assert [e["UID"] for e in again] == [e["UID"] for e in found]
    assert len({e["UID"] for e in found}) == len(found)


@pytest.mark.django_db
def test_a_wrong_or_revoked_plan_feed_token_is_not_found(settings_row, action) -> None:
    code = action.plan.code
    assert Client().get(f"/plans/{code}/followup/feed/guess.ics").status_code == 404
    old = plan_feed_renew(plan=action.plan)
    new = plan_feed_renew(plan=action.plan)
    assert Client().get(f"/plans/{code}/followup/feed/{old}.ics").status_code == 404
    assert Client().get(f"/plans/{code}/followup/feed/{new}.ics").status_code == 200
    FollowupSettings.objects.filter(plan=action.plan).update(feed_token="")
    assert Client().get(f"/plans/{code}/followup/feed/.ics").status_code == 404


@pytest.mark.django_db
def test_the_personal_feed_lists_only_the_persons_items(
    settings_row, action, partner_action, milestone, measure, people
) -> None:
    token = person_feed_renew(user=people["editor"])
    found = events(Client().get(f"/me/feed/{token}.ics").content.decode())
    subjects = {unescape(e["SUMMARY"]) for e in found}
    assert subjects and all("Living-wage pledge" in s for s in subjects)
    assert not any("Employers signed" in s or "Tenant legal aid" in s for s in subjects)
    assert Client().get("/me/feed/wrong.ics").status_code == 404
    ReminderPreference.objects.filter(user=people["editor"]).update(feed_token="")
    assert Client().get(f"/me/feed/{token}.ics").status_code == 404
