"""Model fields Django does not have."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from django.db import models

if TYPE_CHECKING:
    _Field = models.Field[Any, Any]
else:
    _Field = models.Field


class JSONTextField(_Field):
    """JSON kept as plain text: read back as Python values, written compactly.

    Django's JSONField makes SQLite check every row with JSON_VALID on insert, which cost
    a fifth of the release import's database time; the importer writes JSON that DuckDB
    produced, so the check buys nothing. SQL that needs the structure casts the text
    (json_each on SQLite, ::jsonb on PostgreSQL).
    """

    def get_internal_type(self) -> str:
        return "TextField"

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        return value if value is None else json.loads(value)

    def to_python(self, value: Any) -> Any:
        return json.loads(value) if isinstance(value, str) else value

    def get_prep_value(self, value: Any) -> Any:
        return value if value is None else json.dumps(value, separators=(",", ":"))
