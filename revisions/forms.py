from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from lib.forms import UswdsForm, date_field
from revisions.models import SubjectKind
from strategy.models import Frequency, MeasureDirection

TEXT = {"rows": 3}


class ReasonFields(UswdsForm):
    """Why the change was made, what was learned and who decided: asked of every revision."""

    why = forms.CharField(
        label="Why the change",
        max_length=5000,
        widget=forms.Textarea(attrs=TEXT),
        help_text="What made the coalition change course: results, residents' feedback, "
        "a partner's news, money.",
    )
    learned = forms.CharField(
        label="What was learned (optional)",
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs=TEXT),
    )
    decided_by = forms.CharField(
        label="Who decided",
        max_length=300,
        help_text="For example: “Steering committee” or “Housing working group, with residents”.",
    )
    decided_on = date_field("Decided on", required=True)
    loaded = forms.CharField(widget=forms.HiddenInput, max_length=32)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("decided_on", timezone.localdate())
        super().__init__(*args, **kwargs)

    def changes(self) -> dict[str, Any]:
        reasons = {"why", "learned", "decided_by", "decided_on", "loaded"}
        return {k: v for k, v in self.cleaned_data.items() if k not in reasons}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", "The end date comes before the start date.")
        return data


class ActionReviseForm(ReasonFields):
    title = forms.CharField(label="Title", max_length=200)
    description = forms.CharField(
        label="Description", max_length=10000, required=False, widget=forms.Textarea(attrs=TEXT)
    )
    starts_on = date_field("Starts")
    ends_on = date_field("Ends")
    equity_rationale = forms.CharField(
        label="Why it advances racial equity",
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs=TEXT),
    )
    field_order = ["title", "description", "starts_on", "ends_on", "equity_rationale"]


class MeasureReviseForm(ReasonFields):
    name = forms.CharField(label="Name", max_length=200)
    definition = forms.CharField(
        label="Definition", max_length=5000, required=False, widget=forms.Textarea(attrs=TEXT)
    )
    direction = forms.ChoiceField(label="Direction", choices=MeasureDirection.choices)
    frequency = forms.ChoiceField(label="How often", choices=Frequency.choices)
    data_source = forms.CharField(label="Data source", max_length=300, required=False)
    method = forms.CharField(
        label="Method", max_length=5000, required=False, widget=forms.Textarea(attrs=TEXT)
    )
    field_order = ["name", "definition", "direction", "frequency", "data_source", "method"]


class TargetReviseForm(ReasonFields):
    target_date = date_field("Date", required=True)
    value = forms.FloatField(label="Value", min_value=-1e12, max_value=1e12)
    field_order = ["target_date", "value"]


FORMS: dict[str, type[ReasonFields]] = {
    SubjectKind.ACTION: ActionReviseForm,
    SubjectKind.MEASURE: MeasureReviseForm,
    SubjectKind.TARGET: TargetReviseForm,
}
