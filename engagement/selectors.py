"""Reads for step 6: the pages, the findings document section and the plain-language
summary all read through these."""

from __future__ import annotations

import uuid
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q
from django.urls import reverse

from engagement.charts import theme_counts_spec
from engagement.local import LocalIndicatorRef, local_available, local_indicators_for
from engagement.models import (
    SPECTRUM_HELP,
    Activity,
    FeedbackItem,
    Finding,
    Method,
    MobilityPart,
    Moderation,
    ReportBack,
    Spectrum,
    Theme,
)
from metrics.models import Metric, Pillar, Predictor
from metrics.selectors.catalog import framework_current
from metrics.selectors.profiles import profile_for
from plans.models import InsightStatus, Membership, Plan, PlanInsight
from plans.steps import StepStatus

# -- activities --------------------------------------------------------------------------


@dataclass(frozen=True)
class SpectrumLevel:
    value: str
    label: str
    help: str


def spectrum_levels() -> list[SpectrumLevel]:
    return [
        SpectrumLevel(v, str(label), SPECTRUM_HELP[Spectrum(v)]) for v, label in Spectrum.choices
    ]


@dataclass(frozen=True)
class ActivityRow:
    activity: Activity
    feedback: int
    reported_back: bool
    facilitator: str


def _facilitator_name(membership: Membership | None) -> str:
    if membership is None:
        return ""
    user = membership.user
    return user.get_full_name() or user.get_username()


def activities_list(*, plan: Plan) -> list[ActivityRow]:
    activities = (
        Activity.objects.filter(plan=plan)
        .select_related("facilitator__user")
        .annotate(n_feedback=Count("feedback", distinct=True))
        .annotate(n_reports=Count("report_backs", distinct=True))
    )
    return [
        ActivityRow(a, a.n_feedback, a.n_reports > 0, _facilitator_name(a.facilitator))
        for a in activities
    ]


@dataclass(frozen=True)
class ThemeCount:
    uuid: str
    name: str
    description: str
    count: int


def theme_counts(*, plan: Plan, activity: Activity | None = None) -> list[ThemeCount]:
    """Every theme of the plan with its number of feedback items, most first."""
    where = Q(feedback__moderation=Moderation.SHOWN)
    if activity is not None:
        where &= Q(feedback__activity=activity)
    themes = Theme.objects.filter(plan=plan).annotate(n=Count("feedback", filter=where))
    rows = [ThemeCount(str(t.uuid), t.name, t.description, t.n) for t in themes]
    return sorted(rows, key=lambda r: (-r.count, r.name.lower()))


def theme_chart(*, counts: list[ThemeCount], scope: str) -> dict[str, Any] | None:
    shown = [(c.name, c.count) for c in counts if c.count]
    return theme_counts_spec(counts=shown, scope=scope) if shown else None


@dataclass(frozen=True)
class EngagementHome:
    step: StepStatus
    activities: list[ActivityRow]
    themes: list[ThemeCount]
    chart: dict[str, Any] | None
    feedback_total: int
    participants_total: int
    findings_total: int
    report_backs: int
    spectrum: list[SpectrumLevel]


def engagement_home(*, plan: Plan) -> EngagementHome:
    rows = activities_list(plan=plan)
    counts = theme_counts(plan=plan)
    from engagement.steps import step_status  # steps imports the models; keep it lazy

    step = step_status(plan=plan)
    return EngagementHome(
        step=step,
        activities=rows,
        themes=counts,
        chart=theme_chart(counts=counts, scope=f"All activities, {plan.geography}"),
        feedback_total=_shown(plan=plan).count(),
        participants_total=sum(r.activity.participants or 0 for r in rows),
        findings_total=Finding.objects.filter(plan=plan).count(),
        report_backs=ReportBack.objects.filter(activity__plan=plan).count(),
        spectrum=spectrum_levels(),
    )


def _shown(*, plan: Plan) -> Any:
    """Feedback members read on the step-6 pages: everything heard at activities, and
    public feedback once a moderator has shown it (pending resident text stays in the
    moderation queue)."""
    return FeedbackItem.objects.filter(plan=plan, moderation=Moderation.SHOWN)


@dataclass(frozen=True)
class FeedbackRow:
    item: FeedbackItem
    themes: list[str]
    activity_title: str
    activity_uuid: str
    framework: str  # "Pillar · predictor", or ""


def _feedback_rows(items: Any) -> list[FeedbackRow]:
    items = items.select_related("activity", "pillar", "predictor").prefetch_related("themes")
    rows = []
    for item in items:
        framework = " · ".join(
            part.name for part in (item.pillar, item.predictor) if part is not None
        )
        rows.append(
            FeedbackRow(
                item=item,
                themes=[t.name for t in item.themes.all()],
                activity_title=item.activity.title if item.activity else "",
                activity_uuid=str(item.activity.uuid) if item.activity else "",
                framework=framework,
            )
        )
    return rows


@dataclass(frozen=True)
class ActivityDetail:
    activity: Activity
    method: str
    spectrum: SpectrumLevel
    facilitator: str
    makeup: list[tuple[str, int]]
    feedback: list[FeedbackRow]
    themes: list[ThemeCount]
    chart: dict[str, Any] | None
    report_backs: list[ReportBack]


