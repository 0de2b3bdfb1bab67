"""Foundation pages: the home with counts and reflections, the mission and charter with
their history, the RACI matrix, the learning agenda and the gap finder."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from foundation import services
from foundation.forms import CharterForm, DaysForm, LearningForm, ReflectionsForm, RestoreForm
from foundation.models import CHARTER_FIELDS, CharterRevision, LearningQuestion
from foundation.raci import raci_changes_from_post
from foundation.selectors import (
    charter_current,
    charter_diff,
    charter_history,
    charter_view,
    foundation_home,
    gaps_find,
    learning_agenda,
    question_row,
    raci_csv,
    raci_matrix,
    reflections_for,
)
from plans.access import PlanAccess, plan_for_user, signed_in_user

GET_POST = require_http_methods(["GET", "POST"])


def _form_errors(form: object, error: ValidationError) -> None:
    fields = getattr(form, "fields", {})
    for name, problems in error.message_dict.items():
        form.add_error(name if name in fields else None, problems)  # type: ignore[attr-defined]


def _reflections_form(access: PlanAccess, data: object = None) -> ReflectionsForm:
    initial: dict[str, object] = {}
    for row in reflections_for(plan=access.plan):
        initial[f"answer_{row.key}"] = row.answer
        initial[f"version_{row.key}"] = row.version
    return ReflectionsForm(data, initial=initial)  # type: ignore[arg-type]


@login_required
def home(request: HttpRequest, code: str) -> HttpResponse:
    access = plan_for_user(request, code)
    context = {"access": access, "data": foundation_home(plan=access.plan),
               "form": _reflections_form(access) if access.can_edit else None}  # fmt: skip
    return render(request, "foundation/home.html", context)


@login_required
@require_POST
def reflections(request: HttpRequest, code: str) -> HttpResponse:
    access = plan_for_user(request, code, need="edit")
    form = _reflections_form(access, request.POST)
    status = 400
    if form.is_valid():
        try:
            saved = services.reflections_save(
                plan=access.plan, user=signed_in_user(request), data=form.cleaned_data
            )
        except services.StaleRecord as exc:
            form.add_error(None, str(exc))
            status = 409
        else:
            messages.success(request, f"{saved} answers saved." if saved != 1 else "Answer saved.")
            return redirect("foundation:home", code)
    context = {"access": access, "data": foundation_home(plan=access.plan), "form": form}
    return render(request, "foundation/home.html", context, status=status)


# -- charter ---------------------------------------------------------------------------------


@login_required
def charter(request: HttpRequest, code: str) -> HttpResponse:
    access = plan_for_user(request, code)
    return render(
        request, "foundation/charter.html",
        {"access": access, "charter": charter_current(plan=access.plan)},
    )  # fmt: skip


@login_required
@GET_POST
def charter_edit(request: HttpRequest, code: str) -> HttpResponse:
    access = plan_for_user(request, code, need="edit")
    current = charter_current(plan=access.plan)
    if request.method == "GET":
        initial = {p.name: p.text for p in current.parts} | {"version": current.version}
        form = CharterForm(initial=initial)
        return render(request, "foundation/charter_form.html", {"access": access, "form": form})
    form = CharterForm(request.POST)
    status = 400
    if form.is_valid():
        data = form.cleaned_data
        try:
            revision = services.charter_revise(
                plan=access.plan, user=signed_in_user(request), version=data["version"],
                texts={name: data[name] for name in CHARTER_FIELDS}, note=data["note"],
            )  # fmt: skip
        except services.StaleRecord as exc:
            form.add_error(None, str(exc))
            status = 409
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, f"Revision {revision.number} of the charter is saved.")
            return redirect("foundation:charter", code)
    context = {"access": access, "form": form}
    return render(request, "foundation/charter_form.html", context, status=status)


def _revision(access: PlanAccess, uuid: str) -> CharterRevision:
    return get_object_or_404(
        CharterRevision.objects.select_related("author"), plan=access.plan, uuid=uuid
    )


@login_required
def charter_history_page(request: HttpRequest, code: str) -> HttpResponse:
    access = plan_for_user(request, code)
    rows = charter_history(plan=access.plan)
    found = {r.number: r for r in CharterRevision.objects.filter(plan=access.plan)}
    newer = _number(request.GET.get("to"), default=rows[0].number if rows else 0)
    older = _number(request.GET.get("from"), default=newer - 1)
    diff, problem = None, ""
    if older in found and newer in found:
        diff = charter_diff(old=found[older], new=found[newer])
    elif "from" in request.GET or "to" in request.GET:
        problem = "Choose two revisions that exist to compare them."
    context = {"access": access, "rows": rows, "diff": diff, "older": older, "newer": newer,
               "problem": problem}  # fmt: skip
    return render(request, "foundation/history.html", context, status=400 if problem else 200)


def _number(text: str | None, *, default: int) -> int:
    try:
        return int(text or "")
    except ValueError:
        return -1 if text else default


@login_required
def revision_page(request: HttpRequest, code: str, uuid: str) -> HttpResponse:
    access = plan_for_user(request, code)
    revision = _revision(access, uuid)
    version = services.charter_version(plan=access.plan)
    form = RestoreForm(initial={"version": version})
    context = {"access": access, "revision": charter_view(revision=revision), "form": form,
               "current": revision.number == version}  # fmt: skip
    return render(request, "foundation/revision.html", context)


@login_required
@require_POST
def revision_restore(request: HttpRequest, code: str, uuid: str) -> HttpResponse:
    access = plan_for_user(request, code, need="edit")
    revision = _revision(access, uuid)
    form = RestoreForm(request.POST)
    status = 400
    if form.is_valid():
        try:
            made = services.charter_restore(
                plan=access.plan, user=signed_in_user(request), revision=revision,
                version=form.cleaned_data["version"], note=form.cleaned_data["note"],
            )  # fmt: skip
        except services.StaleRecord as exc:
            form.add_error(None, str(exc))
            status = 409
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(
                request, f"Revision {revision.number}'s text is back as revision {made.number}."
            )
            return redirect("foundation:charter", code)
    context = {"access": access, "revision": charter_view(revision=revision), "form": form,
               "current": False}  # fmt: skip
    return render(request, "foundation/revision.html", context, status=status)


# -- RACI ------------------------------------------------------------------------------------


@login_required
@GET_POST
def raci(request: HttpRequest, code: str) -> HttpResponse:
    access = plan_for_user(request, code, need="edit" if request.method == "POST" else "view")
    status, problem = 200, ""
    if request.method == "POST":
        try:
            changes = raci_changes_from_post(plan=access.plan, data=request.POST)
            changed = services.raci_cells_set(plan=access.plan, changes=changes)
        except services.StaleRecord as exc:
            status, problem = 409, str(exc)
        except ValidationError as exc:
            status, problem = 400, " ".join(exc.messages)
        else:
            messages.success(request, f"Roles saved ({changed} changed).")
            return redirect("foundation:raci", code)
    context = {"access": access, "matrix": raci_matrix(plan=access.plan), "problem": problem}
    return render(request, "foundation/raci.html", context, status=status)


@login_required
def raci_download(request: HttpRequest, code: str) -> HttpResponse:
    access = plan_for_user(request, code)
    response = HttpResponse(raci_csv(plan=access.plan), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{access.plan.code}-raci.csv"'
    return response


# -- learning agenda -------------------------------------------------------------------------


@login_required
def learning(request: HttpRequest, code: str) -> HttpResponse:
    access = plan_for_user(request, code)
    rows = learning_agenda(plan=access.plan)
    user_id = access.membership.user_id
    context = {"access": access, "rows": rows, "user_id": user_id}
    return render(request, "foundation/learning.html", context)


@login_required
@GET_POST
def learning_new(request: HttpRequest, code: str) -> HttpResponse:
    access = plan_for_user(request, code, need="contribute")
    form = LearningForm(request.POST or None, plan=access.plan)
    if request.method == "POST" and form.is_valid():
        try:
            services.learning_question_create(
                plan=access.plan, user=signed_in_user(request), data=form.values()
            )
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, "The question is on the learning agenda.")
            return redirect("foundation:learning", code)
    context = {"access": access, "form": form, "question": None}
    return render(
        request, "foundation/learning_form.html", context, status=400 if form.errors else 200
    )


def _question_for(
    request: HttpRequest, code: str, uuid: str
) -> tuple[PlanAccess, LearningQuestion]:
    access = plan_for_user(request, code, need="contribute")
    question = get_object_or_404(
        LearningQuestion.objects.select_related("action", "measure", "created_by"),
        plan=access.plan, uuid=uuid,
    )  # fmt: skip
    if not access.may_change(assigned_to=question.created_by):
        raise PermissionDenied("Only an editor or the person who asked may change this question.")
    return access, question


@login_required
@GET_POST
def learning_edit(request: HttpRequest, code: str, uuid: str) -> HttpResponse:
    access, question = _question_for(request, code, uuid)
    if request.method == "GET":
        row = question_row(question, code)
        initial = {
            "question": question.question, "why": question.why, "helpers": question.helpers,
            "status": question.status, "learned": question.learned,
            "learned_from": question.learned_from, "learned_on": question.learned_on,
            "what_changed": question.what_changed,
            "action": question.action.uuid if question.action else None,
            "measure": question.measure.uuid if question.measure else None,
            "version": row.version,
        }  # fmt: skip
        form = LearningForm(initial=initial, plan=access.plan)
    else:
        form = LearningForm(request.POST, plan=access.plan)
    status = 400
    if request.method == "POST" and form.is_valid():
        try:
            services.learning_question_update(
                question=question, version=form.cleaned_data["version"] or 0, data=form.values()
            )
        except services.StaleRecord as exc:
            form.add_error(None, str(exc))
            status = 409
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, "The question is saved.")
            return redirect("foundation:learning", code)
    context = {"access": access, "form": form, "question": question}
    return render(
        request, "foundation/learning_form.html", context, status=status if form.errors else 200
    )


# -- gaps ------------------------------------------------------------------------------------


@login_required
def gaps(request: HttpRequest, code: str) -> HttpResponse:
    access = plan_for_user(request, code)
    form = DaysForm(request.GET if "days" in request.GET else None)
    data = gaps_find(plan=access.plan, days=form.value())
    sections = [
        ("Actions", data.actions, "Every action has an owner, a backup and a recent update."),
        ("Measures", data.measures, "Every measure has data and a collector."),
        ("Working groups", data.groups, "Every working group has a chair."),
        ("Organizations", data.organisations, "Every organization has something to do."),
    ]
    context = {"access": access, "form": form, "data": data, "sections": sections}
    return render(request, "foundation/gaps.html", context, status=400 if form.errors else 200)
