"""Finding a county or city: the home page, the results page and as-you-type suggestions."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from metrics.selectors import geographies

KINDS = {"county": "Counties", "place": "Cities"}
MAX_QUERY = 100


def _query(request: HttpRequest) -> tuple[str, str | None]:
    q = request.GET.get("q", "").strip()[:MAX_QUERY]
    kind = request.GET.get("kind", "")
    return q, kind if kind in KINDS else None


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "metrics/home.html", {"kinds": KINDS})


def geography_search(request: HttpRequest) -> HttpResponse:
    q, kind = _query(request)
    hits = geographies.geography_search(q=q, kind=kind, limit=50) if q else []
    if q.isdigit() and any(hit.geoid == q for hit in hits):
        return redirect("profile", geoid=q)
    context = {"q": q, "kind": kind, "kinds": KINDS, "hits": hits}
    return render(request, "metrics/search.html", context)


def geography_suggest(request: HttpRequest) -> HttpResponse:
    q, kind = _query(request)
    hits = geographies.geography_search(q=q, kind=kind, limit=8) if q else []
    return render(request, "metrics/_suggestions.html", {"q": q, "hits": hits})
