"""Step 10, building on the foundation: the roles grid (RACI) of a 50-action plan with 100
measures and 25 parties (20 partner organisations, 5 members), as the editor sees it with a
choice in every cell, and the gap finder for that plan. Server time p95 over repeated gets
(limits, ours since the issue sets none: grid 1 s, a form of 3,750 choices; gaps 200 ms)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bench.run import line, spread, timed_gets, verdict

TITLE = "Foundation: the roles grid and the gap finder of a 50-action plan"

ACTIONS = 50
MEASURES_PER_ACTION = 2
ORGANISATIONS = 20
GETS = 20
LIMITS = {"raci": 1.000, "gaps": 0.200}


def _plan() -> Any:
    from django.contrib.auth import get_user_model

    from foundation.models import RaciEntry
    from metrics.models import Geography
    from plans.models import Membership, Organisation, Role
    from plans.services import plan_create
    from strategy.models import LogicElement, Measure, Priority, StrategicAction

    make = get_user_model().objects.get_or_create
    owner, _ = make(username="bench-foundation")
    plan = plan_create(
        user=owner, title="Bench foundation plan", geography=Geography.objects.get(geoid="17201"),
        lead_name="Bench partnership", lead_kind="nonprofit",
    )  # fmt: skip
    for n in range(4):
        user, _ = make(username=f"bench-foundation-{n}")
        Membership.objects.create(plan=plan, user=user, role=Role.EDITOR)
    Organisation.objects.bulk_create(
        [Organisation(plan=plan, name=f"Partner {n:02d}", kind="nonprofit")
         for n in range(ORGANISATIONS - 1)]
    )  # fmt: skip
    priorities = [Priority.objects.create(plan=plan, title=f"Priority {n + 1}") for n in range(5)]
    StrategicAction.objects.bulk_create(
        [StrategicAction(plan=plan, priority=priorities[n % 5], title=f"Action {n + 1:02d}")
         for n in range(ACTIONS)]
    )  # fmt: skip
    actions = list(plan.actions.all())
    LogicElement.objects.bulk_create(
        [LogicElement(action=a, kind="outcome-short", text="Outcome") for a in actions]
    )
    elements = list(LogicElement.objects.filter(action__plan=plan))
    Measure.objects.bulk_create(
        [Measure(plan=plan, element=e, name=f"Measure {k} of {e.action.title}", unit="count",
                 direction="higher", frequency="yearly")
         for e in elements for k in range(MEASURES_PER_ACTION)]
    )  # fmt: skip
    organisations = list(Organisation.objects.filter(plan=plan))
    entries = []
    for n, action in enumerate(actions):
        for k, role in enumerate("ARCI"):
            org = organisations[(n + k) % len(organisations)]
            entries.append(RaciEntry(plan=plan, action=action, organisation=org, role=role))
    for n, measure in enumerate(Measure.objects.filter(plan=plan)):
        for k, role in enumerate("AR"):
            org = organisations[(n + k) % len(organisations)]
            entries.append(RaciEntry(plan=plan, measure=measure, organisation=org, role=role))
    RaciEntry.objects.bulk_create(entries)
    return plan, owner


def _times(client: Any, address: str) -> dict[str, float]:
    times, failures = timed_gets(client, [address] * (GETS + 1))  # the first warms up
    if failures:
        raise RuntimeError(f"bench page failed: {failures[0]}")
    return spread(times[1:])


def run(*, data_dir: Path) -> dict[str, Any]:
    from django.test import Client
    from django.urls import reverse

    plan, owner = _plan()
    client = Client()
    client.force_login(owner)
    found, ok = {}, True
    for name, label in (("raci", "roles grid (editor)"), ("gaps", "gap finder")):
        s = _times(client, reverse(f"foundation:{name}", args=[plan.code]))
        good = s["p95"] <= LIMITS[name]
        ok = ok and good
        found[name] = s
        line(
            f"{label}, 50 actions",
            f"p95 {s['p95'] * 1000:.0f} ms, median {s['median'] * 1000:.0f} ms "
            f"(min {s['min'] * 1000:.0f}, max {s['max'] * 1000:.0f}) over {GETS} gets; "
            f"limit {LIMITS[name] * 1000:.0f} ms {verdict(good)}",
        )
    return {"status": "ok", "pages": found, "pass": ok}
