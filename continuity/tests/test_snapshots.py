"""Snapshots: the plan frozen at a moment, read back unchanged, and compared with today."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from continuity.models import Snapshot
from continuity.snapshots import snapshot_compare, snapshot_take
from metrics.models import Pillar
from plans.models import Plan
from strategy import services as strategy
from strategy.models import ActionStatus, StrategicAction

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.UTC)


def url(plan: Plan, page: str = "") -> str:
    return f"/plans/{plan.code}/continuity/{page}"


@pytest.fixture
def actions(plan) -> list[StrategicAction]:  # type: ignore[no-untyped-def]
    priority = strategy.priority_save(
        plan=plan, pillars=list(Pillar.objects.all()[:1]), title="Good jobs", description="",
        problem="", root_causes="", pathway="", assumptions="",
    )  # fmt: skip
    return [
        strategy.action_save(plan=plan, priority=priority, title=title)
        for title in ("Wage pledge", "Bus pass pilot", "Job fair")
    ]


def test_a_snapshot_compared_with_today_lists_what_was_added_completed_dropped_and_removed(
    plan, people, actions
):
    snapshot = snapshot_take(plan=plan, label="End of term", user=people["owner"], now=NOW)
    wage, bus, fair = actions
    StrategicAction.objects.filter(pk=wage.pk).update(status=ActionStatus.COMPLETED)
    StrategicAction.objects.filter(pk=bus.pk).update(status=ActionStatus.DROPPED)
    fair.delete()
    strategy.action_save(plan=plan, priority=wage.priority, title="Child care seats")
    comparison = snapshot_compare(snapshot=snapshot)
    summary = {(c.what, c.title) for c in comparison.changes}
    assert summary == {
        ("completed", "Wage pledge"),
        ("dropped", "Bus pass pilot"),
        ("removed", "Job fair"),
        ("added", "Child care seats"),
    }
    completed = comparison.of("completed")[0]
    assert completed.details == ["status: Not started → Completed"]


def test_a_snapshot_does_not_change_when_the_plan_does(plan, people, actions):
    snapshot = snapshot_take(plan=plan, label="Release", user=people["owner"], now=NOW)
    frozen = json.dumps(snapshot.content, sort_keys=True)
    actions[0].title = "Renamed"
    actions[0].save()
    snapshot.refresh_from_db()
    assert json.dumps(snapshot.content, sort_keys=True) == frozen
    titles = [a["title"] for a in snapshot.content["index"]["actions"].values()]
    assert "Wage pledge" in titles and "Renamed" not in titles


def test_an_editor_freezes_the_plan_and_members_read_it_and_download_it(
    editor, viewer, plan, actions
):
    response = editor.post(url(plan, "snapshots/"), {"label": "End of the <i>term</i>"})
    assert response.status_code == 302
    snapshot = Snapshot.objects.get()
    page = viewer.get(url(plan, f"snapshots/{snapshot.uuid}/"))
    html = page.content.decode()
    assert page.status_code == 200
    assert "End of the &lt;i&gt;term&lt;/i&gt;" in html and "Nothing has changed since." in html
    assert "Wage pledge" in html
    download = viewer.get(url(plan, f"snapshots/{snapshot.uuid}.json"))
    assert download.status_code == 200
    assert download.json()["plan"]["title"] == plan.title


def test_viewers_may_not_freeze_and_outsiders_see_no_snapshot(viewer, outsider, plan, people):
    assert viewer.post(url(plan, "snapshots/"), {"label": "x"}).status_code == 403
    snapshot = snapshot_take(plan=plan, label="Mine", user=people["owner"], now=NOW)
    assert outsider.get(url(plan, f"snapshots/{snapshot.uuid}/")).status_code == 404
    assert outsider.get(url(plan, f"snapshots/{snapshot.uuid}.json")).status_code == 404
    assert Snapshot.objects.count() == 1


def test_the_command_line_freezes_a_plan_and_refuses_an_unknown_code(plan, actions):
    import io

    from django.core.management import call_command
    from django.core.management.base import CommandError

    out = io.StringIO()
    call_command("plans", "snapshot", plan.code, "--label", "Term ends", stdout=out)
    snapshot = Snapshot.objects.get()
    assert snapshot.label == "Term ends" and str(snapshot.uuid) in out.getvalue()
    with pytest.raises(CommandError, match="No plan has the code"):
        call_command("plans", "snapshot", "no-such-plan")
