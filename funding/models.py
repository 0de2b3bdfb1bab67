"""Step 10, sustained funding: a ledger of the money (and in-kind help) behind each strategic
action, what each action still needs, and whether the plan shows its funding publicly."""

from __future__ import annotations

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models

from plans.models import Organisation, Plan
from strategy.models import StrategicAction

MAX_DIGITS = 14  # up to 999,999,999,999.99 dollars
ZERO = Decimal("0")


class SourceType(models.TextChoices):
    LOCAL = "local-general-fund", "Local general fund"
    STATE = "state-grant", "State grant"
    FEDERAL = "federal-grant", "Federal grant"
    PHILANTHROPY = "philanthropy", "Philanthropy"
    PRIVATE = "private", "Private or business"
    IN_KIND = "in-kind", "In-kind (staff time, space, goods)"


class FundingStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposed or applied for"
    COMMITTED = "committed", "Committed"
    RECEIVED = "received", "Received"
    ENDED = "ended", "Ended"
    DECLINED = "declined", "Declined"


# Money that was promised: it counts against what an action needs.
COUNTED = (FundingStatus.COMMITTED, FundingStatus.RECEIVED, FundingStatus.ENDED)
# Money still flowing: its end date matters.
RUNNING = (FundingStatus.COMMITTED, FundingStatus.RECEIVED)


class Renewal(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    UNKNOWN = "unknown", "Not known yet"


def _amount() -> models.DecimalField:
    return models.DecimalField(
        max_digits=MAX_DIGITS, decimal_places=2, default=ZERO, validators=[MinValueValidator(ZERO)]
    )


class FundingEntry(models.Model):
    """One line of an action's funding ledger: a grant, an appropriation, a gift, in-kind
    help. Amounts are in dollars (in-kind at its estimated value)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    action = models.ForeignKey(
        StrategicAction, on_delete=models.CASCADE, related_name="funding_entries"
    )
    source_type = models.CharField(max_length=20, choices=SourceType.choices)
    funder_organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    funder_name = models.CharField(max_length=200, blank=True)  # when not a plan organisation
    committed = _amount()
    received = _amount()
    spent = _amount()
    # Received may exceed committed only when someone says so (a top-up, a late gift).
    received_above_committed = models.BooleanField(default=False)
    starts_on = models.DateField(null=True, blank=True)
    ends_on = models.DateField(null=True, blank=True)
    restrictions = models.TextField(blank=True)
    status = models.CharField(
        max_length=10, choices=FundingStatus.choices, default=FundingStatus.PROPOSED
    )
    renewal_expected = models.CharField(
        max_length=10, choices=Renewal.choices, default=Renewal.UNKNOWN
    )
    people_reached = models.PositiveIntegerField(null=True, blank=True)
    notes = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1)  # bumped on each save; stale saves refused
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["starts_on", "created_at", "id"]
        verbose_name_plural = "funding entries"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(committed__gte=0, received__gte=0, spent__gte=0),
                name="funding_entry_amounts_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.funder_label()} for {self.action_id}"

    def funder_label(self) -> str:
        if self.funder_organisation_id is not None and self.funder_organisation is not None:
            return self.funder_organisation.name
        return self.funder_name or "Funder not named"

    def counts(self) -> bool:
        return self.status in COUNTED

    def overspent(self) -> bool:
        return self.spent > self.received


class ActionFundingNeed(models.Model):
    """What an action needs in all over a period, whoever pays."""

    action = models.OneToOneField(
        StrategicAction, on_delete=models.CASCADE, related_name="funding_need"
    )
    amount = _amount()
    period_start = models.DateField(null=True, blank=True)
    period_end = models.DateField(null=True, blank=True)
    note = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)


class FundingSettings(models.Model):
    """The owner's choice to show funding on the public plan page."""

    plan = models.OneToOneField(Plan, on_delete=models.CASCADE, related_name="funding_settings")
    public = models.BooleanField(default=False)
    updated_at = models.DateTimeField(auto_now=True)
