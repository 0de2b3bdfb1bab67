from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms

from funding.forms import UswdsForm
from plans.models import Organisation, Plan
from strategy.models import StrategicAction
from wins.models import Channel, MessageStatus, WinKind
from wins.services import MAX_SHORT, MAX_TEXT, evidence_problem, link_problem

DATE = forms.DateInput(attrs={"type": "date"})


class WinForm(UswdsForm):
    title = forms.CharField(label="The win, in a few words", max_length=200)
    kind = forms.ChoiceField(label="Kind of win", choices=WinKind.choices)
    happened_on = forms.DateField(label="When it happened", widget=DATE)
    what_happened = forms.CharField(
        label="What happened", max_length=MAX_TEXT, widget=forms.Textarea(attrs={"rows": 4})
    )
    action = forms.ModelChoiceField(
        label="Strategic action", queryset=StrategicAction.objects.none(), required=False,
        empty_label="Not tied to one action",
    )  # fmt: skip
    made_by = forms.CharField(
        label="Who made it happen", required=False, max_length=MAX_SHORT,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="People and organizations, as you would thank them.",
    )  # fmt: skip
    organisations = forms.ModelMultipleChoiceField(
        label="Plan organizations that made it happen", queryset=Organisation.objects.none(),
        required=False, widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    audience = forms.CharField(
        label="Who it matters to", required=False, max_length=MAX_SHORT,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="The residents, neighborhoods or groups who will feel the difference.",
    )  # fmt: skip
    evidence_link = forms.CharField(
        label="Evidence link", required=False, max_length=500,
        help_text="A web address that starts with https:// (a news story, minutes, a photo).",
    )  # fmt: skip
    evidence_file = forms.FileField(
        label="Evidence file", required=False,
        help_text="One file of at most 10 MB: PDF, PNG, JPG, Word (.docx), Excel (.xlsx) or CSV.",
    )  # fmt: skip
    remove_file = forms.BooleanField(label="Remove the evidence file", required=False)
    public = forms.BooleanField(
        label="Show this win on the public page when the plan shows its wins", required=False,
        initial=True,
    )  # fmt: skip
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)

    def __init__(self, *args: Any, plan: Plan, with_file: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        action = self.fields["action"]
        assert isinstance(action, forms.ModelChoiceField)
        action.queryset = StrategicAction.objects.filter(plan=plan)
        organisations = self.fields["organisations"]
        assert isinstance(organisations, forms.ModelMultipleChoiceField)
        organisations.queryset = Organisation.objects.filter(plan=plan).order_by("name")
        organisations.widget.attrs.pop("class", None)
        if not with_file:
            del self.fields["remove_file"]

    def clean_happened_on(self) -> dt.date:
        day: dt.date = self.cleaned_data["happened_on"]
        if day > dt.date.today() + dt.timedelta(days=1):
            raise forms.ValidationError(
                "The date is in the future: a win is something that happened."
            )
        return day

    def clean_evidence_link(self) -> str:
        link = self.cleaned_data["evidence_link"].strip()
        problem = link_problem(link=link)
        if problem:
            raise forms.ValidationError(problem)
        return link

    def clean_evidence_file(self) -> Any:
        upload = self.cleaned_data.get("evidence_file")
        if upload:
            problem = evidence_problem(upload=upload)
            if problem:
                raise forms.ValidationError(problem)
        return upload

    def values(self) -> dict[str, Any]:
        skip = ("version", "evidence_file", "remove_file")
        return {k: v for k, v in self.cleaned_data.items() if k not in skip}


class MessageForm(UswdsForm):
    messenger = forms.CharField(
        label="Who carries the message", max_length=200, required=False,
        help_text="A person or a partner: a council member, a resident leader, a pastor.",
    )  # fmt: skip
    organisation = forms.ModelChoiceField(
        label="Or a plan organization", queryset=Organisation.objects.none(), required=False,
        empty_label="None",
    )  # fmt: skip
    channel = forms.ChoiceField(label="Where", choices=Channel.choices)
    on = forms.DateField(label="When", required=False, widget=DATE)
    status = forms.ChoiceField(
        label="Status", choices=MessageStatus.choices, initial=MessageStatus.PLANNED
    )
    note = forms.CharField(label="Note", required=False, max_length=500)

    def __init__(self, *args: Any, plan: Plan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Organisation.objects.filter(plan=plan).order_by("name")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.errors and not data.get("messenger") and not data.get("organisation"):
            self.add_error("messenger", "Name who carries the message (a person or a partner).")
        return data


class ReflectionForm(forms.Form):
    question = forms.CharField(max_length=30)
    answer = forms.CharField(
        label="Answer", required=False, max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 3, "class": "usa-textarea"}),
    )  # fmt: skip
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class KeyForm(forms.Form):
    key = forms.CharField(max_length=120)


class PublicForm(UswdsForm):
    public = forms.BooleanField(
        label="Show the plan's wins on the public plan page and in its news feed",
        required=False,
    )


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class StatusForm(forms.Form):
    status = forms.ChoiceField(choices=MessageStatus.choices)
