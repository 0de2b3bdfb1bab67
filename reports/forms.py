from __future__ import annotations

from typing import Any

from django import forms

from reports.checklist import CHECKLIST


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
