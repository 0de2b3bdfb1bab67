"""The plan file (Mobility Action Plan exchange format, version 1): every field of every
plan part is exported or left out on purpose, every export matches the published schema,
and export -> import -> export gives the same document."""

from __future__ import annotations

import io
import json
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Model
from jsonschema import Draft202012Validator

from plans.demo import DEMO_CODE, demo_plan_build
from plans.exchange.export import plan_export, plan_export_json
from plans.exchange.importer import plan_import
from plans.exchange.schema_build import SCHEMA_FILE, schema_build, schema_load
from plans.exchange.spec import (
    EXCLUDED_MODELS,
    MEMBER_EXCLUDED,
    PARTS,
    PLAN_EXCLUDED,
    PLAN_FIELDS,
    parts_installed,
)
from plans.models import Membership, Plan, Role

# Fields that name the copy rather than the plan: they differ between a plan and its import.
IDENTITY_FIELDS = ("exported_at", "plan.code")


def without_identity(document: dict[str, Any]) -> dict[str, Any]:
    copy = json.loads(json.dumps(document))
    copy.pop("exported_at", None)
    copy["plan"].pop("code", None)
    return copy


def schema_problems(document: dict[str, Any]) -> list[str]:
    validator = Draft202012Validator(schema_load())
    return [f"{e.json_path}: {e.message}" for e in validator.iter_errors(document)]


# -- Every field is accounted for -----------------------------------------------------------


def plan_models() -> list[type[Model]]:
    """Every model whose records belong to a plan: linked to it, directly or through other
    such records, by a foreign key or a one-to-one field."""
    reachable: set[type[Model]] = {Plan}
    grew = True
    while grew:
        grew = False
        for model in apps.get_models():
            if model in reachable or model._meta.auto_created:
                continue
            if any(f.related_model in reachable for f in model._meta.concrete_fields
                   if f.is_relation):  # fmt: skip
                reachable.add(model)
                grew = True
    return sorted(reachable, key=lambda m: m._meta.label)


def own_fields(model: type[Model]) -> set[str]:
    return {f.name for f in model._meta.concrete_fields} | {
        f.name for f in model._meta.many_to_many
    }


def test_every_field_of_every_plan_part_is_exported_or_left_out_with_a_reason() -> None:
    parts = {part.model.lower(): part for part in PARTS}
    unaccounted = []
    for model in plan_models():
        label = model._meta.label
        if label == "plans.Plan":
            listed = set(PLAN_FIELDS) | set(PLAN_EXCLUDED)
        elif label == "plans.Membership":
            listed = {"organisation"} | set(MEMBER_EXCLUDED)
        elif label in EXCLUDED_MODELS:
            continue
        elif label.lower() in parts:
            part = parts[label.lower()]
            listed = set(part.fields) | set(part.excluded)
        else:
            unaccounted.append(f"{label} (the whole model)")
            continue
        unaccounted += [f"{label}.{name}" for name in sorted(own_fields(model) - listed)]
    assert not unaccounted, (
        "Add these to plans/exchange/spec.py (exported, or excluded with a reason), then "
        "rebuild the schema with `upward plans schema -o "
        "plans/exchange/schema/map-v1.schema.json`: " + ", ".join(unaccounted)
    )


def test_the_list_of_parts_names_only_fields_the_models_have() -> None:
    stale = []
    for part in PARTS:
        model = part.model_class()
        stale += [f"{part.model}.{n}" for n in [*part.fields, *part.excluded]
                  if n not in own_fields(model)]  # fmt: skip
    assert not stale


def test_the_published_schema_file_is_the_one_the_models_describe() -> None:
    on_disk = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert on_disk == schema_build(), "Rebuild it: upward plans schema -o " + str(SCHEMA_FILE)
    Draft202012Validator.check_schema(on_disk)


# -- A plan with every part ------------------------------------------------------------------


