"""Step 10, building on the foundation: the coalition's mission and charter as a history of
revisions, who is responsible, accountable, consulted and informed for each action and
measure, the learning agenda, and the coalition's reflections on carrying the work on."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from plans.models import Membership, Organisation, Plan
from strategy.models import Measure, StrategicAction

# The charter's parts after the mission: (field name, label, what goes there).
CHARTER_SECTIONS: tuple[tuple[str, str, str], ...] = (
    ("purpose", "Purpose", "Why the coalition keeps meeting now that the plan is out."),
    ("membership", "Membership", "Who belongs, how partners join and leave."),
    ("decision_making", "Decision-making", "How the coalition decides, and who has a vote."),
    ("meetings", "Meetings", "How often it meets, where, and how residents take part."),
    ("accountability", "Accountability", "How partners answer for what they took on."),
)
CHARTER_FIELDS = ("mission", *(name for name, _, _ in CHARTER_SECTIONS))


class CharterRevision(models.Model):
    """One wording of the mission and charter. The highest number is the current text; a
    save never changes a revision, it adds the next one."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="charter_revisions")
    number = models.PositiveIntegerField()
    mission = models.TextField(blank=True)
    purpose = models.TextField(blank=True)
    membership = models.TextField(blank=True)
    decision_making = models.TextField(blank=True)
    meetings = models.TextField(blank=True)
    accountability = models.TextField(blank=True)
    note = models.TextField()  # what changed and why
    restored_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="charter_revision_unique")
        ]

    def __str__(self) -> str:
        return f"Charter revision {self.number}"


class RaciRole(models.TextChoices):
    RESPONSIBLE = "R", "Responsible"
    ACCOUNTABLE = "A", "Accountable"
    CONSULTED = "C", "Consulted"
    INFORMED = "I", "Informed"


class RaciEntry(models.Model):
    """One cell of the matrix: a party's role on an action or a measure. The subject is an
    action or a measure; the party a partner organisation or a member of the plan."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="raci_entries")
    action = models.ForeignKey(
        StrategicAction, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    measure = models.ForeignKey(
        Measure, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    member = models.ForeignKey(
        Membership, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    role = models.CharField(max_length=1, choices=RaciRole.choices)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "RACI entries"
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(action__isnull=False, measure__isnull=True)
                    | models.Q(action__isnull=True, measure__isnull=False)
                ),
                name="raci_one_subject",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(organisation__isnull=False, member__isnull=True)
                    | models.Q(organisation__isnull=True, member__isnull=False)
                ),
                name="raci_one_party",
            ),
            models.UniqueConstraint(
                fields=["action", "organisation"],
                condition=models.Q(action__isnull=False, organisation__isnull=False),
                name="raci_unique_action_organisation",
            ),
            models.UniqueConstraint(
                fields=["action", "member"],
                condition=models.Q(action__isnull=False, member__isnull=False),
                name="raci_unique_action_member",
            ),
            models.UniqueConstraint(
                fields=["measure", "organisation"],
                condition=models.Q(measure__isnull=False, organisation__isnull=False),
                name="raci_unique_measure_organisation",
            ),
            models.UniqueConstraint(
                fields=["measure", "member"],
                condition=models.Q(measure__isnull=False, member__isnull=False),
                name="raci_unique_measure_member",
            ),
        ]


class Helper(models.TextChoices):
    IMPLEMENTERS = "implementers", "Implementers"
    RESIDENTS = "residents", "Residents"
    EVALUATORS = "evaluators", "Evaluators"
    PARTNERS = "partners", "Partners"


class QuestionStatus(models.TextChoices):
    OPEN = "open", "Open"
    ANSWERED = "answered", "Answered"
    DROPPED = "dropped", "Dropped"


class LearningQuestion(models.Model):
    """A question on the learning agenda, and what the coalition learned about it."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="learning_questions")
    question = models.TextField()
    why = models.TextField(blank=True)  # why it matters
    helpers = models.JSONField(default=list)  # Helper values: who will help answer
    status = models.CharField(
        max_length=10, choices=QuestionStatus.choices, default=QuestionStatus.OPEN
    )
    learned = models.TextField(blank=True)
    learned_from = models.CharField(max_length=300, blank=True)  # from whom, in words
    learned_on = models.DateField(null=True, blank=True)
    what_changed = models.TextField(blank=True)
    action = models.ForeignKey(
        StrategicAction, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    measure = models.ForeignKey(
        Measure, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)  # bumped on each save; stale saves refused
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.question[:80]

    def helper_labels(self) -> list[str]:
        labels = dict(Helper.choices)
        return [str(labels.get(h, h)) for h in self.helpers]


class Reflection(models.Model):
    """The coalition's answer to one of the foundation questions (foundation/questions.py)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="foundation_reflections")
    key = models.CharField(max_length=40)
    answer = models.TextField(blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["plan", "key"], name="foundation_reflection_unique")
        ]
