from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from strategy.models import ActionStatus
from tracking.imports import updates_csv_import
from tracking.models import ProgressUpdate, ReviewState
from tracking.services import tracking_settings_set

TODAY = dt.date(2026, 11, 23)
HEADER = "action,date,status,percent_complete,narrative,blockers,next_steps,link\n"


def csv_of(*lines: str) -> bytes:
    return (HEADER + "".join(line + "\n" for line in lines)).encode()


def test_a_good_file_loads_every_update_and_sets_statuses(plan, action, other_action, people):
    content = csv_of(
        f"{action.uuid},2026-03-31,on-track,20,Five employers signed.,,Meet again,https://a.org/x",
        "Job fair,2026-04-02,At risk,,Venue fell through.,No venue,,",
        "Job fair,2026-05-02,off-track,10%,Still no venue.,,,",
    )
    outcome = updates_csv_import(plan=plan, user=people["editor"], content=content, today=TODAY)
    assert outcome.ok and outcome.loaded == 3
    action.refresh_from_db()
    other_action.refresh_from_db()
    assert action.status == ActionStatus.ON_TRACK
    assert other_action.status == ActionStatus.OFF_TRACK
    assert ProgressUpdate.objects.get(action=action).links == ["https://a.org/x"]


def test_problems_are_listed_by_line_and_column_and_nothing_loads(plan, action, people):
    content = csv_of(
        "Living-wage pledge,2026-03-31,on-track,20,Fine.,,,",
        "No such action,31/03/2026,sideways,250,,,,ftp://x",
        "Living-wage pledge,2031-01-01,on-track,,Future.,,,",
    )
    outcome = updates_csv_import(plan=plan, user=people["editor"], content=content, today=TODAY)
    found = {(p.line, p.column) for p in outcome.problems}
    assert {(3, "action"), (3, "date"), (3, "status"), (3, "percent_complete"),
            (3, "narrative"), (3, "link"), (4, "date")} <= found  # fmt: skip
    assert outcome.loaded == 0 and not ProgressUpdate.objects.exists()


def test_a_file_missing_required_columns_is_refused_at_the_header(plan, action, people):
    outcome = updates_csv_import(
        plan=plan, user=people["editor"], content=b"action,when\nX,2026-01-01\n", today=TODAY
    )
    assert {(p.line, p.column) for p in outcome.problems} >= {
        (1, "date"),
        (1, "status"),
        (1, "when"),
    }


def test_a_contributor_loads_only_updates_on_actions_they_own_or_back_up(
    plan, action, other_action, people
):
    content = csv_of(
        "Living-wage pledge,2026-03-31,on-track,,Mine.,,,",
        "Job fair,2026-03-31,on-track,,Not mine.,,,",
    )
    outcome = updates_csv_import(
        plan=plan, user=people["contributor"], content=content, today=TODAY
    )
    assert [(p.line, p.column) for p in outcome.problems] == [(3, "action")]
    assert not ProgressUpdate.objects.exists()
    viewer = updates_csv_import(plan=plan, user=people["viewer"], content=content, today=TODAY)
    assert viewer.problems and viewer.loaded == 0


def test_with_review_on_a_contributors_csv_updates_wait(plan, action, people):
    tracking_settings_set(plan=plan, review_contributor_updates=True)
    content = csv_of("Living-wage pledge,2026-03-31,completed,100,Done.,,,")
    outcome = updates_csv_import(
        plan=plan, user=people["contributor"], content=content, today=TODAY
    )
    assert outcome.loaded == 1
    assert ProgressUpdate.objects.get().review_state == ReviewState.PENDING


def test_a_dry_run_checks_and_loads_nothing(plan, action, people):
    content = csv_of("Living-wage pledge,2026-03-31,on-track,,Fine.,,,")
    outcome = updates_csv_import(
        plan=plan, user=people["editor"], content=content, dry_run=True, today=TODAY
    )
    assert outcome.ok and outcome.checked == 1 and outcome.loaded == 0
    assert not ProgressUpdate.objects.exists()


def test_formula_defused_cells_load_back_as_text(plan, action, people):
    content = csv_of("Living-wage pledge,2026-03-31,on-track,,'=Five signed,,,")
    updates_csv_import(plan=plan, user=people["editor"], content=content, today=TODAY)
    assert ProgressUpdate.objects.get().narrative == "=Five signed"


def test_not_utf8_or_empty_files_are_refused_in_words(plan, people):
    bad = updates_csv_import(plan=plan, user=people["editor"], content=b"\xff\xfe\x00a")
    empty = updates_csv_import(plan=plan, user=people["editor"], content=b"")
    assert "UTF-8" in bad.problems[0].message and "empty" in empty.problems[0].message


