"""Reads of step 4 for the pages, the plan document and the step's progress."""

from __future__ import annotations

from dataclasses import dataclass, field

from coalition.models import (
    SECTOR_OF_KIND,
    Answer,
    CoalitionRole,
    JoinRequest,
    LivedExperience,
    OrganisationProfile,
    Person,
    PolicyDomain,
    RaceGroup,
    Sector,
    WorkingGroup,
)
from metrics.models import Series
from metrics.selectors.catalog import catalog_tree
from metrics.selectors.observations import quality_label
from plans.models import Organisation, Plan

ROLE_LABELS = dict(CoalitionRole.choices)
SECTOR_LABELS = dict(Sector.choices)
DOMAIN_LABELS = dict(PolicyDomain.choices)
HIGH = 3  # on the 1-5 scales, 3 and above counts as high
QUADRANTS = {
    (True, True): "Core partners: involve them closely",
    (True, False): "Win them over: build their interest",
    (False, True): "Lift their voice: share power and resources",
    (False, False): "Keep them informed",
}


def pillar_choices() -> list[tuple[str, str]]:
    """The framework's pillars (slug, name) in their order."""
    return [(p.slug, p.name) for p in catalog_tree()]


def quadrant_of(*, influence: int, interest: int) -> str:
    return QUADRANTS[(influence >= HIGH, interest >= HIGH)]


def _labels(values: list[str], labels: dict[str, str]) -> list[str]:
    return [labels.get(v, v) for v in values]


@dataclass
class PersonRow:
    uuid: str
    name: str
    title: str
    email: str
    organisation: str
    roles: list[str]  # labels, stored roles and those that follow from working groups
    role_values: list[str]
    user_id: int | None
    influence: int | None
    interest: int | None


@dataclass
class OrganisationRow:
    name: str
    kind: str
    sector: str
    sector_label: str
    domains: list[str]
    pillars: list[str]
    people: int
    profile_uuid: str | None  # None: nothing recorded here yet
    influence: int | None
    interest: int | None
    declined: bool = False


@dataclass
class GroupRow:
    uuid: str
    name: str
    purpose: str
    pillars: list[str]
    chair: str
    members: list[str]


@dataclass
class RequestRow:
    uuid: str
    to: str
    asked_on: str
    answer: str
    answer_value: str
    note: str


@dataclass
class Launch:
    date: str
    place: str
    attendance: int | None
    notes: str


@dataclass
class CoalitionOverview:
    people: list[PersonRow]
    organisations: list[OrganisationRow]
    groups: list[GroupRow]
    requests: list[RequestRow]
    launch: Launch | None
    role_counts: dict[str, int]
    sectors: list[str]  # sector values covered


def _group_roles(plan: Plan) -> dict[int, set[str]]:
    derived: dict[int, set[str]] = {}
    for group in WorkingGroup.objects.filter(plan=plan).prefetch_related("members"):
        for member in group.members.all():
            derived.setdefault(member.pk, set()).add(CoalitionRole.GROUP_MEMBER)
        if group.chair_id:
            derived.setdefault(group.chair_id, set()).add(CoalitionRole.GROUP_CHAIR)
    return derived


def people_rows(*, plan: Plan) -> list[PersonRow]:
    derived = _group_roles(plan)
    order = list(CoalitionRole.values)
    rows = []
    for person in Person.objects.filter(plan=plan).select_related("organisation"):
        values = sorted(set(person.roles) | derived.get(person.pk, set()), key=order.index)
        rows.append(
            PersonRow(
                uuid=str(person.uuid),
                name=person.name,
                title=person.title,
                email=person.email,
                organisation=person.organisation.name if person.organisation else "",
                roles=_labels(values, ROLE_LABELS),
                role_values=values,
                user_id=person.user_id,
                influence=person.influence,
                interest=person.interest,
            )
        )
    return rows


