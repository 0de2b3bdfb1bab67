"""The framework browser: the parts of mobility, pillars, predictors and their metrics."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from metrics.selectors.catalog import framework_overview


def framework_index(request: HttpRequest) -> HttpResponse:
    part = request.GET.get("part", "").strip()[:80]
    overview = framework_overview(part=part)
    return render(request, "metrics/framework.html", {"overview": overview})
