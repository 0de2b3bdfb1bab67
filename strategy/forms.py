from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django import forms

from lib import forms as lib_forms
from metrics.models import Unit
from plans.models import Membership, Organisation, Plan
from strategy.models import (
    BaselineSource,
    ChangeKind,
    Decision,
    ElementKind,
    Frequency,
    MeasureDirection,
    Priority,
    SustainabilityArea,
    TargetKind,
)
from strategy.selectors import member_label, pillars_current, predictors_current

TEXT = {"rows": 3}


def _today() -> datetime.date:
    return datetime.date.today()


def _long_text(label: str, help_text: str) -> forms.CharField:
    """An optional paragraph or two, with a hint."""
    return forms.CharField(
        label=label,
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs=TEXT),
        help_text=help_text,
    )


class UswdsForm(lib_forms.UswdsForm):
    """USWDS classes, and help text tied to its input by the `-hint` ids of
    `templates/strategy/_field.html`."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if field.help_text:
                field.widget.attrs["aria-describedby"] = f"{self[name].auto_id}-hint"


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
    problem = _long_text("Problem", "What residents face today, and who faces it most.")
    root_causes = _long_text(
        "Root causes", "The policies, practices and histories that keep the problem in place."
    )
    pathway = _long_text(
        "If-then pathway", "If we do this, then that will change, which leads to..."
    )
    assumptions = _long_text("Assumptions", "What must hold true for the pathway to work.")

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
    equity_rationale = _long_text(
        "Why it advances racial equity",
        "Which groups it helps most, and which barriers it takes down.",
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


# -- Step 8 --------------------------------------------------------------------------------


class MeasureForm(UswdsForm):
    element = forms.ChoiceField(label="What it measures (logic-model element)")
    name = forms.CharField(label="Measure", max_length=200)
    definition = _long_text(
        "Definition",
        "Exactly what is counted, and of whom, so two people would get the same number.",
    )
    unit = forms.ChoiceField(label="Unit", choices=Unit.choices)
    direction = forms.ChoiceField(label="Direction", choices=MeasureDirection.choices)
    baseline_pick = forms.ChoiceField(
        label="Baseline from the Mobility Metrics",
        required=False,
        help_text="A published value for this place, for all residents or one group. "
        "Or leave this empty and pick a local indicator or enter a baseline below.",
    )
    baseline_local = forms.ChoiceField(
        label="Baseline from a local indicator (step 5)",
        required=False,
        help_text="One of this plan's local indicators, for all residents or one group "
        "(the years with a value in brackets). Its value is read from the indicator.",
    )
    baseline_local_year = forms.IntegerField(
        label="Year of the local indicator's value",
        required=False,
        min_value=1900,
        max_value=2100,
    )
    baseline_value = forms.FloatField(
        label="Baseline entered by hand",
        required=False,
        help_text="In the unit above; a share as a fraction (0.72 for 72%).",
    )
    baseline_year = forms.IntegerField(
        label="Year of the baseline entered by hand",
        required=False,
        min_value=1900,
        max_value=2100,
    )
    data_source = forms.CharField(label="Data source", required=False, max_length=300)
    method = forms.CharField(
        label="Method of collection",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    frequency = forms.ChoiceField(label="How often", choices=Frequency.choices)
    collector = MemberChoice(queryset=None, label="Who collects", required=False)
    reporter = MemberChoice(queryset=None, label="Who reports", required=False)
    owner = MemberChoice(
        queryset=None,
        label="Owner",
        required=False,
        help_text="A contributor may edit the measures they own.",
    )
    breakdowns = forms.CharField(
        label="Groups to break it out by",
        required=False,
        max_length=1000,
        help_text="Separated by commas, for example: race and ethnicity, age, neighborhood.",
    )

    def __init__(
        self,
        *args: Any,
        plan: Plan,
        can_edit: bool,
        elements: list[Any],
        options: list[Any],
        local_options: list[Any] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        fields = self.fields
        self.elements = {str(e.uuid): e for e in elements}
        fields["element"].choices = [  # type: ignore[attr-defined]
            (k, f"{e.action.title}: {e.get_kind_display()}: {e.text[:80]}")
            for k, e in self.elements.items()
        ]
        self.options = {o.key: o for o in options}
        grouped: dict[str, list[tuple[str, str]]] = {}
        for option in options:
            grouped.setdefault(option.group, []).append((option.key, option.label))
        choices: list[Any] = [("", "None: enter below or later"), *grouped.items()]
        fields["baseline_pick"].choices = choices  # type: ignore[attr-defined]
        self.local_options = {o.key: o for o in local_options or []}
        local: dict[str, list[tuple[str, str]]] = {}
        for local_option in local_options or []:
            local.setdefault(local_option.group, []).append((local_option.key, local_option.label))
        fields["baseline_local"].choices = [  # type: ignore[attr-defined]
            ("", "None"),
            *local.items(),
        ]
        members = Membership.objects.filter(plan=plan).select_related("user")
        for name in ("collector", "reporter", "owner"):
            fields[name].queryset = members.order_by("user__username")  # type: ignore[attr-defined]
        if not can_edit:  # a contributor does not hand their measure to someone else
            del fields["owner"]

    def clean_element(self) -> Any:
        return self.elements[self.cleaned_data["element"]]

    def clean_breakdowns(self) -> list[str]:
        text = self.cleaned_data["breakdowns"]
        return [part.strip() for part in text.replace("\n", ",").split(",") if part.strip()]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        pick, value, year = (
            data.get("baseline_pick"),
            data.get("baseline_value"),
            data.get("baseline_year"),
        )
        local, local_year = data.get("baseline_local"), data.get("baseline_local_year")
        chosen = [bool(pick), bool(local), value is not None or year is not None]
        if sum(chosen) > 1:
            field = "baseline_local" if local else "baseline_value"
            self.add_error(
                field,
                "Choose one source for the baseline, not both: a Mobility Metric, "
                "a local indicator or a value entered by hand.",
            )
        elif (value is None) != (year is None):
            field = "baseline_year" if year is None else "baseline_value"
            self.add_error(field, "A baseline entered by hand needs both its value and its year.")
        elif local_year is not None and not local:
            self.add_error("baseline_local", "Choose the local indicator this year belongs to.")
        elif local:
            option = self.local_options[local]
            if local_year is None:
                self.add_error(
                    "baseline_local_year",
                    f"Choose the year of the baseline: {option.years_text()}.",
                )
            elif local_year not in option.values:
                who = option.subgroup or "all residents"
                self.add_error(
                    "baseline_local_year",
                    f"“{option.group}” has no value for {who} in {local_year}; "
                    f"it has {option.years_text()}.",
                )
        return data

    def baseline_fields(self) -> dict[str, Any]:
        """The model's baseline fields from what was picked or entered."""
        data = self.cleaned_data
        option = self.options.get(data.get("baseline_pick") or "")
        if option is not None:
            return {
                "baseline_source": BaselineSource.METRIC,
                "baseline_metric_slug": option.metric_slug,
                "baseline_subgroup_type": option.subgroup_type,
                "baseline_subgroup_name": option.subgroup_name,
                "baseline_year": option.year,
                "baseline_value": option.value,
                "baseline_indicator": None,
            }
        local = self.local_options.get(data.get("baseline_local") or "")
        if local is not None:
            year = data["baseline_local_year"]
            return {
                "baseline_source": BaselineSource.LOCAL,
                "baseline_metric_slug": "",
                "baseline_subgroup_type": "",
                "baseline_subgroup_name": local.subgroup,
                "baseline_indicator": local.indicator,
                "baseline_year": year,
                "baseline_value": local.values[year][0],
            }
        entered = data.get("baseline_value") is not None
        return {
            "baseline_source": BaselineSource.ENTERED if entered else BaselineSource.NONE,
            "baseline_indicator": None,
            "baseline_metric_slug": "",
            "baseline_subgroup_type": "",
            "baseline_subgroup_name": "",
            "baseline_year": data.get("baseline_year"),
            "baseline_value": data.get("baseline_value"),
        }

    def measure_fields(self) -> dict[str, Any]:
        data = {k: v for k, v in self.cleaned_data.items() if k not in BASELINE_INPUTS}
        data.update(self.baseline_fields())
        return data


