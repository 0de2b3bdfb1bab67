"""Step 7 (vision, priorities, strategic actions with logic models, prioritisation,
review) and step 8 (measures, targets, reporting, evaluation, sustainability)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from metrics.models import Pillar, Predictor, Unit
from plans.models import Membership, Organisation, Plan


class VisionVersion(models.Model):
    """One wording of the community's vision; the latest is the current one."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="vision_versions")
    text = models.TextField()
    written_on = models.DateField()
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-written_on", "-created_at", "-id"]


class Priority(models.Model):
    """A priority of the plan and its theory of change."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="priorities")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    pillars = models.ManyToManyField(Pillar, blank=True, related_name="+")
    # Theory of change
    problem = models.TextField(blank=True)
    root_causes = models.TextField(blank=True)
    pathway = models.TextField(blank=True)  # if we do this, then that changes, because...
    assumptions = models.TextField(blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["order", "created_at", "id"]
        verbose_name_plural = "priorities"

    def __str__(self) -> str:
        return self.title

    def has_theory_of_change(self) -> bool:
        return bool(self.problem.strip() and self.pathway.strip())


class ChangeKind(models.TextChoices):
    POLICY = "policy", "Policy"
    PRACTICE = "practice", "Practice"
    RESOURCES = "resource-flows", "Resource flows"
    RELATIONSHIPS = "relationships", "Relationships and connections"
    POWER = "power", "Power dynamics"
    NARRATIVES = "narratives", "Narratives and mental models"
    PROGRAM = "program", "Program or service"


class ActionStatus(models.TextChoices):
    """Where an action stands; changed by dated progress updates once the plan runs."""

    NOT_STARTED = "not-started", "Not started"
    ON_TRACK = "on-track", "On track"
    AT_RISK = "at-risk", "At risk"
    OFF_TRACK = "off-track", "Off track"
    COMPLETED = "completed", "Completed"
    PAUSED = "paused", "Paused"
    DROPPED = "dropped", "Dropped"


class StrategicAction(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="actions")
    priority = models.ForeignKey(Priority, on_delete=models.PROTECT, related_name="actions")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    change_kinds = models.JSONField(default=list)  # ChangeKind values
    lead_organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    partners = models.ManyToManyField(Organisation, blank=True, related_name="+")
    owner = models.ForeignKey(
        Membership, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # When a partner organisation owns the action rather than one member: who to ask there.
    owner_organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    owner_contact = models.CharField(max_length=200, blank=True)
    backup = models.ForeignKey(
        Membership, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    starts_on = models.DateField(null=True, blank=True)
    ends_on = models.DateField(null=True, blank=True)
    equity_rationale = models.TextField(blank=True)  # why it advances racial equity
    predictors = models.ManyToManyField(Predictor, blank=True, related_name="+")
    status = models.CharField(
        max_length=20, choices=ActionStatus.choices, default=ActionStatus.NOT_STARTED
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["priority__order", "priority__created_at", "created_at", "id"]

    def __str__(self) -> str:
        return self.title

    def change_kind_labels(self) -> list[str]:
        labels = dict(ChangeKind.choices)
        return [str(labels.get(k, k)) for k in self.change_kinds]


class ElementKind(models.TextChoices):
    INPUT = "input", "Input"
    ACTIVITY = "activity", "Activity"
    OUTPUT = "output", "Output"
    SHORT = "outcome-short", "Short-term outcome"
    MEDIUM = "outcome-medium", "Medium-term outcome"
    LONG = "outcome-long", "Long-term outcome"


OUTCOME_KINDS = (ElementKind.SHORT, ElementKind.MEDIUM, ElementKind.LONG)


class LogicElement(models.Model):
    """One box of an action's logic model."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    action = models.ForeignKey(StrategicAction, on_delete=models.CASCADE, related_name="elements")
    kind = models.CharField(max_length=20, choices=ElementKind.choices)
    text = models.TextField()
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.text[:80]

    def is_outcome(self) -> bool:
        return self.kind in OUTCOME_KINDS


