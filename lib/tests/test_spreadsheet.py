from __future__ import annotations

from lib.spreadsheet import csv_cell, csv_cell_read


def test_text_that_would_run_as_a_formula_is_defused() -> None:
    for text in ("=HYPERLINK(1)", "+1", "-2", "@SUM(A1)", "\tx"):
        assert csv_cell(text) == "'" + text


def test_plain_text_numbers_and_missing_values_pass_through() -> None:
    assert csv_cell("Rockford") == "Rockford"
    assert csv_cell(-0.5) == "-0.5"
    assert csv_cell(None) == ""


def test_a_defused_cell_reads_back_as_it_was() -> None:
    assert csv_cell_read(csv_cell("=1+1")) == "=1+1"
    assert csv_cell_read("'quoted") == "'quoted"
