"""Deleting and changing step records through the API: a delete answers {"deleted": true}
and the record is gone, a delete the service refuses keeps everything, a PATCH keeps the
fields it does not name."""

from __future__ import annotations

import pytest

from coalition.models import Person
from engagement.models import Activity, ReportBack
from localdata.models import DataSource
from strategy.models import Priority

pytestmark = pytest.mark.django_db
P = "plans/winnebago-mobility-action-plan"


def test_a_deleted_person_is_gone_and_a_second_delete_is_404(api_as, plan):
    ana = api_as["editor"].post(f"{P}/coalition/people", {"name": "Ana"}).json()["uuid"]
    assert api_as["viewer"].delete(f"{P}/coalition/people/{ana}").status_code == 403
    gone = api_as["editor"].delete(f"{P}/coalition/people/{ana}")
    assert (gone.status_code, gone.json()) == (200, {"deleted": True})
    assert not Person.objects.filter(uuid=ana).exists()
    again = api_as["editor"].delete(f"{P}/coalition/people/{ana}")
    assert again.status_code == 404
    assert again.json()["detail"] == "No person with this key in this plan."


def test_a_source_with_indicators_is_kept_with_the_reason(api_as, plan):
    source = (
        api_as["editor"]
        .post(
            f"{P}/localdata/sources",
            {"name": "Court filings", "type": "administrative", "access": "open"},
        )
        .json()["uuid"]
    )
    indicator = (
        api_as["editor"]
        .post(
            f"{P}/localdata/indicators",
            {"name": "Evictions", "source": source, "unit": "count", "direction": "lower"},
        )
        .json()["uuid"]
    )
    refused = api_as["editor"].delete(f"{P}/localdata/sources/{source}")
    assert refused.status_code == 422
    assert "is the source of Evictions" in refused.json()["detail"]
    assert DataSource.objects.filter(uuid=source).exists()
    assert api_as["editor"].delete(f"{P}/localdata/indicators/{indicator}").json() == {
        "deleted": True
    }
    assert api_as["editor"].delete(f"{P}/localdata/sources/{source}").status_code == 200
    assert not DataSource.objects.filter(plan=plan).exists()


def test_a_priority_with_actions_is_not_deleted(api_as, plan):
    priority = api_as["editor"].post(f"{P}/strategy/priorities", {"title": "Homes"}).json()["uuid"]
    api_as["editor"].post(f"{P}/strategy/actions", {"title": "Build", "priority": priority})
    refused = api_as["editor"].delete(f"{P}/strategy/priorities/{priority}")
    assert refused.status_code == 422
    assert refused.json()["detail"] == "request: Move or delete the priority's actions first."
    assert Priority.objects.filter(uuid=priority).exists()


def test_changing_a_priority_keeps_what_the_body_leaves_out(api_as, plan):
    made = (
        api_as["editor"]
        .post(f"{P}/strategy/priorities", {"title": "Homes", "problem": "Rents rise"})
        .json()
    )
    changed = api_as["editor"].patch(f"{P}/strategy/priorities/{made['uuid']}", {"title": "Home"})
    assert changed.status_code == 200
    assert (changed.json()["title"], changed.json()["problem"]) == ("Home", "Rents rise")
    empty = api_as["editor"].patch(f"{P}/strategy/priorities/{made['uuid']}", {"title": ""})
    assert empty.status_code == 422
    assert Priority.objects.get(uuid=made["uuid"]).title == "Home"


def test_an_activity_keeps_its_languages_and_makeup_when_other_fields_change(api_as, plan):
    from engagement.models import Method, Spectrum

    made = api_as["editor"].post(
        f"{P}/engagement/activities",
        {"title": "Session", "method": Method.values[0], "spectrum": Spectrum.values[0],
         "date": "2026-03-14", "mode": "online", "languages": ["English", "Spanish"],
         "makeup": {"Renters": 12}},
    ).json()  # fmt: skip
    changed = api_as["editor"].patch(f"{P}/engagement/activities/{made['uuid']}", {"notes": "n"})
    assert changed.status_code == 200, changed.content
    body = changed.json()
    assert (body["notes"], body["languages"], body["makeup"]) == (
        "n", ["English", "Spanish"], {"Renters": 12},
    )  # fmt: skip
    assert api_as["editor"].delete(f"{P}/engagement/activities/{made['uuid']}").status_code == 200
    assert not Activity.objects.filter(plan=plan).exists()


def test_a_report_back_is_recorded_and_deleted_by_editors_only(api_as, plan):
    from engagement.models import Method, ReportChannel, Spectrum

    activity = api_as["editor"].post(
        f"{P}/engagement/activities",
        {"title": "Session", "method": Method.values[0], "spectrum": Spectrum.values[0],
         "date": "2026-03-14", "mode": "online"},
    ).json()["uuid"]  # fmt: skip
    made = api_as["editor"].post(
        f"{P}/engagement/activities/{activity}/report-backs",
        {"shared": "Summary", "date": "2026-04-01", "channel": ReportChannel.values[0]},
    )
    assert made.status_code == 201, made.content
    record = made.json()["uuid"]
    assert api_as["viewer"].delete(f"{P}/engagement/report-backs/{record}").status_code == 403
    assert api_as["editor"].delete(f"{P}/engagement/report-backs/{record}").json() == {
        "deleted": True
    }
    assert not ReportBack.objects.exists()
