"""Reads for step 9: the documents assembled from every step, and the release page.

A document is a list of `reports.blocks.Section`. The reports app writes some of them
(reports.sections); every other installed app may add its own through a module
`<app>/document.py` with any of these functions, each taking `plan` as a keyword and
returning a Section or None (None when the step has nothing yet):

    map_section           its part of the Mobility Action Plan
    measurement_section   (strategy) the Measurement Plan
    summary_section       its part of the two-page summary (vision, priorities, actions)
    roster_table          (coalition) a Table of the coalition's members, for the appendix

Apps that do not exist, or have no such module, are simply left out.
"""

from __future__ import annotations

import functools
import importlib
import importlib.util
import inspect
from dataclasses import dataclass, field
from datetime import date, datetime
from types import ModuleType
from typing import Any

from django.apps import apps
from django.contrib.auth.models import AbstractBaseUser

from metrics.selectors.profiles import MetricEntry, Profile, profile_for
from plans.models import InsightStatus, Plan
from reports import sections
from reports.blocks import BulletList, Heading, Paragraph, Section, Table
from reports.checklist import CHECKLIST
from reports.models import ChecklistItem, PlanRelease

KINDS = {"map": "Mobility Action Plan", "summary": "Summary"}
MAP_HOOKS = ("map_section", "measurement_section")
SUMMARY_KEY_FIGURES = 8
SUMMARY_ACTIONS = 5
PRIVATE_BY_DEFAULT = {"appendix-roster"}  # people's names: published only when chosen


def document_modules() -> tuple[ModuleType, ...]:
    """The `<app>.document` modules of the installed apps, in INSTALLED_APPS order."""
    return _modules_of(tuple(config.name for config in apps.get_app_configs()))


@functools.cache
def _modules_of(app_names: tuple[str, ...]) -> tuple[ModuleType, ...]:
    found = []
    for app_name in app_names:
        if app_name == "reports":
            continue
        name = f"{app_name}.document"
        try:
            spec = importlib.util.find_spec(name)
        except (ImportError, ValueError):
            spec = None
        if spec is not None:
            found.append(importlib.import_module(name))
    return tuple(found)


@functools.cache
def _takes_plan(function: Any) -> bool:
    """Whether a hook can be called as function(plan=...): an app's document module may use
    a hook's name for a helper of its own (wins' summary_section takes its wins)."""
    try:
        parameters = inspect.signature(function).parameters
    except (TypeError, ValueError):
        return False
    others = [p for n, p in parameters.items() if n != "plan"]
    return "plan" in parameters and all(
        p.default is not inspect.Parameter.empty
        or p.kind in (inspect.Parameter.VAR_KEYWORD, inspect.Parameter.VAR_POSITIONAL)
        for p in others
    )


def _hook_results(hook: str, plan: Plan) -> list[Any]:
    results = []
    for module in document_modules():
        function = getattr(module, hook, None)
        if callable(function) and _takes_plan(function):
            result = function(plan=plan)
            if result is not None:
                results.append(result)
    return results


def app_sections(*, plan: Plan, hooks: tuple[str, ...] = MAP_HOOKS) -> list[Section]:
    """The sections other apps give for this plan, in their order."""
    found = [s for hook in hooks for s in _hook_results(hook, plan) if isinstance(s, Section)]
    return sorted(found, key=lambda s: s.order)


@dataclass
class Document:
    kind: str  # "map" or "summary"
    title: str
    subtitle: str
    place: str
    lead: str
    date: str
    sections: list[Section] = field(default_factory=list)


def _release(plan: Plan) -> PlanRelease | None:
    return PlanRelease.objects.filter(plan=plan).first()


def _document(plan: Plan, kind: str, profile: Profile) -> Document:
    lead = str(plan.lead_organisation or "")
    place = profile.geography.label
    subtitle = f"{KINDS[kind]} for {place}" + (f", led by {lead}" if lead else "")
    today = date.today()
    return Document(
        kind, plan.title, subtitle, place, lead, f"{today:%B} {today.day}, {today.year}"
    )


def map_document(*, plan: Plan, parts: list[str] | None = None) -> Document:
    """The whole Mobility Action Plan; with `parts`, only the sections named there."""
    profile = profile_for(geoid=plan.geography.geoid)
    document = _document(plan, "map", profile)
    middle = [
        s
        for s in (
            sections.approach_section(plan=plan),
            sections.metrics_section(plan=plan, profile=profile),
            *app_sections(plan=plan),
        )
        if s is not None
    ]
    roster = next(iter(_hook_results("roster_table", plan)), None)
    end = [
        sections.appendix_metrics_section(profile=profile),
        sections.roster_section(table=roster if isinstance(roster, Table) else None),
    ]
    body = sorted([*middle, *(s for s in end if s is not None)], key=lambda s: s.order)
    if parts is not None:  # the summary then lists only what is shown
        body = [s for s in body if s.key in parts]
    front = [
        sections.letter_section(release=_release(plan)),
        sections.summary_section(plan=plan, profile=profile, later=body),
    ]
    document.sections = [s for s in front if s is not None] + body
    if parts is not None:
        document.sections = [s for s in document.sections if s.key in parts]
    return document


