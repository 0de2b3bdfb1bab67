"""Issue 5 figure for the 50-action plan: a funder report as PDF (at most 5 s), for a funder
that funds every action (the largest report: every action, its owner, its latest update and
every measure). Median of three runs with min-max; the chart cache is emptied before each."""

from __future__ import annotations

import gc
import os
import time
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from bench.run import line, spread, verdict

TITLE = "Funding: a funder report PDF for the 50-action plan"

PDF_MAX_S = 5.0
RUNS = 3
ACTIONS = 50
FUNDER = "Bench Community Foundation"


def _seconds(s: dict[str, float]) -> str:
    return f"median {s['median']:.2f} s (min {s['min']:.2f}, max {s['max']:.2f})"


def _small_plan(owner: Any) -> Any:
    """Fifty actions in five priorities, when the shared bench plan builder is not there."""
    from metrics.models import Geography
    from plans.services import plan_create
    from strategy.models import Priority, StrategicAction

    plan = plan_create(
        user=owner, title="Bench funding plan", geography=Geography.objects.get(geoid="17201"),
        lead_name="Bench lead partnership", lead_kind="nonprofit",
    )  # fmt: skip
    priorities = Priority.objects.bulk_create(
        [Priority(plan=plan, title=f"Priority {n + 1}", order=n) for n in range(5)]
    )
    StrategicAction.objects.bulk_create(
        [
            StrategicAction(plan=plan, priority=priorities[n % 5], title=f"Action {n + 1}")
            for n in range(ACTIONS)
        ]
    )
    return plan


def _ledger(plan: Any) -> int:
    """The foundation funds every action; two other funders fund every other and third."""
    from funding.models import ActionFundingNeed, FundingEntry, FundingStatus, SourceType

    entries, needs = [], []
    for n, action in enumerate(plan.actions.order_by("id")):
        needs.append(ActionFundingNeed(action=action, amount=Decimal(100_000 + 5_000 * n)))
        entries.append(
            FundingEntry(
                action=action, source_type=SourceType.PHILANTHROPY, funder_name=FUNDER,
                committed=Decimal(40_000), received=Decimal(20_000), spent=Decimal(15_000),
                status=FundingStatus.RECEIVED, starts_on=date(2026, 1, 1),
                ends_on=date(2027, 12, 31), people_reached=50 + n,
                restrictions="Direct services only." if n % 4 == 0 else "",
            )
        )  # fmt: skip
        if n % 2 == 0:
            entries.append(FundingEntry(action=action, source_type=SourceType.STATE,
                                        funder_name="State of Illinois",
                                        committed=Decimal(30_000), status="committed"))  # fmt: skip
        if n % 3 == 0:
            entries.append(FundingEntry(action=action, source_type=SourceType.LOCAL,
                                        funder_name="Winnebago County",
                                        committed=Decimal(10_000), status="proposed"))  # fmt: skip
    ActionFundingNeed.objects.bulk_create(needs)
    FundingEntry.objects.bulk_create(entries)
    return len(entries)


def _plan() -> Any:
    from django.contrib.auth import get_user_model

    owner, _ = get_user_model().objects.get_or_create(username="bench-funding")
    start = time.perf_counter()
    try:
        from reports.benchplan import bench_plan_build
    except ImportError:
        plan, how = _small_plan(owner), f"{ACTIONS} actions, no measures (own builder)"
    else:
        plan = bench_plan_build(owner=owner, actions=ACTIONS, measures=100, code="bench-funding")
        how = f"{ACTIONS} actions, 100 measures, a year of updates"
    entries = _ledger(plan)
    line("plan built", f"{time.perf_counter() - start:.1f} s ({how}; {entries} ledger entries)")
    return plan


def _pdf_once(plan: Any) -> tuple[float, int, float]:
    from funding.document import funder_document
    from reports import renderers

    renderers._CHARTS = renderers._ChartCache()  # a cold start on purpose
    gc.collect()
    start, cpu = time.perf_counter(), time.process_time()
    document = funder_document(plan=plan, funder=FUNDER)
    data = renderers.document_render(document=document, fmt="pdf")
    return time.perf_counter() - start, len(data), time.process_time() - cpu


def run(*, data_dir: Path) -> dict[str, Any]:
    plan = _plan()
    _pdf_once(plan)  # fonts, templates and imports loaded once
    runs = [_pdf_once(plan) for _ in range(RUNS)]
    pdf = spread([seconds for seconds, _, _ in runs])
    cpu = spread([used for _, _, used in runs])
    ok = pdf["median"] <= PDF_MAX_S
    line(
        "funder report PDF",
        f"{_seconds(pdf)}, {runs[-1][1]:,} bytes; limit {PDF_MAX_S:.0f} s "
        f"(ratio {pdf['median'] / PDF_MAX_S:.2f}) {verdict(ok)}",
    )
    # Processor time of this process (its chart threads included): the wall time it would
    # take on a machine nobody else is using; on a shared machine the two differ widely.
    line("  processor time", f"{_seconds(cpu)}; load average {os.getloadavg()[0]:.1f}")
    return {
        "status": "ok", "seconds": pdf, "cpu_seconds": cpu, "bytes": runs[-1][1],
        "limit": PDF_MAX_S, "pass": ok,
    }  # fmt: skip
