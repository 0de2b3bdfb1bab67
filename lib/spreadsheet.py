"""Cells of CSV files people open in a spreadsheet."""

from __future__ import annotations

# A text cell starting with one of these runs as a formula when a spreadsheet opens it.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> str:
    """A cell a spreadsheet shows as text: a leading quote defuses a would-be formula."""
    if value is None:
        return ""
    if isinstance(value, str):
        return "'" + value if value[:1] in FORMULA_STARTS else value
    return str(value)


def csv_cell_read(text: str) -> str:
    """Undo csv_cell on a cell read back in, so an export loads back unchanged."""
    return text[1:] if text[:1] == "'" and text[1:2] in FORMULA_STARTS else text