class Criterion(models.Model):
    """A criterion of the prioritisation matrix, with its weight."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(max_length=120)
    weight = models.DecimalField(
        max_digits=5, decimal_places=2, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "name"], name="criterion_unique_name")
        ]


class Score(models.Model):
    action = models.ForeignKey(StrategicAction, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="scores")
    score = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(5)]
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["action", "criterion"], name="score_unique"),
            models.CheckConstraint(
                condition=models.Q(score__gte=1, score__lte=5), name="score_one_to_five"
            ),
        ]


class ReviewComment(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    action = models.ForeignKey(StrategicAction, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    text = models.TextField()
    resolved = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]


class Decision(models.TextChoices):
    APPROVE = "approve", "Approved"
    CHANGES = "changes", "Changes requested"


class Approval(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    action = models.ForeignKey(StrategicAction, on_delete=models.CASCADE, related_name="approvals")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decision = models.CharField(max_length=10, choices=Decision.choices)
    note = models.TextField(blank=True)
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-decided_at", "-id"]


# -- Step 8: the Measurement Plan ----------------------------------------------------------


class Frequency(models.TextChoices):
    MONTHLY = "monthly", "Monthly"
    QUARTERLY = "quarterly", "Quarterly"
    YEARLY = "yearly", "Yearly"
    BIENNIAL = "biennial", "Every two years"
    RELEASE = "release", "Irregular: as the Mobility Metrics are released"


class MeasureDirection(models.TextChoices):
    HIGHER = "higher", "Higher is better"
    LOWER = "lower", "Lower is better"
    PARITY = "parity", "Closer to parity is better"


class BaselineSource(models.TextChoices):
    NONE = "", "No baseline yet"
    METRIC = "metric", "Mobility Metrics"
    LOCAL = "local", "A local indicator (step 5)"
    ENTERED = "entered", "Entered by hand"


class Measure(models.Model):
    """How the coalition will know whether one element of a logic model happens."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="measures")
    element = models.ForeignKey(LogicElement, on_delete=models.CASCADE, related_name="measures")
    name = models.CharField(max_length=200)
    definition = models.TextField(blank=True)
    unit = models.CharField(max_length=20, choices=Unit.choices)
    direction = models.CharField(max_length=10, choices=MeasureDirection.choices)
    baseline_source = models.CharField(
        max_length=10, choices=BaselineSource.choices, blank=True, default=""
    )
    # A baseline read from the release: enough to find the same series again later.
    baseline_metric_slug = models.CharField(max_length=80, blank=True)
    baseline_subgroup_type = models.CharField(max_length=40, blank=True)
    baseline_subgroup_name = models.CharField(max_length=120, blank=True)
    # A baseline read from one of the plan's local indicators (step 5), any subgroup.
    baseline_indicator = models.ForeignKey(
        "localdata.Indicator", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    baseline_year = models.PositiveSmallIntegerField(null=True, blank=True)
    baseline_value = models.FloatField(null=True, blank=True)
    data_source = models.CharField(max_length=300, blank=True)
    method = models.TextField(blank=True)
    frequency = models.CharField(max_length=10, choices=Frequency.choices)
    collector = models.ForeignKey(
        Membership, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reporter = models.ForeignKey(
        Membership, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    owner = models.ForeignKey(
        Membership, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    breakdowns = models.JSONField(default=list)  # groups to break it out by, in words
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["element__action__created_at", "element__order", "created_at", "id"]

    def __str__(self) -> str:
        return self.name

    def has_baseline(self) -> bool:
        return self.baseline_value is not None and self.baseline_year is not None

    def is_mobility_metric(self) -> bool:
        return self.baseline_source == BaselineSource.METRIC and bool(self.baseline_metric_slug)


class TargetKind(models.TextChoices):
    LEVEL = "level", "Value"
    GAP = "gap", "Gap between two groups"


class MeasureTarget(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="targets")
    kind = models.CharField(max_length=10, choices=TargetKind.choices, default=TargetKind.LEVEL)
    target_date = models.DateField()
    value = models.FloatField()  # the value, or for a gap: group A minus group B
    group_a = models.CharField(max_length=120, blank=True)
    group_b = models.CharField(max_length=120, blank=True)

    class Meta:
        ordering = ["target_date", "id"]


class ReportingItem(models.Model):
    """A line of the reporting and accountability schedule."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="reporting_items")
    what = models.CharField(max_length=300)
    audience = models.CharField(max_length=300)
    frequency = models.CharField(max_length=10, choices=Frequency.choices)
    responsible = models.ForeignKey(
        Membership, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]


class EvaluationQuestion(models.Model):
    """A line of the evaluation plan."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="evaluation_questions")
    question = models.TextField()
    method = models.TextField()
    who = models.CharField(max_length=300)
    timing = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]


class SustainabilityArea(models.TextChoices):
    GOVERNANCE = "governance", "Governance"
    CAPACITY = "capacity", "Capacity"
    FUNDING = "funding", "Funding"
    ADAPTATION = "adaptation", "Adaptation"


class SustainabilityItem(models.Model):
    """One area of the sustainability worksheet: how the plan keeps going, and who sees to it."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="sustainability")
    area = models.CharField(max_length=20, choices=SustainabilityArea.choices)
    text = models.TextField(blank=True)
    owners = models.ManyToManyField(Membership, blank=True, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["plan", "area"], name="sustainability_unique_area")
        ]