BASELINE_INPUTS = (
    "baseline_pick",
    "baseline_local",
    "baseline_local_year",
    "baseline_value",
    "baseline_year",
    "element",
)


class TargetForm(UswdsForm):
    kind = forms.ChoiceField(
        label="Kind of target",
        choices=TargetKind.choices,
        widget=forms.RadioSelect,
        initial=TargetKind.LEVEL,
    )
    target_date = forms.DateField(
        label="Reached by", widget=forms.DateInput(attrs={"type": "date"})
    )
    value = forms.FloatField(
        label="Target",
        help_text="The value to reach; for a gap, group A minus group B (0 means no gap). "
        "A share as a fraction.",
    )
    group_a = forms.CharField(label="Group A (gap targets)", required=False, max_length=120)
    group_b = forms.CharField(label="Group B (gap targets)", required=False, max_length=120)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("kind") == TargetKind.GAP:
            a, b = (data.get("group_a") or "").strip(), (data.get("group_b") or "").strip()
            if not a:
                self.add_error("group_a", "Name the first group of the gap.")
            if not b:
                self.add_error("group_b", "Name the second group of the gap.")
            if a and b and a.lower() == b.lower():
                self.add_error("group_b", "A gap is between two different groups.")
        return data


class ReportingForm(UswdsForm):
    what = forms.CharField(label="What is reported", max_length=300)
    audience = forms.CharField(label="To whom", max_length=300)
    frequency = forms.ChoiceField(label="How often", choices=Frequency.choices)
    responsible = MemberChoice(queryset=None, label="Who reports it", required=False)

    def __init__(self, *args: Any, plan: Plan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        members = Membership.objects.filter(plan=plan).select_related("user")
        self.fields["responsible"].queryset = members.order_by("user__username")  # type: ignore[attr-defined]


class EvaluationForm(UswdsForm):
    question = forms.CharField(
        label="Evaluation question", max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    method = forms.CharField(
        label="Method", max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    who = forms.CharField(label="Who answers it", max_length=300)
    timing = forms.CharField(label="When", max_length=200, help_text="For example: spring 2028.")


class SustainabilityForm(UswdsForm):
    """One text and one set of owners per area of the worksheet."""

    def __init__(self, *args: Any, plan: Plan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        members = Membership.objects.filter(plan=plan).select_related("user")
        for area in SustainabilityArea:
            self.fields[f"{area.value}_text"] = forms.CharField(
                label=str(area.label),
                required=False,
                max_length=10000,
                widget=forms.Textarea(attrs={"rows": 4, "class": "usa-textarea"}),
                help_text=SUSTAINABILITY_HELP[area.value],
            )
            self.fields[f"{area.value}_owners"] = _MemberMultiple(
                queryset=members.order_by("user__username"),
                required=False,
                label=f"Who sees to {str(area.label).lower()}",
                widget=forms.CheckboxSelectMultiple,
            )
            self[f"{area.value}_text"].field.widget.attrs["aria-describedby"] = (
                f"id_{area.value}_text-hint"
            )

    def areas(self) -> dict[str, tuple[str, list[Membership]]]:
        data = self.cleaned_data
        return {
            a.value: (data[f"{a.value}_text"], list(data[f"{a.value}_owners"]))
            for a in SustainabilityArea
        }


class _MemberMultiple(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Membership) -> str:  # type: ignore[override]
        return f"{member_label(obj)} ({obj.get_role_display().lower()})"


SUSTAINABILITY_HELP = {
    "governance": "Who steers the plan after release, how decisions are made, who has a say.",
    "capacity": "The staff, skills and data work the plan needs, and where they come from.",
    "funding": "How actions and the coalition's own work are paid for, now and later.",
    "adaptation": "When and how the plan is revisited as results and circumstances change.",
}
