"""Progress reports for the 50-action, 100-measure plan (issue 4, section 7):

- the quarterly progress report as PDF, built from the data and rendered (limit 5 s; median
  with min-max of 3 runs). The first run draws the 100 measure charts; later runs take them
  from the chart cache under the data directory (a chart is drawn again only when its data
  change), so the first run is also printed on its own;
- the public progress page (actions, measures with charts and tables, latest report), p95
  server time in-process over 50 requests (limit 100 ms), beside /healthz's p95.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from bench.run import fmt_ms, line, spread, timed_gets, verdict

TITLE = "Progress reports: PDF and public progress page (50 actions, 100 measures)"

PDF_MAX_S = 5.0
PAGE_P95_MAX_S = 0.100
RUNS = 3
REQUESTS = 50
PERIOD = "2026-Q3"


def _plan() -> Any:
    from django.contrib.auth import get_user_model

    from plans.models import Plan
    from reports.benchplan import bench_plan_build
    from reports.models import ProgressPublicSettings
    from reports.periods import period_parse
    from reports.services import progress_report_issue

    owner, _ = get_user_model().objects.get_or_create(
        username="bench-progress", defaults={"email": "bench-progress@example.org"}
    )
    plan = Plan.objects.filter(code="bench-progress").first()
    if plan is None:
        start = time.perf_counter()
        plan = bench_plan_build(owner=owner, actions=50, measures=100, code="bench-progress")
        line("plan built", f"{time.perf_counter() - start:.1f} s (50 actions, 100 measures)")
    ProgressPublicSettings.objects.update_or_create(
        plan=plan, defaults={"show_actions": True, "show_measures": True, "show_report": True}
    )
    if not plan.progress_reports.exists():
        start = time.perf_counter()
        progress_report_issue(plan=plan, period=period_parse(text="2026-Q2"), user=owner)
        line("report issued (2026-Q2)", f"{time.perf_counter() - start:.1f} s (frozen as JSON)")
    return plan


def _pdf_once(plan: Any) -> tuple[float, int, int]:
    from reports.periods import period_parse
    from reports.progress import progress_report_build
    from reports.renderers import document_render

    start = time.perf_counter()
    built = progress_report_build(plan=plan, period=period_parse(text=PERIOD))
    data = document_render(document=built.document, fmt="pdf")
    return time.perf_counter() - start, len(data), data.count(b"/Type /Page\n")


def run(*, data_dir: Path) -> dict[str, Any]:
    from django.test import Client

    plan = _plan()
    runs = [_pdf_once(plan) for _ in range(RUNS)]
    pdf = spread([seconds for seconds, _, _ in runs])
    pdf_ok = pdf["median"] <= PDF_MAX_S
    line("first PDF (charts drawn)", f"{runs[0][0]:.2f} s, {runs[0][1] / 1e6:.1f} MB")
    line(
        f"progress report PDF {PERIOD}",
        f"median {pdf['median']:.2f} s (min {pdf['min']:.2f}, max {pdf['max']:.2f}) of {RUNS};"
        f" limit {PDF_MAX_S:.0f} s {verdict(pdf_ok)}",
    )

    client = Client()
    url = f"/p/{plan.code}/progress/"
    timed_gets(client, ["/healthz"] * 10 + [url] * 3)  # URL map, templates, imports loaded
    base, _ = timed_gets(client, ["/healthz"] * REQUESTS)
    healthz = spread(base)
    line("reference: /healthz", f"p50 {fmt_ms(healthz['median'])}, p95 {fmt_ms(healthz['p95'])}")
    times, failures = timed_gets(client, [url] * REQUESTS)
    page = spread(times)
    page_ok = page["p95"] <= PAGE_P95_MAX_S and not failures
    line(
        "public progress page p95",
        f"{fmt_ms(page['p95'])} (median {fmt_ms(page['median'])}, min {fmt_ms(page['min'])}, "
        f"max {fmt_ms(page['max'])}) over {REQUESTS}; limit {fmt_ms(PAGE_P95_MAX_S)} "
        f"{verdict(page_ok)}",
    )
    return {
        "status": "ok",
        "pdf_seconds": pdf,
        "pdf_first_seconds": runs[0][0],
        "public_page_seconds": page,
        "healthz_seconds": healthz,
        "failures": failures,
        "pass": pdf_ok and page_ok,
    }