def step10_add(plan: Plan, user: Any) -> None:
    """Records of the step-10 parts the demo may not fill (yet)."""
    from continuity.models import Election, Tenure
    from engagement.models import FeedbackItem
    from followup.models import FollowupSettings
    from funding.models import ActionFundingNeed, FundingEntry, FundingSettings
    from reports.models import ProgressPublicSettings
    from results.models import MeasureStory, MeasureValue
    from strategy.models import Measure, StrategicAction
    from tracking.models import ActionWeight, Milestone, ProgressUpdate, TrackingSettings

    action = StrategicAction.objects.filter(plan=plan).order_by("pk").first()
    measure = Measure.objects.filter(plan=plan).order_by("pk").first()
    assert action is not None and measure is not None
    Milestone.objects.create(
        action=action,
        title="Board adopts the policy",
        due_on=date(2027, 3, 1),
        completed_on=date(2027, 2, 20),
        order=1,
    )
    Milestone.objects.create(action=action, title="First cohort starts", due_on=date(2027, 9, 1))
    ProgressUpdate.objects.create(
        action=action, author=user, written_on=date(2027, 3, 2), status="on-track",
        percent_complete=40, narrative="The board voted 7 to 2.", blockers="",
        next_steps="Hire two coordinators.", links=["https://example.org/minutes"],
        review_state="published", reviewer=user, review_comment="Thanks.",
        reviewed_at=datetime(2027, 3, 3, 14, 5, tzinfo=UTC),
    )  # fmt: skip
    MeasureValue.objects.create(measure=measure, period="2035", period_end=date(2035, 12, 31),
                                value=41.5, lb=39.0, ub=44.0, source="District records",
                                entered_by=user, previous_value=40.9,
                                revised_at=datetime(2027, 1, 5, 9, 0, tzinfo=UTC))  # fmt: skip
    MeasureValue.objects.create(
        measure=measure,
        period="2026",
        period_end=date(2026, 12, 31),
        subgroup="Black, non-Hispanic",
        value=33.0,
        origin="csv",
    )
    MeasureStory.objects.get_or_create(
        measure=measure,
        defaults={"story": "Enrolment rose after the new bus route.", "updated_by": user},
    )
    returned = ProgressUpdate.objects.create(
        action=action, author=user, written_on=date(2027, 6, 1), status="at-risk",
        narrative="Two sites closed.", review_state="returned", review_comment="Which sites?",
    )  # fmt: skip
    ProgressUpdate.objects.create(
        action=action, author=user, written_on=date(2027, 6, 1), status="at-risk",
        narrative="The Kishwaukee and Ellis sites closed.", replaces=returned,
    )  # fmt: skip
    TrackingSettings.objects.update_or_create(
        plan=plan, defaults={"review_contributor_updates": True}
    )
    ActionWeight.objects.update_or_create(action=action, defaults={"weight": Decimal("2.50")})
    ProgressPublicSettings.objects.update_or_create(plan=plan, defaults={"show_actions": True})
    FollowupSettings.objects.get_or_create(plan=plan, defaults={"grace_days": 10})
    FundingSettings.objects.update_or_create(plan=plan, defaults={"public": True})
    FundingEntry.objects.create(
        action=action, source_type="philanthropy", funder_organisation=plan.lead_organisation,
        committed=Decimal("250000.00"), received=Decimal("120000.50"), status="received",
        starts_on=date(2027, 1, 1), ends_on=date(2028, 12, 31), created_by=user,
    )  # fmt: skip
    ActionFundingNeed.objects.get_or_create(action=action, defaults={"amount": Decimal("400000")})
    membership = Membership.objects.filter(plan=plan).order_by("pk").first()
    assert membership is not None
    Tenure.objects.get_or_create(
        membership=membership, defaults={"kind": "elected", "term_ends_on": date(2028, 12, 4)}
    )
    election = Election.objects.create(
        plan=plan, title="County board election", held_on=date(2028, 11, 7)
    )
    election.members.set([membership])
    FeedbackItem.objects.create(
        plan=plan, source="public", text="The new route stops too far from the school.",
        moderation="shown", action=action, measure=measure, neighbourhood="Churchill's Grove",
        moderated_at=datetime(2027, 4, 2, 10, 0, tzinfo=UTC), response="We moved the stop.",
        response_status="acted", responded_at=datetime(2027, 5, 1, 16, 30, tzinfo=UTC),
    )  # fmt: skip


