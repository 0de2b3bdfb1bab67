"""Personal API tokens: made and shown once, listed, revoked, and accepted by the API."""

from __future__ import annotations

import hashlib
import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client, RequestFactory

from accounts.models import ApiToken
from accounts.services import api_token_create, token_authenticate
from api.auth import TokenAuth

pytestmark = pytest.mark.django_db


@pytest.fixture
def amara(db):  # type: ignore[no-untyped-def]
    return get_user_model().objects.create_user(username="amara", password="x long phrase 1")


@pytest.fixture
def signed_in(amara) -> Client:
    client = Client()
    client.force_login(amara)
    return client


def test_a_new_token_is_shown_once_and_only_its_hash_is_kept(signed_in: Client, amara) -> None:
    response = signed_in.post("/accounts/tokens/", {"name": "Reporting <script>"})
    page = response.content.decode()
    raw = re.search(r'id="new-token" readonly value="(upw_[^"]+)"', page).group(1)
    assert "shown only this once" in page and response["Cache-Control"] == "no-store"
    assert "Reporting &lt;script&gt;" in page and "Reporting <script>" not in page
    token = ApiToken.objects.get(user=amara)
    assert token.key_hash == hashlib.sha256(raw.encode()).hexdigest()
    assert raw not in str(vars(token)) and token.prefix == raw[:12]
    again = signed_in.get("/accounts/tokens/").content.decode()
    assert raw not in again and f"{raw[:12]}…" in again


def test_a_token_signs_the_api_in_as_its_user_and_notes_when(amara) -> None:
    _token, raw = api_token_create(user=amara, name="script")
    request = RequestFactory().get("/api/v1/plans", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert TokenAuth()(request) == amara and request.user == amara
    assert ApiToken.objects.get(user=amara).last_used_at is not None


def test_a_revoked_token_no_longer_works(signed_in: Client, amara) -> None:
    token, raw = api_token_create(user=amara, name="old laptop")
    response = signed_in.post(f"/accounts/tokens/{token.uuid}/revoke/")
    assert response.status_code == 302
    assert token_authenticate(raw=raw) is None
    assert "Revoked" in signed_in.get("/accounts/tokens/").content.decode()


def test_wrong_or_malformed_tokens_and_inactive_users_get_nobody(amara) -> None:
    _token, raw = api_token_create(user=amara, name="script")
    assert token_authenticate(raw=raw[:-1] + ("A" if raw[-1] != "A" else "B")) is None
    assert token_authenticate(raw="") is None and token_authenticate(raw="Bearer nonsense") is None
    amara.is_active = False
    amara.save()
    assert token_authenticate(raw=raw) is None
    request = RequestFactory().get("/", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert not TokenAuth()(request)


def test_nobody_can_revoke_or_see_someone_elses_token(amara) -> None:
    token, raw = api_token_create(user=amara, name="mine")
    other = get_user_model().objects.create_user(username="ben", password="y long phrase 2")
    client = Client()
    client.force_login(other)
    assert client.post(f"/accounts/tokens/{token.uuid}/revoke/").status_code == 404
    assert "mine" not in client.get("/accounts/tokens/").content.decode()
    assert token_authenticate(raw=raw) == amara


def test_a_token_needs_a_name_and_the_page_needs_sign_in(signed_in: Client) -> None:
    response = signed_in.post("/accounts/tokens/", {"name": "  "})
    assert "usa-error-message" in response.content.decode()
    assert not ApiToken.objects.exists()
    anonymous = Client().get("/accounts/tokens/")
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
