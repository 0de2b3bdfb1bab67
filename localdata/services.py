"""Writes of step 5: the data inventory, local indicators and their values."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from localdata.models import DataSource, Indicator, IndicatorValue
from localdata.values_csv import Problem, ValueRow, values_read, values_validate
from plans.models import Organisation, Plan

SOURCE_FIELDS = (
    "name", "type", "owner_name", "access", "year_from", "year_to", "groups", "refresh",
    "predictors", "notes", "link",
)  # fmt: skip
INDICATOR_FIELDS = ("name", "unit", "direction", "description", "predictor")


def _name_free(model: type[Any], *, plan: Plan, name: str, record: Any | None) -> None:
    taken = model.objects.filter(plan=plan, name__iexact=name)
    if record is not None:
        taken = taken.exclude(pk=record.pk)
    if taken.exists():
        raise ValidationError({"name": f"This plan already has one named “{name}”."})


def data_source_save(
    *,
    plan: Plan,
    user: object | None,
    data: dict[str, Any],
    owner_organisation: Organisation | None = None,
    source: DataSource | None = None,
) -> DataSource:
    """Create an inventory entry, or change `source`. `data` holds SOURCE_FIELDS."""
    if owner_organisation is not None and owner_organisation.plan_id != plan.pk:
        raise ValidationError({"owner_organisation": "Choose one of this plan's organizations."})
    _name_free(DataSource, plan=plan, name=data["name"], record=source)
    if source is None:
        source = DataSource(plan=plan, created_by_id=getattr(user, "pk", None))
    for name in SOURCE_FIELDS:
        setattr(source, name, data.get(name, getattr(source, name)))
    source.owner_organisation = owner_organisation
    source.full_clean(exclude=["plan", "created_by"])
    source.save()
    return source


def data_source_delete(*, source: DataSource) -> None:
    names = list(source.indicators.values_list("name", flat=True))
    if names:
        raise ValidationError(
            f"“{source.name}” is the source of {', '.join(names)}; delete or move those first."
        )
    source.delete()


def indicator_save(
    *,
    plan: Plan,
    data: dict[str, Any],
    source: DataSource,
    indicator: Indicator | None = None,
) -> Indicator:
    """Create a local indicator, or change `indicator`. `data` holds INDICATOR_FIELDS."""
    if source.plan_id != plan.pk:
        raise ValidationError({"source": "Choose a source from this plan's inventory."})
    _name_free(Indicator, plan=plan, name=data["name"], record=indicator)
    if indicator is None:
        indicator = Indicator(plan=plan)
    for name in INDICATOR_FIELDS:
        setattr(indicator, name, data.get(name, getattr(indicator, name)))
    indicator.source = source
    indicator.full_clean(exclude=["plan"])
    indicator.save()
    return indicator


def indicator_delete(*, indicator: Indicator) -> None:
    indicator.delete()


@dataclass
class ImportOutcome:
    loaded: int = 0
    replaced: int = 0  # values there before, now gone
    problems: list[Problem] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def indicator_values_import(*, indicator: Indicator, data: bytes, filename: str) -> ImportOutcome:
    """Replace every value of the indicator with the file's, or load nothing and say why."""
    read = values_read(data=data)
    values, problems = values_validate(read=read, unit=indicator.unit)
    outcome = ImportOutcome(problems=problems, ignored=read.ignored)
    if problems:
        return outcome
    with transaction.atomic():
        outcome.replaced, _ = indicator.values.all().delete()
        IndicatorValue.objects.bulk_create(
            IndicatorValue(indicator=indicator, **vars(v)) for v in values
        )
        indicator.imported_file = filename[:200]
        indicator.save(update_fields=["imported_file", "updated_at"])
    outcome.loaded = len(values)
    return outcome


def indicator_value_set(*, indicator: Indicator, row: ValueRow) -> IndicatorValue:
    """Enter one value by hand; it replaces the value of the same year and group."""
    found = IndicatorValue.objects.filter(
        indicator=indicator, year=row.year, subgroup__iexact=row.subgroup
    ).first()
    if found is None:
        found = IndicatorValue(indicator=indicator)
    for name, value in vars(row).items():
        setattr(found, name, value)
    found.save()
    indicator.save(update_fields=["updated_at"])
    return found


def indicator_value_delete(*, indicator: Indicator, year: int, subgroup: str) -> int:
    deleted, _ = indicator.values.filter(year=year, subgroup=subgroup).delete()
    return deleted
