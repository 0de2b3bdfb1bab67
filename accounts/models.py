"""Failed sign-ins (for throttling) and personal API tokens."""

from __future__ import annotations

from django.db import models


class SignInFailure(models.Model):
    """One failed sign-in. Kept in the database, not in a process's memory, so the limit
    holds across several server processes; rows older than the lock-out are pruned."""

    username = models.CharField(max_length=150, db_index=True)  # as typed, lower-cased
    ip = models.GenericIPAddressField(null=True, db_index=True)
    at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["at"]
