"""Writes on user accounts."""

from __future__ import annotations

import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from accounts.models import SignInFailure
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


def user_signup(*, username: str, email: str, password: str) -> AbstractBaseUser:
    """A new account (the form has validated the password)."""
    return get_user_model().objects.create_user(username=username, email=email, password=password)