def activity_detail(*, activity: Activity) -> ActivityDetail:
    level = Spectrum(activity.spectrum)
    counts = theme_counts(plan=activity.plan, activity=activity)
    return ActivityDetail(
        activity=activity,
        method=str(Method(activity.method).label),
        spectrum=SpectrumLevel(level.value, str(level.label), SPECTRUM_HELP[level]),
        facilitator=_facilitator_name(activity.facilitator),
        makeup=[(str(k), int(v)) for k, v in activity.makeup.items()],
        feedback=_feedback_rows(FeedbackItem.objects.filter(activity=activity)),
        themes=counts,
        chart=theme_chart(counts=counts, scope=activity.title),
        report_backs=list(activity.report_backs.all()),
    )


@dataclass(frozen=True)
class FeedbackPage:
    rows: list[FeedbackRow]
    total: int
    themes: list[ThemeCount]
    activities: list[tuple[str, str]]  # uuid, title
    theme: Theme | None
    activity: Activity | None
    chart: dict[str, Any] | None


def feedback_page(*, plan: Plan, theme: str = "", activity: str = "") -> FeedbackPage:
    """Feedback of the plan, narrowed to one theme and/or one activity (unknown or
    malformed keys narrow nothing)."""
    chosen_theme = _by_uuid(Theme.objects.filter(plan=plan), theme)
    chosen_activity = _by_uuid(Activity.objects.filter(plan=plan), activity)
    items = _shown(plan=plan)
    if chosen_theme is not None:
        items = items.filter(themes=chosen_theme)
    if chosen_activity is not None:
        items = items.filter(activity=chosen_activity)
    counts = theme_counts(plan=plan, activity=chosen_activity)
    scope = chosen_activity.title if chosen_activity else f"All activities, {plan.geography}"
    return FeedbackPage(
        rows=_feedback_rows(items),
        total=_shown(plan=plan).count(),
        themes=counts,
        activities=[(str(a.uuid), a.title) for a in Activity.objects.filter(plan=plan)],
        theme=chosen_theme,
        activity=chosen_activity,
        chart=theme_chart(counts=counts, scope=scope),
    )


def _by_uuid(queryset: Any, value: str) -> Any:
    try:
        key = uuid.UUID(value)
    except (ValueError, AttributeError):
        return None
    return queryset.filter(uuid=key).first()


def facilitator_choices(*, plan: Plan) -> list[Membership]:
    return list(plan.memberships.select_related("user").order_by("user__username"))


# -- findings ----------------------------------------------------------------------------


@dataclass(frozen=True)
class MetricEvidence:
    slug: str
    name: str
    latest: str  # "61.2% in 2023 (95% interval 58.0% to 64.1%; quality Strong)"
    url: str
    figure: str = ""  # "61.2% in 2023": for readers who do not need the interval


@dataclass(frozen=True)
class FindingView:
    finding: Finding
    pillar: str
    predictor: str
    part: str
    metrics: list[MetricEvidence]
    insights: list[str]
    themes: list[tuple[str, int]]  # name, feedback items
    local: list[LocalIndicatorRef]
    evidence_count: int


@dataclass
class PillarFindings:
    name: str
    findings: list[FindingView] = field(default_factory=list)


@dataclass(frozen=True)
class FindingsSummary:
    place: str
    preliminary: list[PlanInsight]
    pillars: list[PillarFindings]
    total: int
    local_available: bool


def _metric_evidence(*, plan: Plan, slugs: set[str]) -> dict[str, MetricEvidence]:
    if not slugs:
        return {}
    profile = profile_for(geoid=plan.geography.geoid)
    out = {}
    for slug in sorted(slugs):
        entry = profile.metric(slug)
        if entry is None:
            continue
        latest = entry.latest
        figure = ""
        if latest is None:
            text = f"No figure for {plan.geography.name}."
        else:
            figure = f"{latest.text} in {latest.year}"
            interval = f"95% interval {latest.interval}" if latest.interval else "no interval"
            quality = f"quality {latest.quality}" if latest.quality else "not rated"
            text = f"{latest.text} in {latest.year} ({interval}; {quality})"
        url = reverse("metric-detail", args=[plan.geography.geoid, slug])
        out[slug] = MetricEvidence(slug, entry.name, text, url, figure)
    return out


