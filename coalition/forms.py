from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model

from coalition.models import (
    Answer,
    CoalitionRole,
    LivedExperience,
    Person,
    PolicyDomain,
    RaceGroup,
    Sector,
)
from coalition.selectors import pillar_choices
from plans.models import Organisation, OrganisationKind, Plan

SCALE = [("", "Not placed yet")] + [(str(n), str(n)) for n in range(1, 6)]
SCALE_HELP = "1 is low, 5 is high."


class UswdsForm(forms.Form):
    """Gives each widget its USWDS class and points it at its hint for screen readers."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.style()

    def style(self) -> None:
        for name, field in self.fields.items():
            widget = field.widget
            if isinstance(widget, forms.Select):
                widget.attrs.setdefault("class", "usa-select")
            elif isinstance(widget, forms.Textarea):
                widget.attrs.setdefault("class", "usa-textarea")
            elif isinstance(widget, forms.widgets.Input) and widget.input_type not in (
                "checkbox",
                "file",
            ):
                widget.attrs.setdefault("class", "usa-input")
            if field.help_text and not isinstance(widget, forms.CheckboxSelectMultiple):
                widget.attrs.setdefault("aria-describedby", f"id_{name}-hint")


def _scale(label: str) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        choices=SCALE,
        coerce=int,
        empty_value=None,
        required=False,
        label=label,
        help_text=SCALE_HELP,
    )


class SelfForm(UswdsForm):
    """What anyone may change on their own record."""

    name = forms.CharField(max_length=200, label="Name")
    title = forms.CharField(max_length=200, required=False, label="Title or position")
    email = forms.EmailField(required=False, label="E-mail address")
    lived_experience = forms.ChoiceField(
        choices=[("", "Not asked or not answered"), *LivedExperience.choices],
        required=False,
        label="Lived experience of poverty",
        help_text="Private: only counted, never shown beside a name or in the plan document.",
    )
    demographic_notes = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        required=False,
        label="Demographic notes",
        help_text="Optional, private to the plan's members.",
    )


class PersonForm(SelfForm):
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(),
        required=False,
        label="Organization",
        help_text="Add organizations on the coalition page first if it is not listed.",
    )
    roles = forms.MultipleChoiceField(
        choices=CoalitionRole.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="Roles in the coalition",
    )
    influence = _scale("Influence on the community's decisions")
    interest = _scale("Interest in this plan")
    user = forms.ModelChoiceField(
        queryset=get_user_model().objects.none(),
        required=False,
        label="Member account",
        help_text="Link this person to a member so they can edit it.",
    )

    def __init__(self, *args: Any, plan: Plan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.fields["organisation"].queryset = Organisation.objects.filter(plan=plan)  # type: ignore[attr-defined]
        self.fields["user"].queryset = get_user_model().objects.filter(  # type: ignore[attr-defined]
            memberships__plan=plan
        )
        # The form's fields in a reading order: who, where, what, then private notes.
        order = ["name", "title", "email", "organisation", "roles", "influence", "interest"]
        self.order_fields([*order, "user", "lived_experience", "demographic_notes"])

    def clean_user(self) -> Any:
        user = self.cleaned_data["user"]
        if user is not None:
            taken = Person.objects.filter(plan=self.plan, user=user)
            if self.initial.get("uuid"):
                taken = taken.exclude(uuid=self.initial["uuid"])
            if taken.exists():
                raise forms.ValidationError("Another person is already linked to this account.")
        return user


class OrganisationForm(UswdsForm):
    name = forms.CharField(max_length=200, label="Name")
    kind = forms.ChoiceField(choices=OrganisationKind.choices, label="Kind of organization")
    sector = forms.ChoiceField(
        choices=[("", "Follow the kind of organization"), *Sector.choices],
        required=False,
        label="Sector",
    )
    policy_domains = forms.MultipleChoiceField(
        choices=PolicyDomain.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="Policy domains it works in",
    )
    pillars = forms.MultipleChoiceField(
        choices=[],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="Pillars of the framework it works on",
    )
    influence = _scale("Influence on the community's decisions")
    interest = _scale("Interest in this plan")
    notes = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), max_length=5000, required=False, label="Notes"
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["pillars"].choices = pillar_choices()  # type: ignore[attr-defined]


class WorkingGroupForm(UswdsForm):
    name = forms.CharField(max_length=200, label="Name")
    purpose = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), max_length=5000, required=False, label="Purpose"
    )
    pillars = forms.MultipleChoiceField(
        choices=[], widget=forms.CheckboxSelectMultiple, required=False, label="Focus pillars"
    )
    chair = forms.ModelChoiceField(queryset=Person.objects.none(), required=False, label="Chair")
    members = forms.ModelMultipleChoiceField(
        queryset=Person.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="Members",
    )

    def __init__(self, *args: Any, plan: Plan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        people = Person.objects.filter(plan=plan)
        self.fields["pillars"].choices = pillar_choices()  # type: ignore[attr-defined]
        self.fields["chair"].queryset = people  # type: ignore[attr-defined]
        self.fields["members"].queryset = people  # type: ignore[attr-defined]


class JoinRequestForm(UswdsForm):
    person = forms.ModelChoiceField(
        queryset=Person.objects.none(), required=False, label="Person asked"
    )
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), required=False, label="Organization asked"
    )
    asked_on = forms.DateField(
        label="Asked on",
        help_text="For example 2026-03-14.",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    answer = forms.ChoiceField(
        choices=[("", "Waiting for an answer"), *Answer.choices], required=False, label="Answer"
    )
    note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), max_length=5000, required=False, label="Note"
    )

    def __init__(self, *args: Any, plan: Plan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.filter(plan=plan)  # type: ignore[attr-defined]
        self.fields["organisation"].queryset = Organisation.objects.filter(plan=plan)  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("person") and not data.get("organisation") and not self.errors:
            self.add_error("person", "Choose the person or the organization the coalition asked.")
        return data


class LaunchForm(UswdsForm):
    date = forms.DateField(
        label="Date of the launch",
        help_text="For example 2026-05-02.",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    place = forms.CharField(max_length=300, required=False, label="Place")
    attendance = forms.IntegerField(
        min_value=0, max_value=1_000_000, required=False, label="Number of people who came"
    )
    notes = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), max_length=10000, required=False, label="Notes"
    )


class CompositionForm(UswdsForm):
    note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        required=False,
        label="How these numbers were gathered",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for value, label in RaceGroup.choices:
            self.fields[value] = forms.IntegerField(
                min_value=0, max_value=100_000, required=False, label=f"{label}: number of people"
            )
        self.order_fields([*RaceGroup.values, "note"])
        self.style()

    def counts(self) -> dict[str, int | None]:
        return {value: self.cleaned_data.get(value) for value in RaceGroup.values}


class RosterImportForm(UswdsForm):
    file = forms.FileField(label="Roster file (CSV)")
