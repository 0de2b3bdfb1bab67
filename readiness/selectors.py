"""Reads for step 3: assessments, the scorecard by domain, comparisons and gap actions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone

from lib.people import person_name
from plans.access import PlanAccess
from plans.models import Plan
from readiness.models import RATING_POINTS, Assessment, GapStatus, Item, Rating

NOT_RATED = ""  # an item nobody has rated yet
# The order of the scorecard's columns and of the chart's stack, worst to best, then the
# two states that carry no score.
RATING_ORDER: list[str] = [*RATING_POINTS, Rating.UNKNOWN, NOT_RATED]
RATING_LABELS: dict[str, str] = {**dict(Rating.choices), NOT_RATED: "Not rated yet"}


def rating_label(rating: str) -> str:
    return RATING_LABELS.get(rating, rating)


def score_text(score: float | None) -> str:
    return "no score" if score is None else f"{score:.1f} of 3"


# -- The scorecard -------------------------------------------------------------------------


@dataclass(frozen=True)
class DomainScore:
    key: str
    title: str
    total: int
    counts: dict[str, int]  # rating -> number of items
    score: float | None  # mean points 0-3 of rated items, "unknown" and not rated left out

    @property
    def shares(self) -> dict[str, float]:
        return {r: (self.counts[r] / self.total if self.total else 0.0) for r in RATING_ORDER}

    @property
    def scored(self) -> int:
        return sum(self.counts[r] for r in RATING_POINTS)

    @property
    def score_text(self) -> str:
        return score_text(self.score)

    @property
    def cells(self) -> list[str]:
        """'2 (67%)' per rating, in RATING_ORDER, for the table."""
        return [f"{self.counts[r]} ({self.shares[r]:.0%})" for r in RATING_ORDER]


@dataclass(frozen=True)
class Scorecard:
    domains: list[DomainScore]
    overall: DomainScore  # every item of the assessment together

    @property
    def labels(self) -> list[str]:
        return [RATING_LABELS[r] for r in RATING_ORDER]

    @property
    def rated(self) -> int:
        return self.overall.total - self.overall.counts[NOT_RATED]


def _domain_score(key: str, title: str, ratings: Sequence[str]) -> DomainScore:
    counts = {r: 0 for r in RATING_ORDER}
    for rating in ratings:
        counts[rating if rating in counts else NOT_RATED] += 1
    points = [RATING_POINTS[r] for r in ratings if r in RATING_POINTS]
    score = sum(points) / len(points) if points else None
    return DomainScore(key=key, title=title, total=len(ratings), counts=counts, score=score)


def scorecard_compute(*, domains: Sequence[tuple[str, str, Sequence[str]]]) -> Scorecard:
    """The scorecard of (key, title, ratings of its items) per domain. A domain's score is
    the mean of its rated items' points (not in place 0, emerging 1, partly 2, fully 3);
    the overall score is the mean over all rated items, not the mean of domain scores."""
    scores = [_domain_score(key, title, ratings) for key, title, ratings in domains]
    everything = [rating for _key, _title, ratings in domains for rating in ratings]
    return Scorecard(domains=scores, overall=_domain_score("all", "All domains", everything))


def assessment_scorecard(*, assessment: Assessment) -> Scorecard:
    return scorecard_compute(
        domains=[
            (domain.key, domain.title, [item.rating for item in domain.items.all()])
            for domain in assessment.domains.prefetch_related("items")
        ]
    )


# -- One assessment ------------------------------------------------------------------------


@dataclass(frozen=True)
class GapActionView:
    item_uuid: str
    assessment_uuid: str
    domain: str
    item_text: str
    action: str
    owner: str
    owner_user_id: int | None
    due: dt.date | None
    status: str
    status_label: str
    note: str
    overdue: bool
    may_update: bool = False


@dataclass(frozen=True)
class ItemView:
    uuid: str
    text: str
    rating: str
    rating_label: str
    evidence: str
    gap: GapActionView | None


@dataclass(frozen=True)
class DomainView:
    uuid: str
    title: str
    description: str
    score: DomainScore
    items: list[ItemView]


@dataclass(frozen=True)
class AssessmentView:
    uuid: str
    label: str
    assessed_on: dt.date
    title: str
    decision: str
    decision_label: str
    rationale: str
    decided_on: dt.date | None
    domains: list[DomainView]
    scorecard: Scorecard


def _member_name(item: Item) -> str:
    owner = item.gap_owner
    if owner is None:
        return "No one yet"
    return person_name(owner.user)


def _gap_view(
    item: Item, *, domain: str, assessment_uuid: str, access: PlanAccess | None
) -> GapActionView | None:
    if not item.has_gap_action():
        return None
    today = timezone.localdate()
    return GapActionView(
        item_uuid=str(item.uuid),
        assessment_uuid=assessment_uuid,
        domain=domain,
        item_text=item.text,
        action=item.gap_action,
        owner=_member_name(item),
        owner_user_id=item.gap_owner.user_id if item.gap_owner else None,
        due=item.gap_due,
        status=item.gap_status,
        status_label=item.get_gap_status_display(),
        note=item.gap_note,
        overdue=bool(item.gap_due and item.gap_due < today and item.gap_status == GapStatus.OPEN),
        may_update=bool(access and access.may_change(assigned_to=item.gap_owner)),
    )


def assessment_view(*, assessment: Assessment, access: PlanAccess | None = None) -> AssessmentView:
    domains = list(assessment.domains.prefetch_related("items__gap_owner__user"))
    scorecard = scorecard_compute(
        domains=[(d.key, d.title, [i.rating for i in d.items.all()]) for d in domains]
    )
    views = []
    for domain, score in zip(domains, scorecard.domains, strict=True):
        items = [
            ItemView(
                uuid=str(item.uuid),
                text=item.text,
                rating=item.rating,
                rating_label=rating_label(item.rating),
                evidence=item.evidence,
                gap=_gap_view(
                    item, domain=domain.title, assessment_uuid=str(assessment.uuid), access=access
                ),
            )
            for item in domain.items.all()
        ]
        views.append(DomainView(str(domain.uuid), domain.title, domain.description, score, items))
    return AssessmentView(
        uuid=str(assessment.uuid), label=assessment.label(), assessed_on=assessment.assessed_on,
        title=assessment.title, decision=assessment.decision,
        decision_label=assessment.get_decision_display() if assessment.decision else "",
        rationale=assessment.rationale, decided_on=assessment.decided_on,
        domains=views, scorecard=scorecard,
    )  # fmt: skip


def previous_ratings(*, assessment: Assessment) -> dict[str, str]:
    """Item key -> what the assessment before this one said, for hints on the form."""
    earlier = (
        Assessment.objects.filter(plan_id=assessment.plan_id)
        .filter(
            Q(assessed_on__lt=assessment.assessed_on)
            | Q(assessed_on=assessment.assessed_on, created_at__lt=assessment.created_at)
        )
        .order_by("-assessed_on", "-created_at")
        .first()
    )
    if earlier is None:
        return {}
    items = Item.objects.filter(domain__assessment=earlier).exclude(rating="")
    return {item.key: rating_label(item.rating) for item in items}


# -- The plan's assessments ------------------------------------------------------------------


@dataclass(frozen=True)
class AssessmentSummary:
    uuid: str
    label: str
    assessed_on: dt.date
    rated: int
    total: int
    score: float | None
    decision_label: str

    @property
    def score_text(self) -> str:
        return score_text(self.score)


@dataclass
class Overview:
    assessments: list[AssessmentSummary]
    latest: AssessmentView | None
    gap_actions: list[GapActionView] = field(default_factory=list)  # open, latest assessment
    mine: list[GapActionView] = field(default_factory=list)  # open, assigned to the viewer


def plan_assessments(*, plan: Plan) -> list[AssessmentSummary]:
    summaries = []
    for assessment in Assessment.objects.filter(plan=plan).order_by("-assessed_on", "-created_at"):
        card = assessment_scorecard(assessment=assessment)
        summaries.append(
            AssessmentSummary(
                uuid=str(assessment.uuid),
                label=assessment.label(),
                assessed_on=assessment.assessed_on,
                rated=card.rated,
                total=card.overall.total,
                score=card.overall.score,
                decision_label=assessment.get_decision_display() if assessment.decision else "",
            )
        )
    return summaries


def plan_latest_assessment(*, plan: Plan) -> Assessment | None:
    return Assessment.objects.filter(plan=plan).order_by("-assessed_on", "-created_at").first()


def readiness_overview(*, plan: Plan, access: PlanAccess) -> Overview:
    latest = plan_latest_assessment(plan=plan)
    view = assessment_view(assessment=latest, access=access) if latest else None
    gaps = [
        item.gap
        for domain in (view.domains if view else [])
        for item in domain.items
        if item.gap and item.gap.status == GapStatus.OPEN
    ]
    mine = [gap for gap in gaps if gap.owner_user_id == access.membership.user_id]
    return Overview(plan_assessments(plan=plan), view, gaps, mine)


# -- Comparing two assessments ---------------------------------------------------------------


@dataclass(frozen=True)
class ItemMove:
    domain: str
    text: str
    before: str
    after: str
    direction: str  # "up", "down", "changed" (to or from unknown / not rated), "new", "gone"


@dataclass(frozen=True)
class DomainChange:
    title: str
    before: float | None
    after: float | None

    @property
    def change_text(self) -> str:
        if self.before is None or self.after is None:
            return "cannot be compared"
        delta = self.after - self.before
        if abs(delta) < 0.05:
            return "no change"
        return f"{'up' if delta > 0 else 'down'} {abs(delta):.1f}"

    @property
    def before_text(self) -> str:
        return score_text(self.before)

    @property
    def after_text(self) -> str:
        return score_text(self.after)


@dataclass
class Comparison:
    before: AssessmentSummary
    after: AssessmentSummary
    domains: list[DomainChange]
    moves: list[ItemMove]
    unchanged: int

    def count(self, direction: str) -> int:
        return sum(1 for move in self.moves if move.direction == direction)

    @property
    def up(self) -> int:
        return self.count("up")

    @property
    def down(self) -> int:
        return self.count("down")


def _direction(before: str, after: str) -> str | None:
    if before == after:
        return None
    if before in RATING_POINTS and after in RATING_POINTS:
        return "up" if RATING_POINTS[after] > RATING_POINTS[before] else "down"
    return "changed"


def _items_by_key(assessment: Assessment) -> dict[str, Item]:
    return {
        item.key: item
        for item in Item.objects.filter(domain__assessment=assessment).select_related("domain")
    }


def assessment_compare(*, before: Assessment, after: Assessment) -> Comparison:
    """What moved between two assessments of one plan, matched by item and domain key."""
    old, new = _items_by_key(before), _items_by_key(after)
    moves, unchanged = [], 0
    for key, item in new.items():
        if key not in old:
            moves.append(
                ItemMove(item.domain.title, item.text, "", rating_label(item.rating), "new")
            )
            continue
        direction = _direction(old[key].rating, item.rating)
        if direction is None:
            unchanged += 1
            continue
        moves.append(
            ItemMove(
                item.domain.title,
                item.text,
                rating_label(old[key].rating),
                rating_label(item.rating),
                direction,
            )
        )
    for key, item in old.items():
        if key not in new:
            moves.append(
                ItemMove(item.domain.title, item.text, rating_label(item.rating), "", "gone")
            )
    card_before = {d.key: d for d in assessment_scorecard(assessment=before).domains}
    card_after = assessment_scorecard(assessment=after)
    domains = [
        DomainChange(d.title, card_before[d.key].score if d.key in card_before else None, d.score)
        for d in card_after.domains
    ]
    summaries = {s.uuid: s for s in plan_assessments(plan=after.plan)}
    return Comparison(
        summaries[str(before.uuid)], summaries[str(after.uuid)], domains, moves, unchanged
    )


def plan_rating_count(*, plan: Plan) -> int:
    return Item.objects.filter(domain__assessment__plan=plan).exclude(rating="").count()