@pytest.fixture
def demo_owner(db):  # type: ignore[no-untyped-def]
    return get_user_model().objects.create_user(
        username="demo", email="demo@example.org", password="correct horse 42"
    )


@pytest.fixture
def full_plan(demo_owner):  # type: ignore[no-untyped-def]
    plan = demo_plan_build(owner=demo_owner).plan
    step10_add(plan, demo_owner)
    return plan


def test_the_demo_plan_exports_imports_and_exports_again_to_the_same_document(
    full_plan, demo_owner
) -> None:
    first = plan_export(plan=full_plan)
    assert schema_problems(first) == []
    for part in parts_installed():  # every part of the format has records in the demo
        holder = first if part.top_level() else first[part.section]
        assert holder[part.name], f"the demo plan has no {part.section}.{part.name}"
    # Feedback names actions and measures, which the import makes after it: set late.
    assert any(item["action"] or item["measure"] for item in first["engagement"]["feedback"])

    copy = plan_import(data=json.dumps(first), owner=demo_owner, code="winnebago-copy")
    second = plan_export(plan=copy)

    assert copy.code == "winnebago-copy" and copy.pk != full_plan.pk
    assert schema_problems(second) == []
    assert without_identity(second) == without_identity(first)


def test_the_plan_file_holds_no_e_mail_addresses_passwords_or_accounts(full_plan) -> None:
    text = plan_export_json(plan=full_plan)
    assert "@example.org" not in text
    assert "pbkdf2" not in text and "password" not in text
    members = json.loads(text)["members"]
    assert members and set(members[0]) == {"id", "name", "organisation", "plan_member"}


def test_people_named_in_the_file_arrive_as_viewers_who_cannot_sign_in(
    full_plan, demo_owner
) -> None:
    document = plan_export(plan=full_plan)
    copy = plan_import(data=json.dumps(document), owner=demo_owner, code="winnebago-copy")
    memberships = Membership.objects.filter(plan=copy).select_related("user")
    roles = {m.user.username: m.role for m in memberships}
    assert roles.pop("demo") == Role.OWNER
    assert set(roles.values()) == {Role.VIEWER}
    assert not any(m.user.is_active or m.user.has_usable_password() or m.user.email
                   for m in memberships if m.user != demo_owner)  # fmt: skip
    names = {m.user.get_full_name() for m in memberships if m.user != demo_owner}
    assert names == {m["name"] for m in document["members"] if m["plan_member"]}


def test_the_command_line_exports_the_demo_plan_and_imports_it_under_a_new_code(
    demo_owner, tmp_path: Path
) -> None:
    demo_plan_build(owner=demo_owner)
    target = tmp_path / "demo.json"
    call_command("plans", "export", DEMO_CODE, "-o", str(target), stderr=io.StringIO())
    assert schema_problems(json.loads(target.read_text())) == []

    out = io.StringIO()
    call_command("plans", "import", str(target), "--code", "demo-copy", "--owner", "demo",
                 stdout=out)  # fmt: skip
    assert "/plans/demo-copy/" in out.getvalue()
    again = plan_export(plan=Plan.objects.get(code="demo-copy"))
    assert without_identity(again) == without_identity(json.loads(target.read_text()))


def test_the_command_line_refuses_a_taken_code_and_an_unknown_plan(plan, tmp_path: Path) -> None:
    target = tmp_path / "plan.json"
    call_command("plans", "export", plan.code, "-o", str(target), stderr=io.StringIO())
    with pytest.raises(CommandError, match="exists already"):
        call_command("plans", "import", str(target), "--owner", "owner")
    with pytest.raises(CommandError, match="No plan has the code"):
        call_command("plans", "export", "no-such-plan", "-o", str(tmp_path / "x.json"))
    assert Plan.objects.filter(title=plan.title).count() == 1


def test_the_schema_command_prints_the_published_schema() -> None:
    out = io.StringIO()
    call_command("plans", "schema", stdout=out)
    assert json.loads(out.getvalue()) == json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
