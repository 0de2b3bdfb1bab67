"""How each exported model field travels in the document, read from the model itself: a
plain value, a reference to another record by document id, a list of such references, or
a name from the catalog (a GEOID, a pillar or predictor slug)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from plans.exchange.spec import PLAN_FIELDS, Part, part_of_model

MEMBER = "member"  # the prefix of the members list's ids
POSITIVE = (models.PositiveIntegerField, models.PositiveSmallIntegerField,
            models.PositiveBigIntegerField)  # fmt: skip


@dataclass(frozen=True)
class FieldKind:
    name: str
    kind: str  # string text integer number decimal boolean date datetime json ref many geoid
    #            pillar predictor member members uuid_list
    target: str = ""  # prefix of the records a ref/many/uuid_list names
    nullable: bool = False
    blank: bool = False
    choices: tuple[str, ...] = ()
    max_length: int | None = None
    minimum: int | None = None
    maximum: int | None = None
    container: str = ""  # "array" | "object" for JSON fields with such a default
    kind_field: str = ""  # uuid_ref: the field saying which kind of record it names
    uuid_targets: tuple[tuple[str, str], ...] = ()  # uuid_ref: (that field's value, prefix)
    required: bool = True
    model_field: Any = None


def _target_of(related: type[models.Model]) -> tuple[str, str]:
    """(kind, prefix) for a reference to a record of `related`."""
    label = related._meta.label
    if label == settings.AUTH_USER_MODEL or label == "plans.Membership":
        return "member", MEMBER
    if label == "metrics.Geography":
        return "geoid", ""
    if label == "metrics.Pillar":
        return "pillar", ""
    if label == "metrics.Predictor":
        return "predictor", ""
    part = part_of_model(label)
    if part is None:
        raise LookupError(f"{label} is not a part of the exchange format")
    return "ref", part.prefix


def field_kind(model: type[models.Model], name: str, part: Part | None = None) -> FieldKind:
    f: Any = model._meta.get_field(name)
    nullable = bool(getattr(f, "null", False))
    blank = bool(getattr(f, "blank", False))
    if isinstance(f, models.ManyToManyField):
        kind, target = _target_of(f.related_model)  # type: ignore[arg-type]
        many = {"ref": "many", "member": "members"}.get(kind, kind + "s")
        return FieldKind(name, many, target, required=False, model_field=f)
    if isinstance(f, models.ForeignKey):  # OneToOneField included
        kind, target = _target_of(f.related_model)  # type: ignore[arg-type]
        return FieldKind(name, kind, target, nullable=nullable, required=not nullable,
                         model_field=f)  # fmt: skip
    if part is not None and name in part.uuid_refs:
        kind_field, models_by_value = part.uuid_refs[name]
        targets = []
        for value, label in models_by_value.items():
            found = part_of_model(label)
            assert found is not None
            targets.append((value, found.prefix))
        return FieldKind(name, "uuid_ref", "|".join(p for _, p in targets), nullable=True,
                         required=False, kind_field=kind_field, uuid_targets=tuple(targets),
                         model_field=f)  # fmt: skip
    if part is not None and name in part.uuid_lists:
        target_part = part_of_model(part.uuid_lists[name])
        assert target_part is not None
        return FieldKind(name, "uuid_list", target_part.prefix, container="array",
                         required=False, model_field=f)  # fmt: skip
    minimum = maximum = None
    # Declared bounds only (f.validators adds the database's own integer range, which
    # differs between SQLite and PostgreSQL); the range every database accepts comes below.
    for validator in f._validators:
        if isinstance(validator, MinValueValidator):
            minimum = int(validator.limit_value)  # type: ignore[call-overload]
        if isinstance(validator, MaxValueValidator):
            maximum = int(validator.limit_value)  # type: ignore[call-overload]
    has_default = f.has_default() or (blank and f.empty_strings_allowed) or nullable
    if getattr(f, "auto_now_add", False) or getattr(f, "auto_now", False):
        has_default = True
    common: dict[str, Any] = {"nullable": nullable, "blank": blank, "required": not has_default,
                              "model_field": f}  # fmt: skip
    if isinstance(f, models.DateTimeField):
        return FieldKind(name, "datetime", **common)
    if isinstance(f, models.DateField):
        return FieldKind(name, "date", **common)
    if isinstance(f, models.BooleanField):
        return FieldKind(name, "boolean", **common)
    if isinstance(f, models.DecimalField):
        return FieldKind(name, "decimal", minimum=minimum, maximum=maximum, **common)
    if isinstance(f, models.FloatField):
        return FieldKind(name, "number", **common)
    if isinstance(f, models.IntegerField):
        if isinstance(f, POSITIVE) and minimum is None:
            minimum = 0
        if maximum is None:
            small = isinstance(f, models.SmallIntegerField | models.PositiveSmallIntegerField)
            big = isinstance(f, models.BigIntegerField | models.PositiveBigIntegerField)
            maximum = 32767 if small else 2**63 - 1 if big else 2147483647
        return FieldKind(name, "integer", minimum=minimum, maximum=maximum, **common)
    if isinstance(f, models.JSONField):
        default = f.get_default()
        container = "array" if isinstance(default, list) else "object" if isinstance(
            default, dict) else ""  # fmt: skip
        return FieldKind(name, "json", container=container, **common)
    if isinstance(f, models.TextField):
        return FieldKind(name, "text", **common)
    if isinstance(f, models.CharField):
        choices = tuple(str(value) for value, _ in f.choices or ())
        return FieldKind(name, "string", choices=choices, max_length=f.max_length, **common)
    raise TypeError(f"{model._meta.label}.{name}: no way to export a {type(f).__name__}")


def part_kinds(part: Part) -> list[FieldKind]:
    model = part.model_class()
    return [field_kind(model, name, part) for name in part.fields]


def plan_kinds() -> list[FieldKind]:
    from plans.models import Plan

    return [field_kind(Plan, name) for name in PLAN_FIELDS]
