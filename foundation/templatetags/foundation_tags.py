"""The roles grid's cells, written in Python: a grid of 50 actions, 100 measures and 25
parties has almost 4,000 of them, too many for template loops. Every piece of text is
escaped here (html.escape, quotes included)."""

from __future__ import annotations

from html import escape

from django import template
from django.utils.safestring import SafeString, mark_safe

from foundation.models import RaciRole
from foundation.selectors import MatrixRow

register = template.Library()


def _options(chosen: str) -> str:
    options = ['<option value=""' + ("" if chosen else " selected") + ">—</option>"]
    for value, label in RaciRole.choices:
        mark = " selected" if chosen == value else ""
        options.append(f'<option value="{value}"{mark}>{value}: {escape(str(label))}</option>')
    return "".join(options)


# The options of a cell, by the role it holds (five variants, written once).
OPTIONS = {role: _options(role) for role in ("", *RaciRole.values)}
LABELS = {str(value): escape(str(label)) for value, label in RaciRole.choices}


@register.simple_tag
def raci_cells(row: MatrixRow, editable: bool) -> SafeString:
    """The row's cells as <td>s: a choice for editors, the letter for everyone else."""
    subject = escape(row.title)
    prefix = escape(f"{row.kind[:1]}|{row.uuid}|")
    parts = []
    for cell in row.cells:
        column = escape(cell.column.label)
        role = cell.role if cell.role in OPTIONS else ""
        if editable:
            name = prefix + escape(cell.column.key)
            inner = (
                f'<select class="usa-select margin-top-0" name="cell|{name}" '
                f'aria-label="{column} on {subject}">{OPTIONS[role]}</select>'
                f'<input type="hidden" name="was|{name}" value="{role}">'
            )
        elif role:
            inner = (f'<abbr title="{LABELS[role]}">{role}</abbr>'
                     f'<span class="usa-sr-only"> ({LABELS[role]})</span>')  # fmt: skip
        else:
            inner = '<span aria-label="no role">—</span>'
        parts.append(f'<td data-label="{column}">{inner}</td>')
    return mark_safe("".join(parts))  # noqa: S308 - every piece above is escaped
