from __future__ import annotations

from typing import Any

from django import forms

from followup.models import Cadence, DigestFrequency, Weekday
from lib.forms import UswdsForm, date_field
from plans.models import Plan


class SettingsForm(UswdsForm):
    action_cadence = forms.ChoiceField(
        label="How often each action's owner posts a progress update",
        choices=Cadence.choices,
        help_text="Counted from the action's last shown update.",
    )
    grace_days = forms.IntegerField(
        label="Days of grace before an item is flagged overdue",
        min_value=0,
        max_value=90,
    )
    lead_days = forms.IntegerField(
        label="Days ahead that reminders list",
        min_value=1,
        max_value=90,
        help_text="A reminder lists what falls due within this many days.",
    )
    started_on = date_field(
        "Follow-through started on",
        help_text="Leave empty to count from the plan's release (or from when it was created).",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class PreferenceForm(UswdsForm):
    frequency = forms.ChoiceField(
        label="Send me a reminder e-mail", choices=DigestFrequency.choices
    )
    weekday = forms.TypedChoiceField(
        label="Day of the week (for weekly reminders)",
        choices=Weekday.choices,
        coerce=int,
    )
    plans = forms.ModelMultipleChoiceField(
        label="Only for these plans",
        queryset=Plan.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "usa-checkbox__input"}),
        help_text="Choose none to hear about every plan you belong to.",
    )
    lead_days = forms.IntegerField(
        label="Days ahead to list",
        min_value=1,
        max_value=90,
        required=False,
        help_text="Leave empty to use each plan's own setting.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, plans: list[Plan], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["plans"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = Plan.objects.filter(pk__in=[p.pk for p in plans]).order_by("title")
        field.to_field_name = "code"
