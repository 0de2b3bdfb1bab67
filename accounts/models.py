"""Failed sign-ins (for throttling) and personal API tokens."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models


class SignInFailure(models.Model):
    """One failed sign-in. Kept in the database, not in a process's memory, so the limit
    holds across several server processes; rows older than the lock-out are pruned."""

    username = models.CharField(max_length=150, db_index=True)  # as typed, lower-cased
    ip = models.GenericIPAddressField(null=True, db_index=True)
    at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["at"]


class ApiToken(models.Model):
    """A personal key for the JSON API. Only its SHA-256 is stored: the key itself is shown
    once, when it is made. `prefix` (its first characters) lets people tell keys apart."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=100)
    key_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=16)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def is_active(self) -> bool:
        return self.revoked_at is None