def _summary_figures(plan: Plan, profile: Profile) -> list[MetricEntry]:
    kept = plan.insights.filter(status=InsightStatus.KEPT).exclude(metric_slug="")
    chosen = [profile.metric(slug) for slug in kept.values_list("metric_slug", flat=True)]
    by_pillar: dict[str, MetricEntry] = {}
    for pillar, _, entry in sections.key_figures(profile=profile):
        by_pillar.setdefault(pillar, entry)
    ordered = [e for e in chosen if e is not None and e.latest] + list(by_pillar.values())
    unique: dict[str, MetricEntry] = {}
    for entry in ordered:
        unique.setdefault(entry.slug, entry)
    return list(unique.values())[:SUMMARY_KEY_FIGURES]


def _involved_section(plan: Plan, public_url: str) -> Section:
    release = _release(plan)
    blocks: list = sections._paragraphs(release.get_involved) if release else []
    if not blocks:
        lead = str(plan.lead_organisation or "the lead organization")
        blocks.append(Paragraph(f"Get in touch with {lead} to take part in the work."))
    if public_url and plan.published:
        blocks.append(Paragraph(f"Read the whole plan at {public_url}"))
    return Section("involved", "How to get involved", 90, blocks)


def _summary_from_map(section: Section) -> Section | None:
    """Vision, priorities and first actions read from the strategy part of the plan (its
    emphasised paragraph, "Priority: ..." headings and level-4 action headings), for when
    the strategy app gives no summary_section of its own."""
    if section.key != "strategy":
        return None
    vision = next((b for b in section.blocks if isinstance(b, Paragraph) and b.emphasis), None)
    headings = [b for b in section.blocks if isinstance(b, Heading)]
    priorities = [
        h.text.removeprefix("Priority: ") for h in headings if h.text.startswith("Priority: ")
    ]
    actions = [h.text for h in headings if h.level >= 4][:SUMMARY_ACTIONS]
    blocks: list = [Heading("Our vision"), vision] if vision else []
    if priorities:
        blocks += [Heading("Our priorities"), BulletList(priorities)]
    if actions:
        blocks += [Heading("First strategic actions"), BulletList(actions)]
    return Section("vision", "Vision, priorities and actions", 10, blocks) if blocks else None


def summary_document(*, plan: Plan, public_url: str = "") -> Document:
    """Two pages: vision, priorities, top actions, key figures, how to get involved."""
    profile = profile_for(geoid=plan.geography.geoid)
    document = _document(plan, "summary", profile)
    found = app_sections(plan=plan, hooks=("summary_section",))
    if not found:
        found = [s for s in map(_summary_from_map, app_sections(plan=plan)) if s is not None]
    if not found:
        waiting = Paragraph(
            "The coalition has not yet written its vision, priorities and strategic actions."
        )
        found = [Section("vision", "Vision, priorities and actions", 10, [waiting])]
    figures = _summary_figures(plan, profile)
    rows = [[entry.name, *sections.point_cells(entry.latest)] for entry in figures]
    key = Section("key-figures", "Key figures", 50, [Paragraph(sections.SOURCE_NOTE)])
    if rows:
        key.blocks.append(
            Table(
                caption=f"Key figures for {profile.geography.label}",
                header=["Measure", "Value", "Year", "95% interval", "Quality"],
                rows=rows,
            )
        )
    document.sections = [*found, key, _involved_section(plan, public_url)]
    return document


def document_build(*, plan: Plan, kind: str, public_url: str = "") -> Document:
    if kind == "summary":
        return summary_document(plan=plan, public_url=public_url)
    if kind == "map":
        return map_document(plan=plan)
    raise ValueError(f"Unknown document {kind!r}: choose {' or '.join(KINDS)}.")


def public_document(*, plan: Plan) -> Document:
    """What anyone may read: the published parts of a published plan, nothing else."""
    return map_document(plan=plan, parts=list(plan.published_parts or []))


# -- the release page ----------------------------------------------------------------------


@dataclass
class CheckRow:
    key: str
    label: str
    help: str
    checked: bool
    checked_by: str = ""
    checked_at: datetime | None = None
    note: str = ""


@dataclass
class PartChoice:
    key: str
    title: str
    chosen: bool


@dataclass
class ReleaseState:
    release: PlanRelease | None
    checklist: list[CheckRow]
    parts: list[PartChoice]
    published: bool

    @property
    def checked_count(self) -> int:
        return sum(row.checked for row in self.checklist)

    @property
    def all_checked(self) -> bool:
        return self.checked_count == len(self.checklist)


def checklist_rows(*, plan: Plan) -> list[CheckRow]:
    done = {c.key: c for c in ChecklistItem.objects.filter(plan=plan).select_related("checked_by")}
    rows = []
    for key, (label, help_text) in CHECKLIST.items():
        item = done.get(key)
        if item is None:
            rows.append(CheckRow(key, label, help_text, False))
        else:
            who = _person(item.checked_by)
            rows.append(CheckRow(key, label, help_text, True, who, item.checked_at, item.note))
    return rows


def _person(user: AbstractBaseUser | None) -> str:
    if user is None:
        return "a former member"
    full = user.get_full_name() if hasattr(user, "get_full_name") else ""
    return full or user.get_username()


def publishable_parts(*, plan: Plan) -> list[tuple[str, str]]:
    """(key, title) of every section the plan has now, in document order."""
    return [(s.key, s.title) for s in map_document(plan=plan).sections]


def release_state(*, plan: Plan) -> ReleaseState:
    chosen = set(plan.published_parts or [])
    parts = [
        PartChoice(key, title, key in chosen if plan.published_parts else key not in
                   PRIVATE_BY_DEFAULT)
        for key, title in publishable_parts(plan=plan)
    ]  # fmt: skip
    return ReleaseState(_release(plan), checklist_rows(plan=plan), parts, plan.published)
