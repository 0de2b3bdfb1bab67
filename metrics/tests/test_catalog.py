"""The framework catalog file and its loader."""

from __future__ import annotations

import copy
import csv
import json
import os
from pathlib import Path
from typing import Any

import pytest

from metrics.models import Framework, Metric, Pillar, Predictor
from metrics.selectors.catalog import catalog_columns, catalog_tree, metric_by_slug
from metrics.services.catalog import DEFAULT_CATALOG, CatalogError, framework_load

KEY_COLUMNS = {
    "year", "state", "county", "place", "state_name", "county_name", "place_name",
    "population", "subgroup", "subgroup_type",
}  # fmt: skip
RELEASE_FILES = {
    "county": "11_mobility-metrics_county_longitudinal.csv",
    "place": "61_mobility-metrics_place_longitudinal.csv",
}


def catalog_data() -> dict[str, Any]:
    return json.loads(DEFAULT_CATALOG.read_text(encoding="utf-8"))


def catalog_metrics(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [m for p in data["pillars"] for r in p["predictors"] for m in r["metrics"]]


def find_metric(data: dict[str, Any], slug: str) -> dict[str, Any]:
    return next(m for m in catalog_metrics(data) if m["slug"] == slug)


def write_catalog(tmp_path: Path, data: dict[str, Any], name: str = "edition.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def release_metric_columns(level: str) -> set[str]:
    path = Path(os.environ["UPWARD_METRICS_DIR"]) / RELEASE_FILES[level]
    with path.open(newline="", encoding="utf-8") as handle:
        header = next(csv.reader(handle))
    return {
        column
        for column in header
        if column not in KEY_COLUMNS and not column.endswith(("_lb", "_ub", "_quality"))
    }


def catalog_snapshot() -> list[tuple[Any, ...]]:
    rows: list[tuple[Any, ...]] = list(Framework.objects.values_list())
    rows += list(Pillar.objects.order_by("id").values_list())
    rows += list(Predictor.objects.order_by("id").values_list())
    rows += list(Metric.objects.order_by("id").values_list())
    return rows


@pytest.mark.django_db
def test_the_2025_edition_has_five_pillars_and_twenty_four_predictors() -> None:
    framework = framework_load()

    assert framework.version == "2025"
    assert Pillar.objects.filter(framework=framework).count() == 5
    assert Predictor.objects.filter(pillar__framework=framework).count() == 24
    assert catalog_tree()[0].name == "Rewarding Work"


@pytest.mark.django_db
@pytest.mark.parametrize("level", ["county", "place"])
def test_every_metric_column_of_the_release_files_is_in_the_catalog(level: str) -> None:
    framework_load()
    columns = release_metric_columns(level)

    missing = columns - set(catalog_columns())

    assert missing == set()
    assert {m.slug for m in Metric.objects.all() if level in m.levels} == columns


def test_the_catalog_has_no_metric_that_no_release_file_has() -> None:
    known = release_metric_columns("county") | release_metric_columns("place")

    assert {m["slug"] for m in catalog_metrics(catalog_data())} <= known


def test_every_metric_has_our_description_and_a_short_name_that_fits_a_chart_axis() -> None:
    for metric in catalog_metrics(catalog_data()):
        assert metric["description"].strip(), metric["slug"]
        assert 0 < len(metric["short_name"]) <= 30, metric["slug"]
        assert metric["mobility_parts"], metric["slug"]


@pytest.mark.django_db
def test_loading_the_catalog_twice_changes_nothing() -> None:
    framework_load()
    before = catalog_snapshot()

    framework_load()

    assert catalog_snapshot() == before


@pytest.mark.django_db
def test_an_edited_description_is_updated_on_the_next_load(tmp_path: Path) -> None:
    framework_load()
    data = catalog_data()
    find_metric(data, "share_employed")["description"] = "Adults at work, edited."

    framework_load(path=write_catalog(tmp_path, data))

    assert Metric.objects.get(slug="share_employed").description == "Adults at work, edited."
    assert Metric.objects.count() == len(catalog_metrics(data))


@pytest.mark.django_db
def test_a_newer_edition_moves_a_metric_to_its_new_predictor(tmp_path: Path) -> None:
    framework_load()
    data = catalog_data()
    data["version"], data["title"] = "2026", "Upward Mobility Framework, 2026 edition"
    neighborhoods, health = data["pillars"][1], data["pillars"][2]
    environment = next(
        r for r in neighborhoods["predictors"] if r["slug"] == "environmental-quality"
    )
    neighborhoods["predictors"].remove(environment)
    health["predictors"].append(environment)

    framework_load(path=write_catalog(tmp_path, data))

    metric = metric_by_slug(slug="index_air_hazard")
    assert metric is not None
    assert metric.predictor.pillar.slug == "healthy-environment-good-health-care"
    assert metric.predictor.pillar.framework.version == "2026"
    assert Metric.objects.filter(slug="index_air_hazard").count() == 1
    health_node = next(p for p in catalog_tree() if p.slug == health["slug"])
    assert "environmental-quality" in [r.slug for r in health_node.predictors]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda d: find_metric(d, "share_debt_coll").update(unit="dolars"),
            'pillar "rewarding-work" > predictor "financial-security" > metric '
            "\"share_debt_coll\": unit 'dolars' is not one of",
        ),
        (
            lambda d: find_metric(d, "rate_juv_arrest").update(direction="sideways"),
            'predictor "just-policing" > metric "rate_juv_arrest": direction \'sideways\'',
        ),
        (
            lambda d: find_metric(d, "share_hs_degree").update(slug="share_employed"),
            "metric \"share_employed\": slug 'share_employed' is already used by pillar "
            '"rewarding-work" > predictor "employment-opportunities" > metric "share_employed"',
        ),
        (
            lambda d: find_metric(d, "pctl_income_50").pop("name"),
            'predictor "opportunities-for-income" > metric "pctl_income_50": name is missing',
        ),
        (
            lambda d: d["pillars"][3]["predictors"][0].update(name=""),
            'pillar "high-quality-education" > predictor "access-to-preschool": name is missing',
        ),
        (
            lambda d: find_metric(d, "index_air_hazard").update(levels=["tract"]),
            'metric "index_air_hazard": levels must list one or both of county, place',
        ),
    ],
    ids=[
        "unknown unit",
        "unknown direction",
        "duplicate slug",
        "no metric name",
        "no predictor name",
        "unknown level",
    ],
)
def test_a_bad_catalog_is_refused_with_the_place_and_field_of_the_problem(
    tmp_path: Path, change: Any, expected: str
) -> None:
    data = copy.deepcopy(catalog_data())
    change(data)

    with pytest.raises(CatalogError) as error:
        framework_load(path=write_catalog(tmp_path, data))

    assert expected in str(error.value)


