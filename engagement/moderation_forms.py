"""Forms of the moderation queue, the answers ("you said, we did") and decision points."""

from __future__ import annotations

from django import forms

from engagement.models import DecisionStatus, ResponseStatus

TEXTAREA = {"rows": 4}


class AnswerForm(forms.Form):
    status = forms.ChoiceField(label="Status", choices=ResponseStatus.choices)
    response = forms.CharField(
        label="Our answer",
        max_length=4000,
        widget=forms.Textarea(attrs=TEXTAREA),
        help_text="Shown on the public page with the feedback: what was done or will be done.",
    )
    reason = forms.CharField(
        label="Why it was not taken up",
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs=TEXTAREA),
        help_text="Needed when the status is “Not taken up”.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class DecisionForm(forms.Form):
    title = forms.CharField(label="The decision", max_length=200)
    description = forms.CharField(
        label="What is being decided", required=False, max_length=4000,
        widget=forms.Textarea(attrs=TEXTAREA),
    )  # fmt: skip
    decides_on = forms.DateField(
        label="Decided by", widget=forms.DateInput(attrs={"type": "date"}),
        help_text="The date of the meeting or vote that settles it.",
    )  # fmt: skip
    how_to_take_part = forms.CharField(
        label="How residents take part", required=False, max_length=4000,
        widget=forms.Textarea(attrs=TEXTAREA),
    )  # fmt: skip
    status = forms.ChoiceField(label="Status", choices=DecisionStatus.choices)
    outcome = forms.CharField(
        label="Outcome", required=False, max_length=4000, widget=forms.Textarea(attrs=TEXTAREA),
        help_text="What was decided, once it is.",
    )  # fmt: skip
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
