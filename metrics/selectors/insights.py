"""Preliminary insights: statements computed from one geography's data, worth a closer look.

They are read off the same profile the profile page shows (`profile_for`), so a figure in
an insight is always the figure on the page. Five kinds, each with its evidence and a
severity score from 0 to 100 used to rank them (docs/peers.md, "How Upward surfaces
insights"):

- ``standing``: the latest value is in the worst or best tenth of the nation (or, failing
  that, of the state), and its interval does not reach the median;
- ``gap``: a group of residents fares worse than all residents by at least 20%, and the
  intervals tell them apart;
- ``trend``: the first and latest values have intervals that do not overlap;
- ``weak``: the latest value is flagged Weak (do not act on it alone);
- ``missing``: no value for a metric the release publishes for this kind of geography.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q
from django.urls import reverse

from lib.numbers import difference_format
from metrics.models import GeographyKind, Series
from metrics.selectors.profiles import (
    GroupValue,
    MetricEntry,
    Point,
    Profile,
    Standing,
    SubgroupSet,
    profile_for,
)

EXTREME_PCT = 90.0  # better or worse than this share of places counts as far from the rest
MIN_PLACES = 10  # a standing among fewer places says little
GAP_MIN_RELATIVE = 0.20  # a group must differ from all residents by a fifth or more
GAP_WIDENING = 0.05  # the relative gap grew by five points or more since the first year

# Base scores: bad news before good news, data warnings last.
BASE = {
    ("standing", "bad"): 60,
    ("gap", "bad"): 55,
    ("trend", "bad"): 50,
    ("standing", "good"): 30,
    ("trend", "good"): 25,
    ("weak", "caution"): 10,
    ("missing", "caution"): 5,
}
WEAK_PENALTY = 15
WIDENING_BONUS = 10
STATE_ONLY_PENALTY = 10
KINDS = (GeographyKind.COUNTY, GeographyKind.PLACE)
TONE_LABELS = {"bad": "Needs attention", "good": "Strength", "caution": "Data note"}


@dataclass(frozen=True)
class Evidence:
    label: str
    year: int | None
    value: float | None
    lb: float | None = None
    ub: float | None = None
    quality: str | None = None  # "Strong", "Marginal", "Weak" or None
    text: str = ""  # the value in words, with its interval and quality


@dataclass(frozen=True)
class Insight:
    kind: str  # standing, gap, trend, weak, missing
    tone: str  # bad, good, caution
    severity: int  # 0-100, higher first
    metric_slug: str
    metric_name: str
    sentence: str
    url: str
    evidence: list[Evidence] = field(default_factory=list)

    @property
    def tone_label(self) -> str:
        return TONE_LABELS[self.tone]


@dataclass
class _Draft:
    """An insight before its score is settled and its link made."""

    kind: str
    tone: str
    score: float
    entry: MetricEntry
    sentence: str
    evidence: list[Evidence]
    points: list[Point]
    gap_key: tuple[str, str, str] | None = None  # (dataset, subgroup type, group), for widening
    relative: float = 0.0


def _evidence(label: str, point: Point) -> Evidence:
    text = point.text
    if point.interval:
        text += f" (95% interval {point.interval})"
    if point.quality:
        text += f", {point.quality}"
    return Evidence(label, point.year, point.value, point.lb, point.ub, point.quality, text)


def _median_evidence(label: str, standing: Standing) -> Evidence:
    return Evidence(label, standing.year, standing.median, text=standing.median_text)


def _bounds(point: Point) -> tuple[float, float]:
    assert point.value is not None
    if point.lb is not None and point.ub is not None:
        return point.lb, point.ub
    return point.value, point.value


def _apart(a: Point, b: Point) -> bool:
    """Whether the intervals tell two values apart; a value published without an interval
    counts as the single point it is."""
    a_lb, a_ub = _bounds(a)
    b_lb, b_ub = _bounds(b)
    return a_ub < b_lb or b_ub < a_lb


def _relative(a: float, b: float) -> float:
    if b == 0:
        return 0.0 if a == 0 else float("inf")
    return abs(a - b) / abs(b)


def _standing(profile: Profile, entry: MetricEntry) -> _Draft | None:
    latest = entry.latest
    if latest is None or latest.value is None or entry.unit == "count":
        return None  # counts grow with population: their standing says little
    geography = profile.geography
    for standing in (entry.national_standing, entry.state_standing):
        if standing is None or standing.count < MIN_PLACES or standing.median is None:
            continue
        better, worse = standing.better_than_pct or 0.0, standing.worse_than_pct or 0.0
        low, high = _bounds(latest)
        if max(better, worse) < EXTREME_PCT or low <= standing.median <= high:
            continue
        tone = "bad" if worse >= EXTREME_PCT else "good"
        pct = worse if tone == "bad" else better
        where = "in the nation" if standing.scope == "nation" else f"in {geography.state_name}"
        plural = geography.kind_plural
        sentence = (
            f"{entry.name}: {'worse' if tone == 'bad' else 'better'} than {pct:.0f}% of "
            f"{plural} {where} ({latest.text} in {latest.year}, against a median of "
            f"{standing.median_text})."
        )
        score = BASE[("standing", tone)] + 2 * (pct - EXTREME_PCT)
        score -= STATE_ONLY_PENALTY if standing.scope == "state" else 0
        evidence = [
            _evidence(geography.label, latest),
            _median_evidence(f"Median of {standing.count:,} {plural} {where}", standing),
        ]
        return _Draft("standing", tone, score, entry, sentence, evidence, [latest])
    return None


def _trend(profile: Profile, entry: MetricEntry) -> _Draft | None:
    change = entry.change
    if change is None or change.intervals_overlap is not False or change.tone == "even":
        return None
    first, last = change.first, change.last
    assert first.value is not None and last.value is not None
    tone = "bad" if change.tone == "worse" else "good"
    sentence = (
        f"{entry.name} got {'worse' if tone == 'bad' else 'better'} between {first.year} and "
        f"{last.year}: from {first.text} to {last.text}, a change larger than the "
        "uncertainty of either figure."
    )
    score = BASE[("trend", tone)] + 20 * min(_relative(last.value, first.value) / 0.25, 1.0)
    label = profile.geography.label
    evidence = [
        _evidence(f"{label}, {first.year}", first),
        _evidence(f"{label}, {last.year}", last),
    ]
    return _Draft("trend", tone, score, entry, sentence, evidence, [first, last])


def _worst_group(entry: MetricEntry, groups: SubgroupSet) -> tuple[float, GroupValue] | None:
    reference = groups.all
    if reference is None or reference.value is None:
        return None
    worst = None
    for group in groups.groups:
        if group.tone != "worse" or group.point.value is None:
            continue
        relative = _relative(group.point.value, reference.value)
        big_enough = relative >= GAP_MIN_RELATIVE and _apart(group.point, reference)
        if big_enough and (worst is None or relative > worst[0]):
            worst = (relative, group)
    return worst


def _gaps(profile: Profile, entry: MetricEntry) -> list[_Draft]:
    """The worst-off group of each kind of subgroup, against all residents of that dataset."""
    if entry.unit == "count":
        return []  # a group's count is always smaller than everyone's
    drafts = []
    for groups in entry.subgroups:
        found = _worst_group(entry, groups)
        if found is None:
            continue
        relative, group = found
        reference = groups.all
        assert reference is not None
        sentence = (
            f"{entry.name}, by {groups.label.lower()}: {group.name} at {group.point.text} "
            f"against {reference.text} for all residents in {groups.year}, "
            f"a gap of {difference_format(value=abs(group.gap or 0.0), unit=entry.unit)} "
            f"({relative:.0%})."
        )
        score = BASE[("gap", "bad")] + 20 * min(relative / 0.5, 1.0)
        evidence = [
            _evidence(f"{group.name}, {groups.year}", group.point),
            _evidence(f"All residents, {groups.year}", reference),
        ]
        drafts.append(
            _Draft("gap", "bad", score, entry, sentence, evidence, [group.point, reference],
                   gap_key=(groups.dataset, groups.type, group.name), relative=relative)
        )  # fmt: skip
    return drafts


def _widen(geoid: str, drafts: list[_Draft]) -> None:
    """Mark gaps that have grown since the first year the group and everyone were both
    published (one query for all of them)."""
    gaps = [d for d in drafts if d.gap_key is not None]
    if not gaps:
        return
    match = Q()
    for draft in gaps:
        dataset, type_, name = draft.gap_key  # type: ignore[misc]
        match |= Q(metric__slug=draft.entry.slug, dataset__slug=dataset, subgroup__type=type_,
                   subgroup__name=name)  # fmt: skip
        match |= Q(metric__slug=draft.entry.slug, dataset__slug=dataset, subgroup__type="all")
    rows = Series.objects.filter(match, geography__geoid=geoid).values_list(
        "metric__slug", "dataset__slug", "subgroup__type", "subgroup__name", "points"
    )
    points = {tuple(row[:4]): {p[0]: p[1] for p in row[4] if p[1] is not None} for row in rows}
    for draft in gaps:
        dataset, type_, name = draft.gap_key  # type: ignore[misc]
        mine = points.get((draft.entry.slug, dataset, type_, name), {})
        everyone = points.get((draft.entry.slug, dataset, "all", "All"), {})
        shared = sorted(set(mine) & set(everyone))
        if len(shared) < 2:
            continue
        first = _relative(mine[shared[0]], everyone[shared[0]])
        if draft.relative - first >= GAP_WIDENING:
            draft.score += WIDENING_BONUS
            draft.sentence = draft.sentence[:-1] + f", wider than in {shared[0]}."


def _notes(profile: Profile, entry: MetricEntry, others: list[_Draft]) -> list[_Draft]:
    latest = entry.latest
    if latest is None:
        if not entry.available:
            return []  # not published for this kind of geography: nothing is missing
        sentence = (
            f"No figure for {entry.name.lower()} in this release for {profile.geography.name}."
        )
        return [_Draft("missing", "caution", BASE[("missing", "caution")], entry, sentence, [], [])]
    if latest.quality != "Weak" or any(latest in d.points for d in others):
        return []
    sentence = (
        f"The latest figure for {entry.name.lower()} ({latest.text} in {latest.year}) is "
        "flagged Weak: do not act on it alone."
    )
    evidence = [_evidence(profile.geography.label, latest)]
    return [_Draft("weak", "caution", BASE[("weak", "caution")], entry, sentence, evidence, [])]


def _finish(geoid: str, draft: _Draft) -> Insight:
    sentence, score = draft.sentence, draft.score
    if any(p.quality == "Weak" for p in draft.points):
        score -= WEAK_PENALTY
        sentence += " A figure here is flagged Weak: do not act on it alone."
    return Insight(
        kind=draft.kind,
        tone=draft.tone,
        severity=max(0, min(100, round(score))),
        metric_slug=draft.entry.slug,
        metric_name=draft.entry.name,
        sentence=sentence,
        url=reverse("metric-detail", kwargs={"geoid": geoid, "metric": draft.entry.slug}),
        evidence=draft.evidence,
    )


def insights_for(*, geoid: str, limit: int | None = None) -> list[Insight]:
    """The insights for a county or city, most important first (404 for an unknown GEOID;
    none for a state)."""
    profile = profile_for(geoid=geoid)
    if profile.geography.kind not in KINDS:
        return []
    drafts: list[_Draft] = []
    for entry in profile.metrics():
        found = [_standing(profile, entry), _trend(profile, entry), *_gaps(profile, entry)]
        kept = [d for d in found if d is not None]
        drafts.extend(kept + _notes(profile, entry, kept))
    _widen(profile.geography.geoid, drafts)
    insights = [_finish(profile.geography.geoid, d) for d in drafts]
    insights.sort(key=lambda i: -i.severity)  # stable: the framework's order breaks ties
    return insights[:limit] if limit is not None else insights