def organisation_rows(*, plan: Plan) -> list[OrganisationRow]:
    pillars = dict(pillar_choices())
    people: dict[int | None, int] = {}
    for org_id in Person.objects.filter(plan=plan).values_list("organisation_id", flat=True):
        people[org_id] = people.get(org_id, 0) + 1
    declined = _declined_organisations(plan)
    rows = []
    for org in Organisation.objects.filter(plan=plan).select_related("coalition_profile"):
        profile: OrganisationProfile | None = getattr(org, "coalition_profile", None)
        sector = profile.effective_sector() if profile else SECTOR_OF_KIND.get(org.kind, "other")
        rows.append(
            OrganisationRow(
                name=org.name,
                kind=org.get_kind_display(),
                sector=sector,
                sector_label=SECTOR_LABELS[sector],
                domains=_labels(profile.policy_domains if profile else [], DOMAIN_LABELS),
                pillars=_labels(profile.pillars if profile else [], pillars),
                people=people.get(org.pk, 0),
                profile_uuid=str(profile.uuid) if profile else None,
                influence=profile.influence if profile else None,
                interest=profile.interest if profile else None,
                declined=org.pk in declined and not people.get(org.pk),
            )
        )
    return rows


def _declined_organisations(plan: Plan) -> set[int]:
    """Organisations whose latest answer to a request to join was no."""
    latest: dict[int, str] = {}
    for org_id, answer in (
        JoinRequest.objects.filter(plan=plan, organisation__isnull=False)
        .order_by("asked_on", "id")
        .values_list("organisation_id", "answer")
    ):
        latest[org_id] = answer
    return {org_id for org_id, answer in latest.items() if answer == Answer.NO}


def group_rows(*, plan: Plan) -> list[GroupRow]:
    pillars = dict(pillar_choices())
    groups = WorkingGroup.objects.filter(plan=plan).select_related("chair")
    return [
        GroupRow(
            uuid=str(g.uuid),
            name=g.name,
            purpose=g.purpose,
            pillars=_labels(g.pillars, pillars),
            chair=g.chair.name if g.chair else "",
            members=sorted(p.name for p in g.members.all()),
        )
        for g in groups.prefetch_related("members")
    ]


def request_rows(*, plan: Plan) -> list[RequestRow]:
    answers = dict(Answer.choices)
    requests = JoinRequest.objects.filter(plan=plan).select_related("person", "organisation")
    return [
        RequestRow(
            uuid=str(r.uuid),
            to=" · ".join(x.name for x in (r.person, r.organisation) if x is not None),
            asked_on=r.asked_on.isoformat(),
            answer=answers.get(r.answer, "Waiting for an answer"),
            answer_value=r.answer,
            note=r.note,
        )
        for r in requests
    ]


def launch_for(*, plan: Plan) -> Launch | None:
    coalition = getattr(plan, "coalition", None)
    if coalition is None or not coalition.has_launch():
        return None
    return Launch(
        date=coalition.launch_date.isoformat(),
        place=coalition.launch_place,
        attendance=coalition.launch_attendance,
        notes=coalition.launch_notes,
    )


def coalition_overview(*, plan: Plan) -> CoalitionOverview:
    people = people_rows(plan=plan)
    organisations = organisation_rows(plan=plan)
    counts = {value: 0 for value in CoalitionRole.values}
    for row in people:
        for value in row.role_values:
            counts[value] += 1
    sectors = sorted({o.sector for o in organisations if not o.declined}, key=Sector.values.index)
    return CoalitionOverview(
        people=people,
        organisations=organisations,
        groups=group_rows(plan=plan),
        requests=request_rows(plan=plan),
        launch=launch_for(plan=plan),
        role_counts=counts,
        sectors=sectors,
    )


