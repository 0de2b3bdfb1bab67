from __future__ import annotations

from typing import Any

from django import forms

from continuity.models import SeatKind
from lib.forms import UswdsForm, date_field
from plans.models import Membership, Plan
from strategy.selectors import member_label

TEXT = {"rows": 3}


class TenureForm(UswdsForm):
    kind = forms.ChoiceField(
        label="Kind of position",
        choices=[("", "Choose…"), *SeatKind.choices],
        help_text="Career staff usually stay through a change of administration; elected and "
        "appointed officials may not.",
    )
    seat = forms.CharField(
        label="Seat or job title (optional)",
        max_length=200,
        required=False,
        help_text="For example: “County Board, District 4” or “Deputy Director, Health”.",
    )
    term_ends_on = date_field("Term ends on (optional)")
    notes = forms.CharField(
        label="Notes (optional)", max_length=2000, required=False, widget=forms.Textarea(attrs=TEXT)
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class MemberChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Membership) -> str:  # type: ignore[override]
        return member_label(obj)


class ElectionForm(UswdsForm):
    title = forms.CharField(
        label="Election or change of administration",
        max_length=200,
        help_text="For example: “County general election” or “New mayor takes office”.",
    )
    held_on = date_field("Date", required=True)
    seats = forms.CharField(
        label="Seats at stake (optional)",
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs=TEXT),
    )
    members = MemberChoices(
        label="Members whose seat is at stake",
        queryset=Membership.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    outcome = forms.CharField(
        label="Outcome and what it means for the plan (after the date)",
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs=TEXT),
    )

    def __init__(self, *args: Any, plan: Plan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = (  # type: ignore[attr-defined]
            Membership.objects.filter(plan=plan).select_related("user").order_by("user__username")
        )


class HorizonForm(forms.Form):
    horizon = forms.IntegerField(min_value=30, max_value=2000, required=False)


class SnapshotForm(UswdsForm):
    label = forms.CharField(
        label="Name of the snapshot",
        max_length=200,
        required=False,
        help_text="For example: “End of the 2022-2026 County Board term”. Blank: today's date.",
    )
