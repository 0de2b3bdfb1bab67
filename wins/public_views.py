"""The public wins page and its Atom feed: for a published plan whose owner shows its wins,
anyone may read them. Only the public fields: no people's names, messengers or files."""

from __future__ import annotations

import datetime as dt

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape

from plans.models import Plan
from wins.selectors import public_wins, wins_public

FEED_LIMIT = 50


def _shown_plan(code: str) -> Plan:
    plan = get_object_or_404(Plan.objects.select_related("geography"), code=code)
    if not wins_public(plan=plan):
        raise Http404("This plan does not show its wins.")
    return plan


def public_page(request: HttpRequest, code: str) -> HttpResponse:
    plan = _shown_plan(code)
    context = {"plan": plan, "wins": public_wins(plan=plan)}
    return render(request, "wins/public.html", context)


def public_feed(request: HttpRequest, code: str) -> HttpResponse:
    plan = _shown_plan(code)
    page = request.build_absolute_uri(reverse("wins_public:page", args=[plan.code]))
    feed = Atom1Feed(
        title=f"Early wins: {plan.title}",
        link=page,
        description=f"Early wins of the mobility action plan for {plan.geography}.",
        language="en",
        feed_url=request.build_absolute_uri(),
        feed_guid=f"urn:uuid:{plan.uuid}",
    )
    for win in public_wins(plan=plan, limit=FEED_LIMIT):
        when = dt.datetime.combine(win.happened_on, dt.time(12), tzinfo=dt.UTC)
        details = [win.what_happened]
        if win.action:
            details.append(f"Action: {win.action}")
        if win.audience:
            details.append(f"Who it matters to: {win.audience}")
        if win.organisations:
            details.append(f"Made possible by: {', '.join(win.organisations)}")
        feed.add_item(
            title=win.title,
            link=f"{page}#win-{win.uuid}",
            # Atom summaries are HTML: every piece is escaped, so markup stays text.
            description="".join(f"<p>{escape(part)}</p>" for part in details),
            unique_id=f"urn:uuid:{win.uuid}",
            pubdate=when,
            updateddate=win.updated_at if timezone.is_aware(win.updated_at) else when,
            categories=[win.kind_label] if win.kind_label else None,
        )
    response = HttpResponse(content_type="application/atom+xml; charset=utf-8")
    feed.write(response, "utf-8")
    return response
