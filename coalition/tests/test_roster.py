from __future__ import annotations

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from coalition.models import CoalitionRole, Person
from coalition.roster import COLUMNS, roster_import, roster_read, roster_template_csv
from plans.models import Organisation, Plan

pytestmark = pytest.mark.django_db
HEADER = ",".join(COLUMNS)


def url(plan: Plan, page: str) -> str:
    return f"/plans/{plan.code}/coalition/{page}"


def csv_bytes(*lines: str) -> bytes:
    return ("\n".join([HEADER, *lines]) + "\n").encode()


def test_a_good_roster_loads_people_roles_and_new_organisations(plan) -> None:
    data = csv_bytes(
        "Ana Ruiz,Director,ana@example.org,Region 1 Planning Council,,"
        '"Mobility Advocate; management",prefer not to say',
        "Sam Lee,Organiser,,Eastside Tenants Union,residents,working-group member,yes",
    )
    result, problems = roster_import(plan=plan, data=data)
    assert problems == [] and result is not None
    assert (result.added, result.updated, result.organisations_added) == (2, 0, 1)
    ana = Person.objects.get(plan=plan, name="Ana Ruiz")
    assert ana.roles == [CoalitionRole.ADVOCATE, CoalitionRole.MANAGEMENT]
    assert ana.organisation == plan.lead_organisation and ana.lived_experience == "declined"
    assert Organisation.objects.get(plan=plan, name="Eastside Tenants Union").kind == "residents"


def test_loading_the_same_roster_twice_updates_rather_than_doubles(plan) -> None:
    data = csv_bytes("Ana Ruiz,Director,ana@example.org,,,champion,")
    roster_import(plan=plan, data=data)
    result, _ = roster_import(plan=plan, data=csv_bytes("Ana Ruiz,Chief,ANA@example.org,,,,"))
    assert result is not None and (result.added, result.updated) == (0, 1)
    assert Person.objects.get(plan=plan).title == "Chief"


def test_problems_name_their_line_and_column_and_nothing_is_loaded(plan) -> None:
    data = csv_bytes(
        "Good Person,,,,,,",
        ",Nameless,,,,,",
        "Bad Mail,,not-mail,,,,",
        "Odd Role,,,,,wizard; champion,",
        "New Org,,,Brand New Org,,,",
        "Kindless,,,Other Org,spaceship,,",
        "Unsure,,,,,,maybe",
        "Good Person,,,,,,",
    )
    result, problems = roster_import(plan=plan, data=data)
    assert result is None
    found = {(p.line, p.column) for p in problems}
    assert found == {
        (3, "name"),
        (4, "email"),
        (5, "roles"),
        (6, "organisation_kind"),
        (7, "organisation_kind"),
        (8, "lived_experience"),
        (9, "name"),
    }
    assert "“wizard” is not a role" in str(next(p for p in problems if p.column == "roles"))
    assert not Person.objects.filter(plan=plan).exists()
    assert not Organisation.objects.filter(plan=plan, name="Brand New Org").exists()


def test_a_file_missing_a_column_is_refused_with_the_column_named() -> None:
    read = roster_read(data=b"name,title,email\nAna,,\n")
    assert read.rows == []
    assert {p.column for p in read.problems} == {
        "organisation",
        "organisation_kind",
        "roles",
        "lived_experience",
    }
    assert all(p.line == 1 for p in read.problems)


def test_a_line_with_too_many_cells_is_named_by_its_line() -> None:
    read = roster_read(data=csv_bytes("Ana,,,,,,", "Bo,,,,,,,extra"))
    assert [(p.line, p.message) for p in read.problems] == [
        (3, "This line has 8 cells; the header has 7.")
    ]


def test_a_file_that_is_not_utf8_is_refused_with_its_line() -> None:
    read = roster_read(data=csv_bytes("Ana,,,,,,", "Jos\xe9,,,,,,").decode().encode("latin-1"))
    assert read.problems[0].line == 3 and "UTF-8" in read.problems[0].message


def test_an_empty_file_and_a_header_without_people_are_refused(plan) -> None:
    assert roster_import(plan=plan, data=b"")[1][0].message == "The file is empty."
    result, problems = roster_import(plan=plan, data=csv_bytes())
    assert result is None and "no people" in problems[0].message


def test_the_template_loads_as_it_is(plan) -> None:
    result, problems = roster_import(plan=plan, data=roster_template_csv().encode())
    assert problems == [] and result is not None and result.added == 2


def test_the_import_page_lists_problems_by_line_and_column(editor, plan) -> None:
    upload = SimpleUploadedFile("roster.csv", csv_bytes(",,,,,,x"), content_type="text/csv")
    response = editor.post(url(plan, "roster/import/"), {"file": upload})
    page = response.content.decode()
    assert response.status_code == 200
    assert (
        "Nothing was loaded" in page
        and "lived_experience" in page
        and '<th scope="row">2</th>' in page
    )


def test_the_import_page_loads_a_good_file_and_says_how_many(editor, plan) -> None:
    upload = SimpleUploadedFile("roster.csv", csv_bytes("Ana,,,,,champion,"))
    response = editor.post(url(plan, "roster/import/"), {"file": upload}, follow=True)
    assert "Roster loaded: 1 added" in response.content.decode()


def test_a_viewer_may_not_import_or_download_the_template(viewer, plan) -> None:
    upload = SimpleUploadedFile("roster.csv", csv_bytes("Ana,,,,,,"))
    assert viewer.post(url(plan, "roster/import/"), {"file": upload}).status_code == 403
    assert viewer.get(url(plan, "roster/template.csv")).status_code == 403
    assert not Person.objects.filter(plan=plan).exists()


def test_the_roster_export_reads_back_in_and_defuses_formulas(editor, plan, roster) -> None:
    Person.objects.create(plan=plan, name="=HYPERLINK(1)", roles=["partner"])
    response = editor.get(url(plan, "roster.csv"))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    by_name = {r["name"]: r for r in rows}
    assert by_name["'=HYPERLINK(1)"]["roles"] == "Stakeholder partner"
    assert by_name["Dana Advocate"]["lived_experience"] == "yes"
    assert by_name["Dana Advocate"]["organisation_kind"] == "government"
    result, problems = roster_import(plan=plan, data=response.content)
    assert problems == [] and result is not None and result.added == 0 and result.updated == 4
    assert Person.objects.filter(plan=plan, name="=HYPERLINK(1)").exists()
