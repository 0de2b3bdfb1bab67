from __future__ import annotations

import datetime

import pytest

from coalition import services
from coalition.models import CoalitionRole, RaceGroup
from coalition.selectors import community_shares, representativeness, stakeholder_map
from metrics.models import Geography
from plans.models import Plan
from plans.steps import COMPLETE, IN_PROGRESS, NOT_STARTED, plan_steps

pytestmark = pytest.mark.django_db


def step4(plan: Plan):  # type: ignore[no-untyped-def]
    return plan_steps(plan=plan)[3]


def test_step_four_waits_until_someone_is_on_the_roster(plan) -> None:
    status = step4(plan)
    assert status.state == NOT_STARTED and "Mobility Advocate" in status.next_action


def test_step_four_is_in_progress_with_people_and_says_what_is_missing(plan, roster) -> None:
    status = step4(plan)
    assert status.state == IN_PROGRESS
    assert "3 people in the coalition" in status.done
    assert status.next_action.startswith("Bring in partners from at least 3 sectors")
    assert "record the launch" in status.next_action


def test_step_four_is_complete_with_advocate_team_three_sectors_and_a_launch(
    owner, plan, roster
) -> None:
    services.organisation_create(plan=plan, name="Rockford Public Schools", kind="school")
    services.launch_record(
        plan=plan, date=datetime.date(2026, 5, 2), place="Library", attendance=40, notes=""
    )
    assert step4(plan).state == COMPLETE
    page = owner.get(f"/plans/{plan.code}/").content.decode()
    assert "Launched on 2026-05-02" in page


def test_an_organisation_that_declined_does_not_count_as_a_sector(plan, roster) -> None:
    school = services.organisation_create(plan=plan, name="Schools", kind="school").organisation
    services.launch_record(
        plan=plan, date=datetime.date(2026, 5, 2), place="", attendance=None, notes=""
    )
    services.join_request_save(
        plan=plan, organisation=school, asked_on=datetime.date(2026, 1, 5), answer="no"
    )
    assert step4(plan).state == IN_PROGRESS


def test_the_stakeholder_map_places_people_and_organisations_in_named_quadrants(
    viewer, plan, roster
) -> None:
    services.person_update(person=roster["advocate"], influence=5, interest=5)
    services.person_update(person=roster["manager"], influence=5, interest=5)
    services.person_update(person=roster["partner"], influence=1, interest=4)
    data = stakeholder_map(plan=plan)
    assert data.quadrants["Core partners: involve them closely"] == [
        "Dana Advocate",
        "Lee Manager",
    ]
    assert data.quadrants["Lift their voice: share power and resources"] == ["Pat Partner"]
    assert "Rock River Homes" in data.unplaced
    page = viewer.get(f"/plans/{plan.code}/coalition/map/").content.decode()
    assert 'data-vega-spec="spec-stakeholders"' in page and "<details" in page
    assert "<caption>People and organizations by influence and interest</caption>" in page


def test_the_map_spec_renders_and_keeps_points_that_share_a_cell_apart(plan, roster) -> None:
    from coalition.charts import stakeholder_map_spec
    from metrics.charts import chart_render

    for person in roster.values():
        services.person_update(person=person, influence=4, interest=4)
    points = stakeholder_map(plan=plan).points
    spec = stakeholder_map_spec(points=points, place="Winnebago County, Illinois")
    drawn = spec["layer"][-1]["data"]["values"]
    assert len({(r["x"], r["y"]) for r in drawn}) == 3
    assert {(r["influence"], r["interest"]) for r in drawn} == {(4, 4)}
    svg = chart_render(spec=spec, fmt="svg")
    assert (svg.decode() if isinstance(svg, bytes) else svg).lstrip().startswith("<svg")


