"""Follow-up figures for the 50-action, 100-measure plan: the reporting calendar page's
server time (p95 of 20 requests, 12 months ahead) and one pass of the reminder digests (a
dry run, median of three). Issue 4 sets no limit for these; ours: 1 s and 5 s. Most of the
page's time is one query per measure in results.selectors.measure_freshness."""

from __future__ import annotations

import datetime
import time
from pathlib import Path
from typing import Any

from bench.run import fmt_ms, line, spread, timed_gets, verdict

TITLE = "Follow-up: reporting calendar page and reminder digests (50 actions, 100 measures)"

PAGE_P95_MAX_S = 1.0
DIGESTS_MAX_S = 5.0
REQUESTS = 20
RUNS = 3


def _plan() -> tuple[Any, Any]:
    from django.contrib.auth import get_user_model

    from reports.benchplan import bench_plan_build

    owner, _ = get_user_model().objects.get_or_create(
        username="bench-followup", defaults={"email": "bench-followup@example.org"}
    )
    start = time.perf_counter()
    plan = bench_plan_build(owner=owner, actions=50, measures=100, code="bench-followup")
    line("plan built", f"{time.perf_counter() - start:.1f} s (50 actions, 100 measures)")
    return plan, owner


def _digests_once(today: datetime.date) -> tuple[float, int]:
    from followup.services import reminders_send

    start = time.perf_counter()
    summary = reminders_send(today=today, base_url="http://bench", dry_run=True)
    return time.perf_counter() - start, len(summary.lines)


def run(*, data_dir: Path) -> dict[str, Any]:
    from django.test import Client

    plan, owner = _plan()
    client = Client()
    client.force_login(owner)
    url = f"/plans/{plan.code}/followup/?months=12"
    client.get(url)  # URL map, templates and imports loaded once
    times, failures = timed_gets(client, [url] * REQUESTS)
    page = spread(times)
    page_ok = page["p95"] <= PAGE_P95_MAX_S and not failures
    line(
        "calendar page p95",
        f"{fmt_ms(page['p95'])} (median {fmt_ms(page['median'])}, min {fmt_ms(page['min'])}, "
        f"max {fmt_ms(page['max'])}); limit {fmt_ms(PAGE_P95_MAX_S)} {verdict(page_ok)}",
    )
    monday = datetime.date.today() - datetime.timedelta(days=datetime.date.today().weekday())
    runs = [_digests_once(monday) for _ in range(RUNS)]
    digests = spread([seconds for seconds, _ in runs])
    digests_ok = digests["median"] <= DIGESTS_MAX_S
    line(
        "reminder digests (dry run)",
        f"median {digests['median']:.2f} s (min {digests['min']:.2f}, max {digests['max']:.2f}),"
        f" {runs[-1][1]} digest(s); limit {DIGESTS_MAX_S:.0f} s {verdict(digests_ok)}",
    )
    return {
        "status": "ok",
        "calendar_page_s": page,
        "digests_s": digests,
        "failures": failures,
        "pass": page_ok and digests_ok,
    }
