"""Forms of step 10's measures over time. Numbers and periods are read as text and checked
by the services, so the page, the CSV and the API give the same messages."""

from __future__ import annotations

from typing import Any

from django import forms

from results.services import NOTE_MAX, SOURCE_MAX, STORY_MAX, SUBGROUP_MAX

USWDS = {
    forms.Textarea: "usa-textarea",
    forms.Select: "usa-select",
    forms.FileInput: "usa-file-input",
    forms.TextInput: "usa-input",
    forms.NumberInput: "usa-input",
    forms.DateInput: "usa-input",
}


class UswdsForm(forms.Form):
    """Gives inputs their USWDS classes (a bare textarea is wider than a phone's screen)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            for kind, css in USWDS.items():
                if isinstance(field.widget, kind):
                    field.widget.attrs.setdefault("class", css)
                    break


class ValueForm(UswdsForm):
    period = forms.CharField(
        max_length=10,
        help_text="A year (2026), a quarter (2026-Q3) or a month (2026-03).",
    )
    value = forms.CharField(max_length=40)
    lb = forms.CharField(
        label="Lower bound",
        max_length=40,
        required=False,
        help_text="Optional: the interval around the value (both bounds, or neither).",
    )
    ub = forms.CharField(label="Upper bound", max_length=40, required=False)
    subgroup = forms.CharField(
        label="Group",
        max_length=SUBGROUP_MAX,
        required=False,
        help_text="Leave blank for everyone; otherwise the group, e.g. “Black residents”.",
    )
    source = forms.CharField(max_length=SOURCE_MAX, required=False)
    note = forms.CharField(
        max_length=NOTE_MAX, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)


class StoryForm(UswdsForm):
    story = forms.CharField(
        label="The story behind the curve",
        max_length=STORY_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Why the line looks the way it does: the causes and forces at work.",
    )
    partners = forms.CharField(
        label="Partners with a role",
        max_length=STORY_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Who could help turn the curve, inside and outside the coalition.",
    )
    what_works = forms.CharField(
        label="What works",
        max_length=STORY_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What would make a difference, from evidence and from residents.",
    )
    next_steps = forms.CharField(
        label="What we will do next",
        max_length=STORY_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class UploadForm(UswdsForm):
    file = forms.FileField(label="CSV file of measure values")
    dry_run = forms.BooleanField(label="Check the file only; load nothing", required=False)
