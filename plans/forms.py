from __future__ import annotations

from django import forms

from metrics.models import Geography
from metrics.selectors.geographies import geography_search
from plans.models import OrganisationKind, Role
from plans.services import PRINCIPLES


class PlanCreateForm(forms.Form):
    title = forms.CharField(
        max_length=200, label="Plan title", help_text="For example: Rockford Mobility Action Plan"
    )
    jurisdiction = forms.CharField(
        max_length=120,
        label="County or city",
        help_text="Its name and state (Winnebago County, Illinois) or its Census GEOID (17201).",
    )
    lead_name = forms.CharField(max_length=200, label="Lead organization")
    lead_kind = forms.ChoiceField(choices=OrganisationKind.choices, label="Kind of organization")

    def clean_jurisdiction(self) -> Geography:
        text = self.cleaned_data["jurisdiction"].strip()
        hits = geography_search(q=text, limit=5)
        exact = [h for h in hits if h.geoid == text]
        if exact or len(hits) == 1:
            hit = (exact or hits)[0]
            return Geography.objects.get(geoid=hit.geoid)
        if not hits:
            raise forms.ValidationError(f"No county or city matches “{text}”.")
        names = "; ".join(f"{h.name}, {h.state_name} ({h.geoid})" for h in hits[:5])
        raise forms.ValidationError(
            f"Several places match: {names}. Type the GEOID of the one you mean."
        )


class ApproachForm(forms.Form):
    purpose = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        label="Why is the coalition doing this?",
        help_text="In a few sentences: what the plan is for, and for whom.",
        max_length=5000,
    )
    principles = forms.MultipleChoiceField(
        choices=list(PRINCIPLES.items()),
        widget=forms.CheckboxSelectMultiple,
        label="Planning principles the coalition commits to",
        required=False,
    )
    notes = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        label="Who should be involved, and how will you work?",
        required=False,
        max_length=10000,
    )


class InviteForm(forms.Form):
    email = forms.EmailField(label="E-mail address")
    role = forms.ChoiceField(choices=Role.choices, label="Role", initial=Role.CONTRIBUTOR)


class RoleForm(forms.Form):
    role = forms.ChoiceField(choices=Role.choices, label="Role")


class InsightDecisionForm(forms.Form):
    key = forms.CharField(max_length=120)
    decision = forms.ChoiceField(choices=[("keep", "Keep"), ("dismiss", "Dismiss")])
    statement = forms.CharField(
        required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class InsightWriteForm(forms.Form):
    statement = forms.CharField(
        max_length=2000, widget=forms.Textarea(attrs={"rows": 2}), label="Your insight"
    )
    note = forms.CharField(
        required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 2}), label="Note"
    )
    metric = forms.CharField(required=False, max_length=80, label="Metric (optional)")


class InsightEditForm(forms.Form):
    statement = forms.CharField(max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))
    note = forms.CharField(
        required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 2})
    )
    keep = forms.BooleanField(required=False, initial=True, label="Keep this insight")
