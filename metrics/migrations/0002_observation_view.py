"""The Observation view: one row per value, unfolded from Series.points."""

from __future__ import annotations

from django.db import migrations

SQLITE = """
CREATE VIEW metrics_observation AS
SELECT s.id * 1000 + CAST(p.key AS INTEGER) AS id,
       s.id AS series_id, s.geography_id, s.metric_id, s.dataset_id, s.subgroup_id,
       s.release_id,
       json_extract(p.value, '$[0]') AS year,
       json_extract(p.value, '$[1]') AS value,
       json_extract(p.value, '$[2]') AS lb,
       json_extract(p.value, '$[3]') AS ub,
       json_extract(p.value, '$[4]') AS quality,
       json_extract(p.value, '$[5]') AS numerator,
       json_extract(p.value, '$[6]') AS denominator
FROM metrics_series s, json_each(s.points) p
"""

POSTGRES = """
CREATE VIEW metrics_observation AS
SELECT s.id * 1000 + p.ord - 1 AS id,
       s.id AS series_id, s.geography_id, s.metric_id, s.dataset_id, s.subgroup_id,
       s.release_id,
       (p.e->>0)::integer AS year,
       (p.e->>1)::double precision AS value,
       (p.e->>2)::double precision AS lb,
       (p.e->>3)::double precision AS ub,
       (p.e->>4)::integer AS quality,
       (p.e->>5)::double precision AS numerator,
       (p.e->>6)::double precision AS denominator
FROM metrics_series s
CROSS JOIN LATERAL jsonb_array_elements(s.points::jsonb) WITH ORDINALITY AS p(e, ord)
"""


def create_view(apps, schema_editor):  # type: ignore[no-untyped-def]
    sql = POSTGRES if schema_editor.connection.vendor == "postgresql" else SQLITE
    schema_editor.execute(sql)


def drop_view(apps, schema_editor):  # type: ignore[no-untyped-def]
    schema_editor.execute("DROP VIEW IF EXISTS metrics_observation")


class Migration(migrations.Migration):
    dependencies = [("metrics", "0001_initial")]
    operations = [migrations.RunPython(create_view, drop_view)]
