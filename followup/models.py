"""Step 10, who updates what and when: a plan's update cadence, each person's reminder
preference, the digests already sent, and the secret links of the calendar feeds."""

from __future__ import annotations

import datetime
import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models

from plans.models import Plan


def feed_token_new() -> str:
    """A random, unguessable string for a calendar feed's address."""
    return secrets.token_urlsafe(24)


class Cadence(models.TextChoices):
    MONTHLY = "monthly", "Every month"
    QUARTERLY = "quarterly", "Every three months"


CADENCE_MONTHS = {Cadence.MONTHLY: 1, Cadence.QUARTERLY: 3}


class FollowupSettings(models.Model):
    """How often the plan's action owners report, and how reminders are timed."""

    plan = models.OneToOneField(Plan, on_delete=models.CASCADE, related_name="followup_settings")
    action_cadence = models.CharField(
        max_length=10, choices=Cadence.choices, default=Cadence.QUARTERLY
    )
    # An item is flagged overdue only once this many days have passed after its date.
    grace_days = models.PositiveSmallIntegerField(default=7, validators=[MaxValueValidator(90)])
    # Reminders list what falls due within this many days.
    lead_days = models.PositiveSmallIntegerField(default=14, validators=[MaxValueValidator(90)])
    # When follow-through started; blank: the plan's release date, else its creation date.
    started_on = models.DateField(null=True, blank=True)
    feed_token = models.CharField(max_length=64, blank=True, db_index=True)  # "" = no feed
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Follow-up settings of {self.plan}"

    def cadence_months(self) -> int:
        return CADENCE_MONTHS[Cadence(self.action_cadence)]


class DigestFrequency(models.TextChoices):
    NEVER = "never", "Never"
    WEEKLY = "weekly", "Once a week"
    DAILY = "daily", "Every day"


class Weekday(models.IntegerChoices):
    MONDAY = 0, "Monday"
    TUESDAY = 1, "Tuesday"
    WEDNESDAY = 2, "Wednesday"
    THURSDAY = 3, "Thursday"
    FRIDAY = 4, "Friday"
    SATURDAY = 5, "Saturday"
    SUNDAY = 6, "Sunday"


class ReminderPreference(models.Model):
    """One person's choice of reminder e-mails (no row: weekly on Mondays, every plan)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_preference"
    )
    frequency = models.CharField(
        max_length=10, choices=DigestFrequency.choices, default=DigestFrequency.WEEKLY
    )
    weekday = models.PositiveSmallIntegerField(choices=Weekday.choices, default=Weekday.MONDAY)
    # Only these plans; none chosen means every plan the person belongs to.
    plans = models.ManyToManyField(Plan, blank=True, related_name="+")
    # Days ahead to list; blank: each plan's own setting.
    lead_days = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(90)]
    )
    feed_token = models.CharField(max_length=64, blank=True, db_index=True)  # "" = no feed
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Reminders for {self.user}"


class DigestSend(models.Model):
    """A digest e-mailed to one person for one period (a day, or an ISO week)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digest_sends"
    )
    period = models.CharField(max_length=12)  # "2026-11-23" (daily) or "2026-W48" (weekly)
    sent_on = models.DateField(default=datetime.date.today)
    item_count = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-sent_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "period"], name="followup_digest_once")
        ]

    def __str__(self) -> str:
        return f"Digest for {self.user} ({self.period})"