# -- Upload page and template --------------------------------------------------------------


def test_the_upload_page_loads_a_good_file_and_lists_problems_of_a_bad_one(
    contributor, plan, action
):
    page = reverse("tracking:import", args=[plan.code])
    good = csv_of("Living-wage pledge,2026-03-31,on-track,,Fine.,,,")
    bad = csv_of("Living-wage pledge,someday,on-track,,Fine.,,,")
    response = contributor.post(page, {"file": SimpleUploadedFile("bad.csv", bad)})
    text = response.content.decode()
    assert response.status_code == 400 and "Nothing was loaded" in text and "YYYY-MM-DD" in text
    assert not ProgressUpdate.objects.exists()
    response = contributor.post(page, {"file": SimpleUploadedFile("good.csv", good)})
    assert response.status_code == 302 and ProgressUpdate.objects.count() == 1


def test_the_upload_page_is_closed_to_viewers_and_outsiders(viewer, outsider, anonymous, plan):
    page = reverse("tracking:import", args=[plan.code])
    assert viewer.get(page).status_code == 403
    assert outsider.get(page).status_code == 404
    assert anonymous.get(page).status_code == 302


def test_the_template_has_the_columns_and_the_plans_actions_and_loads_back_refused(
    editor, plan, action, people
):
    response = editor.get(reverse("tracking:import-template", args=[plan.code]))
    assert response["Content-Disposition"].startswith("attachment")
    content = response.content
    assert content.decode().startswith(HEADER.strip()) and b"Living-wage pledge" in content
    outcome = updates_csv_import(plan=plan, user=people["editor"], content=content)
    assert outcome.problems and not ProgressUpdate.objects.exists()


# -- Command -------------------------------------------------------------------------------


def test_the_command_loads_updates_as_the_plans_owner(plan, action, tmp_path: Path, capsys):
    path = tmp_path / "updates.csv"
    path.write_bytes(csv_of("Living-wage pledge,2026-03-31,at-risk,30,Slower than hoped.,,,"))
    call_command("tracking", "import", plan.code, str(path), "--dry-run")
    assert "nothing loaded" in capsys.readouterr().out and not ProgressUpdate.objects.exists()
    call_command("tracking", "import", plan.code, str(path))
    assert "1 progress update loaded" in capsys.readouterr().out
    assert ProgressUpdate.objects.get().author.username == "owner"


def test_the_command_prints_each_problem_and_fails(plan, action, tmp_path: Path, capsys):
    path = tmp_path / "updates.csv"
    path.write_bytes(csv_of("Living-wage pledge,2026-03-31,sideways,,Hm.,,,"))
    with pytest.raises(CommandError, match="Nothing loaded: 1 problem"):
        call_command("tracking", "import", plan.code, str(path))
    assert "line 2, column status" in capsys.readouterr().err
    with pytest.raises(CommandError, match="No plan"):
        call_command("tracking", "import", "nowhere", str(path))


# -- Measure values go to the results app --------------------------------------------------


@pytest.fixture
def measure(plan, action):  # type: ignore[no-untyped-def]
    from strategy import services as strategy_services

    element = strategy_services.element_add(action=action, kind="outcome-short", text="More pay")
    return strategy_services.measure_save(
        plan=plan, element=element, name="Employers paying a living wage", unit="count",
        direction="higher", frequency="yearly", baseline_source="entered",
        baseline_value=10.0, baseline_year=2024,
    )  # fmt: skip


def test_the_command_hands_a_measure_values_file_to_the_results_importer(
    plan, measure, tmp_path: Path, capsys
):
    from results.models import MeasureValue

    path = tmp_path / "values.csv"
    path.write_text("measure,period,value\nEmployers paying a living wage,2025,14\n")
    call_command("tracking", "import", plan.code, str(path))
    assert "1 measure value loaded" in capsys.readouterr().out
    assert MeasureValue.objects.get(measure=measure).value == 14
    path.write_text("measure,period,value\nEmployers paying a living wage,2025,lots\n")
    with pytest.raises(CommandError, match="Nothing loaded"):
        call_command("tracking", "import", plan.code, str(path))
    assert "line 2" in capsys.readouterr().err


def test_the_upload_page_takes_a_measure_values_file_too(editor, plan, measure):
    from results.models import MeasureValue

    page = reverse("tracking:import", args=[plan.code])
    content = b"measure,period,value\nEmployers paying a living wage,2025,14\n"
    response = editor.post(page, {"file": SimpleUploadedFile("values.csv", content)})
    assert response.status_code == 302
    assert MeasureValue.objects.filter(measure=measure).count() == 1
