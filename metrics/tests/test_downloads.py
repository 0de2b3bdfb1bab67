"""The profile CSV and the chart files, on the slice of the real release."""

from __future__ import annotations

import csv
import io

import pytest

from lib.spreadsheet import csv_cell
from metrics.selectors.observations import observations_for
from metrics.views.downloads import CSV_COLUMNS

pytestmark = pytest.mark.django_db

COOK, CHICAGO = "17031", "1714000"


def test_the_profile_csv_has_a_header_and_one_row_per_observation(client) -> None:
    response = client.get(f"/geographies/{COOK}/profile.csv")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="upward-17031-cook-county-illinois.csv"' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert len(rows) - 1 == len(observations_for(geoid=COOK))


def test_the_csv_rows_carry_names_intervals_quality_and_dataset(client) -> None:
    text = client.get(f"/geographies/{COOK}/profile.csv").content.decode()
    rows = list(csv.DictReader(io.StringIO(text)))

    employed = [r for r in rows if r["metric"] == "share_employed" and r["year"] == "2023"]
    whole = next(r for r in employed if r["subgroup_type"] == "all")
    assert whole["name"] == "Cook County, Illinois"
    assert whole["pillar"] == "Rewarding Work"
    assert float(whole["lb"]) < float(whole["value"]) < float(whole["ub"])
    assert whole["quality"] == "Strong"
    assert whole["dataset"]
    ratios = [r for r in rows if r["metric"] == "ratio_black_nh_house_value_households"]
    assert ratios and ratios[0]["numerator"] and ratios[0]["denominator"]


def test_text_that_a_spreadsheet_would_run_as_a_formula_is_defused() -> None:
    assert csv_cell("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert csv_cell("+1") == "'+1" and csv_cell("@x") == "'@x" and csv_cell("-x") == "'-x"
    assert csv_cell(-0.5) == "-0.5"
    assert csv_cell(None) == ""
    assert csv_cell("Black, Non-Hispanic") == "Black, Non-Hispanic"


def test_the_csv_of_an_unknown_place_is_a_404(client) -> None:
    assert client.get("/geographies/99999/profile.csv").status_code == 404


def test_a_trend_chart_downloads_as_svg_and_png(client) -> None:
    svg = client.get(f"/geographies/{COOK}/charts/trend-share_employed.svg")
    png = client.get(f"/geographies/{COOK}/charts/trend-share_employed.png")

    assert svg.status_code == 200 and svg["Content-Type"] == "image/svg+xml"
    assert b"<svg" in svg.content
    assert png.status_code == 200 and png.content.startswith(b"\x89PNG")
    assert 'filename="upward-17031-trend-share_employed.png"' in png["Content-Disposition"]


def test_a_group_chart_downloads_as_svg(client) -> None:
    response = client.get(
        f"/geographies/{CHICAGO}/charts/subgroups-share_employed-race-ethnicity.svg"
    )

    assert response.status_code == 200
    assert b"Hispanic" in response.content


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("charts/trend-share_employed.gif", "Charts come as SVG or PNG"),
        ("charts/pie-share_employed.svg", "There is no chart called"),
        ("charts/trend-share_of_unicorns.svg", "has no figures for a metric called"),
        ("charts/subgroups-share_employed-shoe-size.svg", "There are no figures of"),
    ],
)
def test_an_unknown_chart_or_format_is_a_404_with_a_message(client, path, message) -> None:
    response = client.get(f"/geographies/{CHICAGO}/{path}")

    assert response.status_code == 404
    assert message in response.content.decode()


def test_the_csv_names_the_district_of_columbia_once(client) -> None:
    response = client.get("/geographies/11001/profile.csv")

    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert {row["name"] for row in rows} == {"District of Columbia"}
    assert 'filename="upward-11001-district-of-columbia.csv"' in response["Content-Disposition"]
