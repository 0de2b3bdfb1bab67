from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django import forms

from plans.models import Membership, Organisation, Plan
from strategy.models import ChangeKind, Decision, ElementKind, Priority
from strategy.selectors import member_label, pillars_current, predictors_current

TEXT = {"rows": 3}


def _today() -> datetime.date:
    return datetime.date.today()


class UswdsForm(forms.Form):
    """Gives inputs their USWDS classes and ties help text to its input for screen readers."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            widget = field.widget
            if isinstance(widget, forms.CheckboxSelectMultiple | forms.CheckboxInput):
                pass
            elif isinstance(widget, forms.Textarea):
                widget.attrs.setdefault("class", "usa-textarea")
            elif isinstance(widget, forms.Select):
                widget.attrs.setdefault("class", "usa-select")
            else:
                widget.attrs.setdefault("class", "usa-input")
            if field.help_text:
                widget.attrs["aria-describedby"] = f"{self[name].auto_id}-hint"


class MemberChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Membership) -> str:  # type: ignore[override]
        return f"{member_label(obj)} ({obj.get_role_display().lower()})"


class VisionForm(UswdsForm):
    text = forms.CharField(
        label="Vision statement",
        max_length=5000,
        widget=forms.Textarea(attrs=TEXT),
        help_text="The future the community wants, in a few sentences everyone can repeat.",
    )
    written_on = forms.DateField(
        label="Date of this version", initial=_today, widget=forms.DateInput(attrs={"type": "date"})
    )


class PriorityForm(UswdsForm):
    title = forms.CharField(label="Priority", max_length=200)
    description = forms.CharField(
        label="Description", required=False, max_length=5000, widget=forms.Textarea(attrs=TEXT)
    )
    pillars = forms.MultipleChoiceField(
        label="Pillars it works on", required=False, widget=forms.CheckboxSelectMultiple
    )
    problem = forms.CharField(
        label="Problem",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs=TEXT),
        help_text="What residents face today, and who faces it most.",
    )
    root_causes = forms.CharField(
        label="Root causes",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs=TEXT),
        help_text="The policies, practices and histories that keep the problem in place.",
    )
    pathway = forms.CharField(
        label="If-then pathway",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs=TEXT),
        help_text="If we do this, then that will change, which leads to...",
    )
    assumptions = forms.CharField(
        label="Assumptions",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs=TEXT),
        help_text="What must hold true for the pathway to work.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.pillar_objects = {p.slug: p for p in pillars_current()}
        self.fields["pillars"].choices = [(s, p.name) for s, p in self.pillar_objects.items()]  # type: ignore[attr-defined]

    def clean_pillars(self) -> list[Any]:
        return [self.pillar_objects[s] for s in self.cleaned_data["pillars"]]


class ActionForm(UswdsForm):
    title = forms.CharField(label="Action", max_length=200)
    description = forms.CharField(
        label="Description", required=False, max_length=10000, widget=forms.Textarea(attrs=TEXT)
    )
    priority = forms.ModelChoiceField(queryset=Priority.objects.none(), label="Priority")
    change_kinds = forms.MultipleChoiceField(
        label="Kinds of change",
        choices=ChangeKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Which parts of the system the action changes; choose all that apply.",
    )
    lead_organisation: forms.ModelChoiceField[Organisation] = forms.ModelChoiceField(
        queryset=None, label="Lead organization", required=False
    )
    partners: forms.ModelMultipleChoiceField[Organisation] = forms.ModelMultipleChoiceField(
        queryset=None,
        label="Partner organizations",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    owner = MemberChoice(
        queryset=None,
        label="Owner",
        required=False,
        help_text="The member who answers for this action; a contributor may edit what they own.",
    )
    backup = MemberChoice(queryset=None, label="Backup", required=False)
    starts_on = forms.DateField(
        label="Starts", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    ends_on = forms.DateField(
        label="Ends", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    equity_rationale = forms.CharField(
        label="Why it advances racial equity",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs=TEXT),
        help_text="Which groups it helps most, and which barriers it takes down.",
    )
    predictors = forms.MultipleChoiceField(
        label="Predictors it should move", required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, plan: Plan, can_edit: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields = self.fields
        fields["priority"].queryset = Priority.objects.filter(plan=plan)  # type: ignore[attr-defined]
        fields["lead_organisation"].queryset = plan.organisations.all()  # type: ignore[attr-defined]
        fields["partners"].queryset = plan.organisations.all()  # type: ignore[attr-defined]
        members = plan.memberships.select_related("user").order_by("user__username")
        fields["owner"].queryset = members  # type: ignore[attr-defined]
        fields["backup"].queryset = members  # type: ignore[attr-defined]
        self.predictor_objects = {str(p.pk): p for p in predictors_current()}
        fields["predictors"].choices = [  # type: ignore[attr-defined]
            (k, f"{p.name} ({p.pillar.name})") for k, p in self.predictor_objects.items()
        ]
        if not can_edit:  # a contributor does not hand their action to someone else
            del fields["owner"], fields["backup"]

    def clean_predictors(self) -> list[Any]:
        return [self.predictor_objects[k] for k in self.cleaned_data["predictors"]]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("starts_on"), data.get("ends_on")
        if start and end and end < start:
            self.add_error("ends_on", "The end date comes before the start date.")
        return data


class ElementForm(UswdsForm):
    kind = forms.ChoiceField(label="Part of the logic model", choices=ElementKind.choices)
    text = forms.CharField(label="Text", max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


class ElementEditForm(UswdsForm):
    text = forms.CharField(label="Text", max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))
    order = forms.IntegerField(label="Position", min_value=1, max_value=999)


class CommentForm(UswdsForm):
    text = forms.CharField(label="Comment", max_length=5000, widget=forms.Textarea(attrs=TEXT))


class ApprovalForm(UswdsForm):
    decision = forms.ChoiceField(
        label="Decision",
        choices=[(Decision.APPROVE, "Approve"), (Decision.CHANGES, "Request changes")],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label="Note", required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 2})
    )


class CriterionForm(UswdsForm):
    name = forms.CharField(label="Criterion", max_length=120)
    weight = forms.DecimalField(
        label="Weight",
        min_value=Decimal("0.01"),
        max_value=Decimal(100),
        decimal_places=2,
        help_text="How much this criterion counts, for example 1, 2 or 3.",
    )


class ScoresForm(forms.Form):
    """One select per action and criterion, named s-<action uuid>-<criterion uuid>."""

    def __init__(self, *args: Any, actions: list[Any], criteria: list[Any], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.cells: dict[str, tuple[Any, Any]] = {}
        choices = [("", "Not scored")] + [(str(n), str(n)) for n in range(1, 6)]
        for action in actions:
            for criterion in criteria:
                name = f"s-{action.uuid}-{criterion.uuid}"
                self.fields[name] = forms.TypedChoiceField(
                    choices=choices,
                    coerce=int,
                    empty_value=None,
                    required=False,
                    label=f"{criterion.name} for {action.title}",
                )
                self.cells[name] = (action, criterion)