def test_representativeness_counts_sectors_pillars_and_lived_experience(plan, roster) -> None:
    data = representativeness(plan=plan)
    assert data.sectors.covered == ["Government", "Nonprofit"]
    assert "Education" in data.sectors.missing and "Other" not in data.sectors.missing
    assert data.pillars.covered == ["Rewarding Work"]
    assert len(data.pillars.missing) == 4
    assert (data.people, data.answered, data.lived_yes, data.declined) == (3, 2, 1, 1)
    assert data.lived_text == "50%"


def test_composition_is_compared_with_residents_shares_from_the_metrics(
    editor, plan, roster
) -> None:
    shares = community_shares(geography_id=plan.geography_id)
    if not shares:  # the slice must hold Winnebago's shares for this test to mean anything
        pytest.fail("No residents' shares for Winnebago County in the test slice.")
    response = editor.post(
        f"/plans/{plan.code}/coalition/representativeness/",
        {RaceGroup.BLACK: "3", RaceGroup.HISPANIC: "1", RaceGroup.WHITE: "6", "note": "Survey"},
    )
    assert response.status_code == 302
    data = representativeness(plan=plan)
    black = data.composition[0]
    assert (black.count, black.share_text) == (3, "30%")
    assert black.community_share == shares[RaceGroup.BLACK].value
    assert black.community_quality in ("Strong", "Marginal", "Weak", "Not rated")
    page = editor.get(f"/plans/{plan.code}/coalition/representativeness/").content.decode()
    assert "Share of residents" in page and "Urban Institute" in page


def test_without_residents_shares_the_coalitions_own_numbers_are_shown(editor, people) -> None:
    from plans.services import plan_create

    place = Geography.objects.create(
        geoid="99999", kind="county", name="Nowhere County", state_fips="99", state_name="Nowhere"
    )
    other = plan_create(
        user=people["editor"],
        title="Nowhere plan",
        geography=place,
        lead_name="Nowhere",
        lead_kind="government",
    )
    services.composition_record(plan=other, counts={RaceGroup.OTHER: 4}, note="")
    page = editor.get(f"/plans/{other.code}/coalition/representativeness/").content.decode()
    assert "only the coalition's own numbers are shown" in page and "100%" in page


def test_a_negative_count_is_refused_beside_the_field(editor, plan) -> None:
    response = editor.post(
        f"/plans/{plan.code}/coalition/representativeness/", {RaceGroup.BLACK: "-1"}
    )
    assert response.status_code == 200
    assert "greater than or equal to 0" in response.content.decode()


def test_a_viewer_may_not_record_the_composition(viewer, plan) -> None:
    url = f"/plans/{plan.code}/coalition/representativeness/"
    assert viewer.post(url, {RaceGroup.BLACK: "2"}).status_code == 403


def test_roles_from_working_groups_count_on_the_roster(plan, roster) -> None:
    services.working_group_save(
        plan=plan,
        name="Jobs",
        purpose="",
        pillars=["rewarding-work"],
        chair=roster["manager"],
        members=[],
    )
    data = representativeness(plan=plan)
    assert "Rewarding Work" in data.pillars.covered
    from coalition.selectors import people_rows

    lee = next(r for r in people_rows(plan=plan) if r.name == "Lee Manager")
    assert lee.role_values == [
        CoalitionRole.MANAGEMENT,
        CoalitionRole.GROUP_MEMBER,
        CoalitionRole.GROUP_CHAIR,
    ]


def test_the_stakeholder_map_downloads_as_svg_and_png_for_members_only(
    viewer, outsider, plan, roster
) -> None:
    services.person_update(person=roster["advocate"], influence=5, interest=5)
    svg = viewer.get(f"/plans/{plan.code}/coalition/map.svg")
    assert svg["Content-Type"] == "image/svg+xml" and b"<svg" in svg.content[:200]
    png = viewer.get(f"/plans/{plan.code}/coalition/map.png")
    assert png.content[:8] == b"\x89PNG\r\n\x1a\n"
    assert viewer.get(f"/plans/{plan.code}/coalition/map.gif").status_code == 404
    assert outsider.get(f"/plans/{plan.code}/coalition/map.svg").status_code == 404
