"""Pages of step 10's follow-through: the implementation board, an action's record, progress
updates and their review, milestones, ownership, the roll-up and the bulk CSV upload."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from plans.access import PlanAccess, plan_for_user
from results.imports import Outcome, values_csv_import
from strategy.models import StrategicAction
from tracking import services
from tracking.charts import rollup_spec
from tracking.forms import (
    CompleteForm,
    ImportForm,
    MilestoneForm,
    OwnershipForm,
    PartnerKeyForm,
    ReturnForm,
    SettingsForm,
    UpdateForm,
)
from tracking.imports import (
    ImportOutcome,
    count_words,
    is_values_file,
    updates_csv_import,
    updates_csv_template,
)
from tracking.keys import partner_key_create, partner_key_revoke, partner_keys_for
from tracking.models import Evidence, Milestone, PartnerKey, ProgressUpdate, ReviewState
from tracking.selectors import (
    ROLLUP_RULE,
    action_follow_through,
    board_for,
    may_post_update,
    rollup_for,
    updates_returned_to,
    updates_visible,
    updates_waiting,
)

GET_POST = require_http_methods(["GET", "POST"])


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)


def _action(
    request: HttpRequest, code: str, uuid: str, *, post: bool = False
) -> tuple[PlanAccess, StrategicAction]:
    """The action; with `post`, only for editors and the action's owner or backup."""
    access = plan_for_user(request, code, need="contribute" if post else "view")
    action = get_object_or_404(
        StrategicAction.objects.select_related(
            "plan", "priority", "lead_organisation", "owner__user", "backup__user",
            "owner_organisation",
        ),
        plan=access.plan,
        uuid=uuid,
    )  # fmt: skip
    if post and not may_post_update(access=access, action=action):
        raise PermissionDenied("Only editors and the action's owner or backup may do this.")
    return access, action


def _action_url(code: str, action: StrategicAction, anchor: str = "") -> str:
    return reverse("tracking:action", args=[code, action.uuid]) + anchor


@login_required
def board(request: HttpRequest, code: str) -> HttpResponse:
    access = plan_for_user(request, code)
    data = board_for(access=access)
    settings_form = SettingsForm(initial={"review_contributor_updates": data.review_on})
    context = {"access": access, "board": data, "settings_form": settings_form}
    return render(request, "tracking/board.html", context)


@login_required
@require_POST
def settings(request: HttpRequest, code: str) -> HttpResponse:
    access = plan_for_user(request, code, need="manage")
    form = SettingsForm(request.POST)
    form.is_valid()
    review = bool(form.cleaned_data.get("review_contributor_updates"))
    services.tracking_settings_set(plan=access.plan, review_contributor_updates=review)
    messages.success(
        request,
        "Contributors' updates now wait for review."
        if review
        else "Contributors' updates now show at once.",
    )
    return redirect("tracking:board", code)


@login_required
def rollup(request: HttpRequest, code: str) -> HttpResponse:
    access = plan_for_user(request, code)
    data = rollup_for(plan=access.plan)
    place = access.plan.title
    charts = [
        (key, label, groups, rollup_spec(groups=groups, by=label.lower(), place=place))
        for key, label, groups in (
            ("priority", "Priority", data.by_priority),
            ("pillar", "Pillar", data.by_pillar),
            ("lead", "Lead organization", data.by_lead),
        )
    ]
    context = {"access": access, "rollup": data, "charts": charts, "rule": ROLLUP_RULE}
    return render(request, "tracking/rollup.html", context)


@login_required
def action_page(request: HttpRequest, code: str, uuid: str) -> HttpResponse:
    access, action = _action(request, code, uuid)
    detail = action_follow_through(access=access, action=action)
    context = {
        "access": access,
        "detail": detail,
        "return_form": ReturnForm(),
        "complete_form": CompleteForm(),
    }
    return render(request, "tracking/action.html", context)


def _returned_for(request: HttpRequest, action: StrategicAction) -> ProgressUpdate | None:
    """The returned update the author is editing (?replaces=<id>), if any."""
    uuid = request.GET.get("replaces") or request.POST.get("replaces")
    if not uuid:
        return None
    try:
        update = ProgressUpdate.objects.get(action=action, uuid=uuid)
    except (ProgressUpdate.DoesNotExist, ValidationError):
        raise Http404("No such returned update.") from None
    if update.review_state != ReviewState.RETURNED or update.author_id != request.user.pk:
        raise PermissionDenied("Only the author edits an update returned to them.")
    return update


