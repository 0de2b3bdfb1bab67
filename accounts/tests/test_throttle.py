"""Sign-in is refused for a while after five failures, per user name and per address."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.test import Client

from accounts.models import SignInFailure

pytestmark = pytest.mark.django_db

START = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
PASSWORD = "correct horse 42"


@pytest.fixture
def resident(db):  # type: ignore[no-untyped-def]
    return get_user_model().objects.create_user(username="amara", password=PASSWORD)


def sign_in(client: Client, username: str, password: str, ip: str = "192.0.2.10"):  # type: ignore[no-untyped-def]
    return client.post(
        "/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR=ip
    )


def fail(client: Client, times: int, *, username: str = "amara", ip: str = "192.0.2.10") -> None:
    for _ in range(times):
        assert sign_in(client, username, "wrong guess", ip).status_code == 200


def test_four_failures_still_let_the_right_password_in(client: Client, resident) -> None:
    with time_machine.travel(START, tick=False):
        fail(client, 4)
        response = sign_in(client, "amara", PASSWORD)
    assert response.status_code == 302
    assert not SignInFailure.objects.filter(username="amara").exists()


def test_after_five_failures_even_the_right_password_is_refused_with_the_wait(
    client: Client, resident
) -> None:
    with time_machine.travel(START, tick=False):
        fail(client, 5)
    with time_machine.travel(START + dt.timedelta(minutes=1), tick=False):
        response = sign_in(client, "amara", PASSWORD)
    assert response.status_code == 429
    page = response.content.decode()
    assert "Too many failed attempts" in page and "Try again in 14 minutes" in page
    assert not client.session.get("_auth_user_id")


def test_the_lock_on_a_user_name_ends_after_fifteen_minutes(client: Client, resident) -> None:
    with time_machine.travel(START, tick=False):
        fail(client, 5)
    with time_machine.travel(START + dt.timedelta(minutes=14, seconds=59), tick=False):
        assert sign_in(client, "amara", PASSWORD).status_code == 429
    with time_machine.travel(START + dt.timedelta(minutes=15), tick=False):
        assert sign_in(client, "amara", PASSWORD).status_code == 302


def test_the_user_name_is_locked_whatever_the_address_or_the_case(client: Client, resident) -> None:
    with time_machine.travel(START, tick=False):
        for number in range(5):
            sign_in(client, "amara", "wrong", ip=f"198.51.100.{number}")
        assert sign_in(client, "AMARA", PASSWORD, ip="203.0.113.7").status_code == 429


def test_one_address_trying_many_user_names_is_locked_out(client: Client, resident) -> None:
    with time_machine.travel(START, tick=False):
        for name in ("ana", "ben", "cy", "dee", "eve"):
            sign_in(client, name, "wrong")
        assert sign_in(client, "amara", PASSWORD).status_code == 429
        assert sign_in(client, "amara", PASSWORD, ip="203.0.113.7").status_code == 302


def test_failures_spread_over_more_than_fifteen_minutes_do_not_lock(
    client: Client, resident
) -> None:
    for minute in (0, 5, 10, 15, 20):
        with time_machine.travel(START + dt.timedelta(minutes=minute), tick=False):
            fail(client, 1)
    with time_machine.travel(START + dt.timedelta(minutes=21), tick=False):
        assert sign_in(client, "amara", PASSWORD).status_code == 302


def test_refused_attempts_do_not_extend_the_lock(client: Client, resident) -> None:
    with time_machine.travel(START, tick=False):
        fail(client, 5)
    with time_machine.travel(START + dt.timedelta(minutes=10), tick=False):
        assert sign_in(client, "amara", "wrong again").status_code == 429
    with time_machine.travel(START + dt.timedelta(minutes=15), tick=False):
        assert sign_in(client, "amara", PASSWORD).status_code == 302


def test_old_failures_are_pruned_when_a_new_one_is_noted(client: Client, resident) -> None:
    with time_machine.travel(START, tick=False):
        fail(client, 3, username="ghost")
    with time_machine.travel(START + dt.timedelta(hours=2), tick=False):
        fail(client, 1)
    assert list(SignInFailure.objects.values_list("username", flat=True)) == ["amara"]


def test_the_admin_sign_in_counts_and_obeys_the_same_limit(client: Client, resident) -> None:
    resident.is_staff = True
    resident.save()
    with time_machine.travel(START, tick=False):
        fail(client, 3)
        for _ in range(2):
            client.post(
                "/admin/login/",
                {"username": "amara", "password": "wrong"},
                REMOTE_ADDR="192.0.2.10",
            )
        assert SignInFailure.objects.count() == 5
        admin = client.post(
            "/admin/login/?next=/admin/",
            {"username": "amara", "password": PASSWORD, "next": "/admin/"},
            REMOTE_ADDR="192.0.2.99",
        )
        assert admin.status_code == 200 and not client.session.get("_auth_user_id")
