"""A Mobility Action Plan, who works on it and in what role, and its first two steps."""

from __future__ import annotations

import secrets
import uuid

from django.conf import settings
from django.db import models

from metrics.models import Geography


class OrganisationKind(models.TextChoices):
    GOVERNMENT = "government", "Local government"
    NONPROFIT = "nonprofit", "Nonprofit or community organization"
    SCHOOL = "school", "School district or college"
    EMPLOYER = "employer", "Employer or business"
    FUNDER = "funder", "Funder or philanthropy"
    HEALTH = "health", "Health care or public health"
    FAITH = "faith", "Faith-based organization"
    RESIDENTS = "residents", "Resident group or association"
    OTHER = "other", "Other"


class Organisation(models.Model):
    """An organisation taking part in one plan (each plan keeps its own list)."""

    plan = models.ForeignKey("Plan", on_delete=models.CASCADE, related_name="organisations")
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=OrganisationKind.choices)
    website = models.URLField(blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "name"], name="organisation_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class Plan(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    code = models.SlugField(max_length=60, unique=True)  # in URLs and on the command line
    title = models.CharField(max_length=200)
    geography = models.ForeignKey(Geography, on_delete=models.PROTECT, related_name="plans")
    lead_organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, related_name="+", null=True
    )
    purpose = models.TextField(blank=True)  # step 1: why this coalition is doing this
    principles = models.JSONField(default=list)  # step 1: planning principles it commits to
    approach_notes = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    published = models.BooleanField(default=False)  # the public plan page is on
    published_parts = models.JSONField(default=list)  # which parts the public page shows

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class Role(models.TextChoices):
    OWNER = "owner", "Owner"
    EDITOR = "editor", "Editor"
    CONTRIBUTOR = "contributor", "Contributor"
    VIEWER = "viewer", "Viewer"


ROLE_HELP = {
    Role.OWNER: "Everything, including members and publishing.",
    Role.EDITOR: "Writes and changes all of the plan's content.",
    Role.CONTRIBUTOR: "Changes only what is assigned to them, such as their own actions.",
    Role.VIEWER: "Reads the plan.",
}


class Membership(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=20, choices=Role.choices)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="members"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["plan", "user"], name="membership_unique_user")
        ]

    def can_edit(self) -> bool:
        return self.role in (Role.OWNER, Role.EDITOR)

    def can_manage(self) -> bool:
        return self.role == Role.OWNER

    def can_contribute(self) -> bool:
        return self.role != Role.VIEWER


def _invitation_token() -> str:
    return secrets.token_urlsafe(32)


class Invitation(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField()
    role = models.CharField(max_length=20, choices=Role.choices)
    token = models.CharField(max_length=64, unique=True, default=_invitation_token)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    def is_open(self) -> bool:
        return self.accepted_at is None


class PlanPeer(models.Model):
    """Step 2: a jurisdiction the coalition compares itself with."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="peers")
    geography = models.ForeignKey(Geography, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(max_length=300, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["plan", "geography"], name="planpeer_unique")
        ]


class InsightStatus(models.TextChoices):
    KEPT = "kept", "Kept"
    DISMISSED = "dismissed", "Dismissed"


class PlanInsight(models.Model):
    """Step 2: a preliminary insight the coalition kept (possibly reworded), dismissed, or
    wrote itself. Computed insights are matched by their key (kind + metric)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="insights")
    key = models.CharField(max_length=120, blank=True)  # "standing:share_employed"; "" = own
    metric_slug = models.CharField(max_length=80, blank=True)
    statement = models.TextField()
    note = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=InsightStatus.choices)
    evidence = models.JSONField(default=list)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at"]
