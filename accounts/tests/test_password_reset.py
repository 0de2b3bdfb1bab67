"""Forgot the password: a link by e-mail, a new password, signed in with it."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.fixture
def resident(db):  # type: ignore[no-untyped-def]
    return get_user_model().objects.create_user(
        username="amara<b>", email="amara@example.org", password="old password 17"
    )


def reset_link(client: Client) -> str:
    response = client.post("/accounts/password-reset/", {"email": "amara@example.org"})
    assert response.status_code == 302 and response["Location"] == "/accounts/password-reset/sent/"
    assert len(mail.outbox) == 1
    found = re.search(r"https?://[^/\s]+(/accounts/reset/\S+/)", mail.outbox[0].body)
    assert found, mail.outbox[0].body
    return found.group(1)


def test_the_forgotten_password_page_is_linked_from_sign_in(client: Client) -> None:
    page = client.get("/accounts/login/").content.decode()
    assert 'href="/accounts/password-reset/"' in page
    form = client.get("/accounts/password-reset/").content.decode()
    assert '<label class="usa-label" for="id_email">E-mail address</label>' in form


def test_a_reset_by_e_mail_sets_a_new_password_that_signs_in(client: Client, resident) -> None:
    link = reset_link(client)
    message = mail.outbox[0]
    assert message.to == ["amara@example.org"]
    assert message.subject == "Choose a new password for Upward"
    assert "amara<b>" in message.body  # plain text: the name as typed, not &lt;b&gt;
    form_url = client.get(link, follow=True).redirect_chain[-1][0]
    response = client.post(
        form_url, {"new_password1": "a brand new phrase 8", "new_password2": "a brand new phrase 8"}
    )
    assert response.status_code == 302 and response["Location"] == "/accounts/reset/done/"
    assert client.login(username="amara<b>", password="a brand new phrase 8")
    assert not client.login(username="amara<b>", password="old password 17")


def test_a_weak_new_password_is_refused_beside_the_field(client: Client, resident) -> None:
    form_url = client.get(reset_link(client), follow=True).redirect_chain[-1][0]
    response = client.post(form_url, {"new_password1": "12345678", "new_password2": "12345678"})
    page = response.content.decode()
    assert response.status_code == 200 and "usa-error-message" in page
    assert "too common" in page
    assert client.login(username="amara<b>", password="old password 17")


def test_a_used_link_does_not_work_twice(client: Client, resident) -> None:
    link = reset_link(client)
    form_url = client.get(link, follow=True).redirect_chain[-1][0]
    client.post(
        form_url, {"new_password1": "another phrase 99", "new_password2": "another phrase 99"}
    )
    page = Client().get(link, follow=True).content.decode()
    assert "This link has been used or is too old" in page


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client: Client) -> None:
    response = client.post("/accounts/password-reset/", {"email": "nobody@example.org"})
    assert response.status_code == 302 and response["Location"] == "/accounts/password-reset/sent/"
    assert mail.outbox == []
