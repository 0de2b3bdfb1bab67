"""metrics_status: what the database holds, for `metrics status`, the API and the pages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from metrics.models import Geography, Metric, Observation, Release, Series
from metrics.selectors.status import metrics_status
from metrics.services.imports import metrics_import
from metrics.tests._imports import COUNTY_HEADER, csv_text, no_refresh, write

pytestmark = pytest.mark.django_db


def test_status_counts_geographies_by_kind_metrics_series_and_observations() -> None:
    status = metrics_status()

    assert status["geographies"] == {
        kind: Geography.objects.filter(kind=kind).count() for kind in ("state", "county", "place")
    }
    assert status["geographies"]["county"] > 100  # the slice's five states
    assert status["metrics"] == Metric.objects.count()
    assert status["series"] == Series.objects.count()
    assert status["observations"] == Observation.objects.count()


def test_status_lists_the_releases_oldest_first_with_their_files() -> None:
    releases = metrics_status()["releases"]

    assert isinstance(releases, list)
    first = releases[0]
    assert "11_mobility-metrics_county_longitudinal.csv" in first["files"]
    assert first["observations_added"] > 0
    assert [r["id"] for r in releases] == list(
        Release.objects.order_by("imported_at").values_list("id", flat=True)
    )


def test_status_follows_an_import(tmp_path: Path) -> None:
    before = metrics_status()
    row = "2021,35,013,New Mexico,Doña Ana County,219561,30000,29000,31000,Strong,0.6,Weak"
    path = write(tmp_path, "nm.csv", csv_text(COUNTY_HEADER, row))

    metrics_import(sources=[path], label="New Mexico", after_load=no_refresh)

    after = metrics_status()
    assert after["observations"] == before["observations"] + 2  # type: ignore[operator]
    assert after["geographies"]["county"] == before["geographies"]["county"] + 1  # type: ignore[index]
    assert after["releases"][-1]["label"] == "New Mexico"  # type: ignore[index]
    assert after["releases"][-1]["files"] == ["nm.csv"]  # type: ignore[index]


def test_status_is_plain_json() -> None:
    status = metrics_status()

    assert json.loads(json.dumps(status)) == status


def test_status_of_an_empty_database_is_all_zeros() -> None:
    Series.objects.all().delete()
    Release.objects.all().delete()
    Geography.objects.all().delete()

    status = metrics_status()

    assert status["geographies"] == {"state": 0, "county": 0, "place": 0}
    assert (status["series"], status["observations"], status["releases"]) == (0, 0, [])
