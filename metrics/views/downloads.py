"""Downloads: the whole profile as CSV, and each chart as SVG or PNG."""

from __future__ import annotations

import csv

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.text import slugify

from lib.spreadsheet import csv_cell
from metrics.charts import FORMATS, chart_render, subgroup_spec, trend_spec
from metrics.selectors.observations import observation_export_rows
from metrics.selectors.profiles import profile_for

CSV_COLUMNS = (
    "geoid", "name", "pillar", "predictor", "metric", "year", "subgroup_type", "subgroup",
    "value", "lb", "ub", "quality", "numerator", "denominator", "dataset",
)  # fmt: skip
CONTENT_TYPES = {"svg": "image/svg+xml", "png": "image/png"}


def _attachment(response: HttpResponse, filename: str) -> HttpResponse:
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def profile_csv(request: HttpRequest, geoid: str) -> HttpResponse:
    rows = observation_export_rows(geoid=geoid)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    writer = csv.writer(response)
    writer.writerow(CSV_COLUMNS)
    for found in rows:
        o = found.row
        writer.writerow(
            [csv_cell(found.geoid), csv_cell(found.name), csv_cell(found.pillar)]
            + [csv_cell(found.predictor), csv_cell(found.metric), o.year]
            + [csv_cell(o.subgroup_type), csv_cell(o.subgroup)]
            + [csv_cell(x) for x in (o.value, o.lb, o.ub, o.quality, o.numerator, o.denominator)]
            + [csv_cell(o.dataset)]
        )
    name = rows[0].name if rows else geoid
    return _attachment(response, f"upward-{geoid}-{slugify(name)}.csv")


def _spec(geoid: str, chart: str) -> dict[str, object]:
    """The spec for `trend-<metric>` or `subgroups-<metric>-<subgroup type>`."""
    kind, _, rest = chart.partition("-")
    slug, _, group_type = rest.partition("-")
    if kind not in ("trend", "subgroups") or not slug or (kind == "subgroups") != bool(group_type):
        raise Http404(
            f"There is no chart called {chart[:80]!r}. Charts are named trend-METRIC or "
            "subgroups-METRIC-GROUP_TYPE."
        )
    profile = profile_for(geoid=geoid)
    entry = profile.metric(slug)
    if entry is None or not entry.latest:
        raise Http404(f"{profile.geography.label} has no figures for a metric called {slug!r}.")
    if kind == "trend":
        return trend_spec(entry=entry, place=profile.geography.label)
    groups = entry.subgroup_set(group_type)
    if groups is None:
        raise Http404(f"There are no figures of {entry.name} by {group_type!r} here.")
    return subgroup_spec(entry=entry, subgroups=groups, place=profile.geography.label)


def chart_file(request: HttpRequest, geoid: str, chart: str, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404(f"Charts come as SVG or PNG, not {fmt[:10]!r}.")
    spec = _spec(geoid, chart)
    response = HttpResponse(chart_render(spec=spec, fmt=fmt), content_type=CONTENT_TYPES[fmt])
    return _attachment(response, f"upward-{geoid}-{slugify(chart)}.{fmt}")
