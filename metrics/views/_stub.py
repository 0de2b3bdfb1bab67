"""Temporary placeholder used while the real views are written. Remove when none use it."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse


def not_built(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    return HttpResponse("Not built yet.", status=501)
