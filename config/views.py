from __future__ import annotations

from django.http import HttpRequest, HttpResponse


def healthz(request: HttpRequest) -> HttpResponse:
    """Answer "ok" without touching the database: for load balancers and the bench's baseline."""
    return HttpResponse("ok", content_type="text/plain")
