"""Foundation pages."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from plans.access import plan_for_user


@login_required
def home(request: HttpRequest, code: str) -> HttpResponse:
    access = plan_for_user(request, code)
    return render(request, "foundation/home.html", {"access": access})
