"""Personas for the plan endpoints: a test client per persona carrying a real personal
token (made by accounts.services, as /accounts/tokens/ does), and one with none."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from accounts.services import api_token_create

API = "/api/v1"


class TokenClient:
    """A JSON client: every call carries the persona's bearer token."""

    def __init__(self, raw: str | None) -> None:
        headers = {"Authorization": f"Bearer {raw}"} if raw else {}
        self.client = Client(headers=headers)

    def _send(self, method: str, path: str, body: Any = None) -> Any:
        call = getattr(self.client, method)
        if body is None:
            return call(f"{API}/{path}")
        return call(f"{API}/{path}", data=body, content_type="application/json")

    def get(self, path: str) -> Any:
        return self._send("get", path)

    def post(self, path: str, body: Any = None) -> Any:
        return self._send("post", path, {} if body is None else body)

    def patch(self, path: str, body: Any) -> Any:
        return self._send("patch", path, body)

    def put(self, path: str, body: Any) -> Any:
        return self._send("put", path, body)

    def delete(self, path: str) -> Any:
        return self._send("delete", path)


@pytest.fixture
def api_as(people, plan):  # type: ignore[no-untyped-def]
    """api_as["owner"] ... api_as["outsider"], and api_as["nobody"] without a token."""
    clients = {name: TokenClient(api_token_create(user=user, name="tests")[1])
               for name, user in people.items()}  # fmt: skip
    clients["nobody"] = TokenClient(None)
    return clients
