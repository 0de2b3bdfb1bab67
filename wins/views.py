"""Early-wins pages: the register with the coalition's reflections, adding and changing a
win with its messengers and channels, suggestions to accept or set aside, and the brief."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from plans.access import PlanAccess, plan_for_user, signed_in_user
from reports.renderers import CONTENT_TYPES, FORMATS, document_render, document_view
from wins import services
from wins.document import wins_document
from wins.forms import (
    KeyForm,
    MessageForm,
    PublicForm,
    ReflectionForm,
    StatusForm,
    VersionForm,
    WinForm,
)
from wins.models import Win, WinMessage
from wins.selectors import (
    SUGGESTION_RULE,
    dismissed_list,
    reflections_list,
    suggestion_find,
    suggestions_list,
    win_detail,
    win_may_change,
    wins_list,
    wins_public,
)

GET_POST = require_http_methods(["GET", "POST"])
REFUSED = (
    "Only an editor, or the contributor who recorded the win or owns its action, may change it."
)


def _win_for(request: HttpRequest, code: str, uuid: str, *, change: bool) -> tuple[PlanAccess, Win]:
    access = plan_for_user(request, code, need="contribute" if change else "view")
    win = get_object_or_404(
        Win.objects.select_related("plan", "action__owner"), plan=access.plan, uuid=uuid
    )
    if change and not win_may_change(access=access, win=win):
        raise PermissionDenied(REFUSED)
    return access, win


def _apply_problems(form: WinForm | MessageForm, exc: ValidationError) -> None:
    for name, problems in exc.message_dict.items():
        form.add_error(name if name in form.fields else None, problems)


@login_required
def overview(request: HttpRequest, code: str) -> HttpResponse:
    access = plan_for_user(request, code)
    plan = access.plan
    context = {
        "access": access,
        "wins": wins_list(plan=plan, access=access),
        "suggestion_count": len(suggestions_list(plan=plan)),
        "reflections": reflections_list(plan=plan),
        "public": wins_public(plan=plan),
        "public_form": PublicForm(
            initial={"public": bool(getattr(getattr(plan, "wins_settings", None), "public", False))}
        ),
    }
    return render(request, "wins/overview.html", context)


@login_required
@GET_POST
def win_new(request: HttpRequest, code: str) -> HttpResponse:
    access = plan_for_user(request, code, need="contribute")
    form = WinForm(request.POST or None, request.FILES or None, plan=access.plan)
    if request.method == "POST" and form.is_valid():
        try:
            win = services.win_create(
                plan=access.plan, user=signed_in_user(request), data=form.values(),
                upload=form.cleaned_data.get("evidence_file"),
            )  # fmt: skip
        except ValidationError as exc:
            _apply_problems(form, exc)
        else:
            messages.success(request, "The win is recorded. Now plan who carries the news.")
            return redirect("wins:win", code, win.uuid)
    context = {"access": access, "form": form, "win": None}
    return render(request, "wins/win_form.html", context, status=400 if form.errors else 200)


def _win_context(
    access: PlanAccess, win: Win, form: WinForm | None, message_form: MessageForm | None
) -> dict[str, object]:
    may_change = win_may_change(access=access, win=win)
    if may_change and form is None:
        initial = {name: getattr(win, name) for name in services.WIN_FIELDS}
        initial |= {"organisations": list(win.organisations.all()), "version": win.version}
        form = WinForm(initial=initial, plan=access.plan, with_file=bool(win.evidence_file))
    if may_change and message_form is None:
        message_form = MessageForm(plan=access.plan)
    return {
        "access": access, "win": win, "row": win_detail(win=win, access=access),
        "form": form, "message_form": message_form, "may_change": may_change,
    }  # fmt: skip


@login_required
@GET_POST
def win_edit(request: HttpRequest, code: str, uuid: str) -> HttpResponse:
    access, win = _win_for(request, code, uuid, change=request.method == "POST")
    if request.method == "GET":
        return render(request, "wins/win.html", _win_context(access, win, None, None))
    form = WinForm(request.POST, request.FILES, plan=access.plan, with_file=bool(win.evidence_file))
    status = 400
    if form.is_valid():
        try:
            services.win_update(
                win=win, version=form.cleaned_data["version"] or 0, data=form.values(),
                upload=form.cleaned_data.get("evidence_file"),
                remove_file=bool(form.cleaned_data.get("remove_file")),
            )  # fmt: skip
        except services.StaleRecord as exc:
            form.add_error(None, str(exc))
            status = 409
        except ValidationError as exc:
            _apply_problems(form, exc)
        else:
            messages.success(request, "The win is saved.")
            return redirect("wins:win", code, win.uuid)
    return render(request, "wins/win.html", _win_context(access, win, form, None), status=status)


@login_required
@require_POST
def win_delete(request: HttpRequest, code: str, uuid: str) -> HttpResponse:
    _, win = _win_for(request, code, uuid, change=True)
    form = VersionForm(request.POST)
    version = form.cleaned_data["version"] if form.is_valid() else -1
    try:
        services.win_delete(win=win, version=version)
    except services.StaleRecord as exc:
        messages.error(request, str(exc))
        return redirect("wins:win", code, win.uuid)
    messages.success(request, "The win is deleted.")
    return redirect("wins:overview", code)


@login_required
def evidence_download(request: HttpRequest, code: str, uuid: str) -> FileResponse:
    _, win = _win_for(request, code, uuid, change=False)
    if not win.evidence_file:
        raise Http404("This win has no evidence file.")
    try:
        handle = win.evidence_file.open("rb")
    except FileNotFoundError:
        raise Http404("The file is missing from storage.") from None
    response = FileResponse(handle, as_attachment=True, filename=win.evidence_name)
    response["Content-Type"] = win.evidence_type
    response["X-Content-Type-Options"] = "nosniff"
    return response


# -- messengers and channels ---------------------------------------------------------------


@login_required
@require_POST
def message_add(request: HttpRequest, code: str, uuid: str) -> HttpResponse:
    access, win = _win_for(request, code, uuid, change=True)
    form = MessageForm(request.POST, plan=access.plan)
    if form.is_valid():
        try:
            services.message_add(win=win, data=form.cleaned_data)
        except ValidationError as exc:
            _apply_problems(form, exc)
        else:
            messages.success(request, "The messenger and channel are added.")
            return redirect(reverse("wins:win", args=[code, win.uuid]) + "#messages")
    return render(request, "wins/win.html", _win_context(access, win, None, form), status=400)


def _message_for(request: HttpRequest, code: str, uuid: str) -> WinMessage:
    access = plan_for_user(request, code, need="contribute")
    message = get_object_or_404(
        WinMessage.objects.select_related("win__action__owner"), win__plan=access.plan, uuid=uuid
    )
    if not win_may_change(access=access, win=message.win):
        raise PermissionDenied(REFUSED)
    return message


@login_required
@require_POST
def message_status(request: HttpRequest, code: str, uuid: str) -> HttpResponse:
    message = _message_for(request, code, uuid)
    form = StatusForm(request.POST)
    if form.is_valid():
        services.message_status_set(message=message, status=form.cleaned_data["status"])
        messages.success(request, "The message's status is saved.")
    else:
        messages.error(request, "Choose planned or done.")
    return redirect(reverse("wins:win", args=[code, message.win.uuid]) + "#messages")


@login_required
@require_POST
def message_delete(request: HttpRequest, code: str, uuid: str) -> HttpResponse:
    message = _message_for(request, code, uuid)
    services.message_delete(message=message)
    messages.success(request, "The messenger and channel are removed.")
    return redirect(reverse("wins:win", args=[code, message.win.uuid]) + "#messages")


# -- suggestions ----------------------------------------------------------------------------


@login_required
def suggestions(request: HttpRequest, code: str) -> HttpResponse:
    access = plan_for_user(request, code)
    context = {
        "access": access, "suggestions": suggestions_list(plan=access.plan),
        "dismissed": dismissed_list(plan=access.plan), "rule": SUGGESTION_RULE,
    }  # fmt: skip
    return render(request, "wins/suggestions.html", context)


@login_required
@GET_POST
def suggestion_accept(request: HttpRequest, code: str) -> HttpResponse:
    """Accept a suggestion as it is, or change it first: the form comes filled in."""
    access = plan_for_user(request, code, need="contribute")
    key_form = KeyForm(request.POST if request.method == "POST" else request.GET)
    found = (
        suggestion_find(plan=access.plan, key=key_form.cleaned_data["key"])
        if key_form.is_valid()
        else None
    )
    if found is None:
        raise Http404("This suggestion is no longer waiting (accepted, set aside, or gone).")
    if request.method == "POST":
        form = WinForm(request.POST, request.FILES, plan=access.plan)
    else:
        action = access.plan.actions.filter(uuid=found.action_uuid).first()
        form = WinForm(
            initial={
                "title": found.title, "what_happened": found.what_happened,
                "happened_on": found.happened_on, "kind": found.kind, "action": action,
                "public": True,
            },
            plan=access.plan,
        )  # fmt: skip
    if request.method == "POST" and form.is_valid():
        try:
            win = services.win_create(
                plan=access.plan, user=signed_in_user(request), data=form.values(),
                upload=form.cleaned_data.get("evidence_file"), source_key=found.key,
            )  # fmt: skip
        except ValidationError as exc:
            _apply_problems(form, exc)
        else:
            messages.success(request, "The suggestion is now a win.")
            return redirect("wins:win", code, win.uuid)
    context = {"access": access, "form": form, "win": None, "suggestion": found}
    return render(request, "wins/win_form.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def suggestion_dismiss(request: HttpRequest, code: str) -> HttpResponse:
    access = plan_for_user(request, code, need="edit")
    form = KeyForm(request.POST)
    found = (
        suggestion_find(plan=access.plan, key=form.cleaned_data["key"]) if form.is_valid() else None
    )
    if found is None:
        raise Http404("This suggestion is no longer waiting.")
    services.suggestion_dismiss(
        plan=access.plan, user=signed_in_user(request), key=found.key, title=found.title
    )
    messages.success(request, f"“{found.title}” is set aside and will not be proposed again.")
    return redirect("wins:suggestions", code)


# -- reflections, publishing, brief ---------------------------------------------------------


@login_required
@require_POST
def reflection_save(request: HttpRequest, code: str) -> HttpResponse:
    access = plan_for_user(request, code, need="contribute")
    form = ReflectionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "The answer could not be saved: keep it under 4,000 characters.")
    else:
        try:
            services.reflection_save(
                plan=access.plan, user=signed_in_user(request), **form.cleaned_data
            )
        except services.StaleRecord as exc:
            messages.error(request, str(exc))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, "The answer is saved.")
    return redirect(reverse("wins:overview", args=[code]) + "#reflections")


@login_required
@require_POST
def public_set(request: HttpRequest, code: str) -> HttpResponse:
    access = plan_for_user(request, code, need="manage")
    form = PublicForm(request.POST)
    public = form.is_valid() and form.cleaned_data["public"]
    services.wins_public_set(plan=access.plan, public=public)
    if public and not access.plan.published:
        messages.success(
            request, "The wins will show once the plan itself is published (release page)."
        )
    elif public:
        messages.success(request, "The plan's wins show on its public page and news feed.")
    else:
        messages.success(request, "The plan's wins no longer show publicly.")
    return redirect("wins:overview", code)


@login_required
def brief(request: HttpRequest, code: str) -> HttpResponse:
    access = plan_for_user(request, code)
    document = wins_document(plan=access.plan)
    context = {
        "access": access, "document": document,
        "sections": document_view(document=document, charts="browser"),
    }  # fmt: skip
    return render(request, "wins/brief.html", context)


@login_required
def brief_download(request: HttpRequest, code: str, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404("No such format.")
    access = plan_for_user(request, code)
    data = document_render(document=wins_document(plan=access.plan), fmt=fmt)
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{access.plan.code}-wins.{fmt}"'
    return response
