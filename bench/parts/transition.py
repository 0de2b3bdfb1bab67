"""Issue 5 figures for the 50-action plan: the transition briefing as PDF (at most 5 s), and a
snapshot of the plan with its comparison against today (at most 2 s). Each is the median of
three runs with min-max; the chart cache is emptied before each PDF run."""

from __future__ import annotations

import gc
import time
from pathlib import Path
from typing import Any

from bench.run import line, spread, verdict

TITLE = "Continuity: transition briefing PDF and a snapshot with its comparison (50 actions)"

PDF_MAX_S = 5.0
SNAPSHOT_MAX_S = 2.0
RUNS = 3


def _seconds(s: dict[str, float]) -> str:
    return f"median {s['median']:.2f} s (min {s['min']:.2f}, max {s['max']:.2f})"


def _plan() -> Any:
    from django.contrib.auth import get_user_model

    from reports.benchplan import bench_plan_build

    owner, _ = get_user_model().objects.get_or_create(username="bench-transition")
    start = time.perf_counter()
    plan = bench_plan_build(owner=owner, actions=50, measures=100, code="bench-transition")
    line("plan built", f"{time.perf_counter() - start:.1f} s (50 actions, 100 measures)")
    return plan, owner


def _pdf_once(plan: Any) -> tuple[float, int]:
    from continuity.document import transition_document
    from reports import renderers

    renderers._CHARTS = renderers._ChartCache()  # a cold start on purpose
    gc.collect()
    start = time.perf_counter()
    data = renderers.document_render(document=transition_document(plan=plan), fmt="pdf")
    return time.perf_counter() - start, len(data)


def _snapshot_once(plan: Any, owner: Any) -> tuple[float, int]:
    from continuity.snapshots import snapshot_compare, snapshot_take

    gc.collect()
    start = time.perf_counter()
    snapshot = snapshot_take(plan=plan, label="bench", user=owner)
    changes = snapshot_compare(snapshot=snapshot).changes
    return time.perf_counter() - start, len(changes)


def run(*, data_dir: Path) -> dict[str, Any]:
    try:
        plan, owner = _plan()
    except ImportError as error:
        line("transition", f"not available yet ({error})")
        return {"status": "not available yet"}
    _pdf_once(plan)  # fonts, templates and imports loaded once
    pdf_runs = [_pdf_once(plan) for _ in range(RUNS)]
    pdf = spread([seconds for seconds, _ in pdf_runs])
    line(
        "transition briefing PDF",
        f"{_seconds(pdf)}, {pdf_runs[-1][1]:,} bytes; limit {PDF_MAX_S:.0f} s "
        f"(ratio {pdf['median'] / PDF_MAX_S:.2f}) {verdict(pdf['median'] <= PDF_MAX_S)}",
    )
    snap_runs = [_snapshot_once(plan, owner) for _ in range(RUNS)]
    snap = spread([seconds for seconds, _ in snap_runs])
    ok = snap["median"] <= SNAPSHOT_MAX_S
    line(
        "snapshot + comparison",
        f"{_seconds(snap)}; limit {SNAPSHOT_MAX_S:.0f} s "
        f"(ratio {snap['median'] / SNAPSHOT_MAX_S:.2f}) {verdict(ok)}",
    )
    return {
        "status": "ok",
        "transition_pdf_s": pdf,
        "snapshot_s": snap,
        "pass": pdf["median"] <= PDF_MAX_S and snap["median"] <= SNAPSHOT_MAX_S,
    }
