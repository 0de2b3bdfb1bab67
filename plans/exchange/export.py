"""Export a whole plan as one Mobility Action Plan exchange document (version 1)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Model
from django.utils import timezone

from plans.exchange.kinds import MEMBER, FieldKind, part_kinds, plan_kinds
from plans.exchange.spec import FORMAT, VERSION, Part, parts_installed
from plans.models import Membership, Plan


def plan_export(*, plan: Plan, now: datetime | None = None) -> dict[str, Any]:
    """The plan as a dict ready for JSON: see docs/plan-format.md."""
    return _Exporter(plan).document(now=now or timezone.now())


def plan_export_json(*, plan: Plan, now: datetime | None = None) -> str:
    return json.dumps(plan_export(plan=plan, now=now), indent=2, ensure_ascii=False) + "\n"


def value_out(value: Any) -> Any:
    """A model value as JSON: dates as ISO 8601 text, times in UTC, decimals as numbers."""
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    return value


class _Exporter:
    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.parts = parts_installed()
        self.kinds = {part.prefix: part_kinds(part) for part in self.parts}
        self.rows: dict[str, list[Model]] = {}
        self.ids: dict[tuple[str, Any], str] = {}  # (model label, pk) -> document id
        self.uuids: dict[str, dict[str, str]] = {}  # prefix -> record UUID -> document id
        for part in self.parts:
            self.rows[part.prefix] = self._load(part)
            label = part.model_class()._meta.label
            for n, obj in enumerate(self.rows[part.prefix], start=1):
                self.ids[(label, obj.pk)] = f"{part.prefix}-{n}"
            if any(part.model in p.uuid_lists.values() or any(
                    part.model in targets.values() for _, targets in p.uuid_refs.values())
                   for p in self.parts):  # fmt: skip
                self.uuids[part.prefix] = {
                    str(obj.uuid): f"{part.prefix}-{n}"  # type: ignore[attr-defined]
                    for n, obj in enumerate(self.rows[part.prefix], start=1)
                }
        self.memberships = {m.pk: m for m in Membership.objects.filter(plan=plan)}
        self.member_ids = self._members_index()

    def _load(self, part: Part) -> list[Model]:
        model = part.model_class()
        kinds = self.kinds[part.prefix]
        related = [k.name for k in kinds if k.kind in ("geoid", "pillar", "predictor")]
        many = [k.name for k in kinds if k.model_field.many_to_many]
        query = model.objects.filter(**{part.plan_path: self.plan})  # type: ignore[attr-defined]
        return list(query.select_related(*related).prefetch_related(*many).order_by("pk"))

    # -- members ---------------------------------------------------------------------------

    def _user_of(self, kind: FieldKind, pk: Any) -> Any:
        if kind.model_field.related_model is Membership:
            membership = self.memberships.get(pk)
            return membership.user_id if membership else None
        return pk

    def _members_index(self) -> dict[Any, str]:
        users: set[Any] = set()
        for part in self.parts:
            for kind in self.kinds[part.prefix]:
                if kind.kind not in ("member", "members"):
                    continue
                for obj in self.rows[part.prefix]:
                    if kind.kind == "member":
                        pks: Iterable[Any] = [getattr(obj, kind.model_field.attname)]
                    else:
                        pks = [o.pk for o in getattr(obj, kind.name).all()]
                    users.update(u for u in (self._user_of(kind, pk) for pk in pks if pk) if u)
        return {pk: f"{MEMBER}-{n}" for n, pk in enumerate(sorted(users), start=1)}

    def _members(self) -> list[dict[str, Any]]:
        users = get_user_model().objects.in_bulk(list(self.member_ids))
        by_user = {m.user_id: m for m in self.memberships.values()}
        out = []
        for pk, member_id in self.member_ids.items():
            user = users[pk]
            membership = by_user.get(pk)
            organisation = membership.organisation_id if membership else None
            out.append({
                "id": member_id,
                "name": user.get_full_name() or user.get_username(),  # type: ignore[attr-defined]
                "organisation": self.ids.get(("plans.Organisation", organisation)),
                "plan_member": membership is not None,
            })  # fmt: skip
        return out

    # -- records ---------------------------------------------------------------------------

    def _value(self, obj: Model, kind: FieldKind) -> Any:
        f = kind.model_field
        if kind.kind == "ref":
            return self.ids.get((f.related_model._meta.label, getattr(obj, f.attname)))
        if kind.kind == "member":
            pk = getattr(obj, f.attname)
            return self.member_ids.get(self._user_of(kind, pk)) if pk else None
        if kind.kind in ("geoid", "pillar", "predictor"):
            target = getattr(obj, kind.name)
            if target is None:
                return None
            return target.geoid if kind.kind == "geoid" else target.slug
        if kind.kind in ("many", "members", "pillars", "predictors"):
            targets = sorted(getattr(obj, kind.name).all(), key=lambda o: o.pk)
            if kind.kind == "many":
                label = f.related_model._meta.label
                return [self.ids[(label, o.pk)] for o in targets if (label, o.pk) in self.ids]
            if kind.kind == "members":
                found = (self.member_ids.get(self._user_of(kind, o.pk)) for o in targets)
                return [member for member in found if member]
            return [o.slug for o in targets]
        if kind.kind == "uuid_ref":
            prefix = dict(kind.uuid_targets).get(getattr(obj, kind.kind_field), "")
            return self.uuids.get(prefix, {}).get(str(getattr(obj, kind.name)))
        if kind.kind == "uuid_list":
            known = self.uuids.get(kind.target, {})
            return [known[str(u)] for u in getattr(obj, kind.name) if str(u) in known]
        return value_out(getattr(obj, kind.name))

    def _record(self, part: Part, obj: Model, n: int) -> dict[str, Any]:
        record: dict[str, Any] = {"id": f"{part.prefix}-{n}"}
        for kind in self.kinds[part.prefix]:
            record[kind.name] = self._value(obj, kind)
        return record

    def document(self, *, now: datetime) -> dict[str, Any]:
        plan_record = {kind.name: self._value(self.plan, kind) for kind in plan_kinds()}
        doc: dict[str, Any] = {
            "format": FORMAT,
            "version": VERSION,
            "exported_at": value_out(now),
            "plan": plan_record,
        }
        for part in self.parts:
            records = [
                self._record(part, obj, n) for n, obj in enumerate(self.rows[part.prefix], start=1)
            ]
            if part.top_level():
                doc[part.name] = records
                if part.name == "organisations":
                    doc["members"] = self._members()
                continue
            section = doc.setdefault(part.section, {})
            section[part.name] = (records[0] if records else None) if part.single else records
        return doc
