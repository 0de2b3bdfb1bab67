from __future__ import annotations

import datetime
from typing import Any

from django import forms

from lib.forms import UswdsForm
from localdata.models import Access, DataSource, Refresh, SourceType
from localdata.selectors import predictor_refs
from localdata.values_csv import MAX_BYTES, Row, ValueRow, value_row_check
from metrics.models import Direction, Unit
from plans.models import Plan

FIRST_YEAR = 1900


def predictor_choices() -> list[tuple[str, Any]]:
    """The framework's predictors grouped by pillar, for a select or checkboxes."""
    grouped: dict[str, list[tuple[str, str]]] = {}
    for ref in predictor_refs().values():
        grouped.setdefault(ref.pillar, []).append((ref.slug, ref.name))
    return list(grouped.items())


def _lines(text: str) -> list[str]:
    """One item per line or per comma, blanks and repeats dropped."""
    items: list[str] = []
    for part in text.replace(",", "\n").splitlines():
        item = part.strip()[:120]
        if item and item.casefold() not in {i.casefold() for i in items}:
            items.append(item)
    return items


class DataSourceForm(UswdsForm):
    name = forms.CharField(max_length=200, label="Name of the source")
    type = forms.ChoiceField(choices=SourceType.choices, label="Kind of data")
    owner_organisation = forms.ChoiceField(
        required=False,
        label="Held by one of the plan's organizations",
        help_text="Or write the owner's name in the next field.",
    )
    owner_name = forms.CharField(max_length=200, required=False, label="Held by (another owner)")
    access = forms.ChoiceField(choices=Access.choices, label="Who can get the data")
    year_from = forms.IntegerField(required=False, label="First year covered")
    year_to = forms.IntegerField(required=False, label="Last year covered")
    groups = forms.CharField(
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Groups of residents it breaks out",
        help_text="One per line or separated by commas, for example: race and ethnicity, age.",
    )
    refresh = forms.ChoiceField(choices=Refresh.choices, initial=Refresh.YEARLY, label="Updated")
    predictors = forms.MultipleChoiceField(
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Predictors of mobility it informs",
    )
    notes = forms.CharField(
        required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3}), label="Notes"
    )
    link = forms.URLField(required=False, max_length=500, label="Link", assume_scheme="https")

    def __init__(self, *args: Any, plan: Plan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.plan = plan
        organisations = [(str(o.pk), o.name) for o in plan.organisations.all()]
        self.fields["owner_organisation"].choices = [("", "None of them"), *organisations]  # type: ignore[attr-defined]
        self.fields["predictors"].choices = predictor_choices()  # type: ignore[attr-defined]

    def clean_groups(self) -> list[str]:
        return _lines(self.cleaned_data["groups"])

    def _year(self, name: str) -> int | None:
        year = self.cleaned_data.get(name)
        last = datetime.date.today().year
        if year is not None and not FIRST_YEAR <= year <= last:
            raise forms.ValidationError(f"Write a year between {FIRST_YEAR} and {last}.")
        return year

    def clean_year_from(self) -> int | None:
        return self._year("year_from")

    def clean_year_to(self) -> int | None:
        return self._year("year_to")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, last = data.get("year_from"), data.get("year_to")
        if first and last and first > last:
            self.add_error("year_to", "The last year comes before the first.")
        return data

    def predictor_groups(self) -> list[dict[str, Any]]:
        """The predictor checkboxes by pillar, for a fieldset per pillar."""
        chosen = set(self["predictors"].value() or [])
        return [
            {
                "pillar": pillar,
                "options": [
                    {"value": slug, "label": label, "checked": slug in chosen}
                    for slug, label in options
                ],
            }
            for pillar, options in predictor_choices()
        ]

    def owner(self) -> Any:
        key = self.cleaned_data.get("owner_organisation")
        return self.plan.organisations.filter(pk=key).first() if key else None


class IndicatorForm(UswdsForm):
    name = forms.CharField(max_length=200, label="Name of the indicator")
    source = forms.ChoiceField(label="Source (from the inventory)")
    unit = forms.ChoiceField(choices=Unit.choices, label="Unit")
    direction = forms.ChoiceField(choices=Direction.choices, label="Which way is better")
    predictor = forms.ChoiceField(required=False, label="Predictor of mobility it relates to")
    description = forms.CharField(
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="What it measures and how",
    )

    def __init__(self, *args: Any, plan: Plan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.plan = plan
        sources = [(str(s.uuid), s.name) for s in DataSource.objects.filter(plan=plan)]
        self.fields["source"].choices = [("", "Choose a source"), *sources]  # type: ignore[attr-defined]
        none = ("", "None of the framework's predictors")
        self.fields["predictor"].choices = [none, *predictor_choices()]  # type: ignore[attr-defined]

    def source_record(self) -> Any:
        return DataSource.objects.get(plan=self.plan, uuid=self.cleaned_data["source"])


class ValuesImportForm(UswdsForm):
    file = forms.FileField(
        label="CSV file of values",
        help_text="Columns: year, subgroup (blank for all residents), value, lb, ub. "
        "The file replaces every value the indicator has.",
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError("The file is larger than 1 MB; split it.")
        return upload


class ValueForm(UswdsForm):
    """One value by hand, checked by the same rules as a row of the CSV file."""

    year = forms.CharField(max_length=4, label="Year")
    subgroup = forms.CharField(
        required=False, max_length=120, label="Group", help_text="Leave blank for all residents."
    )
    value = forms.CharField(max_length=40, label="Value")
    lb = forms.CharField(required=False, max_length=40, label="Lower bound (optional)")
    ub = forms.CharField(required=False, max_length=40, label="Upper bound (optional)")

    def __init__(self, *args: Any, unit: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.unit = unit
        self.row: ValueRow | None = None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        cells = {
            name: str(data.get(name) or "").strip()
            for name in ("year", "subgroup", "value", "lb", "ub")
        }
        problems: list[Any] = []
        last = datetime.date.today().year
        self.row = value_row_check(Row(0, cells), unit=self.unit, last_year=last, problems=problems)
        for problem in problems:
            self.add_error(problem.column or None, problem.message)
        return data
