"""A newcomer invited by e-mail creates an account and lands back on the invitation."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client, override_settings

from plans.models import Membership, Role

pytestmark = pytest.mark.django_db

NEWCOMER = {
    "username": "rosa",
    "email": "rosa@example.org",
    "password1": "a long phrase of words 5",
    "password2": "a long phrase of words 5",
}


@pytest.fixture
def invitation_path(owner, plan) -> str:
    owner.post(f"/plans/{plan.code}/members/", {"email": "rosa@example.org", "role": "editor"})
    found = re.search(r"https?://[^/\s]+(/plans/invitations/\S+/)", mail.outbox[-1].body)
    assert found
    return found.group(1)


def test_an_invited_newcomer_creates_an_account_and_joins_the_plan(
    anonymous: Client, invitation_path: str, plan
) -> None:
    to_sign_in = anonymous.get(invitation_path)
    assert to_sign_in.status_code == 302
    sign_in_page = anonymous.get(to_sign_in["Location"]).content.decode()
    signup_link = re.search(r'href="(/accounts/signup/\?next=[^"]+)"', sign_in_page)
    assert signup_link and "Create an account" in sign_in_page
    form = anonymous.get(signup_link.group(1).replace("&amp;", "&"))
    assert 'value="rosa@example.org"' in form.content.decode()  # from the invitation
    response = anonymous.post(signup_link.group(1), {**NEWCOMER, "next": invitation_path})
    assert response.status_code == 302 and response["Location"] == invitation_path
    assert "Join" in anonymous.get(invitation_path).content.decode()
    joined = anonymous.post(invitation_path)
    assert joined["Location"] == f"/plans/{plan.code}/"
    membership = Membership.objects.get(plan=plan, user__username="rosa")
    assert membership.role == Role.EDITOR


def test_without_an_invitation_nobody_can_create_an_account(anonymous: Client) -> None:
    response = anonymous.get("/accounts/signup/")
    assert response.status_code == 403
    assert "by invitation" in response.content.decode()
    assert anonymous.post("/accounts/signup/", NEWCOMER).status_code == 403
    assert "Create an account" not in anonymous.get("/accounts/login/").content.decode()
    assert not get_user_model().objects.filter(username="rosa").exists()


def test_a_used_invitation_no_longer_opens_sign_up(
    anonymous: Client, invitation_path: str, people
) -> None:
    viewer = Client()
    viewer.force_login(people["viewer"])
    viewer.post(invitation_path)
    response = anonymous.post(f"/accounts/signup/?next={invitation_path}", NEWCOMER)
    assert response.status_code == 403


@override_settings(UPWARD_OPEN_SIGNUP=True)
def test_open_sign_up_lets_anyone_create_an_account(anonymous: Client) -> None:
    assert "Create an account" in anonymous.get("/accounts/login/").content.decode()
    response = anonymous.post("/accounts/signup/", NEWCOMER)
    assert response.status_code == 302 and response["Location"] == "/"
    assert anonymous.session.get("_auth_user_id")


@override_settings(UPWARD_OPEN_SIGNUP=True)
def test_bad_sign_up_input_is_explained_beside_each_field(anonymous: Client, people) -> None:
    response = anonymous.post(
        "/accounts/signup/",
        {"username": "<i>x</i>", "email": "OWNER@example.org", "password1": "123",
         "password2": "124"},
    )  # fmt: skip
    page = response.content.decode()
    assert response.status_code == 200
    assert "An account with this e-mail address exists" in page
    assert "The two password fields didn" in page
    assert "<i>x</i>" not in page and "&lt;i&gt;x&lt;/i&gt;" in page
    assert page.count('class="usa-error-message"') >= 3
    assert not get_user_model().objects.filter(email="OWNER@example.org").exists()


@override_settings(UPWARD_OPEN_SIGNUP=True)
def test_sign_up_never_sends_people_to_another_site(anonymous: Client) -> None:
    response = anonymous.post("/accounts/signup/", {**NEWCOMER, "next": "https://evil.example/"})
    assert response.status_code == 302 and response["Location"] == "/"
