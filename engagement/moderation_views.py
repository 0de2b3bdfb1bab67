"""Members' pages of continuous engagement: the moderation queue of residents' feedback
(editors and owners), answering it ("you said, we did"), and decision points after the
release. Viewers read the decision points and the figures, never pending resident text."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from engagement import decisions, public
from engagement.models import DecisionPoint, FeedbackItem, FeedbackSource, Moderation
from engagement.moderation_forms import AnswerForm, DecisionForm
from engagement.views import _attempt
from plans.access import plan_for_user

GET_POST = ["GET", "POST"]
MODERATED = {
    Moderation.SHOWN: "The feedback is shown on the public page.",
    Moderation.HIDDEN: "The feedback is hidden.",
    Moderation.SPAM: "The feedback is marked as spam.",
}


@login_required
def queue(request: HttpRequest, code: str) -> HttpResponse:
    access = plan_for_user(request, code, need="edit")
    state = request.GET.get("state", Moderation.PENDING)
    if state not in Moderation.values:
        state = Moderation.PENDING
    counts = public.moderation_counts(plan=access.plan)
    context = {
        "access": access,
        "state": state,
        "states": [(v, str(label), counts[v]) for v, label in Moderation.choices],
        "rows": public.moderation_queue(plan=access.plan, state=state),
        "figures": public.answer_figures(plan=access.plan),
    }
    return render(request, "engagement/moderation.html", context)


def _public_item(access_plan: object, uuid: str) -> FeedbackItem:
    return get_object_or_404(
        FeedbackItem, plan=access_plan, uuid=uuid, source=FeedbackSource.PUBLIC
    )


@login_required
@require_POST
def moderate(request: HttpRequest, code: str, uuid: str) -> HttpResponse:
    access = plan_for_user(request, code, need="edit")
    item = _public_item(access.plan, uuid)
    state = request.POST.get("state", "")
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        version = -1
    try:
        public.feedback_moderate(item=item, state=state, version=version)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, MODERATED[Moderation(state)])
    back = request.POST.get("from", Moderation.PENDING)
    if back not in Moderation.values:
        back = Moderation.PENDING
    return redirect(reverse("engagement:moderation", args=[code]) + f"?state={back}")


@login_required
@require_http_methods(GET_POST)
def answer(request: HttpRequest, code: str, uuid: str) -> HttpResponse:
    access = plan_for_user(request, code, need="edit")
    item = _public_item(access.plan, uuid)
    initial = {"status": item.response_status, "response": item.response,
               "reason": item.response_reason, "version": item.version}  # fmt: skip
    form = AnswerForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        first = item.responded_at is None
        done = _attempt(
            form, public.feedback_respond, item=item, response=data["response"],
            status=data["status"], reason=data["reason"], version=data["version"],
        )  # fmt: skip
        if done:
            messages.success(request, "The answer is saved; it shows with the feedback.")
            base_url = request.build_absolute_uri("/").rstrip("/")
            if first and public.answer_reply_send(item=item, base_url=base_url):
                messages.info(request, "The resident asked for a reply: it was e-mailed.")
            return redirect(
                reverse("engagement:moderation", args=[code]) + f"?state={item.moderation}"
            )
    context = {"access": access, "form": form, "item": item}
    return render(request, "engagement/answer_form.html", context)


# -- decision points -----------------------------------------------------------------------


@login_required
def decision_list(request: HttpRequest, code: str) -> HttpResponse:
    access = plan_for_user(request, code)
    context = {
        "access": access,
        "decisions": decisions.public_decisions(plan=access.plan),
        "figures": public.answer_figures(plan=access.plan),
    }
    return render(request, "engagement/decisions.html", context)


@login_required
@require_http_methods(GET_POST)
def decision_new(request: HttpRequest, code: str) -> HttpResponse:
    access = plan_for_user(request, code, need="edit")
    form = DecisionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        if _attempt(form, decisions.decision_create, plan=access.plan, **data):
            messages.success(request, "The decision point is added.")
            return redirect("engagement:decisions", code)
    context = {"access": access, "form": form, "point": None}
    return render(request, "engagement/decision_form.html", context)


@login_required
@require_http_methods(GET_POST)
def decision_edit(request: HttpRequest, code: str, uuid: str) -> HttpResponse:
    access = plan_for_user(request, code, need="edit")
    point = get_object_or_404(DecisionPoint, plan=access.plan, uuid=uuid)
    initial = {name: getattr(point, name) for name in DecisionForm.base_fields}
    form = DecisionForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version") or 0
        if _attempt(form, decisions.decision_update, point=point, version=version, **data):
            messages.success(request, "The decision point is saved.")
            return redirect("engagement:decisions", code)
    context = {"access": access, "form": form, "point": point}
    return render(request, "engagement/decision_form.html", context)
