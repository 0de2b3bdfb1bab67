"""Password sign-in with the failure limit, wherever a password is checked: our sign-in
page, the admin's, and anything else that calls django.contrib.auth.authenticate."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from accounts.selectors import client_ip, signin_locked_until
from accounts.services import signin_failure_record, signin_failures_clear


class ThrottledModelBackend(ModelBackend):
    def authenticate(  # type: ignore[override]
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> User | None:
        if username is None:
            username = kwargs.get(get_user_model().USERNAME_FIELD)
        if username is None or password is None:
            return None
        ip = client_ip(request) if request is not None else None
        if signin_locked_until(username=username, ip=ip) is not None:
            # Stops every backend: Django's authenticate() answers None.
            raise PermissionDenied("Too many failed attempts to sign in.")
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None:
            signin_failure_record(username=username, ip=ip)
        else:
            signin_failures_clear(username=username)
        return user  # type: ignore[return-value]
