"""Form helpers shared by the apps: fields styled as the U.S. Web Design System expects.

Render each field with `templates/plans/_field.html`; Django names a field's hint
`<id>_helptext` in the input's aria-describedby, and that template gives the hint that id.
"""

from __future__ import annotations

from typing import Any

from django import forms


def uswds_class(widget: forms.Widget) -> str | None:
    """The USWDS class for a widget (None for check boxes, which their template styles)."""
    if isinstance(widget, forms.CheckboxSelectMultiple | forms.CheckboxInput):
        return None
    if isinstance(widget, forms.Textarea):
        return "usa-textarea"
    if isinstance(widget, forms.Select):
        return "usa-select"
    if isinstance(widget, forms.FileInput):
        return "usa-file-input"
    return "usa-input"


class UswdsForm(forms.Form):
    """A form whose inputs carry their USWDS classes."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            css = uswds_class(field.widget)
            if css:
                field.widget.attrs.setdefault("class", css)


def date_field(label: str, *, required: bool = False, help_text: str = "") -> forms.DateField:
    """A date input the browser offers a calendar for (yyyy-mm-dd when typed)."""
    return forms.DateField(
        label=label,
        required=required,
        help_text=help_text,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
