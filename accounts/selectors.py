"""Reads about accounts: sign-in throttling and who may create an account."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.models import User
from django.db.models import Q
from django.http import HttpRequest
from django.urls import Resolver404, resolve
from django.utils import timezone

from accounts.models import ApiToken, SignInFailure

FAILURE_LIMIT = 5  # failed attempts, for one user name or from one address...
FAILURE_WINDOW = dt.timedelta(minutes=15)  # ...within this long...
LOCKOUT = dt.timedelta(minutes=15)  # ...refuse further attempts for this long


def client_ip(request: HttpRequest) -> str | None:
    """The address of the connection. Behind a proxy this is the proxy's, which makes the
    per-address limit shared by everyone behind it: still safe, if stricter."""
    return request.META.get("REMOTE_ADDR") or None


def username_key(*, username: str) -> str:
    return username.strip().lower()[:150]


def signin_locked_until(
    *, username: str, ip: str | None, now: dt.datetime | None = None
) -> dt.datetime | None:
    """When sign-in opens again for this user name or address, or None when it is open.

    A lock starts at the failure that makes five within fifteen minutes and lasts fifteen
    minutes from that failure; refused attempts are not counted, so they do not extend it.
    """
    now = now or timezone.now()
    match = Q(username=username_key(username=username))
    if ip:
        match |= Q(ip=ip)
    since = now - FAILURE_WINDOW - LOCKOUT
    times = list(
        SignInFailure.objects.filter(match, at__gt=since)
        .order_by("at")
        .values_list("at", flat=True)
    )
    until = None
    for index, at in enumerate(times):
        if at + LOCKOUT <= now:
            continue
        in_window = [t for t in times[: index + 1] if t > at - FAILURE_WINDOW]
        if len(in_window) >= FAILURE_LIMIT:
            until = at + LOCKOUT if until is None else max(until, at + LOCKOUT)
    return until


def wait_in_words(*, until: dt.datetime, now: dt.datetime | None = None) -> str:
    """'1 minute', '14 minutes': rounded up, never 0."""
    seconds = (until - (now or timezone.now())).total_seconds()
    minutes = max(1, int(-(-seconds // 60)))
    return f"{minutes} minute" if minutes == 1 else f"{minutes} minutes"


def signup_invitation_token(*, next_url: str) -> str | None:
    """The token of the open invitation that `next_url` leads to, if it leads to one."""
    from plans.models import Invitation

    path = urlsplit(next_url or "").path
    try:
        match = resolve(path)
    except Resolver404:
        return None
    if match.view_name != "plans:invitation-accept":
        return None
    token = str(match.kwargs.get("token", ""))
    invitation = Invitation.objects.filter(token=token, accepted_at__isnull=True).first()
    return invitation.token if invitation else None


def signup_allowed(*, next_url: str) -> bool:
    """Anyone may create an account when UPWARD_OPEN_SIGNUP is on; otherwise only someone
    on their way to accept an open invitation."""
    return bool(getattr(settings, "UPWARD_OPEN_SIGNUP", False)) or bool(
        signup_invitation_token(next_url=next_url)
    )


def signup_invited_email(*, next_url: str) -> str:
    from plans.models import Invitation

    token = signup_invitation_token(next_url=next_url)
    invitation = Invitation.objects.filter(token=token).first() if token else None
    return invitation.email if invitation else ""


@dataclass(frozen=True)
class TokenRow:
    uuid: str
    name: str
    prefix: str
    created_at: dt.datetime
    last_used_at: dt.datetime | None
    revoked_at: dt.datetime | None

    @property
    def active(self) -> bool:
        return self.revoked_at is None


def api_tokens_for(*, user: User) -> list[TokenRow]:
    return [
        TokenRow(str(t.uuid), t.name, t.prefix, t.created_at, t.last_used_at, t.revoked_at)
        for t in ApiToken.objects.filter(user=user)
    ]
