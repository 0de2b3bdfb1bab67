"""What the Mobility Action Plan exchange format (version 1) holds: every part of a plan, the
fields of each part that travel in the document, and those left out on purpose with the
reason. The export, the import and the JSON Schema are all driven by this list, and a test
fails when a model of a plan part gains a field that is in neither list.

Records are named in the document by document-local ids ("action-3"): the part's prefix and
the record's position among the plan's records of that part, in the order they were made.
An import makes the records in document order, so exporting the imported plan gives the
same ids again.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from django.apps import apps
from django.db.models import Model

FORMAT = "mobility-action-plan"
VERSION = 1

# Reasons used more than once.
IDENTITY = "identity of the record in this installation; records are named by document ids"
BOOKKEEPING = "bookkeeping of this installation (when the row was written here)"
EDIT_COUNTER = "edit counter for optimistic concurrency in this installation"
THE_PLAN = "the plan the document is about"
UPLOADED = "uploaded files do not travel in the document"


@dataclass(frozen=True)
class Part:
    """One kind of record of a plan, exported as a list under document[section][name]."""

    section: str
    name: str
    model: str  # "app_label.ModelName"
    prefix: str  # document ids are "<prefix>-<n>"
    plan_path: str  # the lookup from this model to its plan ("action__plan")
    fields: tuple[str, ...]  # exported, in document order (references and lists included)
    excluded: Mapping[str, str] = field(default_factory=dict)  # field name -> why not
    single: bool = False  # at most one per plan: an object (or null) instead of a list
    # JSON lists holding the UUIDs of another part's records: field -> that part's model.
    uuid_lists: Mapping[str, str] = field(default_factory=dict)
    # A UUID naming a record whose kind another field says: field -> (that field,
    # {its value: the model}). Exported as the record's document id (null when it is gone).
    uuid_refs: Mapping[str, tuple[str, Mapping[str, str]]] = field(default_factory=dict)
    # Names of catalog things the import checks exist: field -> "metric" | "predictor" | "pillar".
    catalog: Mapping[str, str] = field(default_factory=dict)
    # Timestamps set automatically on creation that still mean something (when an approval
    # was given): exported, and put back after the import creates the record.
    restore: tuple[str, ...] = ()
    title: str = ""  # words for the schema

    def model_class(self) -> type[Model]:
        return apps.get_model(self.model)

    def top_level(self) -> bool:
        """Organisations are a list at the top of the document, not inside a section."""
        return self.model == "plans.Organisation"


# The plan's own fields (document["plan"]).
PLAN_FIELDS = (
    "code",
    "title",
    "geography",
    "lead_organisation",
    "purpose",
    "principles",
    "approach_notes",
    "published",
    "published_parts",
)
PLAN_EXCLUDED = {"id": IDENTITY, "uuid": IDENTITY, "created_at": BOOKKEEPING,
                 "updated_at": BOOKKEEPING}  # fmt: skip

# Members are not exported as accounts: only a display name, and the organisation they
# are with in this plan, for the people that records point to.
MEMBER_EXCLUDED = {
    "id": IDENTITY,
    "uuid": IDENTITY,
    "plan": THE_PLAN,
    "user": "accounts are not exported: the member appears by display name only",
    "role": "roles are given by the owner of the installation the plan is imported into",
    "created_at": BOOKKEEPING,
}

# Models reachable from a plan that are not exported, and why.
EXCLUDED_MODELS: dict[str, str] = {
    "plans.Membership": "exported as the `members` list (display names only)",
    "plans.Invitation": "e-mail addresses and one-time links stay in the installation",
    "tracking.Evidence": "uploaded files do not travel in the document",
    "continuity.Snapshot": "frozen copies of the plan, each already such a document",
    "reports.ProgressReport": "issued reports are frozen documents with their PDF and Word "
    "files; they stay in the installation that issued them",
    "results.ReleaseSync": "a log of this installation's refreshes from Mobility Metrics releases",
    "engagement.PublicSubmission": "salted hashes of addresses, only to limit floods here",
    "engagement.Follower": "residents' e-mail addresses stay in the installation",
    "engagement.FollowerSent": "a log of this installation's messages to followers",
    "tracking.PartnerKey": "reporting keys are secrets of this installation; a plan moved "
    "elsewhere gets new keys there",
}

PARTS: tuple[Part, ...] = (
    Part(
        "organisations", "organisations", "plans.Organisation", "organisation", "plan",
        ("name", "kind", "website"), {"id": IDENTITY, "plan": THE_PLAN},
        title="Organisations taking part in the plan",
    ),
    # -- Step 2 ---------------------------------------------------------------------------
    Part(
        "step2", "peers", "plans.PlanPeer", "peer", "plan", ("geography", "reason"),
        {"id": IDENTITY, "plan": THE_PLAN}, title="Peer jurisdictions (by GEOID)",
    ),
    Part(
        "step2", "insights", "plans.PlanInsight", "insight", "plan",
        ("key", "metric_slug", "statement", "note", "status", "evidence", "created_by"),
        {"id": IDENTITY, "uuid": IDENTITY, "plan": THE_PLAN, "updated_at": BOOKKEEPING},
        catalog={"metric_slug": "metric"}, title="Preliminary insights kept, dismissed or written",
    ),
    # -- Step 3 ---------------------------------------------------------------------------
    Part(
        "readiness", "assessments", "readiness.Assessment", "readiness-assessment", "plan",
        ("assessed_on", "title", "defaults_version", "decision", "rationale", "decided_on",
         "created_by"),
        {"id": IDENTITY, "uuid": IDENTITY, "plan": THE_PLAN, "created_at": BOOKKEEPING},
        title="Readiness assessments and their decisions",
    ),
    Part(
        "readiness", "domains", "readiness.Domain", "readiness-domain", "assessment__plan",
        ("assessment", "key", "title", "description", "position"),
        {"id": IDENTITY, "uuid": IDENTITY}, title="Domains of an assessment",
    ),
    Part(
        "readiness", "items", "readiness.Item", "readiness-item", "domain__assessment__plan",
        ("domain", "key", "text", "position", "rating", "evidence", "gap_action", "gap_owner",
         "gap_due", "gap_status", "gap_note"),
        {"id": IDENTITY, "uuid": IDENTITY, "updated_at": BOOKKEEPING},
        title="Rated items of a domain, with gap actions",
    ),
    # -- Step 4 ---------------------------------------------------------------------------
    Part(
        "coalition", "launch_and_composition", "coalition.Coalition", "coalition", "plan",
        ("launch_date", "launch_place", "launch_attendance", "launch_notes", "composition",
         "composition_note"),
        {"id": IDENTITY, "plan": THE_PLAN}, single=True,
        title="The launch and the coalition's make-up",
    ),
    Part(
        "coalition", "organisation_profiles", "coalition.OrganisationProfile",
        "organisation-profile", "organisation__plan",
        ("organisation", "sector", "policy_domains", "pillars", "influence", "interest", "notes"),
        {"id": IDENTITY, "uuid": IDENTITY}, catalog={"pillars": "pillar"},
        title="What the coalition records about an organisation",
    ),
    Part(
        "coalition", "people", "coalition.Person", "coalition-person", "plan",
        ("name", "title", "organisation", "roles", "lived_experience", "demographic_notes",
         "user", "influence", "interest"),
        {"id": IDENTITY, "uuid": IDENTITY, "plan": THE_PLAN, "created_at": BOOKKEEPING,
         "email": "e-mail addresses are never exported"},
        title="People in the coalition (no e-mail addresses)",
    ),
    Part(
        "coalition", "working_groups", "coalition.WorkingGroup", "working-group", "plan",
        ("name", "purpose", "pillars", "chair", "members"),
        {"id": IDENTITY, "uuid": IDENTITY, "plan": THE_PLAN}, catalog={"pillars": "pillar"},
        title="Working groups",
    ),
    Part(
        "coalition", "join_requests", "coalition.JoinRequest", "join-request", "plan",
        ("person", "organisation", "asked_on", "answer", "note"),
        {"id": IDENTITY, "uuid": IDENTITY, "plan": THE_PLAN},
        title="Requests to join the coalition and their answers",
    ),
    # -- Step 5 ---------------------------------------------------------------------------
    Part(
        "local_data", "sources", "localdata.DataSource", "data-source", "plan",
        ("name", "type", "owner_organisation", "owner_name", "access", "year_from", "year_to",
         "groups", "refresh", "predictors", "notes", "link", "created_by"),
        {"id": IDENTITY, "uuid": IDENTITY, "plan": THE_PLAN, "updated_at": BOOKKEEPING},
        catalog={"predictors": "predictor"}, title="The inventory of local data sources",
    ),
    Part(
        "local_data", "indicators", "localdata.Indicator", "indicator", "plan",
        ("name", "unit", "direction", "description", "predictor", "source", "imported_file"),
        {"id": IDENTITY, "uuid": IDENTITY, "plan": THE_PLAN, "updated_at": BOOKKEEPING},
        catalog={"predictor": "predictor"}, title="Local indicators",
    ),
    Part(
        "local_data", "indicator_values", "localdata.IndicatorValue", "indicator-value",
        "indicator__plan", ("indicator", "year", "subgroup", "value", "lb", "ub"),
        {"id": IDENTITY}, title="Values of local indicators by year and group",
    ),
    # -- Step 6 ---------------------------------------------------------------------------
    Part(
        "engagement", "activities", "engagement.Activity", "activity", "plan",
        ("title", "method", "spectrum", "date", "mode", "place", "languages", "accessibility",
         "compensation", "participants", "makeup", "facilitator", "notes"),
        {"id": IDENTITY, "uuid": IDENTITY, "plan": THE_PLAN, "created_at": BOOKKEEPING,
         "updated_at": BOOKKEEPING},
        title="Engagement activities",
    ),
    Part(
        "engagement", "themes", "engagement.Theme", "theme", "plan", ("name", "description"),
        {"id": IDENTITY, "uuid": IDENTITY, "plan": THE_PLAN}, title="Themes feedback is coded into",
    ),
    Part(
        "engagement", "feedback", "engagement.FeedbackItem", "feedback", "plan",
        ("source", "activity", "text", "pillar", "predictor", "themes", "created_by",
         "moderation", "action", "measure", "neighbourhood", "moderated_at", "response",
         "response_status", "response_reason", "responded_at"),
        {"id": IDENTITY, "uuid": IDENTITY, "plan": THE_PLAN, "created_at": BOOKKEEPING,
         "reply_email": "e-mail addresses are never exported", "version": EDIT_COUNTER},
        title="Feedback items (from activities or the public page), coded into themes, with "
        "the coalition's answer",
    ),
    Part(
        "engagement", "findings", "engagement.Finding", "finding", "plan",
        ("statement", "pillar", "predictor", "mobility_part", "metric_slugs", "insights",
         "themes", "local_indicators", "evidence_note"),
        {"id": IDENTITY, "uuid": IDENTITY, "plan": THE_PLAN, "created_at": BOOKKEEPING,
         "updated_at": BOOKKEEPING},
        uuid_lists={"local_indicators": "localdata.Indicator"},
        catalog={"metric_slugs": "metric"}, title="Findings and their evidence",
    ),
    Part(
        "engagement", "report_backs", "engagement.ReportBack", "report-back", "activity__plan",
        ("activity", "shared", "date", "channel"),
        {"id": IDENTITY, "uuid": IDENTITY, "created_at": BOOKKEEPING},
        title="What was shared back with participants",
    ),
    Part(
        "engagement", "decision_points", "engagement.DecisionPoint", "decision-point", "plan",
        ("title", "description", "decides_on", "how_to_take_part", "status", "outcome"),
        {"id": IDENTITY, "uuid": IDENTITY, "plan": THE_PLAN, "version": EDIT_COUNTER,
         "created_at": BOOKKEEPING},
        title="Decisions after the release that residents are asked to shape",
    ),
    # -- Steps 7 and 8 --------------------------------------------------------------------
    Part(
        "strategy", "vision_versions", "strategy.VisionVersion", "vision", "plan",
        ("text", "written_on", "written_by"),
        {"id": IDENTITY, "uuid": IDENTITY, "plan": THE_PLAN, "created_at": BOOKKEEPING},
        title="Wordings of the vision (the latest is current)",
    ),
    Part(
        "strategy", "priorities", "strategy.Priority", "priority", "plan",
        ("title", "description", "pillars", "problem", "root_causes", "pathway", "assumptions",
         "order"),
        {"id": IDENTITY, "uuid": IDENTITY, "plan": THE_PLAN, "created_at": BOOKKEEPING},
        title="Priorities and their theories of change",
    ),
    Part(
        "strategy", "actions", "strategy.StrategicAction", "action", "plan",
        ("priority", "title", "description", "change_kinds", "lead_organisation", "partners",
         "owner", "owner_organisation", "owner_contact", "backup", "starts_on", "ends_on",
         "equity_rationale", "predictors", "status"),
        {"id": IDENTITY, "uuid": IDENTITY, "plan": THE_PLAN, "created_at": BOOKKEEPING,
         "updated_at": BOOKKEEPING},
        title="Strategic actions",
    ),
    Part(
        "strategy", "logic_elements", "strategy.LogicElement", "logic-element", "action__plan",
        ("action", "kind", "text", "order"), {"id": IDENTITY, "uuid": IDENTITY},
        title="Boxes of the actions' logic models",
    ),
    Part(
        "strategy", "criteria", "strategy.Criterion", "criterion", "plan",
        ("name", "weight", "order"), {"id": IDENTITY, "uuid": IDENTITY, "plan": THE_PLAN},
        title="Criteria of the prioritisation matrix",
    ),
    Part(
        "strategy", "scores", "strategy.Score", "score", "action__plan",
        ("action", "criterion", "score"), {"id": IDENTITY},
        title="Scores of actions against criteria (1 to 5)",
    ),
    Part(
        "strategy", "comments", "strategy.ReviewComment", "comment", "action__plan",
        ("action", "author", "text", "resolved", "created_at"), {"id": IDENTITY, "uuid": IDENTITY},
        restore=("created_at",), title="Review comments on actions",
    ),
    Part(
        "strategy", "approvals", "strategy.Approval", "approval", "action__plan",
        ("action", "reviewer", "decision", "note", "decided_at"),
        {"id": IDENTITY, "uuid": IDENTITY},
        restore=("decided_at",), title="Approvals of actions",
    ),
    Part(
        "strategy", "measures", "strategy.Measure", "measure", "plan",
        ("element", "name", "definition", "unit", "direction", "baseline_source",
         "baseline_metric_slug", "baseline_subgroup_type", "baseline_subgroup_name",
         "baseline_indicator", "baseline_year", "baseline_value", "data_source", "method",
         "frequency", "collector", "reporter", "owner", "breakdowns"),
        {"id": IDENTITY, "uuid": IDENTITY, "plan": THE_PLAN, "created_at": BOOKKEEPING,
         "updated_at": BOOKKEEPING},
        catalog={"baseline_metric_slug": "metric"}, title="Measures with their baselines",
    ),
    Part(
        "strategy", "targets", "strategy.MeasureTarget", "target", "measure__plan",
        ("measure", "kind", "target_date", "value", "group_a", "group_b"),
        {"id": IDENTITY, "uuid": IDENTITY}, title="Targets of measures by date",
    ),
    Part(
        "strategy", "reporting_items", "strategy.ReportingItem", "reporting-item", "plan",
        ("what", "audience", "frequency", "responsible"),
        {"id": IDENTITY, "uuid": IDENTITY, "plan": THE_PLAN, "created_at": BOOKKEEPING},
        title="The reporting and accountability schedule",
    ),
    Part(
        "strategy", "evaluation_questions", "strategy.EvaluationQuestion", "evaluation-question",
        "plan", ("question", "method", "who", "timing"),
        {"id": IDENTITY, "uuid": IDENTITY, "plan": THE_PLAN, "created_at": BOOKKEEPING},
        title="The evaluation plan",
    ),
    Part(
        "strategy", "sustainability", "strategy.SustainabilityItem", "sustainability", "plan",
        ("area", "text", "owners"), {"id": IDENTITY, "plan": THE_PLAN},
        title="The sustainability worksheet",
    ),
    # -- Step 9 ---------------------------------------------------------------------------
    Part(
        "publishing", "release", "reports.PlanRelease", "release", "plan",
        ("letter", "letter_signed", "get_involved", "published_at"),
        {"id": IDENTITY, "plan": THE_PLAN, "updated_at": BOOKKEEPING}, single=True,
        title="The letter from leadership and how to get involved",
    ),
    Part(
        "publishing", "checklist", "reports.ChecklistItem", "checklist-item", "plan",
        ("key", "checked_by", "checked_at", "note"), {"id": IDENTITY, "plan": THE_PLAN},
        title="Checked items of the release checklist",
    ),
    Part(
        "publishing", "progress_page", "reports.ProgressPublicSettings", "progress-page", "plan",
        ("show_actions", "show_measures", "show_report", "show_names"),
        {"id": IDENTITY, "plan": THE_PLAN, "version": EDIT_COUNTER, "updated_at": BOOKKEEPING},
        single=True, title="What the public progress page shows",
    ),
    # -- Step 10 --------------------------------------------------------------------------
    Part(
        "tracking", "milestones", "tracking.Milestone", "milestone", "action__plan",
        ("action", "title", "due_on", "completed_on", "order"),
        {"id": IDENTITY, "uuid": IDENTITY, "version": EDIT_COUNTER, "created_at": BOOKKEEPING,
         "updated_at": BOOKKEEPING},
        title="Milestones of actions",
    ),
    Part(
        "tracking", "progress_updates", "tracking.ProgressUpdate", "progress-update",
        "action__plan",
        ("action", "author", "written_on", "status", "percent_complete", "narrative", "blockers",
         "next_steps", "links", "review_state", "reviewer", "review_comment", "reviewed_at",
         "replaces", "author_organisation"),
        {"id": IDENTITY, "uuid": IDENTITY, "created_at": BOOKKEEPING},
        title="Dated progress updates on actions",
    ),
    Part(
        "tracking", "settings", "tracking.TrackingSettings", "tracking-settings", "plan",
        ("review_contributor_updates",),
        {"id": IDENTITY, "plan": THE_PLAN, "updated_at": BOOKKEEPING}, single=True,
        title="How the plan runs its follow-through",
    ),
    Part(
        "tracking", "weights", "tracking.ActionWeight", "action-weight", "action__plan",
        ("action", "weight"), {"id": IDENTITY},
        title="How much each action counts in the roll-up of progress",
    ),
    Part(
        "results", "measure_values", "results.MeasureValue", "measure-value", "measure__plan",
        ("measure", "period", "period_end", "subgroup", "value", "lb", "ub", "source", "note",
         "origin", "entered_by", "previous_value", "revised_at", "entered_by_organisation"),
        {"id": IDENTITY, "uuid": IDENTITY, "version": EDIT_COUNTER, "created_at": BOOKKEEPING,
         "updated_at": BOOKKEEPING},
        title="Values of measures period by period",
    ),
    Part(
        "results", "stories", "results.MeasureStory", "measure-story", "measure__plan",
        ("measure", "story", "partners", "what_works", "next_steps", "updated_by",
         "updated_by_organisation"),
        {"id": IDENTITY, "version": EDIT_COUNTER, "updated_at": BOOKKEEPING},
        title="The story behind each measure's curve",
    ),
    Part(
        "followup", "settings", "followup.FollowupSettings", "followup-settings", "plan",
        ("action_cadence", "grace_days", "lead_days", "started_on"),
        {"id": IDENTITY, "plan": THE_PLAN, "version": EDIT_COUNTER, "updated_at": BOOKKEEPING,
         "feed_token": "the secret address of a calendar feed stays in its installation"},
        single=True, title="How often action owners report, and when reminders go out",
    ),
    Part(
        "funding", "entries", "funding.FundingEntry", "funding-entry", "action__plan",
        ("action", "source_type", "funder_organisation", "funder_name", "committed", "received",
         "spent", "received_above_committed", "starts_on", "ends_on", "restrictions", "status",
         "renewal_expected", "people_reached", "notes", "created_by"),
        {"id": IDENTITY, "uuid": IDENTITY, "version": EDIT_COUNTER, "created_at": BOOKKEEPING,
         "updated_at": BOOKKEEPING},
        title="The funding ledger of each action (dollars)",
    ),
    Part(
        "funding", "needs", "funding.ActionFundingNeed", "funding-need", "action__plan",
        ("action", "amount", "period_start", "period_end", "note"),
        {"id": IDENTITY, "version": EDIT_COUNTER, "updated_at": BOOKKEEPING},
        title="What each action needs in all over a period (dollars)",
    ),
    Part(
        "funding", "settings", "funding.FundingSettings", "funding-settings", "plan",
        ("public",), {"id": IDENTITY, "plan": THE_PLAN, "updated_at": BOOKKEEPING}, single=True,
        title="Whether the public plan page shows funding",
    ),
    Part(
        "continuity", "tenures", "continuity.Tenure", "tenure", "membership__plan",
        ("membership", "kind", "seat", "term_ends_on", "notes"),
        {"id": IDENTITY, "uuid": IDENTITY, "version": EDIT_COUNTER, "updated_at": BOOKKEEPING},
        title="The kind of position members hold, and until when",
    ),
    Part(
        "continuity", "elections", "continuity.Election", "election", "plan",
        ("title", "held_on", "seats", "members", "outcome"),
        {"id": IDENTITY, "uuid": IDENTITY, "plan": THE_PLAN, "created_at": BOOKKEEPING},
        title="Elections and changes of administration ahead",
    ),
    Part(
        "foundation", "charter_revisions", "foundation.CharterRevision", "charter-revision",
        "plan",
        ("number", "mission", "purpose", "membership", "decision_making", "meetings",
         "accountability", "note", "restored_from", "author", "created_at"),
        {"id": IDENTITY, "uuid": IDENTITY, "plan": THE_PLAN}, restore=("created_at",),
        title="Wordings of the mission and charter (the highest number is current)",
    ),
    Part(
        "foundation", "raci", "foundation.RaciEntry", "raci-entry", "plan",
        ("action", "measure", "organisation", "member", "role"),
        {"id": IDENTITY, "uuid": IDENTITY, "plan": THE_PLAN, "updated_at": BOOKKEEPING},
        title="Who is responsible, accountable, consulted or informed, action by action and "
        "measure by measure",
    ),
    Part(
        "foundation", "learning_questions", "foundation.LearningQuestion", "learning-question",
        "plan",
        ("question", "why", "helpers", "status", "learned", "learned_from", "learned_on",
         "what_changed", "action", "measure", "created_by"),
        {"id": IDENTITY, "uuid": IDENTITY, "plan": THE_PLAN, "version": EDIT_COUNTER,
         "created_at": BOOKKEEPING, "updated_at": BOOKKEEPING},
        title="The learning agenda and what was learned",
    ),
    Part(
        "foundation", "reflections", "foundation.Reflection", "foundation-reflection", "plan",
        ("key", "answer", "updated_by"),
        {"id": IDENTITY, "plan": THE_PLAN, "version": EDIT_COUNTER, "updated_at": BOOKKEEPING},
        title="The coalition's answers to the questions on carrying the work on",
    ),
    Part(
        "wins", "wins", "wins.Win", "win", "plan",
        ("title", "what_happened", "happened_on", "kind", "action", "made_by", "organisations",
         "audience", "evidence_link", "public", "source_key", "created_by"),
        {"id": IDENTITY, "uuid": IDENTITY, "plan": THE_PLAN, "version": EDIT_COUNTER,
         "created_at": BOOKKEEPING, "updated_at": BOOKKEEPING,
         "evidence_file": UPLOADED, "evidence_name": UPLOADED, "evidence_size": UPLOADED,
         "evidence_type": UPLOADED},
        title="Early wins (an evidence link travels, an uploaded evidence file does not)",
    ),
    Part(
        "wins", "messages", "wins.WinMessage", "win-message", "win__plan",
        ("win", "messenger", "organisation", "channel", "on", "status", "note"),
        {"id": IDENTITY, "uuid": IDENTITY, "created_at": BOOKKEEPING},
        title="Who carries the news of each win, where and when",
    ),
    Part(
        "wins", "dismissals", "wins.SuggestionDismissal", "win-dismissal", "plan",
        ("key", "title", "dismissed_by", "dismissed_at"), {"id": IDENTITY, "plan": THE_PLAN},
        restore=("dismissed_at",), title="Suggested wins set aside",
    ),
    Part(
        "wins", "reflections", "wins.WinReflection", "win-reflection", "plan",
        ("question", "answer", "updated_by"),
        {"id": IDENTITY, "plan": THE_PLAN, "version": EDIT_COUNTER, "updated_at": BOOKKEEPING},
        title="The coalition's answers to the questions about early wins",
    ),
    Part(
        "wins", "settings", "wins.WinsSettings", "wins-settings", "plan", ("public",),
        {"id": IDENTITY, "plan": THE_PLAN, "updated_at": BOOKKEEPING}, single=True,
        title="Whether the plan shows its wins publicly",
    ),
    Part(
        "revisions", "revisions", "revisions.Revision", "revision", "plan",
        ("subject_kind", "subject_uuid", "subject_title", "version", "changes", "why", "learned",
         "decided_by", "decided_on", "recorded_by", "created_at"),
        {"id": IDENTITY, "uuid": IDENTITY, "plan": THE_PLAN},
        uuid_refs={"subject_uuid": ("subject_kind", {"action": "strategy.StrategicAction",
                                                     "measure": "strategy.Measure",
                                                     "target": "strategy.MeasureTarget"})},
        restore=("created_at",),
        title="Changes to actions, measures and targets after the release, with why",
    ),
    Part(
        "revisions", "settings", "revisions.HistorySettings", "history-settings", "plan",
        ("public",), {"id": IDENTITY, "plan": THE_PLAN}, single=True,
        title="Whether the public plan page shows the revision history",
    ),
)  # fmt: skip

SECTIONS: tuple[str, ...] = tuple(dict.fromkeys(p.section for p in PARTS))

SECTION_TITLES = {
    "organisations": "Organisations taking part in the plan",
    "step2": "Step 2: peers and preliminary insights",
    "readiness": "Step 3: readiness",
    "coalition": "Step 4: the coalition",
    "local_data": "Step 5: local data",
    "engagement": "Step 6: engagement and findings",
    "strategy": "Steps 7 and 8: strategy and the measurement plan",
    "publishing": "Step 9: publishing",
    "tracking": "Step 10: follow-through on actions",
    "results": "Step 10: results of measures",
    "followup": "Step 10: the update cadence",
    "funding": "Step 10: sustained funding",
    "continuity": "Step 10: continuity through political cycles",
    "foundation": "Step 10: building on the foundation",
    "wins": "Step 10: early wins",
    "revisions": "Step 10: revising strategies",
}


def parts_installed() -> tuple[Part, ...]:
    """The parts whose model is installed here (all of them in Upward as shipped)."""
    found = []
    for part in PARTS:
        try:
            part.model_class()
        except LookupError:
            continue
        found.append(part)
    return tuple(found)


def part_of_model(label: str) -> Part | None:
    for part in PARTS:
        if part.model.lower() == label.lower():
            return part
    return None
