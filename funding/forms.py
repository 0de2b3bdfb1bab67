from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms

from funding.models import FundingStatus, Renewal, SourceType
from funding.selectors import DEFAULT_HORIZON
from funding.services import amount_problem, entry_problems
from plans.models import Organisation, Plan

# 1200, 1200.5, 1,200, 1,200.50, $1,200 (a comma only between groups of three digits)
_GROUPED = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$")
DATE = forms.DateInput(attrs={"type": "date"})


class AmountField(forms.DecimalField):
    """Dollars, written as people write them: "1200", "1,200.50" or "$1,200"."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(max_digits=None, decimal_places=None, **kwargs)
        self.widget.attrs.update({"inputmode": "decimal"})
        self.widget.input_type = "text"

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        text = str(value or "").strip().removeprefix("$").strip()
        if not text:
            return None
        if "," in text:
            if not _GROUPED.match(text):
                raise forms.ValidationError(
                    "Write the amount like 1200 or 1,200.50 (commas only between thousands)."
                )
            text = text.replace(",", "")
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise forms.ValidationError(
                "Write the amount as a number of dollars, like 1200 or 1,200.50."
            ) from None
        problem = amount_problem(value=number)
        if problem:
            raise forms.ValidationError(problem)
        return number

    def validate(self, value: Any) -> None:
        if value is None and self.required:
            raise forms.ValidationError("Write an amount (0 when there is none).")

    def run_validators(self, value: Any) -> None:
        return None  # amount_problem said all there is to say


class UswdsForm(forms.Form):
    """Widgets carry the USWDS classes."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.Select):
                widget.attrs.setdefault("class", "usa-select")
            elif isinstance(widget, forms.Textarea):
                widget.attrs.setdefault("class", "usa-textarea")
            elif not isinstance(widget, forms.CheckboxInput | forms.HiddenInput):
                widget.attrs.setdefault("class", "usa-input")


class EntryForm(UswdsForm):
    source_type = forms.ChoiceField(label="Kind of source", choices=SourceType.choices)
    funder_organisation = forms.ModelChoiceField(
        label="Funder from the plan's organizations",
        queryset=Organisation.objects.none(),
        required=False,
        empty_label="Not one of them: I write its name below",
    )
    funder_name = forms.CharField(
        label="Funder's name", max_length=200, required=False,
        help_text="When the funder is not one of the plan's organizations.",
    )  # fmt: skip
    status = forms.ChoiceField(label="Status", choices=FundingStatus.choices)
    committed = AmountField(label="Committed (dollars)", required=True)
    received = AmountField(label="Received so far (dollars)")
    spent = AmountField(label="Spent so far (dollars)")
    received_above_committed = forms.BooleanField(
        label="More was received than committed, on purpose", required=False
    )
    starts_on = forms.DateField(label="Starts on", required=False, widget=DATE)
    ends_on = forms.DateField(label="Ends on", required=False, widget=DATE)
    renewal_expected = forms.ChoiceField(
        label="Is renewal expected?", choices=Renewal.choices, initial=Renewal.UNKNOWN
    )
    restrictions = forms.CharField(
        label="Restrictions", required=False, max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What the money may and may not pay for, reporting duties, matching.",
    )  # fmt: skip
    people_reached = forms.IntegerField(
        label="People reached", required=False, min_value=0, max_value=100_000_000,
        help_text="How many residents this funding served, as the funder will ask.",
    )  # fmt: skip
    notes = forms.CharField(
        label="Notes", required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)

    def __init__(self, *args: Any, plan: Plan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.plan = plan
        field = self.fields["funder_organisation"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Organisation.objects.filter(plan=plan)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        for name in ("received", "spent"):
            data[name] = data.get(name) or Decimal(0)
        for name, problem in entry_problems(data=data, plan=self.plan).items():
            self.add_error(name if name in self.fields else None, problem)
        return data

    def values(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if k != "version"}


class NeedForm(UswdsForm):
    amount = AmountField(label="Needed in all (dollars)", required=True)
    period_start = forms.DateField(label="Period starts", required=False, widget=DATE)
    period_end = forms.DateField(label="Period ends", required=False, widget=DATE)
    note = forms.CharField(
        label="How the need was worked out", required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )  # fmt: skip
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("period_start"), data.get("period_end")
        if starts and ends and ends < starts:
            self.add_error("period_end", "The period cannot end before it starts.")
        return data


class HorizonForm(UswdsForm):
    horizon = forms.IntegerField(
        label="Warn about funding that ends within (days)", min_value=1, max_value=3650,
        initial=DEFAULT_HORIZON,
    )  # fmt: skip

    def days(self) -> int:
        if self.is_bound and self.is_valid():
            return int(self.cleaned_data["horizon"])
        return DEFAULT_HORIZON


class PublicForm(UswdsForm):
    public = forms.BooleanField(
        label="Show funding per action on the public plan page", required=False
    )


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
