"""Pages of step 10's follow-up: the plan's reporting calendar, its accountability view and
settings, each person's updates and reminder preferences, and the calendar feeds."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from followup import services
from followup.charts import overdue_spec
from followup.forms import PreferenceForm, SettingsForm
from followup.ical import Event, calendar_render
from followup.models import FollowupSettings, ReminderPreference
from followup.selectors import (
    DueItem,
    followup_settings_for,
    items_for_user,
    my_updates,
    plan_accountability,
    plan_calendar,
    plan_due,
    reminder_preference_for,
    user_plans,
)
from plans.access import plan_for_user, signed_in_user

GET_POST = require_http_methods(["GET", "POST"])


def _today() -> datetime.date:
    return timezone.localdate()


@login_required
@require_GET
def calendar(request: HttpRequest, code: str) -> HttpResponse:
    access = plan_for_user(request, code)
    person = request.GET.get("person", "")
    organisation = request.GET.get("organisation", "")
    months = request.GET.get("months", "")
    ahead = int(months) if months in ("3", "6", "12") else 6
    data = plan_calendar(
        plan=access.plan, today=_today(), person=person, organisation=organisation,
        months_ahead=ahead,
    )  # fmt: skip
    feed = data.settings.feed_token
    feed_url = (
        request.build_absolute_uri(reverse("followup:feed", args=[code, feed])) if feed else ""
    )
    return render(
        request, "followup/calendar.html", {"access": access, "data": data, "feed_url": feed_url}
    )


@login_required
@require_GET
def accountability(request: HttpRequest, code: str) -> HttpResponse:
    access = plan_for_user(request, code)
    data = plan_accountability(plan=access.plan, today=_today())
    specs = {
        "owners": overdue_spec(rows=data.chart_rows, group="Owner", title="Overdue items by owner"),
        "organisations": overdue_spec(
            rows=data.chart_rows, group="Organization", title="Overdue items by organization"
        ),
    }
    return render(
        request, "followup/accountability.html", {"access": access, "data": data, "specs": specs}
    )


@login_required
@GET_POST
def settings_edit(request: HttpRequest, code: str) -> HttpResponse:
    access = plan_for_user(request, code, need="edit")
    current = followup_settings_for(plan=access.plan)
    form = SettingsForm(request.POST or None, initial=_settings_initial(current))
    if request.method == "POST" and form.is_valid():
        try:
            services.followup_settings_save(plan=access.plan, **form.cleaned_data)
        except services.StaleEdit as stale:
            form.add_error(None, stale.message)
        else:
            messages.success(request, "The follow-up settings are saved.")
            return redirect("followup:settings", code)
    token = current.feed_token
    feed_url = ""
    if token:
        feed_url = request.build_absolute_uri(reverse("followup:feed", args=[code, token]))
    context = {"access": access, "form": form, "feed_url": feed_url}
    return render(request, "followup/settings.html", context)


def _settings_initial(current: FollowupSettings) -> dict[str, object]:
    return {
        "action_cadence": current.action_cadence,
        "grace_days": current.grace_days,
        "lead_days": current.lead_days,
        "started_on": current.started_on,
        "version": current.version,
    }


@login_required
@require_POST
def plan_feed_change(request: HttpRequest, code: str) -> HttpResponse:
    access = plan_for_user(request, code, need="edit")
    if request.POST.get("do") == "stop":
        services.plan_feed_stop(plan=access.plan)
        messages.success(request, "The plan's calendar link is switched off.")
    else:
        services.plan_feed_renew(plan=access.plan)
        messages.success(request, "The plan has a new calendar link; any earlier one stopped.")
    return redirect(reverse("followup:settings", args=[code]) + "#feed")


def _ics(*, name: str, items: list[DueItem], request: HttpRequest) -> HttpResponse:
    events = [
        Event(
            uid=item.uid,
            day=item.due_on,
            summary=f"{item.title} ({item.plan_title})",
            description=f"{item.state_text}. Owed by {item.owner}.",
            url=request.build_absolute_uri(item.url) if item.url else "",
            categories=(item.kind_label,),
        )
        for item in items
    ]
    body = calendar_render(name=name, events=events, now=timezone.now())
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="upward.ics"'
    response["Cache-Control"] = "private, max-age=900"
    response["X-Robots-Tag"] = "noindex"
    return response


@require_GET
def plan_feed(request: HttpRequest, code: str, token: str) -> HttpResponse:
    """The plan's due items as an iCalendar feed; the secret link is the only key."""
    found = (
        FollowupSettings.objects.select_related("plan")
        .filter(plan__code=code, feed_token=token)
        .exclude(feed_token="")
        .first()
    )
    if found is None:
        raise Http404("No calendar at this address.")
    items = plan_due(plan=found.plan, today=_today()).items
    return _ics(name=f"{found.plan.title}: follow-up", items=items, request=request)


