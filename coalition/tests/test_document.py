from __future__ import annotations

import datetime

import pytest

from coalition import services
from coalition.document import map_section, roster_table
from coalition.models import RaceGroup
from reports.blocks import BulletList, Paragraph, Table

pytestmark = pytest.mark.django_db


def text_of(section) -> str:  # type: ignore[no-untyped-def]
    parts = []
    for block in section.blocks:
        if isinstance(block, Paragraph):
            parts.append(block.text)
        elif isinstance(block, BulletList):
            parts += block.items
        elif isinstance(block, Table):
            parts += [block.caption, *block.header, *(c for row in block.rows for c in row)]
        else:
            parts.append(getattr(block, "text", ""))
    return "\n".join(parts)


def test_there_is_no_coalition_section_before_anyone_is_on_the_roster(plan) -> None:
    assert map_section(plan=plan) is None and roster_table(plan=plan) is None


def test_the_section_names_leaders_organisations_groups_and_the_launch(plan, roster) -> None:
    services.working_group_save(
        plan=plan,
        name="Jobs table",
        purpose="",
        chair=roster["partner"],
        pillars=["rewarding-work"],
        members=[],
    )
    services.launch_record(
        plan=plan, date=datetime.date(2026, 5, 2), place="City Hall", attendance=60, notes=""
    )
    section = map_section(plan=plan)
    assert section is not None and section.key == "coalition"
    text = text_of(section)
    assert "3 people from 2 organizations across 2 sectors" in text
    assert "launched on May 2, 2026 at City Hall, with 60 people taking part" in text
    assert "Dana Advocate" in text and "Mobility Advocate, Management team" in text
    assert "Jobs table" in text and "Rock River Homes" in text
    assert "Sectors not yet at the table:" in text


def test_private_answers_and_email_never_reach_the_document(plan, roster) -> None:
    text = text_of(map_section(plan=plan)) + text_of_table(roster_table(plan=plan))
    assert "lee@example.org" not in text and "Grew up in Rockford" not in text
    assert "Prefer not to say" not in text
    # Two answers only: the total could point at someone, so it is held back.
    assert "too few members answered" in text and "50%" not in text


def text_of_table(table: Table | None) -> str:
    assert table is not None
    return "\n".join(c for row in table.rows for c in row)


def test_the_lived_experience_total_is_shown_once_enough_people_answered(plan, roster) -> None:
    for n in range(3):
        services.person_create(plan=plan, name=f"Resident {n}", lived_experience="yes")
    assert "4 of the 5 members who answered (80%)" in text_of(map_section(plan=plan))


def test_composition_appears_beside_residents_shares_with_the_source(plan, roster) -> None:
    services.composition_record(plan=plan, counts={RaceGroup.BLACK: 2, RaceGroup.WHITE: 2}, note="")
    table = map_section(plan=plan).blocks[-1]
    assert isinstance(table, Table) and "Urban Institute" in table.caption
    assert table.rows[0][:3] == ["Black, non-Hispanic", "2", "50%"]
    assert table.rows[0][4].isdigit()  # the year of the residents' share


def test_the_appendix_roster_lists_everyone_without_private_fields(plan, roster) -> None:
    table = roster_table(plan=plan)
    assert table is not None and table.header == ["Name", "Title", "Organization", "Roles"]
    assert [row[0] for row in table.rows] == ["Dana Advocate", "Lee Manager", "Pat Partner"]


def test_markup_typed_by_people_stays_plain_text_for_the_renderers(plan) -> None:
    services.person_create(plan=plan, name="<b>Bold</b>", roles=["advocate"])
    text = text_of(map_section(plan=plan))
    assert "<b>Bold</b>" in text  # plain text: the renderers escape it


def test_the_plan_document_shows_the_section_with_typed_markup_escaped(plan) -> None:
    from reports.renderers import html_render
    from reports.selectors import map_document

    services.person_create(plan=plan, name="<script>alert(1)</script>", roles=["advocate"])
    html = html_render(document=map_document(plan=plan))
    assert "The coalition and how it worked" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)</script>" not in html
