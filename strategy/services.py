"""Writes of step 7 (vision, priorities, actions, logic models, matrix, review) and
step 8 (measures, targets, schedule, evaluation, sustainability)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction

from metrics.models import Pillar, Predictor
from plans.models import Membership, Organisation, Plan
from strategy.models import (
    Approval,
    Criterion,
    Decision,
    EvaluationQuestion,
    LogicElement,
    Measure,
    MeasureTarget,
    Priority,
    ReportingItem,
    ReviewComment,
    Score,
    StrategicAction,
    SustainabilityArea,
    SustainabilityItem,
    TargetKind,
    VisionVersion,
)


def vision_write(
    *, plan: Plan, text: str, written_on: datetime.date, user: User | None
) -> VisionVersion:
    """A new version of the vision; earlier versions stay as its history."""
    return VisionVersion.objects.create(
        plan=plan, text=text.strip(), written_on=written_on, written_by=user
    )


@transaction.atomic
def priority_save(
    *, plan: Plan, priority: Priority | None = None, pillars: Iterable[Pillar], **fields: Any
) -> Priority:
    """Create a priority (priority=None) or change one; fields are the model's text fields."""
    if priority is None:
        order = Priority.objects.filter(plan=plan).count() + 1
        priority = Priority(plan=plan, order=order)
    for name, value in fields.items():
        setattr(priority, name, value)
    priority.save()
    priority.pillars.set(list(pillars))
    return priority


def _check_members(plan: Plan, *memberships: Membership | None) -> None:
    for membership in memberships:
        if membership is not None and membership.plan_id != plan.pk:
            raise ValidationError("Owners and backups must be members of this plan.")


_ACTION_EDITABLE = [
    f.name
    for f in StrategicAction._meta.concrete_fields
    if f.name not in ("id", "uuid", "plan", "status", "created_at")
]


@transaction.atomic
def action_save(
    *,
    plan: Plan,
    action: StrategicAction | None = None,
    partners: Iterable[Organisation] | None = None,
    predictors: Iterable[Predictor] | None = None,
    **fields: Any,
) -> StrategicAction:
    """Create or change a strategic action. Fields left out keep their value (so a
    contributor's form, without owner and backup, cannot move them)."""
    action = action or StrategicAction(plan=plan)
    for name, value in fields.items():
        setattr(action, name, value)
    if action.priority.plan_id != plan.pk:
        raise ValidationError("The priority belongs to another plan.")
    _check_members(plan, action.owner, action.backup)
    if action.starts_on and action.ends_on and action.ends_on < action.starts_on:
        raise ValidationError("The action cannot end before it starts.")
    if action.pk is None:
        action.save()
    else:
        # The status moves only through progress updates (tracking): an edit of the action
        # made while an update is posted must not put back the status it was loaded with.
        action.save(update_fields=_ACTION_EDITABLE)
    if partners is not None:
        action.partners.set(list(partners))
    if predictors is not None:
        action.predictors.set(list(predictors))
    return action


def element_add(*, action: StrategicAction, kind: str, text: str) -> LogicElement:
    order = action.elements.filter(kind=kind).count() + 1
    return LogicElement.objects.create(action=action, kind=kind, text=text.strip(), order=order)


def element_update(*, element: LogicElement, text: str, order: int) -> LogicElement:
    element.text, element.order = text.strip(), order
    element.save(update_fields=["text", "order"])
    return element


def element_delete(*, element: LogicElement) -> None:
    element.delete()


def criterion_add(*, plan: Plan, name: str, weight: Decimal) -> Criterion:
    if Criterion.objects.filter(plan=plan, name__iexact=name.strip()).exists():
        raise ValidationError(f"There is already a criterion named “{name.strip()}”.")
    order = Criterion.objects.filter(plan=plan).count() + 1
    return Criterion.objects.create(plan=plan, name=name.strip(), weight=weight, order=order)


def criterion_delete(*, criterion: Criterion) -> None:
    criterion.delete()


@transaction.atomic
def matrix_scores_set(*, scores: dict[StrategicAction, dict[Criterion, int | None]]) -> None:
    """Each action's score (1-5) on each criterion; None clears it. All or nothing."""
    for action, by_criterion in scores.items():
        for criterion, value in by_criterion.items():
            if criterion.plan_id != action.plan_id:
                raise ValidationError("That criterion belongs to another plan.")
            if value is None:
                Score.objects.filter(action=action, criterion=criterion).delete()
            elif not 1 <= value <= 5:
                raise ValidationError("Scores go from 1 to 5.")
            else:
                Score.objects.update_or_create(
                    action=action, criterion=criterion, defaults={"score": value}
                )


