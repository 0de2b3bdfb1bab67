"""Writes on user accounts."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from typing import TypeVar

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.db import models, transaction
from django.db.models import QuerySet
from django.utils import timezone

from accounts.models import ApiToken, SignInFailure
from accounts.selectors import FAILURE_WINDOW, LOCKOUT, username_key

DEMO_USERNAME = "demo"


def demo_user_reset(*, username: str = DEMO_USERNAME) -> str:
    """Create the demo login, or give it a new password; return the password.

    The password is random and shown once: a demo left running on a shared network does not
    open to a password that anyone can read in the README.
    """
    password = secrets.token_urlsafe(12)
    user_model = get_user_model()
    user, _ = user_model.objects.get_or_create(
        username=username, defaults={"first_name": "Demo", "last_name": "User"}
    )
    user.is_active = True
    user.set_password(password)
    user.save()
    return password


@transaction.atomic
def signin_failure_record(*, username: str, ip: str | None) -> None:
    """Note a failed sign-in, and forget failures too old to matter any more."""
    now = timezone.now()
    SignInFailure.objects.filter(at__lt=now - FAILURE_WINDOW - LOCKOUT).delete()
    SignInFailure.objects.create(username=username_key(username=username), ip=ip or None, at=now)


def signin_failures_clear(*, username: str) -> None:
    """After a successful sign-in the user name starts afresh."""
    SignInFailure.objects.filter(username=username_key(username=username)).delete()


def user_signup(*, username: str, email: str, password: str) -> User:
    """A new account (the form has validated the password)."""
    return get_user_model().objects.create_user(username=username, email=email, password=password)


TOKEN_PREFIX = "upw_"  # noqa: S105  (a marker that names the kind of key, not a secret)
# A key used again within this long does not rewrite its "last used" time: one write a
# minute at most, not one per API call.
LAST_USED_PRECISION = dt.timedelta(minutes=1)


def token_hash(*, raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def api_token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """A new API key for `user`; returns the record and the key, which is not kept."""
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name.strip(), key_hash=token_hash(raw=raw), prefix=raw[:12]
    )
    return token, raw


def api_token_revoke(*, token: ApiToken) -> ApiToken:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


K = TypeVar("K", bound=models.Model)


def key_find(*, raw: str, prefix: str, keys: QuerySet[K]) -> K | None:
    """The unrevoked key (a model with key_hash, revoked_at and last_used_at) whose text
    this is, with its "last used" time brought up to date; None for any other text."""
    if not raw or not raw.startswith(prefix) or len(raw) > 200:
        return None
    key = keys.filter(key_hash=token_hash(raw=raw), revoked_at__isnull=True).first()
    if key is None:
        return None
    now = timezone.now()
    last_used = getattr(key, "last_used_at", None)
    if last_used is None or now - last_used >= LAST_USED_PRECISION:
        keys.filter(pk=key.pk).update(last_used_at=now)
    return key


def token_authenticate(*, raw: str) -> User | None:
    """The active user whose unrevoked API key this is, or None."""
    token = key_find(raw=raw, prefix=TOKEN_PREFIX, keys=ApiToken.objects.select_related("user"))
    if token is None or not token.user.is_active:
        return None
    return token.user
