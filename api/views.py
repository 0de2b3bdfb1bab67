"""Upward's JSON API, /api/v1/. Every endpoint calls the same selector as the web pages."""

from __future__ import annotations

import importlib
from typing import Any, Literal

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI, Query
from ninja.errors import ValidationError

from api.schemas import (
    ErrorOut,
    GeographyOut,
    InsightOut,
    MetricOut,
    ObservationOut,
    PeersOut,
    ProfileOut,
    StatusOut,
)
from metrics.selectors.catalog import catalog_tree
from metrics.selectors.geographies import geography_or_404, geography_search
from metrics.selectors.insights import insights_for
from metrics.selectors.observations import observations_for
from metrics.selectors.peers import peers_suggest
from metrics.selectors.profiles import profile_as_dict, profile_for
from metrics.selectors.status import metrics_status

api = NinjaAPI(
    title="Upward API",
    version="1",
    urls_namespace="api",
    description=(
        "The Urban Institute's Mobility Metrics for every county and large city, as Upward "
        "shows them: values with their year, 95% interval and quality flag, profiles, "
        "similar places and insights. Source: Urban Institute."
    ),
)
NOT_FOUND = {404: ErrorOut}


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc) or "Not found."}, status=404)


@api.exception_handler(PermissionDenied)
def forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    detail = str(exc) or "Your role in this plan does not allow this."
    return api.create_response(request, {"detail": detail}, status=403)


@api.exception_handler(ValidationError)
def bad_parameters(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    """One readable sentence per bad parameter, instead of pydantic's structure."""
    problems = []
    for error in exc.errors:
        skip = ("query", "path", "body", "payload")
        where = [str(part) for part in error.get("loc", ()) if part not in skip]
        problems.append(f"{'.'.join(where) or 'request'}: {error.get('msg', 'is not valid')}")
    return api.create_response(request, {"detail": "; ".join(problems) + "."}, status=422)


@api.get("metrics", response=list[MetricOut], summary="Every metric of the framework")
def metrics(request: HttpRequest) -> list[dict[str, Any]]:
    return [
        {
            **vars(metric),
            "levels": list(metric.levels),
            "pillar": pillar.slug,
            "predictor": predictor.slug,
            "mobility_parts": [part.slug for part in metric.mobility_parts],
        }
        for pillar in catalog_tree()
        for predictor in pillar.predictors
        for metric in predictor.metrics
    ]


@api.get("geographies", response=list[GeographyOut], summary="Find counties and cities")
def geographies(
    request: HttpRequest,
    q: str = Query(..., min_length=1, max_length=100, description="Name, name and state, or GEOID"),
    kind: Literal["county", "place"] | None = Query(None, description="county or place (city)"),
    state: str | None = Query(None, max_length=40, description="State name, postal code or FIPS"),
    limit: int = Query(10, ge=1, le=50),
) -> list[Any]:
    return geography_search(q=q, kind=kind, state=state, limit=limit)  # type: ignore[return-value]


@api.get("geographies/{geoid}", response={200: GeographyOut, **NOT_FOUND}, summary="One geography")
def geography(request: HttpRequest, geoid: str) -> Any:
    return geography_or_404(geoid=geoid)


@api.get(
    "geographies/{geoid}/observations",
    response={200: list[ObservationOut], **NOT_FOUND},
    summary="Values of the metrics, filtered",
)
def observations(
    request: HttpRequest,
    geoid: str,
    metric: str | None = Query(None, max_length=80, description="Metric slug"),
    year: int | None = Query(None, ge=1900, le=2100),
    subgroup_type: str | None = Query(None, max_length=40, description='"all" for everyone'),
    subgroup: str | None = Query(None, max_length=120, description='"All" for everyone'),
) -> Any:
    return observations_for(
        geoid=geoid, metric=metric, year=year, subgroup_type=subgroup_type, subgroup=subgroup
    )


@api.get(
    "geographies/{geoid}/profile",
    response={200: ProfileOut, **NOT_FOUND},
    summary="Every metric with its latest value, trend, standing and groups",
)
def profile(request: HttpRequest, geoid: str) -> Any:
    return profile_as_dict(profile_for(geoid=geoid))


@api.get(
    "geographies/{geoid}/peers",
    response={200: PeersOut, **NOT_FOUND},
    summary="Similar places of the same kind, closest first",
)
def peers(request: HttpRequest, geoid: str, limit: int = Query(10, ge=1, le=50)) -> Any:
    found = peers_suggest(geoid=geoid, limit=limit)
    return {"geoid": geoid, "peers": list(found), "reason": found.reason}


@api.get(
    "geographies/{geoid}/insights",
    response={200: list[InsightOut], **NOT_FOUND},
    summary="Preliminary insights, most important first",
)
def insights(request: HttpRequest, geoid: str, limit: int | None = Query(None, ge=1)) -> Any:
    return insights_for(geoid=geoid, limit=limit)


@api.get(
    "status",
    response=StatusOut,
    summary="What is loaded: geographies, metrics, observations, releases",
)
def status(request: HttpRequest) -> dict[str, Any]:
    return metrics_status()


def routers_add() -> None:
    """Mount every app's `<app>/api.py` `router` (paths start with `plans/{code}/...`).

    Plan endpoints authenticate with `api.auth.PLAN_AUTH` and check access with
    `plans.access.plan_for_user(request, code, need=...)`, as the pages do.
    """
    for config in apps.get_app_configs():
        if "." in config.name or config.name == "ninja":
            continue  # Django's own apps (django.contrib.messages has an `api` module)
        name = f"{config.name}.api"
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as error:
            if error.name == name:
                continue
            raise
        api.add_router("", module.router, tags=[str(config.verbose_name)])


routers_add()
