from __future__ import annotations

from typing import Any

from django import forms

from reports.checklist import CHECKLIST
from reports.periods import Period, PeriodError, period_parse


class ReleaseTextsForm(forms.Form):
    letter = forms.CharField(
        label="Letter from leadership", required=False, max_length=8000,
        widget=forms.Textarea(attrs={"rows": 10, "class": "usa-textarea"}),
        help_text="Plain text; leave a blank line between paragraphs. It opens the plan.",
    )  # fmt: skip
    letter_signed = forms.CharField(
        label="Signed by", required=False, max_length=300,
        widget=forms.TextInput(attrs={"class": "usa-input"}),
        help_text="Names and titles, for example: Maria Lopez, Mayor; Tom Reed, Director.",
    )  # fmt: skip
    get_involved = forms.CharField(
        label="How to get involved", required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4, "class": "usa-textarea"}),
        help_text="Where residents and partners can join in: meetings, a contact, a website.",
    )  # fmt: skip


class ChecklistForm(forms.Form):
    key = forms.ChoiceField(choices=[(k, label) for k, (label, _) in CHECKLIST.items()])
    checked = forms.BooleanField(required=False)
    note = forms.CharField(required=False, max_length=300)


class PublishForm(forms.Form):
    action = forms.ChoiceField(choices=[("publish", "Publish"), ("unpublish", "Unpublish")])
    parts = forms.MultipleChoiceField(required=False, choices=[])

    def __init__(self, *args: Any, parts: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["parts"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = parts


class PeriodForm(forms.Form):
    period = forms.CharField(
        label="Period", max_length=12,
        widget=forms.TextInput(attrs={"class": "usa-input usa-input--small"}),
        help_text="A quarter such as 2026-Q3, or a year such as 2026.",
    )  # fmt: skip

    def clean_period(self) -> Period:
        try:
            return period_parse(text=self.cleaned_data["period"])
        except PeriodError as exc:
            raise forms.ValidationError(str(exc)) from exc


class ProgressPublicForm(forms.Form):
    show_actions = forms.BooleanField(
        label="Actions with their status and latest update", required=False,
        widget=forms.CheckboxInput(attrs={"class": "usa-checkbox__input"}),
    )  # fmt: skip
    show_measures = forms.BooleanField(
        label="Measures with their charts and tables", required=False,
        widget=forms.CheckboxInput(attrs={"class": "usa-checkbox__input"}),
    )  # fmt: skip
    show_report = forms.BooleanField(
        label="The latest issued progress report, to download", required=False,
        widget=forms.CheckboxInput(attrs={"class": "usa-checkbox__input"}),
    )  # fmt: skip
    show_names = forms.BooleanField(
        label="Names of the people who own actions (never their e-mail addresses)",
        required=False, widget=forms.CheckboxInput(attrs={"class": "usa-checkbox__input"}),
    )  # fmt: skip
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
