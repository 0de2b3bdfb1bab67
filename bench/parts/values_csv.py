"""Issue 4 figure: a bulk CSV of 1,000 measure values (100 measures, ten years each) read,
validated and loaded for a plan with 100 measures (at most 5 s, validation included).
Median of three runs with min-max; the values are removed between runs (not timed)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from bench.run import line, spread, verdict

TITLE = "Results: a bulk CSV of 1,000 measure values for a plan with 100 measures"

LIMIT_S = 5.0
RUNS = 3
MEASURES = 100
YEARS = range(2016, 2026)


def _plan() -> Any:
    from django.contrib.auth import get_user_model

    from metrics.models import Geography
    from plans.services import plan_create
    from strategy.models import LogicElement, Measure, Priority, StrategicAction

    owner, _ = get_user_model().objects.get_or_create(username="bench-results")
    plan = plan_create(
        user=owner,
        title="Bench results plan",
        geography=Geography.objects.get(geoid="17201"),
        lead_name="Bench partnership",
        lead_kind="nonprofit",
    )
    priority = Priority.objects.create(plan=plan, title="Bench priority")
    actions = StrategicAction.objects.bulk_create(
        [StrategicAction(plan=plan, priority=priority, title=f"Action {n + 1}") for n in range(10)]
    )
    elements = LogicElement.objects.bulk_create(
        [LogicElement(action=a, kind="outcome-short", text="Outcome") for a in actions]
    )
    Measure.objects.bulk_create(
        [
            Measure(
                plan=plan,
                element=elements[n % 10],
                name=f"Bench measure {n + 1:03d}",
                unit="count",
                direction="higher",
                frequency="yearly",
            )
            for n in range(MEASURES)
        ]
    )
    return plan, owner


def _csv(plan: Any) -> bytes:
    rows = ["measure,period,value,lb,ub,subgroup,source,note"]
    for n, measure in enumerate(plan.measures.order_by("name")):
        for k, year in enumerate(YEARS):
            value = 100 + n + 3 * k
            rows.append(f"{measure.name},{year},{value},{value - 5},{value + 5},,Bench survey,")
    return ("\n".join(rows) + "\n").encode()


def _once(plan: Any, owner: Any, content: bytes) -> tuple[float, int]:
    from results.imports import values_csv_import
    from results.models import MeasureValue

    MeasureValue.objects.filter(measure__plan=plan).delete()
    start = time.perf_counter()
    outcome = values_csv_import(plan=plan, user=owner, content=content, filename="bench.csv")
    seconds = time.perf_counter() - start
    if not outcome.ok:
        raise RuntimeError(f"bench CSV refused: {outcome.problems[:3]}")
    return seconds, outcome.loaded


def run(*, data_dir: Path) -> dict[str, Any]:
    plan, owner = _plan()
    content = _csv(plan)
    runs = [_once(plan, owner, content) for _ in range(RUNS)]
    s = spread([seconds for seconds, _ in runs])
    ok = s["median"] <= LIMIT_S
    line(
        "1,000 values validated+loaded",
        f"median {s['median']:.2f} s (min {s['min']:.2f}, max {s['max']:.2f}), "
        f"{runs[-1][1]:,} values; limit {LIMIT_S:.0f} s {verdict(ok)}",
    )
    return {"status": "ok", "seconds": s, "values": runs[-1][1], "limit": LIMIT_S, "pass": ok}