@login_required
@GET_POST
def update_new(request: HttpRequest, code: str, uuid: str) -> HttpResponse:
    access, action = _action(request, code, uuid, post=True)
    returned = _returned_for(request, action)
    initial = {"status": action.status}
    if returned is not None:
        initial = {f: getattr(returned, f) for f in ("written_on", "status", "percent_complete",
                   "narrative", "blockers", "next_steps")}  # fmt: skip
        initial["links"] = "\n".join(returned.links or [])
    form = UpdateForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            update = services.progress_update_post(
                action=action, author=_user(request), files=data.pop("evidence"),
                replaces=returned, **data,
            )  # fmt: skip
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                "Your update is saved and shown."
                if update.is_shown()
                else "Your update is saved; it shows once an editor approves it.",
            )
            return redirect(_action_url(code, action, "#updates"))
    context = {"access": access, "action": action, "form": form, "returned": returned}
    status = 400 if form.errors else 200
    return render(request, "tracking/update_form.html", context, status=status)


@login_required
@require_POST
def update_review(request: HttpRequest, code: str, uuid: str) -> HttpResponse:
    access = plan_for_user(request, code, need="edit")
    update = get_object_or_404(
        ProgressUpdate.objects.select_related("action"), action__plan=access.plan, uuid=uuid
    )
    try:
        if request.POST.get("decision") == "approve":
            services.progress_update_approve(update=update, reviewer=_user(request))
            messages.success(request, "The update is approved and shown.")
        else:
            form = ReturnForm(request.POST)
            if not form.is_valid():
                messages.error(request, "Say what should change before returning the update.")
                return redirect(_action_url(code, update.action, f"#update-{update.uuid}"))
            services.progress_update_return(
                update=update, reviewer=_user(request), comment=form.cleaned_data["comment"]
            )
            messages.success(request, "The update is returned to its author with your comment.")
    except services.StaleEdit as exc:
        messages.error(request, exc.message)
    return redirect(_action_url(code, update.action, f"#update-{update.uuid}"))


@login_required
def waiting(request: HttpRequest, code: str) -> HttpResponse:
    access = plan_for_user(request, code, need="contribute")
    context = {
        "access": access,
        "updates": updates_waiting(access=access),
        "returned": updates_returned_to(access=access),
    }
    return render(request, "tracking/waiting.html", context)


@login_required
def evidence_download(request: HttpRequest, code: str, uuid: str) -> FileResponse:
    access = plan_for_user(request, code)
    evidence = get_object_or_404(
        Evidence.objects.filter(updates_visible(access=access, prefix="update__")),
        update__action__plan=access.plan,
        uuid=uuid,
    )
    try:
        handle = evidence.file.open("rb")
    except FileNotFoundError:
        raise Http404("The file is missing from storage.") from None
    response = FileResponse(handle, as_attachment=True, filename=evidence.name)
    response["Content-Type"] = evidence.content_type
    response["X-Content-Type-Options"] = "nosniff"
    return response


# -- Milestones ----------------------------------------------------------------------------


def _milestone_fields(data: dict[str, object]) -> services.MilestoneFields:
    return services.MilestoneFields(
        title=str(data["title"]),
        due_on=data["due_on"],  # type: ignore[arg-type]
        completed_on=data.get("completed_on"),  # type: ignore[arg-type]
    )


@login_required
@GET_POST
def milestone_new(request: HttpRequest, code: str, uuid: str) -> HttpResponse:
    access, action = _action(request, code, uuid, post=True)
    form = MilestoneForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.milestone_add(action=action, fields=_milestone_fields(form.cleaned_data))
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "The milestone is added.")
            return redirect(_action_url(code, action, "#milestones"))
    context = {"access": access, "action": action, "form": form, "milestone": None}
    return render(
        request, "tracking/milestone_form.html", context, status=400 if form.errors else 200
    )


@login_required
@GET_POST
def milestone_edit(request: HttpRequest, code: str, uuid: str, milestone: str) -> HttpResponse:
    access, action = _action(request, code, uuid, post=True)
    item = get_object_or_404(Milestone, action=action, uuid=milestone)
    initial = {f: getattr(item, f) for f in ("title", "due_on", "completed_on", "version")}
    form = MilestoneForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        version = form.cleaned_data.get("version") or 0
        try:
            if request.POST.get("delete"):
                services.milestone_delete(milestone=item, version=version)
                messages.success(request, "The milestone is removed.")
            else:
                fields = _milestone_fields(form.cleaned_data)
                services.milestone_update(milestone=item, fields=fields, version=version)
                messages.success(request, "The milestone is saved.")
        except services.StaleEdit as exc:
            form.add_error(None, exc.message)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return redirect(_action_url(code, action, "#milestones"))
    context = {"access": access, "action": action, "form": form, "milestone": item}
    status = 409 if form.errors and "changed since" in str(form.non_field_errors()) else 200
    status = 400 if form.errors and status == 200 else status
    return render(request, "tracking/milestone_form.html", context, status=status)