def coalition_step_overview(*, plan: Plan) -> CoalitionOverview:
    """Only what step 4's progress needs (people and their roles, sectors taking part, the
    launch), for the plan home: no catalog, groups or requests are read."""
    people = people_rows(plan=plan)
    counts = {value: 0 for value in CoalitionRole.values}
    for row in people:
        for value in row.role_values:
            counts[value] += 1
    members = set(Person.objects.filter(plan=plan).values_list("organisation_id", flat=True))
    declined = _declined_organisations(plan)
    found = set()
    for org in Organisation.objects.filter(plan=plan).select_related("coalition_profile"):
        if org.pk in declined and org.pk not in members:
            continue
        profile: OrganisationProfile | None = getattr(org, "coalition_profile", None)
        found.add(profile.effective_sector() if profile else SECTOR_OF_KIND.get(org.kind, "other"))
    return CoalitionOverview(
        people=people, organisations=[], groups=[], requests=[], launch=launch_for(plan=plan),
        role_counts=counts, sectors=sorted(found, key=Sector.values.index),
    )  # fmt: skip


MIN_MANAGEMENT = 2
MIN_SECTORS = 3


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def coalition_progress(*, overview: CoalitionOverview) -> tuple[list[str], list[str]]:
    """What step 4 has (in words) and what it still needs, lower-case, in order."""
    advocates = overview.role_counts[CoalitionRole.ADVOCATE]
    management = overview.role_counts[CoalitionRole.MANAGEMENT]
    sectors = len(overview.sectors)
    done, todo = [], []
    if overview.people:
        done.append(_plural(len(overview.people), "person", "people") + " in the coalition")
    if advocates:
        done.append("Mobility Advocate named")
    else:
        todo.append("name a Mobility Advocate")
    if management:
        done.append(f"Management team of {management}")
    if management < MIN_MANAGEMENT:
        todo.append(f"form a management team of at least {MIN_MANAGEMENT}")
    if sectors:
        done.append(_plural(sectors, "sector", "sectors") + " taking part")
    if sectors < MIN_SECTORS:
        todo.append(f"bring in partners from at least {MIN_SECTORS} sectors")
    if overview.launch:
        done.append(f"Launched on {overview.launch.date}")
    else:
        todo.append("record the launch")
    return done, todo


# -- Stakeholder map --------------------------------------------------------------------


@dataclass
class MapPoint:
    name: str
    kind: str  # "Person" or "Organization"
    influence: int
    interest: int
    quadrant: str


@dataclass
class StakeholderMap:
    points: list[MapPoint]
    unplaced: list[str]  # names with no influence or interest recorded yet
    quadrants: dict[str, list[str]] = field(default_factory=dict)


def stakeholder_map(*, plan: Plan) -> StakeholderMap:
    points, unplaced = [], []
    entries = [("Person", p.name, p.influence, p.interest) for p in people_rows(plan=plan)]
    entries += [
        ("Organization", o.name, o.influence, o.interest) for o in organisation_rows(plan=plan)
    ]
    for kind, name, influence, interest in entries:
        if influence is None or interest is None:
            unplaced.append(name)
            continue
        quadrant = quadrant_of(influence=influence, interest=interest)
        points.append(MapPoint(name, kind, influence, interest, quadrant))
    points.sort(key=lambda p: (-p.influence, -p.interest, p.name))
    quadrants: dict[str, list[str]] = {name: [] for name in QUADRANTS.values()}
    for point in points:
        quadrants[point.quadrant].append(point.name)
    return StakeholderMap(points=points, unplaced=unplaced, quadrants=quadrants)


# -- Representativeness -----------------------------------------------------------------


@dataclass
class Coverage:
    covered: list[str]
    missing: list[str]


@dataclass
class CompositionRow:
    group: str
    count: int | None
    share: float | None  # of the people counted
    community_share: float | None
    community_interval: str
    community_year: int | None
    community_quality: str

    @property
    def share_text(self) -> str:
        return _percent(self.share)

    @property
    def community_text(self) -> str:
        return _percent(self.community_share)


def _percent(value: float | None) -> str:
    return "" if value is None else f"{value:.0%}"


