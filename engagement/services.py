"""Writes for step 6: activities, themes, feedback (one by one or from CSV), findings and
report-backs. Each checks that what it links to belongs to the same plan."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction

from engagement.models import (
    Activity,
    Compensation,
    FeedbackItem,
    FeedbackSource,
    Finding,
    Mode,
    ReportBack,
    Theme,
)
from metrics.models import Metric, Pillar, Predictor
from plans.models import InsightStatus, Plan, PlanInsight

ACTIVITY_FIELDS = (
    "title", "method", "spectrum", "date", "mode", "place", "languages", "accessibility",
    "compensation", "participants", "makeup", "facilitator", "notes",
)  # fmt: skip
MAX_GROUPS = 40


def _activity_check(*, plan: Plan, fields: dict[str, Any]) -> None:
    errors: dict[str, str] = {}
    if fields.get("mode") in (Mode.IN_PERSON, Mode.BOTH) and not fields.get("place", "").strip():
        errors["place"] = "Say where it took place (an activity in person has a place)."
    compensation = fields.get("compensation") or []
    if set(compensation) - set(Compensation.values):
        errors["compensation"] = "Choose compensation from the list."
    elif Compensation.NONE in compensation and len(compensation) > 1:
        errors["compensation"] = "“None” cannot go with another kind of compensation."
    makeup = fields.get("makeup") or {}
    if len(makeup) > MAX_GROUPS or any(
        not isinstance(v, int) or isinstance(v, bool) or v < 0 for v in makeup.values()
    ):
        errors["makeup"] = f"Up to {MAX_GROUPS} groups, each with a count of 0 or more."
    facilitator = fields.get("facilitator")
    if facilitator is not None and facilitator.plan_id != plan.pk:
        errors["facilitator"] = "The facilitator must be a member of this plan."
    if errors:
        raise ValidationError(errors)


def activity_create(*, plan: Plan, **fields: Any) -> Activity:
    unknown = set(fields) - set(ACTIVITY_FIELDS)
    if unknown:
        raise TypeError(f"Unknown activity fields: {sorted(unknown)}")
    _activity_check(plan=plan, fields=fields)
    return Activity.objects.create(plan=plan, **fields)


def activity_update(*, activity: Activity, **fields: Any) -> Activity:
    unknown = set(fields) - set(ACTIVITY_FIELDS)
    if unknown:
        raise TypeError(f"Unknown activity fields: {sorted(unknown)}")
    current = {name: getattr(activity, name) for name in ACTIVITY_FIELDS}
    _activity_check(plan=activity.plan, fields={**current, **fields})
    for name, value in fields.items():
        setattr(activity, name, value)
    activity.save()
    return activity


def activity_delete(*, activity: Activity) -> None:
    activity.delete()


# -- themes ------------------------------------------------------------------------------


def _theme_name_free(*, plan: Plan, name: str, exclude: Theme | None = None) -> None:
    taken = Theme.objects.filter(plan=plan, name__iexact=name.strip())
    if exclude is not None:
        taken = taken.exclude(pk=exclude.pk)
    if taken.exists():
        raise ValidationError({"name": f"This plan already has a theme called “{name}”."})


def theme_create(*, plan: Plan, name: str, description: str = "") -> Theme:
    _theme_name_free(plan=plan, name=name)
    return Theme.objects.create(plan=plan, name=name.strip(), description=description)


def theme_update(*, theme: Theme, name: str, description: str) -> Theme:
    _theme_name_free(plan=theme.plan, name=name, exclude=theme)
    theme.name, theme.description = name.strip(), description
    theme.save()
    return theme


def theme_delete(*, theme: Theme) -> None:
    theme.delete()


# -- feedback ----------------------------------------------------------------------------


def _framework_check(*, pillar: Pillar | None, predictor: Predictor | None) -> None:
    if predictor is not None and pillar is not None and predictor.pillar_id != pillar.pk:
        raise ValidationError(
            {"predictor": f"“{predictor.name}” is not a predictor of “{pillar.name}”."}
        )


def _themes_check(*, plan: Plan, themes: Iterable[Theme]) -> list[Theme]:
    themes = list(themes)
    if any(t.plan_id != plan.pk for t in themes):
        raise ValidationError({"themes": "Choose themes of this plan."})
    return themes


@transaction.atomic
def feedback_create(
    *,
    activity: Activity,
    text: str,
    themes: Iterable[Theme] = (),
    pillar: Pillar | None = None,
    predictor: Predictor | None = None,
    user: User | None = None,
) -> FeedbackItem:
    chosen = _themes_check(plan=activity.plan, themes=themes)
    _framework_check(pillar=pillar, predictor=predictor)
    if predictor is not None and pillar is None:
        pillar = predictor.pillar
    item = FeedbackItem.objects.create(
        plan=activity.plan, source=FeedbackSource.ACTIVITY, activity=activity, text=text,
        pillar=pillar, predictor=predictor, created_by=user,
    )  # fmt: skip
    item.themes.set(chosen)
    return item


@transaction.atomic
def feedback_update(
    *,
    item: FeedbackItem,
    text: str,
    themes: Iterable[Theme],
    pillar: Pillar | None,
    predictor: Predictor | None,
) -> FeedbackItem:
    chosen = _themes_check(plan=item.plan, themes=themes)
    _framework_check(pillar=pillar, predictor=predictor)
    if predictor is not None and pillar is None:
        pillar = predictor.pillar
    item.text, item.pillar, item.predictor = text, pillar, predictor
    item.save()
    item.themes.set(chosen)
    return item


def feedback_delete(*, item: FeedbackItem) -> None:
    item.delete()


# -- findings ----------------------------------------------------------------------------


def _finding_check(
    *,
    plan: Plan,
    pillar: Pillar | None,
    predictor: Predictor | None,
    metric_slugs: list[str],
    insights: list[PlanInsight],
    themes: list[Theme],
    local_indicators: list[str],
) -> None:
    _framework_check(pillar=pillar, predictor=predictor)
    known = set(Metric.objects.filter(slug__in=metric_slugs).values_list("slug", flat=True))
    unknown = [slug for slug in metric_slugs if slug not in known]
    if unknown:
        raise ValidationError({"metrics": f"No Mobility Metric is called {', '.join(unknown)}."})
    if any(i.plan_id != plan.pk or i.status != InsightStatus.KEPT for i in insights):
        raise ValidationError({"insights": "Choose insights this plan kept."})
    _themes_check(plan=plan, themes=themes)
    from engagement.local import local_indicator_keys

    strange = set(local_indicators) - set(local_indicator_keys(plan=plan))
    if strange:
        raise ValidationError({"local_indicators": "Choose local indicators of this plan."})


@transaction.atomic
def finding_save(
    *,
    plan: Plan,
    finding: Finding | None = None,
    statement: str,
    pillar: Pillar | None = None,
    predictor: Predictor | None = None,
    mobility_part: str = "",
    metric_slugs: Iterable[str] = (),
    insights: Iterable[PlanInsight] = (),
    themes: Iterable[Theme] = (),
    local_indicators: Iterable[str] = (),
    evidence_note: str = "",
) -> Finding:
    """Create a finding (finding=None) or replace what an existing one says and cites."""
    slugs = list(dict.fromkeys(metric_slugs))
    insight_list, theme_list = list(insights), list(themes)
    local = [str(key) for key in dict.fromkeys(local_indicators)]
    _finding_check(
        plan=plan, pillar=pillar, predictor=predictor, metric_slugs=slugs,
        insights=insight_list, themes=theme_list, local_indicators=local,
    )  # fmt: skip
    if predictor is not None and pillar is None:
        pillar = predictor.pillar
    if finding is None:
        finding = Finding(plan=plan)
    elif finding.plan_id != plan.pk:
        raise ValidationError("This finding belongs to another plan.")
    finding.statement, finding.pillar, finding.predictor = statement, pillar, predictor
    finding.mobility_part, finding.metric_slugs = mobility_part, slugs
    finding.local_indicators, finding.evidence_note = local, evidence_note
    finding.save()
    finding.insights.set(insight_list)
    finding.themes.set(theme_list)
    return finding


def finding_delete(*, finding: Finding) -> None:
    finding.delete()


# -- report back -------------------------------------------------------------------------


def report_back_create(*, activity: Activity, shared: str, date: Any, channel: str) -> ReportBack:
    return ReportBack.objects.create(activity=activity, shared=shared, date=date, channel=channel)


def report_back_delete(*, report_back: ReportBack) -> None:
    report_back.delete()