@login_required
@require_POST
def milestone_complete(request: HttpRequest, code: str, uuid: str, milestone: str) -> HttpResponse:
    _, action = _action(request, code, uuid, post=True)
    item = get_object_or_404(Milestone, action=action, uuid=milestone)
    form = CompleteForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Give the date the milestone was completed.")
    else:
        try:
            services.milestone_complete(milestone=item, **form.cleaned_data)
            messages.success(request, f"“{item.title}” is marked completed.")
        except services.StaleEdit as exc:
            messages.error(request, exc.message)
    return redirect(_action_url(code, action, "#milestones"))


# -- Ownership -----------------------------------------------------------------------------


@login_required
@GET_POST
def ownership(request: HttpRequest, code: str, uuid: str) -> HttpResponse:
    access = plan_for_user(request, code, need="edit")
    _, action = _action(request, code, uuid)
    detail = action_follow_through(access=access, action=action)
    initial = {
        "owner": action.owner, "owner_organisation": action.owner_organisation,
        "owner_contact": action.owner_contact, "backup": action.backup, "weight": detail.weight,
    }  # fmt: skip
    form = OwnershipForm(request.POST or None, initial=initial, plan=access.plan)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        weight = data.pop("weight")
        try:
            services.action_ownership_set(action=action, **data)
            services.action_weight_set(action=action, weight=weight)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Who carries the action is saved.")
            return redirect(_action_url(code, action))
    context = {"access": access, "action": action, "form": form}
    return render(request, "tracking/ownership.html", context, status=400 if form.errors else 200)


# -- Bulk CSV ------------------------------------------------------------------------------


@login_required
@GET_POST
def bulk_import(request: HttpRequest, code: str) -> HttpResponse:
    access = plan_for_user(request, code, need="contribute")
    form = ImportForm(request.POST or None, request.FILES or None)
    outcome: ImportOutcome | Outcome | None = None
    kind = "progress updates"
    if request.method == "POST" and form.is_valid():
        upload, dry_run = form.cleaned_data["file"], form.cleaned_data["dry_run"]
        content = upload.read()
        if is_values_file(content):  # measure values go to the results app's importer
            kind = "measure values"
            outcome = values_csv_import(
                plan=access.plan, user=_user(request), content=content,
                filename=upload.name or "values.csv", dry_run=dry_run,
            )  # fmt: skip
        else:
            outcome = updates_csv_import(
                plan=access.plan, user=_user(request), content=content, dry_run=dry_run
            )
        if outcome.ok and not outcome.dry_run:
            messages.success(request, f"{count_words(outcome.loaded, kind)} loaded.")
            return redirect("tracking:board", code)
    context = {"access": access, "form": form, "outcome": outcome, "kind": kind}
    bad = form.errors or (outcome is not None and not outcome.ok)
    return render(request, "tracking/import.html", context, status=400 if bad else 200)


@login_required
def import_template(request: HttpRequest, code: str) -> HttpResponse:
    access = plan_for_user(request, code)
    response = HttpResponse(
        updates_csv_template(plan=access.plan), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{code}-progress-updates.csv"'
    return response


@login_required
@GET_POST
def partner_keys(request: HttpRequest, code: str) -> HttpResponse:
    """Reporting keys of partner organisations (the plan's owners make and revoke them)."""
    access = plan_for_user(request, code, need="manage")
    form = PartnerKeyForm(request.POST or None, plan=access.plan)
    created = None
    if request.method == "POST" and form.is_valid():
        try:
            key, raw = partner_key_create(
                plan=access.plan,
                organisation=form.cleaned_data["organisation"],
                name=form.cleaned_data["name"],
                created_by=_user(request),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            created = {"organisation": key.organisation.name, "name": key.name, "raw": raw}
            form = PartnerKeyForm(plan=access.plan)
    context = {
        "access": access,
        "keys": partner_keys_for(plan=access.plan),
        "form": form,
        "created": created,
    }
    response = render(request, "tracking/keys.html", context, status=400 if form.errors else 200)
    response["Cache-Control"] = "no-store"  # the new key is on this page once
    return response


@login_required
@require_POST
def partner_key_revoke_view(request: HttpRequest, code: str, uuid: str) -> HttpResponse:
    access = plan_for_user(request, code, need="manage")
    key = get_object_or_404(
        PartnerKey.objects.select_related("organisation"), plan=access.plan, uuid=uuid
    )
    partner_key_revoke(key=key, by=_user(request))
    messages.success(request, f"The key “{key.name}” of {key.organisation.name} no longer works.")
    return redirect("tracking:keys", code)
