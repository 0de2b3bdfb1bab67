"""The jurisdiction profile and the page of one metric for one place."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from metrics.charts import subgroup_spec, trend_spec
from metrics.selectors.profiles import MetricEntry, Profile, profile_for


def _cards(profile: Profile) -> list[dict[str, object]]:
    """Pillars -> predictors -> metric cards, each card with its chart spec."""
    place = profile.geography.label
    return [
        {
            "pillar": pillar,
            "predictors": [
                {
                    "predictor": predictor,
                    "cards": [
                        {"entry": e, "spec": trend_spec(entry=e, place=place) if e.latest else None}
                        for e in predictor.metrics
                    ],
                }
                for predictor in pillar.predictors
            ],
        }
        for pillar in profile.pillars
    ]


def profile(request: HttpRequest, geoid: str) -> HttpResponse:
    found = profile_for(geoid=geoid)
    context = {"profile": found, "geography": found.geography, "pillars": _cards(found)}
    return render(request, "metrics/profile.html", context)


def _entry_or_404(profile: Profile, slug: str) -> MetricEntry:
    entry = profile.metric(slug)
    if entry is None:
        raise Http404(f"Upward has no metric called {slug[:80]!r}.")
    return entry


def metric_detail(request: HttpRequest, geoid: str, metric: str) -> HttpResponse:
    found = profile_for(geoid=geoid)
    entry = _entry_or_404(found, metric)
    wanted = request.GET.get("subgroup_type", "")
    chosen = entry.subgroup_set(wanted) or (entry.subgroups[0] if entry.subgroups else None)
    place = found.geography.label
    context = {
        "profile": found,
        "geography": found.geography,
        "entry": entry,
        "chosen": chosen,
        "unknown_type": wanted if wanted and chosen and chosen.type != wanted else "",
        "trend": trend_spec(entry=entry, place=place) if entry.latest else None,
        "groups_spec": subgroup_spec(entry=entry, subgroups=chosen, place=place)
        if chosen
        else None,
    }
    return render(request, "metrics/metric_detail.html", context)
