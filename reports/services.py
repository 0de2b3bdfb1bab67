"""Writes for step 9: the texts written for the release, the checklist, publishing."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from plans.models import Plan
from reports.checklist import CHECKLIST
from reports.models import (
    ChecklistItem,
    PlanRelease,
    ProgressPublicSettings,
    ProgressReport,
)
from reports.periods import Period


def release_texts_save(
    *, plan: Plan, letter: str, letter_signed: str, get_involved: str
) -> PlanRelease:
    release, _ = PlanRelease.objects.get_or_create(plan=plan)
    release.letter, release.letter_signed = letter.strip(), letter_signed.strip()
    release.get_involved = get_involved.strip()
    release.save()
    return release


def checklist_item_set(
    *, plan: Plan, key: str, checked: bool, user: AbstractBaseUser, note: str = ""
) -> ChecklistItem | None:
    """Check an item (keeping who and when) or uncheck it."""
    if key not in CHECKLIST:
        raise ValidationError(f"There is no checklist item {key!r}.")
    if not checked:
        ChecklistItem.objects.filter(plan=plan, key=key).delete()
        return None
    item, _ = ChecklistItem.objects.update_or_create(
        plan=plan, key=key,
        defaults={"checked_by": user, "checked_at": timezone.now(), "note": note.strip()},
    )  # fmt: skip
    return item


@transaction.atomic
def plan_publish(*, plan: Plan, parts: list[str], available: list[str]) -> Plan:
    """Publish the chosen parts of the plan on its public page (at least one part)."""
    unknown = sorted(set(parts) - set(available))
    if unknown:
        raise ValidationError(f"These parts are not in the plan: {', '.join(unknown)}.")
    if not parts:
        raise ValidationError("Choose at least one part of the plan to publish.")
    plan.published = True
    plan.published_parts = [key for key in available if key in parts]
    plan.save(update_fields=["published", "published_parts", "updated_at"])
    release, _ = PlanRelease.objects.get_or_create(plan=plan)
    release.published_at = release.published_at or timezone.now()
    release.save(update_fields=["published_at", "updated_at"])
    return plan


def plan_unpublish(*, plan: Plan) -> Plan:
    plan.published = False
    plan.save(update_fields=["published", "updated_at"])
    return plan


# -- progress reports (step 10) ------------------------------------------------------------

STALE = (
    "These settings changed since you opened the page: nothing was saved. Look at them "
    "again and save your choice."
)


@transaction.atomic
def progress_report_issue(
    *, plan: Plan, period: Period, user: AbstractBaseUser | None, today: date | None = None
) -> ProgressReport:
    """Issue the progress report of a period: built from the data now, then frozen as JSON
    (its sections, tables, chart specs and date). Its PDF and Word files are made from that
    JSON when first asked for and then kept (progress_report_file), so issuing is quick and
    the files say exactly what was issued. Issuing the same period again makes a new
    numbered version; earlier ones never change."""
    from reports.frozen import document_json
    from reports.progress import progress_report_build

    Plan.objects.select_for_update().filter(pk=plan.pk).first()  # one issue at a time per plan
    built = progress_report_build(plan=plan, period=period, today=today)
    number = ProgressReport.objects.filter(plan=plan, period=period.key).count() + 1
    return ProgressReport.objects.create(
        plan=plan,
        period=period.key,
        number=number,
        issued_at=timezone.now(),
        issued_by=user,  # type: ignore[misc]
        content=document_json(document=built.document),
        statuses=built.statuses,
        value_keys=built.value_keys,
        pdf=b"",
        docx=b"",
    )


def progress_report_file(*, report: ProgressReport, fmt: str) -> bytes:
    """The PDF or Word file of an issued report: made from its frozen JSON the first time,
    then kept and served as it is ever after."""
    from reports.frozen import document_from
    from reports.renderers import document_render

    if fmt not in ("pdf", "docx"):
        raise ValueError(f"Issued reports are kept as pdf or docx, not {fmt!r}.")
    kept = bytes(getattr(report, fmt) or b"")
    if kept:
        return kept
    data = document_render(document=document_from(data=report.content), fmt=fmt)
    with transaction.atomic():
        fresh = ProgressReport.objects.select_for_update().get(pk=report.pk)
        kept = bytes(getattr(fresh, fmt) or b"")
        if kept:  # someone asked at the same moment: theirs is the file
            return kept
        setattr(fresh, fmt, data)
        fresh.save(update_fields=[fmt])
    setattr(report, fmt, data)
    return data


@transaction.atomic
def progress_public_save(
    *,
    plan: Plan,
    version: int,
    show_actions: bool,
    show_measures: bool,
    show_report: bool,
    show_names: bool,
) -> ProgressPublicSettings:
    """The owner's choice of what the public progress page shows. `version` is the one the
    form was loaded with: a stale one is refused and nothing is overwritten."""
    found, _ = ProgressPublicSettings.objects.select_for_update().get_or_create(plan=plan)
    if found.version != version:
        raise ValidationError(STALE, code="stale")
    found.show_actions, found.show_measures = show_actions, show_measures
    found.show_report, found.show_names = show_report, show_names
    found.version += 1
    found.save()
    return found