@dataclass
class Representativeness:
    sectors: Coverage
    pillars: Coverage
    people: int
    answered: int  # said yes or no about lived experience of poverty
    lived_yes: int
    declined: int
    lived_share: float | None
    composition: list[CompositionRow]
    composition_total: int
    composition_note: str
    community_source: str  # "" when the metrics have no shares for this place

    @property
    def lived_text(self) -> str:
        return _percent(self.lived_share)


def representativeness(*, plan: Plan) -> Representativeness:
    overview = coalition_overview(plan=plan)
    pillars = pillar_choices()
    covered_pillars = set()
    for org in OrganisationProfile.objects.filter(organisation__plan=plan):
        covered_pillars.update(org.pillars)
    for group in WorkingGroup.objects.filter(plan=plan):
        covered_pillars.update(group.pillars)
    answers = list(Person.objects.filter(plan=plan).values_list("lived_experience", flat=True))
    yes = answers.count(LivedExperience.YES)
    answered = yes + answers.count(LivedExperience.NO)
    rows, total, note, source = _composition(plan)
    return Representativeness(
        sectors=Coverage(
            covered=_labels(overview.sectors, SECTOR_LABELS),
            missing=[
                label
                for value, label in Sector.choices
                if value not in overview.sectors and value != Sector.OTHER
            ],
        ),
        pillars=Coverage(
            covered=[name for slug, name in pillars if slug in covered_pillars],
            missing=[name for slug, name in pillars if slug not in covered_pillars],
        ),
        people=len(answers),
        answered=answered,
        lived_yes=yes,
        declined=answers.count(LivedExperience.DECLINED),
        lived_share=yes / answered if answered else None,
        composition=rows,
        composition_total=total,
        composition_note=note,
        community_source=source,
    )


def _composition(plan: Plan) -> tuple[list[CompositionRow], int, str, str]:
    coalition = getattr(plan, "coalition", None)
    counts: dict[str, int] = coalition.composition if coalition else {}
    total = sum(counts.values())
    community = community_shares(geography_id=plan.geography_id)
    rows = []
    for value, label in RaceGroup.choices:
        count = counts.get(value)
        found = community.get(value)
        rows.append(
            CompositionRow(
                group=label,
                count=count,
                share=count / total if count is not None and total else None,
                community_share=found.value if found else None,
                community_interval=_interval(found.lb, found.ub) if found else "",
                community_year=found.year if found else None,
                community_quality=found.quality if found else "",
            )
        )
    source = ""
    if community:
        years = sorted({v.year for v in community.values()})
        source = "Urban Institute, Mobility Metrics, " + ", ".join(str(y) for y in years)
    return rows, total, coalition.composition_note if coalition else "", source


def _interval(lb: float | None, ub: float | None) -> str:
    if lb is None or ub is None:
        return ""
    return f"{lb:.0%} to {ub:.0%}"


@dataclass(frozen=True)
class CommunityShare:
    year: int
    value: float
    lb: float | None
    ub: float | None
    quality: str  # "Strong", "Marginal", "Weak" or "Not rated"


def community_shares(*, geography_id: int) -> dict[str, CommunityShare]:
    """Residents' shares by race and ethnicity for a place, by group: the latest year of the
    whole-population series, preferring the combined release file when both have it."""
    slugs = {f"share_desc_rep_{g.value}": g.value for g in RaceGroup}
    series = Series.objects.filter(
        geography_id=geography_id, metric__slug__in=slugs, subgroup__type="all"
    ).values_list("metric__slug", "dataset__has_subgroups", "points")
    best: dict[str, tuple[tuple[int, bool], CommunityShare]] = {}
    for slug, has_subgroups, points in series:
        usable = [p for p in points or [] if p[1] is not None]
        if not usable:
            continue
        year, value, lb, ub, quality = usable[-1][:5]
        rank = (int(year), not has_subgroups)  # latest year; the combined file at a tie
        if slugs[slug] not in best or rank > best[slugs[slug]][0]:
            label = quality_label(quality) or "Not rated"
            best[slugs[slug]] = (rank, CommunityShare(int(year), float(value), lb, ub, label))
    return {group: share for group, (_, share) in best.items()}
