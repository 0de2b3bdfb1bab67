"""Public pages of continuous engagement, for a published plan, anyone: residents' feedback
with the coalition's answers, the figures on answering, decisions residents will be asked
to shape, and the feedback form (no account)."""

from __future__ import annotations

from collections.abc import Callable

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from engagement import following, public
from engagement.decisions import public_decisions
from engagement.models import Follower
from engagement.public_forms import FollowForm, PublicFeedbackForm
from plans.models import Plan


def _published_plan(code: str) -> Plan:
    plan = get_object_or_404(Plan.objects.select_related("geography"), code=code)
    if not plan.published:
        raise Http404("This plan is not published.")
    return plan


def _page(
    request: HttpRequest,
    plan: Plan,
    form: PublicFeedbackForm,
    *,
    refused: str = "",
    status: int = 200,
) -> HttpResponse:

    context = {
        "plan": plan,
        "form": form,
        "refused": refused,
        "sent": request.GET.get("sent") == "1",
        "feedback": public.public_feedback_list(plan=plan),
        "figures": public.answer_figures(plan=plan),
        "decisions": public_decisions(plan=plan),
    }
    return render(request, "engagement/public/feedback.html", context, status=status)


def _fresh_form(plan: Plan) -> PublicFeedbackForm:
    return PublicFeedbackForm(plan=plan, initial={"token": public.form_token(plan=plan)})


@require_http_methods(["GET", "POST"])
def feedback_page(request: HttpRequest, code: str) -> HttpResponse:
    plan = _published_plan(code)
    if request.method != "POST":
        return _page(request, plan, _fresh_form(plan))
    try:
        size = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        size = 0
    if size > public.REQUEST_LIMIT:
        message = (
            "This form was too large to accept. Please keep your feedback under "
            f"{public.TEXT_LIMIT:,} characters and send it again."
        )
        return _page(request, plan, _fresh_form(plan), refused=message, status=413)
    # Keep what the person wrote, with a new token, whatever happens next.
    data = request.POST.copy()
    data["token"] = public.form_token(plan=plan)
    form = PublicFeedbackForm(data, plan=plan)
    if request.POST.get("website"):
        message = (
            "This form could not be accepted: a field meant to stay empty was filled in. "
            "If you are a person, please clear it and send your feedback again."
        )
        return _page(request, plan, form, refused=message, status=400)
    try:
        public.form_token_check(plan=plan, token=request.POST.get("token", ""))
    except public.Refused as refused:
        return _page(request, plan, form, refused=refused.message, status=refused.status)
    if not form.is_valid():
        return _page(request, plan, form, status=400)
    try:
        public.public_feedback_submit(
            plan=plan,
            client=public.client_key(address=request.META.get("REMOTE_ADDR", "")),
            text=form.cleaned_data["text"],
            subject=public.subject_for(plan=plan, key=form.cleaned_data["about"]),
            theme=form.theme_chosen(),
            neighbourhood=form.cleaned_data["neighbourhood"],
            reply_email=form.cleaned_data["email"],
        )
    except public.Refused as refused:
        return _page(request, plan, form, refused=refused.message, status=refused.status)
    return redirect(reverse("engagement_public:feedback", args=[plan.code]) + "?sent=1#form")


# -- following by e-mail -------------------------------------------------------------------


def _follow_page(
    request: HttpRequest, plan: Plan, form: FollowForm, *, refused: str = "", status: int = 200
) -> HttpResponse:
    context = {"plan": plan, "form": form, "refused": refused, "asked": False}
    return render(request, "engagement/public/follow.html", context, status=status)


@require_http_methods(["GET", "POST"])
def follow(request: HttpRequest, code: str) -> HttpResponse:
    plan = _published_plan(code)
    if request.method != "POST":
        form = FollowForm(plan=plan, initial={"token": public.form_token(plan=plan)})
        return _follow_page(request, plan, form)
    data = request.POST.copy()
    data["token"] = public.form_token(plan=plan)
    form = FollowForm(data, plan=plan)
    if request.POST.get("website"):
        message = "This form could not be accepted: a field meant to stay empty was filled in."
        return _follow_page(request, plan, form, refused=message, status=400)
    client = public.client_key(address=request.META.get("REMOTE_ADDR", ""))
    try:
        public.form_token_check(plan=plan, token=request.POST.get("token", ""))
        public.flood_check(plan=plan, client=client)
    except public.Refused as refused:
        return _follow_page(request, plan, form, refused=refused.message, status=refused.status)
    if not form.is_valid():
        return _follow_page(request, plan, form, status=400)
    subject = public.subject_for(plan=plan, key=form.cleaned_data["about"])
    following.follow_request(
        plan=plan,
        email=form.cleaned_data["email"],
        action=subject.action,
        base_url=request.build_absolute_uri("/").rstrip("/"),
    )
    public.submission_count(plan=plan, client=client)
    context = {"plan": plan, "form": form, "asked": True}
    return render(request, "engagement/public/follow.html", context)


def _follow_link(
    request: HttpRequest,
    plan: Plan,
    follower: Follower | None,
    act: Callable[..., None],
    texts: dict[str, str],
    *,
    invalid: str,
) -> HttpResponse:
    """The page behind a signed link in an e-mail: a question and a button on GET, the act
    done on POST."""
    if follower is None:
        raise Http404(invalid)
    done = request.method == "POST"
    if done:
        act(follower=follower)
    context = {"plan": plan, "done": done, **texts}
    return render(request, "engagement/public/follow_link.html", context)


@csrf_exempt  # the signed token is the key (mail programs post without a form)
@require_http_methods(["GET", "POST"])
def follow_confirm(request: HttpRequest, code: str, token: str) -> HttpResponse:
    plan = _published_plan(code)
    follower = following.follower_for_confirm(plan=plan, token=token)
    texts = {
        "heading": "Confirm following",
        "question": f"Start receiving news of {plan.title} by e-mail?",
        "button": "Yes, send me its news",
        "done_text": "Confirmed: you will receive its news. Every message has a link to stop.",
    }
    return _follow_link(
        request, plan, follower, following.follow_confirm, texts,
        invalid="This link is not valid or has expired.",
    )  # fmt: skip


@csrf_exempt  # the signed token is the key (mail programs post without a form)
@require_http_methods(["GET", "POST"])
def follow_stop(request: HttpRequest, code: str, token: str) -> HttpResponse:
    plan = _published_plan(code)
    follower = following.follower_for_stop(plan=plan, token=token)
    texts = {
        "heading": "Stop these e-mails",
        "question": f"Stop the e-mails with news of {plan.title}?",
        "button": "Stop the e-mails",
        "done_text": "Done: we will not e-mail you about this any more.",
    }
    return _follow_link(
        request, plan, follower, following.follow_stop, texts, invalid="This link is not valid."
    )
