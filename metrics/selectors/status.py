"""What the database holds: counts of geographies, metrics, observations, and releases."""

from __future__ import annotations

from django.db import connection
from django.db.models import Count

from metrics.models import Geography, Metric, Release, Series


def _observation_count() -> int:
    length = (
        "jsonb_array_length(points::jsonb)"
        if connection.vendor == "postgresql"
        else "json_array_length(points)"
    )
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(SUM({length}), 0) FROM metrics_series")  # noqa: S608
        return int(cursor.fetchone()[0])


def metrics_status() -> dict[str, object]:
    by_kind = dict(
        Geography.objects.values_list("kind").annotate(n=Count("id")).values_list("kind", "n")
    )
    releases = [
        {
            "id": r.id,
            "label": r.label,
            "imported_at": r.imported_at.isoformat(),
            "files": [f.get("name") for f in r.files if isinstance(f, dict)],
            "observations_added": r.observations_added,
            "observations_revised": r.observations_revised,
        }
        for r in Release.objects.order_by("imported_at")
    ]
    return {
        "geographies": {
            "state": by_kind.get("state", 0),
            "county": by_kind.get("county", 0),
            "place": by_kind.get("place", 0),
        },
        "metrics": Metric.objects.count(),
        "series": Series.objects.count(),
        "observations": _observation_count(),
        "releases": releases,
    }