def comment_add(*, action: StrategicAction, author: User, text: str) -> ReviewComment:
    return ReviewComment.objects.create(action=action, author=author, text=text.strip())


def comment_resolve(*, comment: ReviewComment, resolved: bool = True) -> ReviewComment:
    comment.resolved = resolved
    comment.save(update_fields=["resolved"])
    return comment


def approval_record(
    *, action: StrategicAction, reviewer: User, decision: str, note: str = ""
) -> Approval:
    if decision not in Decision.values:
        raise ValidationError("Choose approve or request changes.")
    return Approval.objects.create(
        action=action, reviewer=reviewer, decision=decision, note=note.strip()
    )


# -- Step 8 --------------------------------------------------------------------------------


@transaction.atomic
def measure_save(
    *, plan: Plan, measure: Measure | None = None, element: LogicElement, **fields: Any
) -> Measure:
    """Create or change a measure. Baseline fields come from a picked Mobility Metric or
    from hand entry (the form decides which); fields left out keep their value."""
    if element.action.plan_id != plan.pk:
        raise ValidationError("That logic-model element belongs to another plan.")
    measure = measure or Measure(plan=plan)
    measure.element = element
    for name, value in fields.items():
        setattr(measure, name, value)
    for membership in (measure.owner, measure.collector, measure.reporter):
        if membership is not None and membership.plan_id != plan.pk:
            raise ValidationError("Owners, collectors and reporters must be members of this plan.")
    indicator = measure.baseline_indicator
    if indicator is not None and indicator.plan_id != plan.pk:
        raise ValidationError("That local indicator belongs to another plan.")
    measure.save()
    return measure


def target_add(
    *,
    measure: Measure,
    kind: str,
    target_date: datetime.date,
    value: float,
    group_a: str = "",
    group_b: str = "",
) -> MeasureTarget:
    if kind == TargetKind.GAP:
        if not group_a.strip() or not group_b.strip():
            raise ValidationError("A gap target names both groups.")
        if group_a.strip().lower() == group_b.strip().lower():
            raise ValidationError("A gap is between two different groups.")
    else:
        group_a = group_b = ""
    return MeasureTarget.objects.create(
        measure=measure,
        kind=kind,
        target_date=target_date,
        value=value,
        group_a=group_a.strip(),
        group_b=group_b.strip(),
    )


def target_delete(*, target: MeasureTarget) -> None:
    target.delete()


def reporting_item_add(
    *, plan: Plan, what: str, audience: str, frequency: str, responsible: Membership | None
) -> ReportingItem:
    if responsible is not None and responsible.plan_id != plan.pk:
        raise ValidationError("The person responsible must be a member of this plan.")
    return ReportingItem.objects.create(
        plan=plan,
        what=what.strip(),
        audience=audience.strip(),
        frequency=frequency,
        responsible=responsible,
    )


def evaluation_question_add(
    *, plan: Plan, question: str, method: str, who: str, timing: str
) -> EvaluationQuestion:
    return EvaluationQuestion.objects.create(
        plan=plan,
        question=question.strip(),
        method=method.strip(),
        who=who.strip(),
        timing=timing.strip(),
    )


@transaction.atomic
def sustainability_save(*, plan: Plan, areas: dict[str, tuple[str, list[Membership]]]) -> None:
    """The worksheet: for each area its text and the members who see to it."""
    for area, (text, owners) in areas.items():
        if area not in SustainabilityArea.values:
            raise ValidationError(f"Unknown area {area!r}.")
        if any(m.plan_id != plan.pk for m in owners):
            raise ValidationError("Owners must be members of this plan.")
        item, _ = SustainabilityItem.objects.get_or_create(plan=plan, area=area)
        item.text = text.strip()
        item.save(update_fields=["text"])
        item.owners.set(owners)


def action_delete(*, action: StrategicAction) -> None:
    """The action goes with its logic model, measures, scores and review."""
    action.delete()


def priority_delete(*, priority: Priority) -> None:
    if priority.actions.exists():
        raise ValidationError("Move or delete the priority's actions first.")
    priority.delete()
