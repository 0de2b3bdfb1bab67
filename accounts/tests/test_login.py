"""Signing in and out, and the demo login."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

from accounts.services import demo_user_reset

pytestmark = pytest.mark.django_db


def test_the_sign_in_page_has_labelled_fields(client: Client) -> None:
    response = client.get("/accounts/login/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<label class="usa-label" for="id_username">' in html
    assert '<label class="usa-label" for="id_password">' in html


def test_the_demo_login_signs_in_and_lands_on_the_home_page(client: Client) -> None:
    password = demo_user_reset()
    response = client.post("/accounts/login/", {"username": "demo", "password": password})
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.session.get("_auth_user_id")


def test_a_wrong_password_is_refused_with_a_message(client: Client) -> None:
    demo_user_reset()
    response = client.post("/accounts/login/", {"username": "demo", "password": "not-it"})
    assert response.status_code == 200
    assert "usa-alert--error" in response.content.decode()
    assert not client.session.get("_auth_user_id")


def test_resetting_the_demo_login_retires_the_old_password(client: Client) -> None:
    old = demo_user_reset()
    new = demo_user_reset()
    assert old != new
    assert not client.login(username="demo", password=old)
    assert client.login(username="demo", password=new)
    assert get_user_model().objects.filter(username="demo").count() == 1


def test_signing_out_ends_the_session(client: Client) -> None:
    client.login(username="demo", password=demo_user_reset())
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert not client.session.get("_auth_user_id")


def test_the_demo_user_command_prints_a_password_that_works(
    client: Client, capsys: pytest.CaptureFixture[str]
) -> None:
    call_command("demo_user")
    out = capsys.readouterr().out
    password = out.split("Password:")[1].strip()
    assert "User name: demo" in out
    assert client.login(username="demo", password=password)
