"""The demo plan's Mobility Action Plan as PDF and Word (the whole download: the document
gathered from the plan, charts drawn, file laid out), and the plan home page's server time
for its owner. Each figure is printed beside its limit and a reference of the same run.

Charts are remembered by spec (in memory and on disk under the data directory). The verdict
is on cold runs, with both emptied first: what a download costs when the plan's figures
changed since the last one. The same runs with the charts remembered are printed beside."""

from __future__ import annotations

import gc
import shutil
import time
from pathlib import Path
from typing import Any

from bench.run import fmt_ms, line, spread, verdict

TITLE = "Plan documents: the demo plan as PDF and Word, and the plan home page"

PDF_MAX_S = 5.0
DOCX_MAX_S = 2.0
HOME_P95_MAX_MS = 150.0
DOCUMENT_RUNS = 3
HOME_REQUESTS = 50


def _seconds(s: dict[str, float]) -> str:
    return f"median {s['median']:.2f} s (min {s['min']:.2f}, max {s['max']:.2f})"


def _demo_plan() -> tuple[Any, Any]:
    from django.contrib.auth import get_user_model

    from accounts.services import DEMO_USERNAME
    from plans.demo import demo_plan_build

    owner, _ = get_user_model().objects.get_or_create(username=DEMO_USERNAME)
    start = time.perf_counter()
    outcome = demo_plan_build(owner=owner)
    line("demo plan seeded", f"{time.perf_counter() - start:.1f} s ({len(outcome.seeded)} apps)")
    return outcome.plan, owner


def charts_forget() -> None:
    """Empty the chart caches (memory and disk) so the next document draws every chart."""
    from reports import renderers

    folder = renderers._ChartCache._folder()
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)
    renderers._CHARTS = renderers._ChartCache()


def document_time(plan: Any, fmt: str, *, cold: bool) -> tuple[float, float, int]:
    """One download of the plan document in `fmt`: wall and CPU seconds (the CPU of every
    thread of the process, vl-convert's included) and its size in bytes."""
    from reports import renderers
    from reports.selectors import document_build

    if cold:
        charts_forget()
    gc.collect()
    start, cpu = time.perf_counter(), time.process_time()
    document = document_build(plan=plan, kind="map", public_url="http://testserver/p/x/")
    data = renderers.document_render(document=document, fmt=fmt)
    return time.perf_counter() - start, time.process_time() - cpu, len(data)


def bench_document(plan: Any, fmt: str, limit: float) -> dict[str, Any]:
    document_time(plan, fmt, cold=True)  # templates, fonts and imports loaded once
    runs = [document_time(plan, fmt, cold=True) for _ in range(DOCUMENT_RUNS)]
    warm = [document_time(plan, fmt, cold=False) for _ in range(DOCUMENT_RUNS)]
    s, cpu = spread([run[0] for run in runs]), spread([run[1] for run in runs])
    w = spread([run[0] for run in warm])
    ok = s["median"] <= limit
    line(
        f"MAP {fmt.upper()} ({runs[-1][2] // 1024} KB)",
        f"{_seconds(s)}, {s['median'] / limit:.0%} of the limit "
        f"(at most {limit:.0f} s)  {verdict(ok)}",
    )
    line("", f"CPU {_seconds(cpu)}")
    line("", f"charts remembered: {_seconds(w)}")
    return {
        "status": "ok",
        "seconds": s,
        "cpu_seconds": cpu,
        "charts_remembered_seconds": w,
        "bytes": runs[-1][2],
        "limit": limit,
        "pass": ok,
    }


def timed(client: Any, url: str, count: int) -> tuple[list[float], list[str]]:
    times, bad = [], []
    for _ in range(count):
        start = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - start)
        if response.status_code != 200:
            bad.append(f"{url} -> {response.status_code}")
    return times, bad


def bench_home(plan: Any, owner: Any) -> dict[str, Any]:
    from django.test import Client

    client = Client()
    client.force_login(owner)
    url = f"/plans/{plan.code}/"
    timed(client, "/healthz", 10)
    timed(client, url, 5)
    base, _ = timed(client, "/healthz", HOME_REQUESTS)
    times, bad = timed(client, url, HOME_REQUESTS)
    b, s = spread(base), spread(times)
    ok = s["p95"] * 1000 <= HOME_P95_MAX_MS and not bad
    line("reference: /healthz", f"p50 {fmt_ms(b['median'])}, p95 {fmt_ms(b['p95'])}")
    line(
        f"plan home {url}",
        f"p50 {fmt_ms(s['median'])}, p95 {fmt_ms(s['p95'])}, max {fmt_ms(s['max'])} "
        f"over {HOME_REQUESTS} (p95 at most {HOME_P95_MAX_MS:.0f} ms)  {verdict(ok)}",
    )
    for failure in bad[:3]:
        line("", f"not 200: {failure}")
    return {"status": "ok", "seconds": s, "healthz_seconds": b, "failures": bad, "pass": ok}


def run(*, data_dir: Path) -> dict[str, Any]:
    from metrics.models import Geography
    from plans.demo import DEMO_GEOID

    if not Geography.objects.filter(geoid=DEMO_GEOID).exists():
        line("demo plan", f"not available: {DEMO_GEOID} is not in the release")
        return {"status": "not available", "reason": "demo county missing"}
    plan, owner = _demo_plan()
    return {
        "pdf": bench_document(plan, "pdf", PDF_MAX_S),
        "docx": bench_document(plan, "docx", DOCX_MAX_S),
        "home": bench_home(plan, owner),
    }
