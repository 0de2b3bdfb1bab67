from __future__ import annotations

from django.http import HttpRequest

CITATION = (
    "Urban Institute, Boosting Upward Mobility: Metrics to Inform Local Action "
    "(Mobility Metrics, 2025 release)."
)


def site(request: HttpRequest) -> dict[str, str]:
    return {"CITATION": CITATION}