def test_a_file_that_is_not_json_is_refused_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"version": "2025",\n  "title": }\n', encoding="utf-8")

    with pytest.raises(CatalogError, match="not valid JSON at line 2"):
        framework_load(path=path)


@pytest.mark.django_db
def test_a_refused_catalog_leaves_the_database_as_it_was(tmp_path: Path) -> None:
    framework_load()
    before = catalog_snapshot()
    data = catalog_data()
    find_metric(data, "share_employed")["description"] = "Should not be saved."
    find_metric(data, "share_debt_coll")["unit"] = "dolars"

    with pytest.raises(CatalogError):
        framework_load(path=write_catalog(tmp_path, data))

    assert catalog_snapshot() == before


@pytest.mark.django_db
def test_the_importer_learns_units_and_ratio_columns_from_the_catalog() -> None:
    framework_load()

    columns = catalog_columns()

    assert columns["ratio_black_nh_house_value_households"].ratio_text is True
    assert columns["pctl_income_20"].ratio_text is False
    assert columns["rate_learning"].unit == "grades"
    assert columns["count_membership_associations_per_10k"].unit == "per_10k"
    assert columns["ratio_population_pc_physician"].unit == "people"
    assert columns["share_debt_coll"].direction == "lower"
    assert columns["ratio_living_wage"].levels == ("county",)
    assert columns["share_employed"].id == Metric.objects.get(slug="share_employed").id


@pytest.mark.django_db
def test_an_unknown_metric_slug_finds_nothing() -> None:
    framework_load()

    assert metric_by_slug(slug="share_of_nothing") is None
    found = metric_by_slug(slug="share_in_preschool")
    assert found is not None and found.name == "Children ages 3 and 4 in preschool"
