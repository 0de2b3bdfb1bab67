"""Step 4: the Mobility Coalition. The people and organisations in it, their roles, where
they stand on the stakeholder map, working groups, the requests to join, the launch."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from plans.models import Organisation, OrganisationKind, Plan


class Sector(models.TextChoices):
    GOVERNMENT = "government", "Government"
    NONPROFIT = "nonprofit", "Nonprofit"
    EDUCATION = "education", "Education"
    BUSINESS = "business", "Business"
    PHILANTHROPY = "philanthropy", "Philanthropy"
    HEALTH = "health", "Health"
    FAITH = "faith", "Faith"
    RESIDENTS = "residents", "Residents"
    OTHER = "other", "Other"


# The sector an organisation counts in when nobody said otherwise.
SECTOR_OF_KIND: dict[str, str] = {
    OrganisationKind.GOVERNMENT: Sector.GOVERNMENT,
    OrganisationKind.NONPROFIT: Sector.NONPROFIT,
    OrganisationKind.SCHOOL: Sector.EDUCATION,
    OrganisationKind.EMPLOYER: Sector.BUSINESS,
    OrganisationKind.FUNDER: Sector.PHILANTHROPY,
    OrganisationKind.HEALTH: Sector.HEALTH,
    OrganisationKind.FAITH: Sector.FAITH,
    OrganisationKind.RESIDENTS: Sector.RESIDENTS,
    OrganisationKind.OTHER: Sector.OTHER,
}


class PolicyDomain(models.TextChoices):
    HOUSING = "housing", "Housing"
    EDUCATION = "education", "Education"
    JOBS = "jobs", "Jobs and income"
    HEALTH = "health", "Health"
    JUSTICE = "justice", "Justice and public safety"
    TRANSPORT = "transport", "Transportation"
    CHILDREN = "children", "Children and families"
    FINANCE = "finance", "Financial security"
    CIVIC = "civic", "Civic life and democracy"
    ENVIRONMENT = "environment", "Environment"
    OTHER = "other", "Other"


class CoalitionRole(models.TextChoices):
    ADVOCATE = "advocate", "Mobility Advocate"
    MANAGEMENT = "management", "Management team"
    CHAMPION = "champion", "Champion"
    PARTNER = "partner", "Stakeholder partner"
    GROUP_MEMBER = "group-member", "Working-group member"
    GROUP_CHAIR = "group-chair", "Working-group chair"


class LivedExperience(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    DECLINED = "declined", "Prefer not to say"


class Answer(models.TextChoices):
    YES = "yes", "Yes, they joined"
    NO = "no", "No"
    LATER = "later", "Not now, ask later"


class RaceGroup(models.TextChoices):
    """The groups the Mobility Metrics give residents' shares for (representation benchmark)."""

    BLACK = "black_nonhispanic", "Black, non-Hispanic"
    HISPANIC = "hispanic", "Hispanic"
    WHITE = "white_nonhispanic", "White, non-Hispanic"
    OTHER = "other", "Other races and ethnicities"


class OrganisationProfile(models.Model):
    """What the coalition records about one of the plan's organisations."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="coalition_profile"
    )
    sector = models.CharField(max_length=20, choices=Sector.choices, blank=True)
    policy_domains = models.JSONField(default=list)
    pillars = models.JSONField(default=list)  # pillar slugs of the framework catalog
    influence = models.PositiveSmallIntegerField(null=True, blank=True)  # 1-5
    interest = models.PositiveSmallIntegerField(null=True, blank=True)  # 1-5
    notes = models.TextField(blank=True)

    def effective_sector(self) -> str:
        return self.sector or SECTOR_OF_KIND.get(self.organisation.kind, Sector.OTHER)


class Person(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="coalition_people")
    name = models.CharField(max_length=200)
    title = models.CharField(max_length=200, blank=True)
    email = models.EmailField(blank=True)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="people"
    )
    roles = models.JSONField(default=list)  # CoalitionRole values
    # Sensitive: counted in the representativeness view, never shown beside a name in
    # public and never in the plan document.
    lived_experience = models.CharField(max_length=10, choices=LivedExperience.choices, blank=True)
    demographic_notes = models.TextField(blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="coalition_people",
    )
    influence = models.PositiveSmallIntegerField(null=True, blank=True)  # 1-5
    interest = models.PositiveSmallIntegerField(null=True, blank=True)  # 1-5
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class WorkingGroup(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="working_groups")
    name = models.CharField(max_length=200)
    purpose = models.TextField(blank=True)
    pillars = models.JSONField(default=list)  # pillar slugs
    chair = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="chaired_groups"
    )
    members = models.ManyToManyField(Person, blank=True, related_name="working_groups")

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "name"], name="workinggroup_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class JoinRequest(models.Model):
    """An invitation to join the coalition, sent to a person or an organisation."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="join_requests")
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    asked_on = models.DateField()
    answer = models.CharField(max_length=10, choices=Answer.choices, blank=True)  # "" waiting
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["-asked_on", "id"]


class Coalition(models.Model):
    """Plan-wide records of step 4: the launch and the coalition's own make-up."""

    plan = models.OneToOneField(Plan, on_delete=models.CASCADE, related_name="coalition")
    launch_date = models.DateField(null=True, blank=True)
    launch_place = models.CharField(max_length=300, blank=True)
    launch_attendance = models.PositiveIntegerField(null=True, blank=True)
    launch_notes = models.TextField(blank=True)
    composition = models.JSONField(default=dict)  # RaceGroup value -> number of people
    composition_note = models.TextField(blank=True)

    def has_launch(self) -> bool:
        return self.launch_date is not None
