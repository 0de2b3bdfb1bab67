"""Writes on user accounts."""

from __future__ import annotations

import secrets

from django.contrib.auth import get_user_model

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
