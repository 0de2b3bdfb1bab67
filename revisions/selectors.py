"""Reads for the revision log: every change after release, and each subject's versions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Model
from django.http import Http404

from lib.people import person_name
from plans.models import Plan
from revisions.models import HistorySettings, Revision, SubjectKind
from revisions.services import FIELDS, fingerprint, subject_title
from strategy.models import Measure, MeasureTarget, StrategicAction

MODELS: dict[str, type[Model]] = {
    SubjectKind.ACTION: StrategicAction,
    SubjectKind.MEASURE: Measure,
    SubjectKind.TARGET: MeasureTarget,
}
PLAN_PATH: dict[str, str] = {
    SubjectKind.ACTION: "plan",
    SubjectKind.MEASURE: "plan",
    SubjectKind.TARGET: "measure__plan",
}


@dataclass
class RevisionRow:
    uuid: str
    kind: str
    kind_label: str
    subject_uuid: str
    subject_title: str
    version: int
    changes: list[dict[str, str]]
    why: str
    learned: str
    decided_by: str
    decided_on: dt.date
    recorded_by: str


@dataclass
class Subject:
    kind: str
    uuid: str
    title: str
    version: int
    fingerprint: str
    values: dict[str, Any]
    revisions: list[RevisionRow] = field(default_factory=list)


def revision_row(revision: Revision) -> RevisionRow:
    return RevisionRow(
        uuid=str(revision.uuid),
        kind=revision.subject_kind,
        kind_label=revision.get_subject_kind_display(),
        subject_uuid=str(revision.subject_uuid),
        subject_title=revision.subject_title,
        version=revision.version,
        changes=list(revision.changes),
        why=revision.why,
        learned=revision.learned,
        decided_by=revision.decided_by,
        decided_on=revision.decided_on,
        recorded_by=person_name(revision.recorded_by),
    )


def revision_log(*, plan: Plan, kind: str | None = None) -> list[RevisionRow]:
    revisions = Revision.objects.filter(plan=plan).select_related("recorded_by")
    if kind:
        revisions = revisions.filter(subject_kind=kind)
    return [revision_row(r) for r in revisions]


def subject_get(*, plan: Plan, kind: str, uuid: object) -> Model:
    """The action, measure or target of this plan (404 for any other)."""
    if kind not in MODELS:
        raise Http404("Nothing of that kind can be revised.")
    model = MODELS[kind]
    record = (
        model._default_manager.filter(**{PLAN_PATH[kind]: plan, "uuid": uuid})
        .select_related(*(["measure"] if kind == SubjectKind.TARGET else []))
        .first()
    )
    if record is None:
        raise Http404("No such record in this plan.")
    return record


def subject_history(*, plan: Plan, kind: str, record: Model) -> Subject:
    uuid = record.uuid  # type: ignore[attr-defined]
    revisions = Revision.objects.filter(plan=plan, subject_kind=kind, subject_uuid=uuid)
    rows = [revision_row(r) for r in revisions.select_related("recorded_by")]
    return Subject(
        kind=kind,
        uuid=str(uuid),
        title=subject_title(record, kind),
        version=1 + len(rows),  # as first written, plus one per revision
        fingerprint=fingerprint(subject=record, kind=kind),
        values={name: getattr(record, name) for name in FIELDS[kind]},
        revisions=rows,
    )


@dataclass
class Revisable:
    kind: str
    uuid: str
    title: str
    detail: str


def revisable_list(*, plan: Plan) -> list[Revisable]:
    """Everything that can be revised, actions with their measures and targets beneath."""
    rows: list[Revisable] = []
    measures: dict[int, list[Measure]] = {}
    for measure in (
        Measure.objects.filter(plan=plan).select_related("element").prefetch_related("targets")
    ):
        measures.setdefault(measure.element.action_id, []).append(measure)
    for action in StrategicAction.objects.filter(plan=plan):
        rows.append(Revisable(SubjectKind.ACTION, str(action.uuid), action.title, "Action"))
        for measure in measures.get(action.pk, []):
            rows.append(Revisable(SubjectKind.MEASURE, str(measure.uuid), measure.name, "Measure"))
            for target in measure.targets.all():
                rows.append(
                    Revisable(
                        SubjectKind.TARGET,
                        str(target.uuid),
                        f"{target.value:g} by {target.target_date:%Y-%m-%d}",
                        f"Target of {measure.name}",
                    )
                )
    return rows


def history_is_public(*, plan: Plan) -> bool:
    settings = HistorySettings.objects.filter(plan=plan).first()
    return bool(settings and settings.public)
