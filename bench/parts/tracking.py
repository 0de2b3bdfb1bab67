"""Step 10 follow-through: a bulk CSV of 1,000 progress updates (20 on each of 50 actions)
read, validated and loaded (at most 5 s, validation included), and the implementation board
and roll-up pages' server time for that plan (p95 at most 100 ms each). Medians of three CSV
runs with min-max; the updates are removed between runs (not timed)."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path
from typing import Any

from bench.run import line, spread, timed_gets, verdict

TITLE = "Tracking: 1,000 progress updates by CSV, and the board of a 50-action plan"

CSV_LIMIT_S = 5.0
PAGE_LIMIT_S = 0.100
RUNS = 3
ACTIONS = 50
PER_ACTION = 20
PAGE_GETS = 40


def _plan() -> Any:
    from django.contrib.auth import get_user_model

    from metrics.models import Geography
    from plans.services import plan_create
    from strategy.models import Priority, StrategicAction
    from tracking.services import MilestoneFields, milestone_add

    owner, _ = get_user_model().objects.get_or_create(username="bench-tracking")
    plan = plan_create(
        user=owner,
        title="Bench tracking plan",
        geography=Geography.objects.get(geoid="17201"),
        lead_name="Bench partnership",
        lead_kind="nonprofit",
    )
    priorities = [Priority.objects.create(plan=plan, title=f"Priority {n + 1}") for n in range(5)]
    StrategicAction.objects.bulk_create(
        [
            StrategicAction(plan=plan, priority=priorities[n % 5], title=f"Action {n + 1:02d}")
            for n in range(ACTIONS)
        ]
    )
    for action in plan.actions.all():
        for k in range(3):
            fields = MilestoneFields(f"Step {k + 1}", dt.date(2026, 3 + 3 * k, 1))
            milestone_add(action=action, fields=fields)
    return plan, owner


def _csv(plan: Any) -> bytes:
    statuses = ("on-track", "at-risk", "on-track", "off-track", "on-track")
    rows = ["action,date,status,percent_complete,narrative,blockers,next_steps,link"]
    for n, action in enumerate(plan.actions.order_by("title")):
        for k in range(PER_ACTION):
            day = dt.date(2025, 11, 1) + dt.timedelta(days=17 * k)
            rows.append(
                f"{action.title},{day.isoformat()},{statuses[(n + k) % 5]},{min(100, 5 * k)},"
                f"Update {k + 1} on {action.title}: the work went on.,,Keep going,"
                "https://example.org/minutes.pdf"
            )
    return ("\n".join(rows) + "\n").encode()


def _once(plan: Any, owner: Any, content: bytes) -> tuple[float, int]:
    from tracking.imports import updates_csv_import
    from tracking.models import ProgressUpdate

    ProgressUpdate.objects.filter(action__plan=plan).delete()
    start = time.perf_counter()
    outcome = updates_csv_import(
        plan=plan, user=owner, content=content, today=dt.date(2026, 11, 23)
    )
    seconds = time.perf_counter() - start
    if not outcome.ok:
        raise RuntimeError(f"bench CSV refused: {outcome.problems[:3]}")
    return seconds, outcome.loaded


def _pages(plan: Any, owner: Any) -> dict[str, dict[str, float]]:
    from django.test import Client
    from django.urls import reverse

    client = Client()
    client.force_login(owner)
    found = {}
    for name in ("board", "rollup"):
        address = reverse(f"tracking:{name}", args=[plan.code])
        times, failures = timed_gets(client, [address] * (PAGE_GETS + 1))  # the first warms up
        if failures:
            raise RuntimeError(f"bench page failed: {failures[0]}")
        found[name] = spread(times[1:])
    return found


def run(*, data_dir: Path) -> dict[str, Any]:
    plan, owner = _plan()
    content = _csv(plan)
    runs = [_once(plan, owner, content) for _ in range(RUNS)]
    s = spread([seconds for seconds, _ in runs])
    csv_ok = s["median"] <= CSV_LIMIT_S
    line(
        "1,000 updates validated+loaded",
        f"median {s['median']:.2f} s (min {s['min']:.2f}, max {s['max']:.2f}), "
        f"{runs[-1][1]:,} updates; limit {CSV_LIMIT_S:.0f} s {verdict(csv_ok)}",
    )
    pages = _pages(plan, owner)
    pages_ok = True
    for name, p in pages.items():
        ok = p["p95"] <= PAGE_LIMIT_S
        pages_ok = pages_ok and ok
        line(
            f"{name} page, 50 actions",
            f"p95 {p['p95'] * 1000:.0f} ms, median {p['median'] * 1000:.0f} ms "
            f"(min {p['min'] * 1000:.0f}, max {p['max'] * 1000:.0f}) over {PAGE_GETS} gets; "
            f"limit {PAGE_LIMIT_S * 1000:.0f} ms {verdict(ok)}",
        )
    return {
        "status": "ok",
        "csv_seconds": s,
        "updates": runs[-1][1],
        "pages": pages,
        "pass": csv_ok and pages_ok,
    }
