"""Bearer authentication for the JSON API with personal tokens (made at /accounts/tokens/).

    from api.auth import TokenAuth
    @api.get("/plans", auth=TokenAuth())

A request with `Authorization: Bearer upw_...` gets `request.auth` and `request.user` set
to the token's user, so the same access helpers as the pages apply.
"""

from __future__ import annotations

from django.contrib.auth.models import User
from django.http import HttpRequest
from ninja.security import HttpBearer

from accounts.services import token_authenticate


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        user = token_authenticate(raw=token)
        if user is not None:
            request.user = user
        return user


# Every plan endpoint: a personal token (the same user, so the same role rules as the pages).
PLAN_AUTH = [TokenAuth()]