# -- one person's pages --------------------------------------------------------------------


@login_required
@require_GET
def updates(request: HttpRequest) -> HttpResponse:
    data = my_updates(user=signed_in_user(request), today=_today())
    return render(request, "followup/my_updates.html", {"data": data})


@login_required
@GET_POST
def preferences(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    plans = user_plans(user=user)
    current = reminder_preference_for(user=user)
    initial = {
        "frequency": current.frequency,
        "weekday": current.weekday,
        "plans": list(current.plans.all()) if current.pk else [],
        "lead_days": current.lead_days,
        "version": current.version,
    }
    form = PreferenceForm(request.POST or None, initial=initial, plans=plans)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.reminder_preference_save(user=user, **{**data, "plans": list(data["plans"])})
        except services.StaleEdit as stale:
            form.add_error(None, stale.message)
        else:
            messages.success(request, "Your reminder choices are saved.")
            return redirect("me:preferences")
    feeds = _feeds(request, current, plans)
    return render(request, "followup/preferences.html", {"form": form, **feeds})


def _feeds(request: HttpRequest, current: ReminderPreference, plans: list) -> dict[str, object]:
    token = current.feed_token if current.pk else ""
    mine = request.build_absolute_uri(reverse("me:feed", args=[token])) if token else ""
    rows = []
    user = signed_in_user(request)
    for plan in plans:
        plan_token = followup_settings_for(plan=plan).feed_token
        can_edit = plan.memberships.get(user=user).can_edit()
        url = reverse("followup:feed", args=[plan.code, plan_token]) if plan_token else ""
        url = request.build_absolute_uri(url) if url else ""
        rows.append({"plan": plan, "url": url, "can_edit": can_edit})
    return {"feed_url": mine, "plan_feeds": rows}


@login_required
@require_POST
def person_feed_change(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    if request.POST.get("do") == "stop":
        services.person_feed_stop(user=user)
        messages.success(request, "Your calendar link is switched off.")
    else:
        services.person_feed_renew(user=user)
        messages.success(request, "You have a new calendar link; any earlier one stopped.")
    return redirect(reverse("me:preferences") + "#feed")


@require_GET
def person_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The person's due items in every plan they belong to, as an iCalendar feed."""
    found = (
        ReminderPreference.objects.select_related("user")
        .filter(feed_token=token, user__is_active=True)
        .exclude(feed_token="")
        .first()
    )
    if found is None:
        raise Http404("No calendar at this address.")
    items: list[DueItem] = []
    for plan in user_plans(user=found.user):
        items += items_for_user(plan_due(plan=plan, today=_today()).items, found.user.pk)
    return _ics(name="My Upward updates", items=items, request=request)


@csrf_exempt  # the signed token is the key; mail programs post here without a form
@GET_POST
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET asks to confirm (link checkers follow links); POST stops the reminders."""
    user = services.unsubscribe_user(token=token)
    if user is None:
        raise Http404("This link is not valid.")
    done = request.method == "POST"
    if done:
        services.reminders_stop(user=user)
    return render(request, "followup/unsubscribe.html", {"done": done, "token": token})
