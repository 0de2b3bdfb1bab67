"""Import a Mobility Action Plan exchange document as a new plan.

Three passes, and nothing is saved unless all pass: the document is read as JSON, checked
against the published JSON Schema, then against this installation (GEOIDs, catalog slugs,
references between records, uniqueness); only then are the records made, in one
transaction. Every problem names where it is (a JSON path such as
`$.strategy.actions[2].priority`) and says what is wrong in a sentence.

People that records point to arrive as accounts that cannot sign in (no e-mail, no
password), named as in the document; those marked as plan members become viewers of the
new plan. The person importing becomes its owner.
"""

from __future__ import annotations

import json
import math
import secrets
import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import DatabaseError, IntegrityError, models, transaction
from django.utils.text import slugify
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError as SchemaError

from metrics.models import Geography, Metric, Pillar, Predictor
from plans.exchange.kinds import MEMBER, FieldKind, part_kinds, plan_kinds
from plans.exchange.schema_build import schema_load
from plans.exchange.spec import FORMAT, VERSION, Part, parts_installed
from plans.models import Membership, Plan, Role

MAX_BYTES = 20 * 1024 * 1024
# Check constraints of the models, in words (others are named by their constraint name).
RULE_WORDS = {
    "feedback_from_activity_names_it": "the rule that feedback from an activity names it",
    "score_one_to_five": "the rule that scores go from 1 to 5",
    "funding_entry_amounts_not_negative": "the rule that amounts are not negative",
    "raci_one_subject": "the rule that a RACI entry is about one action or one measure",
    "raci_one_party": "the rule that a RACI entry names one organisation or one member",
}
MAX_PROBLEMS = 100


