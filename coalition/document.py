"""Step 4 in the Mobility Action Plan: the coalition and how it worked, as plain-text
blocks (the renderers escape them). Private answers (lived experience, demographic notes)
and e-mail addresses never appear here; lived experience only as a total, and not at all
while so few answered that the total could point at someone."""

from __future__ import annotations

import datetime

from coalition.models import CoalitionRole
from coalition.selectors import (
    CoalitionOverview,
    Representativeness,
    coalition_overview,
    representativeness,
)
from plans.models import Plan
from reports.blocks import Block, BulletList, Heading, Paragraph, Section, Table

ORDER = 40  # after readiness (30), before the initial understanding (50)
MIN_ANSWERS_SHOWN = 5
LEADING_ROLES = (
    CoalitionRole.ADVOCATE,
    CoalitionRole.MANAGEMENT,
    CoalitionRole.CHAMPION,
    CoalitionRole.GROUP_CHAIR,
)


def _people_word(n: int) -> str:
    return f"{n} {'person' if n == 1 else 'people'}"


def _intro(data: CoalitionOverview) -> Paragraph:
    organisations = [o for o in data.organisations if not o.declined]
    text = (
        f"The Mobility Coalition brings together {_people_word(len(data.people))} from "
        f"{len(organisations)} organization{'s' if len(organisations) != 1 else ''} "
        f"across {len(data.sectors)} sector{'s' if len(data.sectors) != 1 else ''}."
    )
    if data.launch:
        where = f" at {data.launch.place}" if data.launch.place else ""
        came = (
            f", with {_people_word(data.launch.attendance)} taking part"
            if data.launch.attendance
            else ""
        )
        day = datetime.date.fromisoformat(data.launch.date)
        text += f" It was launched on {day:%B} {day.day}, {day.year}{where}{came}."
    return Paragraph(text)


def _leaders(data: CoalitionOverview) -> Table | None:
    rows = [
        [p.name, p.title, p.organisation, ", ".join(p.roles)]
        for p in data.people
        if any(r in LEADING_ROLES for r in p.role_values)
    ]
    if not rows:
        return None
    return Table("Who leads the coalition", ["Name", "Title", "Organization", "Roles"], rows)


def _organisations(data: CoalitionOverview) -> Table | None:
    rows = [
        [o.name, o.sector_label, ", ".join(o.domains), ", ".join(o.pillars)]
        for o in data.organisations
        if not o.declined
    ]
    if not rows:
        return None
    header = ["Organization", "Sector", "Policy domains", "Pillars"]
    return Table("Organizations in the coalition", header, rows)


def _groups(data: CoalitionOverview) -> list[Block]:
    if not data.groups:
        return []
    rows = [[g.name, ", ".join(g.pillars), g.chair, ", ".join(g.members)] for g in data.groups]
    return [
        Heading("Working groups"),
        Table("Working groups", ["Working group", "Focus pillars", "Chair", "Members"], rows),
    ]


def _representativeness(data: Representativeness) -> list[Block]:
    items = [
        "Sectors taking part: " + (", ".join(data.sectors.covered) or "none yet") + ".",
        "Sectors not yet at the table: " + (", ".join(data.sectors.missing) or "none") + ".",
        "Pillars worked on: " + (", ".join(data.pillars.covered) or "none yet") + ".",
        "Pillars nobody works on yet: " + (", ".join(data.pillars.missing) or "none") + ".",
    ]
    if data.answered >= MIN_ANSWERS_SHOWN:
        items.append(
            f"Lived experience of poverty: {data.lived_yes} of the {data.answered} members who "
            f"answered ({data.lived_text})."
        )
    elif data.answered:
        items.append(
            "Lived experience of poverty: too few members answered to share a total without "
            "pointing at someone."
        )
    blocks: list[Block] = [Heading("Does the coalition reflect the community?"), BulletList(items)]
    if data.composition_total:
        header = ["Group", "People in the coalition", "Share of the coalition"]
        if data.community_source:
            header += ["Share of residents", "Year", "95% interval", "Quality"]
        rows = []
        for row in data.composition:
            cells = [row.group, "" if row.count is None else str(row.count), row.share_text]
            if data.community_source:
                cells += [
                    row.community_text or "Not published",
                    str(row.community_year or ""),
                    row.community_interval or "Not published",
                    row.community_quality,
                ]
            rows.append(cells)
        caption = "The coalition's make-up by race and ethnicity"
        if data.community_source:
            caption += f", beside residents' shares (source: {data.community_source})"
        blocks.append(Table(caption, header, rows))
    return blocks


def map_section(*, plan: Plan) -> Section | None:
    """The coalition and the process; None while nobody is on the roster."""
    data = coalition_overview(plan=plan)
    if not data.people:
        return None
    blocks: list[Block] = [_intro(data)]
    leaders = _leaders(data)
    if leaders:
        blocks.append(leaders)
    organisations = _organisations(data)
    if organisations:
        blocks.append(organisations)
    blocks += _groups(data)
    blocks += _representativeness(representativeness(plan=plan))
    return Section("coalition", "The coalition and how it worked", ORDER, blocks)


def roster_table(*, plan: Plan) -> Table | None:
    """Everyone on the roster, for the plan's appendix: name, title, organization, roles."""
    rows = [
        [p.name, p.title, p.organisation, ", ".join(p.roles)]
        for p in coalition_overview(plan=plan).people
    ]
    if not rows:
        return None
    return Table(
        "Members of the Mobility Coalition", ["Name", "Title", "Organization", "Roles"], rows
    )
