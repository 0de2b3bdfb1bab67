"""Shared fixtures. Every database test starts from a small slice of the real release:
the rows of a few states, cut at the start of the session from UPWARD_METRICS_DIR."""

from __future__ import annotations

import csv
import os
from pathlib import Path

import pytest

# Alabama, Connecticut (planning regions from 2022), District of Columbia, Illinois
# (Rockford), Rhode Island: small enough to load in seconds, varied enough to rank.
SLICE_STATES = {"01", "09", "11", "17", "44"}


def pytest_configure(config: pytest.Config) -> None:
    """Tests hash passwords with a fast hasher: the real one costs 0.7 s per user here."""
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def release_dir() -> Path:
    value = os.environ.get("UPWARD_METRICS_DIR")
    if not value:
        raise pytest.UsageError(
            "Set UPWARD_METRICS_DIR to a copy of the Mobility Metrics release "
            "(for example ../shared/data/mobility-metrics)."
        )
    return Path(value)


def cut_slice(source: Path, target: Path, states: set[str]) -> None:
    """Copy every CSV under source to target keeping the header and the rows of states."""
    for path in sorted(source.rglob("*.csv")):
        out = target / path.relative_to(source)
        out.parent.mkdir(parents=True, exist_ok=True)
        with path.open(newline="", encoding="utf-8") as fin, out.open("w", newline="") as fout:
            reader = csv.reader(fin)
            writer = csv.writer(fout)
            header = next(reader)
            writer.writerow(header)
            col = header.index("state")
            writer.writerows(row for row in reader if row[col].strip('"').zfill(2) in states)


@pytest.fixture(scope="session")
def metrics_slice_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("release-slice")
    cut_slice(release_dir(), target, SLICE_STATES)
    return target


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, metrics_slice_dir):  # type: ignore[no-untyped-def]
    from metrics.services.catalog import framework_load
    from metrics.services.imports import metrics_import

    with django_db_blocker.unblock():
        framework_load()
        metrics_import(sources=[metrics_slice_dir])


# -- Personas ----------------------------------------------------------------------------
# One plan for Winnebago County, Illinois (17201), and the people around it. Each persona
# is a logged-in test client unless said otherwise.


@pytest.fixture
def people(db):  # type: ignore[no-untyped-def]
    """Users: owner (everything on the plan, members and publishing included), editor (all
    content), contributor (only what is assigned to them), viewer (reads), outsider (owner
    of another jurisdiction's plan, nothing on ours)."""
    from django.contrib.auth import get_user_model

    make = get_user_model().objects.create_user
    return {
        name: make(username=name, email=f"{name}@example.org", password="correct horse 42")  # noqa: S106
        for name in ("owner", "editor", "contributor", "viewer", "outsider")
    }


@pytest.fixture
def plan(people):  # type: ignore[no-untyped-def]
    """The Winnebago County plan with the owner, an editor, a contributor and a viewer; and
    another plan (Cook County) owned by the outsider."""
    from metrics.models import Geography
    from plans.models import Membership, Role
    from plans.services import plan_create

    ours = plan_create(
        user=people["owner"], title="Winnebago Mobility Action Plan",
        geography=Geography.objects.get(geoid="17201"),
        lead_name="Region 1 Planning Council", lead_kind="government",
    )  # fmt: skip
    for role in ("editor", "contributor", "viewer"):
        Membership.objects.create(plan=ours, user=people[role], role=Role(role))
    plan_create(
        user=people["outsider"], title="Cook County Mobility Plan",
        geography=Geography.objects.get(geoid="17031"),
        lead_name="Cook County", lead_kind="government",
    )  # fmt: skip
    return ours


def _client_for(user):  # type: ignore[no-untyped-def]
    from django.test import Client

    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def owner(people, plan):  # type: ignore[no-untyped-def]
    return _client_for(people["owner"])


@pytest.fixture
def editor(people, plan):  # type: ignore[no-untyped-def]
    return _client_for(people["editor"])


@pytest.fixture
def contributor(people, plan):  # type: ignore[no-untyped-def]
    return _client_for(people["contributor"])


@pytest.fixture
def viewer(people, plan):  # type: ignore[no-untyped-def]
    return _client_for(people["viewer"])


@pytest.fixture
def outsider(people, plan):  # type: ignore[no-untyped-def]
    return _client_for(people["outsider"])


@pytest.fixture
def anonymous(plan):  # type: ignore[no-untyped-def]
    """A resident with no account."""
    return _client_for(None)