def findings_summary(*, plan: Plan) -> FindingsSummary:
    """Findings grouped by pillar (in the framework's order, unplaced last), each with its
    evidence; the step-2 kept insights come first as preliminary insights."""
    findings = list(
        Finding.objects.filter(plan=plan)
        .select_related("pillar", "predictor")
        .prefetch_related("insights", "themes")
    )
    slugs = {slug for f in findings for slug in f.metric_slugs}
    metrics = _metric_evidence(plan=plan, slugs=slugs)
    counts = {t.uuid: t.count for t in theme_counts(plan=plan)}
    local = {ref.key: ref for ref in local_indicators_for(plan=plan)}
    parts = dict(MobilityPart.choices)
    groups: dict[str, PillarFindings] = {}
    for pillar in _pillars():
        groups[pillar.name] = PillarFindings(pillar.name)
    other = PillarFindings("Across the pillars")
    for finding in findings:
        view = FindingView(
            finding=finding,
            pillar=finding.pillar.name if finding.pillar else "",
            predictor=finding.predictor.name if finding.predictor else "",
            part=str(parts.get(finding.mobility_part, "")),
            metrics=[metrics[s] for s in finding.metric_slugs if s in metrics],
            insights=[i.statement for i in finding.insights.all()],
            themes=[(t.name, counts.get(str(t.uuid), 0)) for t in finding.themes.all()],
            local=[local[k] for k in finding.local_indicators if k in local],
            evidence_count=finding.evidence_count(),
        )
        group = (
            groups.setdefault(view.pillar, PillarFindings(view.pillar)) if view.pillar else other
        )
        group.findings.append(view)
    pillars = [g for g in groups.values() if g.findings] + ([other] if other.findings else [])
    return FindingsSummary(
        place=str(plan.geography),
        preliminary=list(plan.insights.filter(status=InsightStatus.KEPT).order_by("updated_at")),
        pillars=pillars,
        total=len(findings),
        local_available=local_available(),
    )


def _pillars() -> list[Pillar]:
    framework = framework_current()
    return list(Pillar.objects.filter(framework=framework)) if framework else []


@dataclass(frozen=True)
class FindingChoices:
    pillars: list[Pillar]
    predictors: list[Predictor]
    metrics: list[tuple[str, str]]  # slug, "Pillar: metric name"
    insights: list[PlanInsight]
    themes: list[Theme]
    local: list[LocalIndicatorRef]


def framework_pick(*, value: str) -> tuple[Pillar | None, Predictor | None]:
    """A choice of the pillar-or-predictor field ("pillar" or "pillar/predictor", slugs of
    the current framework) as the rows it names; (None, None) for no or an unknown choice."""
    framework = framework_current()
    pillar_slug, _, predictor_slug = value.partition("/")
    pillar = Pillar.objects.filter(framework=framework, slug=pillar_slug).first()
    if pillar is None or not predictor_slug:
        return pillar, None
    return pillar, Predictor.objects.filter(pillar=pillar, slug=predictor_slug).first()


def framework_value(*, pillar: Pillar | None, predictor: Predictor | None) -> str:
    if predictor is not None:
        return f"{predictor.pillar.slug}/{predictor.slug}"
    return pillar.slug if pillar is not None else ""


def finding_choices(*, plan: Plan) -> FindingChoices:
    framework = framework_current()
    metrics = Metric.objects.select_related("predictor__pillar")
    if framework is not None:
        metrics = metrics.filter(predictor__pillar__framework=framework)
    return FindingChoices(
        pillars=_pillars(),
        predictors=list(
            Predictor.objects.filter(pillar__framework=framework).select_related("pillar")
        ),
        metrics=[(m.slug, f"{m.predictor.pillar.name}: {m.name}") for m in metrics],
        insights=list(plan.insights.filter(status=InsightStatus.KEPT)),
        themes=list(Theme.objects.filter(plan=plan)),
        local=local_indicators_for(plan=plan),
    )


# -- the plain-language summary to share ----------------------------------------------------


@dataclass(frozen=True)
class ShareSummary:
    plan: Plan
    place: str
    activities: int
    participants: int
    methods: str  # "2 listening sessions and a survey"
    languages: list[str]
    top_themes: list[ThemeCount]
    summary: FindingsSummary
    report_backs: list[tuple[Activity, ReportBack]]


def share_summary(*, plan: Plan) -> ShareSummary:
    activities = list(Activity.objects.filter(plan=plan).prefetch_related("report_backs"))
    methods = Counter(a.method for a in activities)
    languages = sorted({lang for a in activities for lang in a.languages}, key=str.lower)
    return ShareSummary(
        plan=plan,
        place=str(plan.geography),
        activities=len(activities),
        participants=sum(a.participants or 0 for a in activities),
        methods=_methods_words(methods),
        languages=languages,
        top_themes=[t for t in theme_counts(plan=plan) if t.count][:5],
        summary=findings_summary(plan=plan),
        report_backs=[(a, r) for a in activities for r in a.report_backs.all()],
    )


METHOD_WORDS = {
    Method.FOCUS_GROUP: ("a focus group", "focus groups"),
    Method.LISTENING: ("a listening session", "listening sessions"),
    Method.SURVEY: ("a survey", "surveys"),
    Method.DATA_WALK: ("a data walk", "data walks"),
    Method.INTERVIEW: ("an interview", "interviews"),
    Method.MEETING: ("a community meeting", "community meetings"),
    Method.OTHER: ("another gathering", "other gatherings"),
}


def _methods_words(counts: Counter[str]) -> str:
    """ "2 listening sessions, a survey and a data walk", most frequent first."""
    parts = []
    for method, count in counts.most_common():
        one, many = METHOD_WORDS.get(Method(method), ("an activity", "activities"))
        parts.append(one if count == 1 else f"{count} {many}")
    if len(parts) < 2:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]
