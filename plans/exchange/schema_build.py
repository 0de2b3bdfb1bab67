"""The JSON Schema (draft 2020-12) of the exchange format, built from the list of parts and
the models' own fields (types, lengths, choices, bounds). The built schema is kept in the
repository as plans/exchange/schema/map-v1.schema.json and served at /schema/map-v1.json;
a test checks the file matches what this module builds (`upward plans schema` rebuilds it)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from django.db import models

from plans.exchange.kinds import MEMBER, FieldKind, part_kinds, plan_kinds
from plans.exchange.spec import FORMAT, SECTION_TITLES, VERSION, Part, parts_installed

SCHEMA_FILE = Path(__file__).parent / "schema" / "map-v1.schema.json"
SCHEMA_ID = "urn:upward:mobility-action-plan:v1"
SCHEMA_URL_PATH = "/schema/map-v1.json"

DATE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
DATETIME = (
    r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}"
    r"(:[0-9]{2}(\.[0-9]+)?)?(Z|[+-][0-9]{2}:[0-9]{2})$"
)
SLUG = r"^[-a-zA-Z0-9_]+$"
GEOID = r"^([0-9]{2}|[0-9]{5}|[0-9]{7})$"


def id_pattern(prefix: str) -> str:
    return f"^{prefix}-[1-9][0-9]*$"


def _nullable(schema: dict[str, Any], kind: FieldKind) -> dict[str, Any]:
    if kind.nullable and "type" in schema:
        schema["type"] = [schema["type"], "null"]
    return schema


def _catalog_items(part: Part | None, name: str) -> dict[str, Any] | None:
    if part is None or name not in part.catalog:
        return None
    return {"type": "string", "minLength": 1, "maxLength": 80}


def field_schema(kind: FieldKind, part: Part | None = None) -> dict[str, Any]:
    k = kind.kind
    if k in ("ref", "member"):
        return _nullable({"type": "string", "pattern": id_pattern(kind.target)}, kind)
    if k == "uuid_ref":
        return {"type": ["string", "null"], "pattern": id_pattern(f"({kind.target})")}
    if k == "geoid":
        return _nullable({"type": "string", "pattern": GEOID}, kind)
    if k in ("pillar", "predictor"):
        return _nullable({"type": "string", "pattern": SLUG, "maxLength": 80}, kind)
    if k in ("many", "members", "uuid_list"):
        item = {"type": "string", "pattern": id_pattern(kind.target)}
        return {"type": "array", "items": item, "uniqueItems": True}
    if k in ("pillars", "predictors"):
        return {"type": "array", "items": {"type": "string", "pattern": SLUG}, "uniqueItems": True}
    schema: dict[str, Any]
    if k == "string":
        schema = {"type": "string"}
        if kind.choices:
            values = list(kind.choices)
            if kind.blank and "" not in values:
                values.append("")
            schema["enum"] = values + ([None] if kind.nullable else [])
        elif kind.max_length:
            schema["maxLength"] = kind.max_length
        if isinstance(kind.model_field, models.SlugField):
            schema["pattern"] = SLUG
        if not kind.blank and not kind.choices:
            schema["minLength"] = 1
    elif k == "text":
        schema = {"type": "string"}
    elif k in ("integer", "decimal"):
        schema = {"type": "integer" if k == "integer" else "number"}
        if kind.minimum is not None:
            schema["minimum"] = kind.minimum
        if kind.maximum is not None:
            schema["maximum"] = kind.maximum
    elif k == "number":
        schema = {"type": "number"}
    elif k == "boolean":
        schema = {"type": "boolean"}
    elif k == "date":
        schema = {"type": "string", "pattern": DATE}
    elif k == "datetime":
        schema = {"type": "string", "pattern": DATETIME}
    elif k == "json":
        schema = {"type": kind.container} if kind.container else {}
        items = _catalog_items(part, kind.name)
        if items and kind.container == "array":
            schema["items"] = items
    else:  # pragma: no cover - kinds are a closed list
        raise ValueError(k)
    return _nullable(schema, kind)


def _record_schema(
    kinds: list[FieldKind], *, prefix: str | None, title: str, part: Part | None = None
) -> dict[str, Any]:
    properties: dict[str, Any] = {}
    required: list[str] = []
    if prefix is not None:
        properties["id"] = {"type": "string", "pattern": id_pattern(prefix)}
        required.append("id")
    for kind in kinds:
        properties[kind.name] = field_schema(kind, part)
        if kind.required:
            required.append(kind.name)
    return {
        "title": title,
        "type": "object",
        "additionalProperties": False,
        "required": required,
        "properties": properties,
    }


def _def_name(part: Part) -> str:
    return part.prefix.replace("-", "_")


@cache
def schema_build() -> dict[str, Any]:
    """The schema as a dict (the same every time for the same models)."""
    defs: dict[str, Any] = {
        "plan": _record_schema(plan_kinds(), prefix=None, title="The plan's basics (step 1)"),
        "member": {
            "title": "A person records point to, by display name only (never an account)",
            "type": "object",
            "additionalProperties": False,
            "required": ["id", "name"],
            "properties": {
                "id": {"type": "string", "pattern": id_pattern(MEMBER)},
                "name": {"type": "string", "minLength": 1, "maxLength": 300},
                "organisation": {"type": ["string", "null"], "pattern": id_pattern("organisation")},
                "plan_member": {"type": "boolean"},
            },
        },
    }
    properties: dict[str, Any] = {
        "format": {"const": FORMAT},
        "version": {"const": VERSION},
        "exported_at": {"type": "string", "pattern": DATETIME},
        "plan": {"$ref": "#/$defs/plan"},
    }
    sections: dict[str, dict[str, Any]] = {}
    for part in parts_installed():
        name = _def_name(part)
        defs[name] = _record_schema(part_kinds(part), prefix=part.prefix, title=part.title,
                                    part=part)  # fmt: skip
        ref = {"$ref": f"#/$defs/{name}"}
        if part.top_level():
            properties[part.name] = {"type": "array", "items": ref}
            if part.name == "organisations":
                properties["members"] = {"type": "array", "items": {"$ref": "#/$defs/member"}}
            continue
        entry = {"anyOf": [ref, {"type": "null"}]} if part.single else {
            "type": "array", "items": ref}  # fmt: skip
        sections.setdefault(part.section, {})[part.name] = entry
    for section, entries in sections.items():
        properties[section] = {
            "title": SECTION_TITLES.get(section, section),
            "type": "object",
            "additionalProperties": False,
            "properties": entries,
        }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Mobility Action Plan exchange format, version 1",
        "description": (
            "One JSON document holding a whole Mobility Action Plan: its basics, the "
            "organisations and people it names, and every step's records. Records refer to "
            'each other by document ids such as "action-3". See docs/plan-format.md.'
        ),
        "type": "object",
        "additionalProperties": False,
        "required": ["format", "version", "plan"],
        "properties": properties,
        "$defs": defs,
    }


def schema_json() -> str:
    return json.dumps(schema_build(), indent=2, ensure_ascii=False) + "\n"


@cache
def schema_load() -> dict[str, Any]:
    """The published schema file (what the import checks documents against)."""
    loaded: dict[str, Any] = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    return loaded
