"""Preliminary insights for a county or city, most important first."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from metrics.selectors.geographies import geography_or_404
from metrics.selectors.insights import insights_for


def insights_page(request: HttpRequest, geoid: str) -> HttpResponse:
    geography = geography_or_404(geoid=geoid)
    insights = insights_for(geoid=geography.geoid)
    findings = [i for i in insights if i.kind not in ("weak", "missing")]
    notes = [i for i in insights if i.kind in ("weak", "missing")]
    context = {"geography": geography, "findings": findings, "notes": notes}
    return render(request, "metrics/insights.html", context)
