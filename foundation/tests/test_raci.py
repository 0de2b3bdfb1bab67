from __future__ import annotations

import csv
import io

from django.urls import reverse

from foundation.models import RaciEntry


def url(name: str, plan) -> str:  # type: ignore[no-untyped-def]
    return reverse(f"foundation:{name}", args=[plan.code])


def cell(kind: str, subject, column: str) -> str:  # type: ignore[no-untyped-def]
    return f"{kind}|{subject.uuid}|{column}"


def test_an_editor_sets_roles_in_the_grid_and_a_missing_accountable_is_warned(
    editor, plan, action, measure, library, clinic
):
    page = editor.get(url("raci", plan)).content.decode()
    assert 'aria-label="Rockford Public Library on Living-wage pledge"' in page
    assert "Nobody is accountable" in page
    data = {
        "cell|" + cell("a", action, f"o{library.pk}"): "A",
        "was|" + cell("a", action, f"o{library.pk}"): "",
        "cell|" + cell("a", action, f"o{clinic.pk}"): "C",
        "was|" + cell("a", action, f"o{clinic.pk}"): "",
        "cell|" + cell("m", measure, f"o{clinic.pk}"): "R",
        "was|" + cell("m", measure, f"o{clinic.pk}"): "",
    }
    assert editor.post(url("raci", plan), data).status_code == 302
    roles = {
        (e.action_id, e.measure_id, e.organisation_id): e.role for e in RaciEntry.objects.all()
    }
    assert roles == {(action.pk, None, library.pk): "A", (action.pk, None, clinic.pk): "C",
                     (None, measure.pk, clinic.pk): "R"}  # fmt: skip
    page = editor.get(url("raci", plan)).content.decode()
    assert page.count("Nobody is accountable") == 1  # the measure still has none


def test_two_accountable_parties_are_warned(viewer, plan, action, library, clinic):
    for org in (library, clinic):
        RaciEntry.objects.create(plan=plan, action=action, organisation=org, role="A")
    assert "2 are accountable: keep exactly one." in viewer.get(url("raci", plan)).content.decode()


def test_a_member_of_the_plan_takes_a_role_and_clearing_a_cell_removes_it(
    editor, plan, action, member
):
    key = cell("a", action, f"m{member('contributor').uuid}")
    editor.post(url("raci", plan), {f"cell|{key}": "R", f"was|{key}": ""})
    assert RaciEntry.objects.get().member == member("contributor")
    editor.post(url("raci", plan), {f"cell|{key}": "", f"was|{key}": "R"})
    assert not RaciEntry.objects.exists()


def test_a_grid_loaded_before_someone_elses_change_is_refused_whole(
    editor, plan, action, library, clinic
):
    RaciEntry.objects.create(plan=plan, action=action, organisation=library, role="R")
    first, second = cell("a", action, f"o{clinic.pk}"), cell("a", action, f"o{library.pk}")
    page = editor.post(url("raci", plan), {f"cell|{first}": "I", f"was|{first}": "",
                                           f"cell|{second}": "A", f"was|{second}": ""})  # fmt: skip
    assert page.status_code == 409
    assert "changed since you opened it" in page.content.decode()
    assert list(RaciEntry.objects.values_list("role", flat=True)) == ["R"]


def test_a_forged_role_or_key_is_refused_and_nothing_saved(editor, plan, action, library):
    key = cell("a", action, f"o{library.pk}")
    assert editor.post(url("raci", plan), {f"cell|{key}": "Z", f"was|{key}": ""}).status_code == 400
    bad = f"a|{action.uuid}|o999999"
    assert editor.post(url("raci", plan), {f"cell|{bad}": "R", f"was|{bad}": ""}).status_code == 400
    assert editor.post(url("raci", plan), {"cell|a|x": "R"}).status_code == 400
    assert not RaciEntry.objects.exists()


def test_viewers_read_the_matrix_without_selects_and_may_not_post(
    viewer, contributor, plan, action, library
):
    RaciEntry.objects.create(plan=plan, action=action, organisation=library, role="A")
    page = viewer.get(url("raci", plan)).content.decode()
    assert '<abbr title="Accountable">A</abbr>' in page and "<select" not in page
    key = cell("a", action, f"o{library.pk}")
    for client in (viewer, contributor):
        assert (
            client.post(url("raci", plan), {f"cell|{key}": "", f"was|{key}": "A"}).status_code
            == 403
        )
    assert RaciEntry.objects.count() == 1


def test_the_csv_lists_every_action_and_measure_with_formulas_defused(
    viewer, plan, action, measure, library
):
    library.name = "=HYPERLINK(1)"
    library.save()
    RaciEntry.objects.create(plan=plan, action=action, organisation=library, role="A")
    response = viewer.get(url("raci-csv", plan))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert "'=HYPERLINK(1)" in rows[0]
    column = rows[0].index("'=HYPERLINK(1)")
    assert rows[1][:2] == ["action", "Living-wage pledge"] and rows[1][column] == "A"
    assert rows[2][0] == "measure" and rows[2][-1].startswith("Nobody is accountable")


def test_names_typed_by_people_are_shown_escaped(viewer, plan, action, plan_org=None):
    action.title = "<script>alert(1)</script>"
    action.save()
    page = viewer.get(url("raci", plan)).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert(1)" not in page


def test_outsiders_get_404_and_anonymous_people_are_sent_to_sign_in(outsider, anonymous, plan):
    for name in ("raci", "raci-csv"):
        assert outsider.get(url(name, plan)).status_code == 404
        assert anonymous.get(url(name, plan)).status_code == 302
    assert outsider.post(url("raci", plan), {}).status_code == 404


def test_markup_in_names_is_escaped_in_the_editors_grid_too(editor, plan, action, library):
    library.name = '"><img src=x onerror=alert(1)>'
    library.save()
    action.title = "<b>Pledge</b>"
    action.save()
    page = editor.get(url("raci", plan)).content.decode()
    assert "<img src=x" not in page and "<b>Pledge</b>" not in page
    assert 'aria-label="&quot;&gt;&lt;img src=x onerror=alert(1)&gt; on &lt;b&gt;Pledge' in page