@dataclass(frozen=True)
class Problem:
    path: str  # a JSON path into the document, "$" for the document as a whole
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class PlanImportError(Exception):
    """The document was refused; nothing was saved."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems[:MAX_PROBLEMS]
        self.more = max(0, len(problems) - MAX_PROBLEMS)
        super().__init__("; ".join(str(p) for p in self.problems[:5]))


def plan_import(
    *, data: bytes | str, owner: User, code: str | None = None, code_auto: bool = False
) -> Plan:
    """A new plan from an exchange document, owned by `owner`.

    The plan keeps the document's code unless `code` is given; when that code is taken the
    import is refused, or with `code_auto` the code gets a number ("winnebago-demo-2").
    Raises PlanImportError with every problem found; nothing is saved then.
    """
    document = document_read(data)
    problems = document_check(document)
    if problems:
        raise PlanImportError(problems)
    importer = _Importer(document)
    plan_code = importer.code_choose(code=code, code_auto=code_auto)
    importer.check()
    if importer.problems:
        raise PlanImportError(importer.problems)
    try:
        with transaction.atomic():
            return importer.write(owner=owner, code=plan_code)
    except (IntegrityError, DatabaseError) as exc:
        message = f"The records break a rule of the database, so nothing was saved: {exc}"
        raise PlanImportError([Problem("$", message.strip()[:400])]) from exc


# -- Reading and the schema ----------------------------------------------------------------


def document_read(data: bytes | str) -> Any:
    size = len(data.encode("utf-8") if isinstance(data, str) else data)
    if size > MAX_BYTES:
        message = (
            f"The file is {size / 1024 / 1024:.1f} MB; plan files up to "
            f"{MAX_BYTES // 1024 // 1024} MB are accepted."
        )
        raise PlanImportError([Problem("$", message)])
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise PlanImportError(
                [Problem("$", f"The file is not UTF-8 text (byte {exc.start} cannot be read).")]
            ) from exc
    try:
        return json.loads(data, parse_constant=_not_a_number, parse_float=_finite)
    except _NotFinite as exc:
        message = f"The file holds the number {exc}, which has no place in a plan file."
        raise PlanImportError([Problem("$", message)]) from exc
    except json.JSONDecodeError as exc:
        message = f"The file is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}."
        raise PlanImportError([Problem("$", message)]) from exc
    except RecursionError as exc:
        raise PlanImportError([Problem("$", "The file nests too deeply to be read.")]) from exc


class _NotFinite(ValueError):
    pass


def _not_a_number(text: str) -> float:
    raise _NotFinite(text)


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _NotFinite(text)
    return value


TYPE_WORDS = {"string": "text", "integer": "a whole number", "number": "a number",
              "boolean": "true or false", "array": "a list", "object": "an object",
              "null": "null"}  # fmt: skip


def _words(expected: Any) -> str:
    if isinstance(expected, list):
        return " or ".join(TYPE_WORDS.get(t, str(t)) for t in expected)
    return TYPE_WORDS.get(str(expected), str(expected))


def _shown(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "..."


def _schema_sentence(error: SchemaError) -> str:
    v, value = error.validator, error.instance
    if v == "required":
        missing = str(error.message).split("'")[1] if "'" in error.message else "a field"
        return f'The field "{missing}" is missing.'
    if v == "additionalProperties":
        return f"This has fields the format does not know: {error.message.split('(')[-1][:-1]}."
    if v == "type":
        return f"Expected {_words(error.validator_value)}, found {_shown(value)}."
    if v == "enum":
        allowed = ", ".join(_shown(x) for x in error.validator_value)
        return f"{_shown(value)} is not one of the allowed values ({allowed})."
    if v == "const":
        return f"Expected {_shown(error.validator_value)}, found {_shown(value)}."
    if v == "pattern":
        return f"{_shown(value)} does not have the expected form."
    if v == "maxLength":
        return f"This text is longer than {error.validator_value} characters."
    if v == "minLength":
        return "This must not be empty."
    if v in ("minimum", "maximum"):
        side = "at least" if v == "minimum" else "at most"
        return f"{_shown(value)} must be {side} {error.validator_value}."
    if v == "uniqueItems":
        return "This list names the same thing twice."
    return f"{error.message[:200]}."


def document_check(document: Any) -> list[Problem]:
    """Problems of the document against the published schema, in document order."""
    if isinstance(document, dict):
        if document.get("format") != FORMAT:
            return [Problem("$.format", f"This is not a Mobility Action Plan file (\"format\" "
                                        f"must be \"{FORMAT}\").")]  # fmt: skip
        if document.get("version") != VERSION:
            return [Problem("$.version", f"This file is version {_shown(document.get('version'))}"
                                         f" of the format; this installation reads version "
                                         f"{VERSION}.")]  # fmt: skip
    validator = Draft202012Validator(schema_load())
    errors = sorted(validator.iter_errors(document), key=lambda e: [str(p) for p in e.path])
    return [Problem(e.json_path, _schema_sentence(e)) for e in errors]


# -- Checking against the installation and writing -----------------------------------------


def _path(part: Part, index: int, name: str | None = None) -> str:
    base = f"$.{part.name}" if part.top_level() else f"$.{part.section}.{part.name}"
    base += "" if part.single else f"[{index}]"
    return f"{base}.{name}" if name else base


NOUN = {"organisation": "organisation", "member": "member"}


class _Importer:
    def __init__(self, document: dict[str, Any]) -> None:
        self.doc = document
        self.parts = parts_installed()
        self.problems: list[Problem] = []
        self.kinds = {part.prefix: part_kinds(part) for part in self.parts}
        self.records: dict[str, list[dict[str, Any]]] = {
            p.prefix: self._records(p) for p in self.parts
        }
        self.members = {m["id"]: m for m in document.get("members", [])}
        self.ids: set[str] = set()
        self.created: dict[str, models.Model] = {}
        self.geographies: dict[str, Geography] = {}
        self.pillars: dict[str, Pillar] = {}
        self.predictors: dict[str, Predictor] = {}
        self.metrics: set[str] = set()
        self.written: set[str] = set()  # prefixes of the parts made so far
        self.finish: list[tuple[Part, list[dict[str, Any]], list[models.Model],
                                list[FieldKind]]] = []  # fmt: skip

    def _records(self, part: Part) -> list[dict[str, Any]]:
        holder = self.doc if part.top_level() else self.doc.get(part.section) or {}
        found = holder.get(part.name)
        if part.single:
            return [found] if found else []
        return list(found or [])

    def problem(self, path: str, message: str) -> None:
        self.problems.append(Problem(path, message))

    # -- checks ----------------------------------------------------------------------------

    def code_choose(self, *, code: str | None, code_auto: bool) -> str:
        wanted = code or self.doc["plan"]["code"]
        if slugify(wanted) != wanted or not wanted or len(wanted) > 60:
            self.problem("$.plan.code", f"{_shown(wanted)} cannot be a plan code: use lower-case "
                                        "letters, digits and hyphens (at most 60).")  # fmt: skip
            return wanted
        if not Plan.objects.filter(code=wanted).exists():
            return wanted
        if not code_auto:
            self.problem("$.plan.code", f"A plan with the code \"{wanted}\" exists already; "
                                        "import it under another code.")  # fmt: skip
            return wanted
        n = 2
        while Plan.objects.filter(code=f"{wanted[:55]}-{n}").exists():
            n += 1
        return f"{wanted[:55]}-{n}"

    def check(self) -> None:
        for member_id in self.members:
            self._id_claim(member_id, f"$.members[{list(self.members).index(member_id)}]")
        for part in self.parts:
            for i, record in enumerate(self.records[part.prefix]):
                self._id_claim(record["id"], _path(part, i, "id"))
        self._catalog_load()
        plan = self.doc["plan"]
        geography = self.geographies.get(plan["geography"])
        if geography is None:
            self.problem("$.plan.geography", f"No county or city has the GEOID "
                                             f"\"{plan['geography']}\" here.")  # fmt: skip
        elif geography.kind not in ("county", "place"):
            self.problem("$.plan.geography", "A plan belongs to a county or a city.")
        for kind in plan_kinds():
            if kind.name in plan and kind.kind in ("ref", "member"):
                self._ref_check(kind, plan[kind.name], f"$.plan.{kind.name}")
        for i, member in enumerate(self.members.values()):
            if member.get("organisation"):
                self._ref_check_id("organisation", member["organisation"],
                                   f"$.members[{i}].organisation")  # fmt: skip
        for part in self.parts:
            for i, record in enumerate(self.records[part.prefix]):
                for kind in self.kinds[part.prefix]:
                    if kind.name not in record:
                        continue
                    path = _path(part, i, kind.name)
                    self._field_check(part, kind, record[kind.name], path)
                    if kind.kind == "uuid_ref" and record[kind.name] is not None:
                        self._uuid_ref_check(kind, record, path)
            self._unique_check(part)

    def _id_claim(self, doc_id: str, path: str) -> None:
        if doc_id in self.ids:
            self.problem(path, f'The id "{doc_id}" names two records.')
        self.ids.add(doc_id)

    def _catalog_load(self) -> None:
        geoids: set[str] = {self.doc["plan"]["geography"]}
        pillars: set[str] = set()
        predictors: set[str] = set()
        metrics: set[str] = set()
        wanted = {"pillar": pillars, "predictor": predictors, "metric": metrics}
        for part in self.parts:
            for kind in self.kinds[part.prefix]:
                for record in self.records[part.prefix]:
                    value = record.get(kind.name)
                    found = value if isinstance(value, list) else [value]
                    values: list[str] = [v for v in found if isinstance(v, str) and v]
                    if kind.kind == "geoid":
                        geoids.update(values)
                    elif kind.kind in ("pillar", "pillars"):
                        pillars.update(values)
                    elif kind.kind in ("predictor", "predictors"):
                        predictors.update(values)
                    elif kind.name in part.catalog:
                        wanted[part.catalog[kind.name]].update(values)
        self.geographies = {g.geoid: g for g in Geography.objects.filter(geoid__in=geoids)}
        # Newest framework edition first, so a slug names its current pillar or predictor.
        for pillar in Pillar.objects.filter(slug__in=pillars).order_by("framework_id"):
            self.pillars[pillar.slug] = pillar
        for predictor in Predictor.objects.filter(slug__in=predictors).order_by(
            "pillar__framework_id"
        ):
            self.predictors[predictor.slug] = predictor
        self.metrics = set(Metric.objects.filter(slug__in=metrics).values_list("slug", flat=True))

    def _ref_check_id(self, prefix: str, value: str, path: str) -> None:
        known = self.members if prefix == MEMBER else self.ids
        if value not in known:
            self.problem(path, f'This points to "{value}", which is not in the document.')

    def _ref_check(self, kind: FieldKind, value: Any, path: str) -> None:
        if value is None:
            return
        self._ref_check_id(kind.target, value, path)
        if kind.kind == "member" and kind.model_field.related_model is Membership:
            member = self.members.get(value)
            if member is not None and not member.get("plan_member", False):
                self.problem(path, f"\"{value}\" is named here as a member of the plan, but the "
                                   "members list says they are not one.")  # fmt: skip

    def _field_check(self, part: Part, kind: FieldKind, value: Any, path: str) -> None:
        k = kind.kind
        if k in ("ref", "member"):
            self._ref_check(kind, value, path)
        elif k in ("many", "members", "uuid_list"):
            for n, item in enumerate(value):
                self._ref_check_id(kind.target, item, f"{path}[{n}]")
        elif k == "geoid" and value is not None and value not in self.geographies:
            self.problem(path, f'No geography has the GEOID "{value}" here.')
        elif k in ("pillar", "pillars", "predictor", "predictors"):
            known = self.pillars if k.startswith("pillar") else self.predictors
            for item in value if isinstance(value, list) else [value]:
                if item is not None and item not in known:
                    self.problem(path, f'The framework has no {k.rstrip("s")} "{item}".')
        elif kind.name in part.catalog and value:
            catalog = part.catalog[kind.name]
            known_slugs = {"metric": self.metrics, "pillar": self.pillars,
                           "predictor": self.predictors}[catalog]  # fmt: skip
            for item in value if isinstance(value, list) else [value]:
                if not isinstance(item, str) or item not in known_slugs:
                    self.problem(path, f"The Mobility Metrics have no {catalog} {_shown(item)}.")
        elif k in ("date", "datetime") and value is not None:
            try:
                _when(k, value)
            except ValueError:
                self.problem(path, f"{_shown(value)} is not a real "
                                   f"{'date' if k == 'date' else 'date and time'}.")  # fmt: skip

    def _uuid_ref_check(self, kind: FieldKind, record: dict[str, Any], path: str) -> None:
        value = record[kind.name]
        prefix = dict(kind.uuid_targets).get(record.get(kind.kind_field, ""), "")
        if value not in self.ids:
            self.problem(path, f'This points to "{value}", which is not in the document.')
        elif not value.startswith(f"{prefix}-"):
            self.problem(path, f"This points to \"{value}\", which is not a "
                               f"{record.get(kind.kind_field)}.")  # fmt: skip

    def _unique_check(self, part: Part) -> None:
        model = part.model_class()
        groups: list[tuple[str, ...]] = []
        for constraint in model._meta.constraints:
            if isinstance(constraint, models.UniqueConstraint) and not constraint.condition:
                groups.append(tuple(constraint.fields))
        for f in model._meta.concrete_fields:
            if f.unique and not f.primary_key and f.name in part.fields:
                groups.append((f.name,))
        for fields in groups:
            local = [name for name in fields if name != "plan"]
            if not all(name in part.fields for name in local):
                continue
            seen: Counter[str] = Counter()
            for i, record in enumerate(self.records[part.prefix]):
                key = json.dumps([record.get(name) for name in local])
                seen[key] += 1
                if seen[key] == 2:
                    words = " and ".join(local)
                    self.problem(_path(part, i), f"Another record of this list has the same "
                                                 f"{words.replace('_', ' ')}.")  # fmt: skip

    # -- writing ---------------------------------------------------------------------------

    def write(self, *, owner: User, code: str) -> Plan:
        data = self.doc["plan"]
        plan = Plan.objects.create(
            code=code, geography=self.geographies[data["geography"]],
            **{k.name: _value_in(k, data[k.name]) for k in plan_kinds()
               if k.kind not in ("ref", "geoid") and k.name != "code" and k.name in data},
        )  # fmt: skip
        self.plan = plan
        for part in self.parts:
            if part.prefix == "organisation":
                self._part_write(part)
                self._members_write()
        plan.lead_organisation = self._target("organisation", data.get("lead_organisation"))  # type: ignore[assignment]
        plan.save(update_fields=["lead_organisation"])
        Membership.objects.create(plan=plan, user=owner, role=Role.OWNER,
                                  organisation=plan.lead_organisation)  # fmt: skip
        for part in self.parts:
            if part.prefix != "organisation":
                self._part_write(part)
        for part, records, objs, later in self.finish:
            self._part_finish(part, records, objs, later)
        return plan

    def _target(self, prefix: str, doc_id: str | None) -> models.Model | None:
        return self.created.get(doc_id) if doc_id else None

    def _members_write(self) -> None:
        users = get_user_model()
        for member_id, member in self.members.items():
            name = member["name"]
            user = users.objects.create_user(  # type: ignore[attr-defined]
                username=f"imported-{secrets.token_hex(6)}", password=None,
                first_name=name[:150], last_name=name[150:300], is_active=False,
            )  # fmt: skip
            self.created[member_id] = user
            if member.get("plan_member", False):
                self.created[f"membership:{member_id}"] = Membership.objects.create(
                    plan=self.plan, user=user, role=Role.VIEWER,
                    organisation=self._target("organisation", member.get("organisation")),  # type: ignore[misc]
                )  # fmt: skip

    def _part_write(self, part: Part) -> None:
        model = part.model_class()
        records = self.records[part.prefix]
        if not records:
            self.written.add(part.prefix)
            return
        has_plan = any(f.name == "plan" for f in model._meta.concrete_fields)
        kinds = self.kinds[part.prefix]
        # References to records of this part or of parts made after it are set once every
        # record exists (they are all optional; a required one would be an error of order).
        later = [k for k in kinds if k.kind == "ref" and k.target not in self.written]
        assert all(k.nullable for k in later), f"{part.model}: a required reference comes later"
        objs = []
        for record in records:
            values: dict[str, Any] = {"plan": self.plan} if has_plan else {}
            for kind in kinds:
                if kind.model_field.many_to_many or kind in later:
                    continue
                if kind.name in record or kind.kind == "uuid_ref":
                    values[kind.model_field.attname] = self._in(kind, record.get(kind.name))
            objs.append(model(**values))
        self._rules_check(part, objs)
        created = model.objects.bulk_create(objs)  # type: ignore[attr-defined]
        for record, obj in zip(records, created, strict=True):
            assert obj.pk is not None  # every supported database returns the new keys
            self.created[record["id"]] = obj
        self.written.add(part.prefix)
        self.finish.append((part, records, created, later))

    def _part_finish(
        self, part: Part, records: list[dict[str, Any]], created: list[models.Model],
        later: list[FieldKind],
    ) -> None:  # fmt: skip
        """Lists of references, references set late, and timestamps put back."""
        kinds = self.kinds[part.prefix]
        manager = part.model_class().objects  # type: ignore[attr-defined]
        for record, obj in zip(records, created, strict=True):
            for kind in kinds:
                if kind.model_field.many_to_many and record.get(kind.name):
                    getattr(obj, kind.name).set([self._many_in(kind, x) for x in record[kind.name]])
            changes = {n: _value_in(self._kind(part, n), record[n]) for n in part.restore
                       if record.get(n) is not None}  # fmt: skip
            for kind in later:
                if record.get(kind.name):
                    changes[kind.model_field.attname] = self.created[record[kind.name]].pk
            if changes:
                manager.filter(pk=obj.pk).update(**changes)

    def _rules_check(self, part: Part, objs: list[models.Model]) -> None:
        """The model's check constraints, record by record, before anything of this part is
        saved (the transaction rolls back what came before)."""
        model = part.model_class()
        rules = [c for c in model._meta.constraints if isinstance(c, models.CheckConstraint)]
        problems = []
        for i, obj in enumerate(objs):
            for rule in rules:
                try:
                    rule.validate(model, obj)  # type: ignore[attr-defined]
                except ValidationError:
                    words = RULE_WORDS.get(rule.name, f"the rule {rule.name}")
                    problems.append(Problem(_path(part, i), f"This record breaks {words}."))
        if problems:
            raise PlanImportError(problems)

    def _kind(self, part: Part, name: str) -> FieldKind:
        return next(k for k in self.kinds[part.prefix] if k.name == name)

    def _member_pk(self, kind: FieldKind, member_id: str) -> Any:
        if kind.model_field.related_model is Membership:
            return self.created[f"membership:{member_id}"].pk
        return self.created[member_id].pk

    def _many_in(self, kind: FieldKind, item: str) -> Any:
        if kind.kind == "many":
            return self.created[item].pk
        if kind.kind == "members":
            return self._member_pk(kind, item)
        return (self.pillars if kind.kind == "pillars" else self.predictors)[item].pk

    def _in(self, kind: FieldKind, value: Any) -> Any:
        if value is None and kind.kind == "uuid_ref":
            return uuid.uuid4()  # the record it named is gone, as in the exported plan
        if value is None:
            return None
        k = kind.kind
        if k == "ref":
            return self.created[value].pk
        if k == "member":
            return self._member_pk(kind, value)
        if k == "geoid":
            return self.geographies[value].pk
        if k == "pillar":
            return self.pillars[value].pk
        if k == "predictor":
            return self.predictors[value].pk
        if k == "uuid_list":
            return [str(self.created[item].uuid) for item in value]  # type: ignore[attr-defined]
        if k == "uuid_ref":
            return self.created[value].uuid  # type: ignore[attr-defined]
        return _value_in(kind, value)


def _when(kind: str, value: str) -> date | datetime:
    if kind == "date":
        return date.fromisoformat(value)
    moment = datetime.fromisoformat(value)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment


def _value_in(kind: FieldKind, value: Any) -> Any:
    if value is None:
        return None
    if kind.kind in ("date", "datetime"):
        return _when(kind.kind, value)
    if kind.kind == "decimal":
        try:
            return Decimal(str(value))
        except InvalidOperation:  # pragma: no cover - the schema asks for a number
            return None
    return value
