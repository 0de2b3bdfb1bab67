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
