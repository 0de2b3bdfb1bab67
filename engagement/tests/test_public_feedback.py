"""Residents' feedback on a published plan, without an account, and the defences around
the form: honeypot, signed token with its age, size limits, flood limit per address."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from engagement import public
from engagement.models import FeedbackItem, Moderation, Theme
from engagement.tests.conftest import ESCAPED, HOSTILE

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(plan):  # type: ignore[no-untyped-def]
    plan.published = True
    plan.save(update_fields=["published"])
    return plan


def url(plan) -> str:  # type: ignore[no-untyped-def]
    return f"/p/{plan.code}/feedback/"


def token(plan, seconds_ago: int = 60) -> str:  # type: ignore[no-untyped-def]
    return public.form_token(plan=plan, now=timezone.now() - dt.timedelta(seconds=seconds_ago))


def post(client, plan, address: str = "203.0.113.5", **fields):  # type: ignore[no-untyped-def]
    data = {"text": "More evening bus service on West State Street, please.", "about": "",
            "theme": "", "neighbourhood": "", "email": "", "website": "",
            "token": token(plan)}  # fmt: skip
    data.update(fields)
    return client.post(url(plan), data, REMOTE_ADDR=address)


def test_a_resident_sends_feedback_without_an_account_and_it_waits_for_a_moderator(
    anonymous, published
) -> None:
    page = anonymous.get(url(published))
    assert page.status_code == 200
    assert "Send your feedback" in page.content.decode()
    response = post(anonymous, published, email="resident@example.org", neighbourhood="Midtown")
    assert response.status_code == 302
    item = FeedbackItem.objects.get()
    assert item.source == "public"
    assert item.moderation == Moderation.PENDING
    assert item.reply_email == "resident@example.org"
    after = anonymous.get(response["Location"]).content.decode()
    assert "Thank you" in after
    assert "evening bus service" not in after  # nothing public before a moderator shows it


def _action(plan):  # type: ignore[no-untyped-def]
    from metrics.models import Pillar
    from strategy import services as strategy_services

    priority = strategy_services.priority_save(
        plan=plan, pillars=list(Pillar.objects.all()[:1]), title="Good jobs", description="",
        problem="Too few jobs pay enough.", root_causes="", assumptions="",
        pathway="If employers pay a living wage, then families save.",
    )  # fmt: skip
    return strategy_services.action_save(plan=plan, priority=priority, title="Living-wage pledge")


def test_feedback_may_be_about_one_published_action_and_a_theme(anonymous, published) -> None:
    published.published_parts = ["strategy"]
    published.save(update_fields=["published_parts"])
    action = _action(published)
    theme = Theme.objects.create(plan=published, name="Transit")
    assert "Action: Living-wage pledge" in anonymous.get(url(published)).content.decode()
    post(anonymous, published, about=f"action:{action.uuid}", theme=str(theme.uuid))
    item = FeedbackItem.objects.get()
    assert list(item.themes.all()) == [theme]
    assert item.action == action


def test_actions_the_owner_did_not_publish_are_not_offered(anonymous, published) -> None:
    action = _action(published)
    assert "Living-wage pledge" not in anonymous.get(url(published)).content.decode()
    refused = post(anonymous, published, about=f"action:{action.uuid}")
    assert refused.status_code == 400
    assert not FeedbackItem.objects.exists()


def test_an_unpublished_plan_has_no_feedback_page(anonymous, plan) -> None:
    assert anonymous.get(url(plan)).status_code == 404
    assert post(anonymous, plan).status_code == 404
    assert not FeedbackItem.objects.exists()


def test_a_filled_honeypot_is_refused_with_a_sentence_and_nothing_saved(
    anonymous, published
) -> None:
    response = post(anonymous, published, website="http://spam.example")
    assert response.status_code == 400
    assert "a field meant to stay empty was filled in" in response.content.decode()
    assert not FeedbackItem.objects.exists()


@pytest.mark.parametrize(
    ("given", "words"),
    [
        ("", "arrived without its security token"),
        ("forged-token:abc", "not one we issued"),
    ],
)
def test_a_missing_or_forged_token_is_refused(anonymous, published, given, words) -> None:
    response = post(anonymous, published, token=given)
    assert response.status_code == 400
    assert words in response.content.decode()
    assert "More evening bus service" in response.content.decode()  # the text is kept
    assert not FeedbackItem.objects.exists()


def test_an_expired_or_too_fresh_token_is_refused(anonymous, published) -> None:
    old = post(anonymous, published, token=token(published, seconds_ago=3 * 3600))
    assert "more than two hours ago" in old.content.decode()
    fresh = post(anonymous, published, token=token(published, seconds_ago=0))
    assert "faster than a person types" in fresh.content.decode()
    assert not FeedbackItem.objects.exists()


def test_a_token_for_another_plan_is_refused(anonymous, published, people) -> None:
    from plans.models import Plan

    other = Plan.objects.exclude(pk=published.pk).first()
    response = post(anonymous, published, token=token(other))
    assert "belongs to another page" in response.content.decode()
    assert not FeedbackItem.objects.exists()


def test_oversized_text_is_refused_beside_the_field(anonymous, published) -> None:
    response = post(anonymous, published, text="a" * 2001)
    assert response.status_code == 400
    assert "under 2,000 characters (this has 2,001)" in response.content.decode()
    assert not FeedbackItem.objects.exists()


def test_an_oversized_request_is_refused_as_a_whole(anonymous, published) -> None:
    response = post(anonymous, published, neighbourhood="x" * 30_000)
    assert response.status_code == 413
    assert "too large to accept" in response.content.decode()
    assert not FeedbackItem.objects.exists()


def test_a_flood_from_one_address_is_limited_and_others_still_get_through(published) -> None:
    flooder = Client()
    for n in range(public.FLOOD_LIMIT):
        assert post(flooder, published, text=f"Message {n}").status_code == 302
    refused = post(flooder, published, text="One too many")
    assert refused.status_code == 429
    assert "in the last hour" in refused.content.decode()
    neighbour = post(Client(), published, address="198.51.100.7", text="Sidewalks on Kishwaukee")
    assert neighbour.status_code == 302
    texts = set(FeedbackItem.objects.values_list("text", flat=True))
    assert "Sidewalks on Kishwaukee" in texts
    assert "One too many" not in texts
    assert len(texts) == public.FLOOD_LIMIT + 1


def test_addresses_are_kept_only_as_salted_hashes(anonymous, published) -> None:
    from engagement.models import PublicSubmission

    post(anonymous, published, address="203.0.113.5")
    kept = PublicSubmission.objects.get()
    assert "203.0.113.5" not in kept.client
    assert kept.client == public.client_key(address="203.0.113.5")


def test_the_flood_limit_opens_again_after_an_hour(published) -> None:
    client = public.client_key(address="203.0.113.9")
    start = timezone.now() - dt.timedelta(hours=2)
    for _ in range(public.FLOOD_LIMIT):
        public.public_feedback_submit(plan=published, client=client, text="Earlier",
                                      subject=public.Subject(), now=start)  # fmt: skip
    public.public_feedback_submit(plan=published, client=client, text="Now",
                                  subject=public.Subject())  # fmt: skip
    assert FeedbackItem.objects.count() == public.FLOOD_LIMIT + 1


def test_the_form_needs_csrf_like_every_form(published) -> None:
    strict = Client(enforce_csrf_checks=True)
    assert post(strict, published).status_code == 403
    assert not FeedbackItem.objects.exists()


def test_markup_from_residents_is_escaped_when_shown(anonymous, published, editor) -> None:
    post(anonymous, published, text=HOSTILE, neighbourhood=HOSTILE)
    item = FeedbackItem.objects.get()
    public.feedback_moderate(item=item, state=Moderation.SHOWN, version=item.version)
    page = anonymous.get(url(published)).content.decode()
    assert HOSTILE not in page
    assert ESCAPED in page


def test_the_refused_form_shows_the_typed_markup_escaped(anonymous, published) -> None:
    page = post(anonymous, published, token="", text=HOSTILE).content.decode()
    assert HOSTILE not in page
    assert "&lt;script&gt;" in page


def test_pending_public_feedback_stays_off_the_step_6_pages_until_shown(
    anonymous, published, viewer
) -> None:
    post(anonymous, published, text="Pending words from a resident")
    page = viewer.get(f"/plans/{published.code}/engagement/feedback/").content.decode()
    assert "Pending words from a resident" not in page
