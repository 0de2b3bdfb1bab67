from __future__ import annotations

import pytest

from engagement import services
from engagement.models import Finding
from engagement.tests.conftest import ESCAPED, HOSTILE, page_url
from metrics.models import Pillar, Predictor
from metrics.selectors.profiles import profile_for
from plans.models import InsightStatus, Plan, PlanInsight

pytestmark = pytest.mark.django_db

HOUSING = "opportunity-rich-inclusive-neighborhoods/housing-affordability"


def _insight(plan: Plan, statement: str, status: str = InsightStatus.KEPT) -> PlanInsight:
    return PlanInsight.objects.create(plan=plan, statement=statement, status=status)


def _predictor(slug: str) -> Predictor:
    return Predictor.objects.get(slug=slug)


def test_an_editor_writes_a_finding_with_its_evidence(editor, plan, activity) -> None:
    insight = _insight(plan, "Fewer adults work here than in most Illinois counties.")
    theme = services.theme_create(plan=plan, name="Jobs")
    services.feedback_create(activity=activity, text="No work nearby", themes=[theme])
    response = editor.post(
        page_url(plan, "findings/new/"),
        {"statement": "Work is hard to reach without a car.",
         "predictor": "rewarding-work/employment-opportunities",
         "mobility_part": "economic-success", "metrics": ["share_employed"],
         "insights": [str(insight.uuid)], "themes": [str(theme.uuid)],
         "evidence_note": "Transit agency route map"},
    )  # fmt: skip
    assert response.status_code == 302
    finding = Finding.objects.get(plan=plan)
    assert finding.predictor.name == "Employment opportunities"
    assert finding.pillar.name == "Rewarding Work"
    assert finding.metric_slugs == ["share_employed"]
    page = editor.get(page_url(plan, "findings/")).content.decode()
    latest = profile_for(geoid="17201").metric("share_employed").latest
    assert latest is not None
    assert f"{latest.text} in {latest.year}" in page
    assert "the theme “Jobs”, 1 feedback item." in page
    assert "Fewer adults work here" in page and "Transit agency route map" in page


def test_the_summary_starts_with_kept_insights_and_groups_findings_by_pillar(viewer, plan) -> None:
    _insight(plan, "Kept insight about rent.")
    _insight(plan, "Dismissed insight.", status=InsightStatus.DISMISSED)
    education = Pillar.objects.get(slug="high-quality-education")
    services.finding_save(plan=plan, statement="Preschool seats are scarce.", pillar=education)
    services.finding_save(
        plan=plan, statement="Rents outpace wages.", predictor=_predictor("housing-affordability")
    )
    services.finding_save(plan=plan, statement="Trust in institutions is low.")
    page = viewer.get(page_url(plan, "findings/")).content.decode()
    assert page.index("Preliminary insights") < page.index("Kept insight about rent.")
    assert "Dismissed insight." not in page
    neighborhoods = page.index('<h2 id="pillar-1">Opportunity-Rich and Inclusive Neighborhoods')
    assert neighborhoods < page.index("Rents outpace wages.")
    assert page.index("Rents outpace wages.") < page.index("High-Quality Education")
    assert page.index("High-Quality Education") < page.index("Preschool seats are scarce.")
    assert page.index("Across the pillars") < page.index("Trust in institutions is low.")


def test_a_predictor_outside_its_pillar_is_refused(plan) -> None:
    education = Pillar.objects.get(slug="high-quality-education")
    with pytest.raises(Exception, match="is not a predictor of"):
        services.finding_save(
            plan=plan, statement="x", pillar=education, predictor=_predictor("housing-stability")
        )


def test_an_unknown_metric_is_refused_beside_the_field(editor, plan) -> None:
    response = editor.post(
        page_url(plan, "findings/new/"), {"statement": "x", "metrics": ["share_of_nothing"]}
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Finding.objects.exists()


def test_insights_of_another_plan_or_dismissed_ones_are_not_evidence(plan) -> None:
    other = Plan.objects.exclude(pk=plan.pk).get()
    for insight in (_insight(other, "Theirs"), _insight(plan, "No", InsightStatus.DISMISSED)):
        with pytest.raises(Exception, match="Choose insights this plan kept"):
            services.finding_save(plan=plan, statement="x", insights=[insight])
    assert not Finding.objects.exists()


def test_an_empty_statement_is_refused(editor, plan) -> None:
    response = editor.post(page_url(plan, "findings/new/"), {"statement": ""})
    assert "This field is required" in response.content.decode()
    assert not Finding.objects.exists()


def test_an_editor_changes_and_deletes_a_finding(editor, plan) -> None:
    finding = services.finding_save(plan=plan, statement="First wording")
    edit = page_url(plan, f"findings/{finding.uuid}/")
    assert "First wording" in editor.get(edit).content.decode()
    editor.post(edit, {"statement": "Second wording", "predictor": HOUSING})
    finding.refresh_from_db()
    assert (
        finding.statement == "Second wording" and finding.predictor.slug == "housing-affordability"
    )
    editor.post(page_url(plan, f"findings/{finding.uuid}/delete/"))
    assert not Finding.objects.exists()


def test_viewers_and_contributors_read_findings_but_may_not_write_them(
    viewer, contributor, plan
) -> None:
    finding = services.finding_save(plan=plan, statement="Rents outpace wages.")
    for client in (viewer, contributor):
        assert "Rents outpace wages." in client.get(page_url(plan, "findings/")).content.decode()
        assert client.post(page_url(plan, "findings/new/"), {"statement": "x"}).status_code == 403
        edit = page_url(plan, f"findings/{finding.uuid}/")
        assert client.post(edit, {"statement": "x"}).status_code == 403
        assert client.post(edit + "delete/").status_code == 403
    finding.refresh_from_db()
    assert finding.statement == "Rents outpace wages."


def test_a_finding_of_another_plan_is_not_found_through_ours(owner, plan) -> None:
    theirs = services.finding_save(plan=Plan.objects.exclude(pk=plan.pk).get(), statement="x")
    assert owner.get(page_url(plan, f"findings/{theirs.uuid}/")).status_code == 404


def test_local_indicators_are_evidence_with_their_latest_value(editor, plan) -> None:
    from localdata.models import DataSource, Indicator, IndicatorValue

    source = DataSource.objects.create(plan=plan, name="School district", type="administrative",
                                       access="public")  # fmt: skip
    indicator = Indicator.objects.create(
        plan=plan, name="Families on the housing wait list", unit="count", direction="lower",
        source=source,
    )  # fmt: skip
    IndicatorValue.objects.create(indicator=indicator, year=2024, value=1830)
    response = editor.post(
        page_url(plan, "findings/new/"),
        {
            "statement": "Waits for housing help are long.",
            "local_indicators": [str(indicator.uuid)],
        },
    )
    assert response.status_code == 302
    page = editor.get(page_url(plan, "findings/")).content.decode()
    assert "Families on the housing wait list" in page and "in 2024" in page


def test_findings_and_evidence_typed_by_people_are_shown_escaped(viewer, plan) -> None:
    theme = services.theme_create(plan=plan, name=HOSTILE)
    insight = _insight(plan, HOSTILE)
    services.finding_save(
        plan=plan, statement=HOSTILE, themes=[theme], insights=[insight], evidence_note=HOSTILE
    )
    for path in ("findings/", "summary/"):
        page = viewer.get(page_url(plan, path)).content.decode()
        assert ESCAPED in page and HOSTILE not in page, path
