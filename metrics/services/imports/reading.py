"""What a release file's header says: its kind, its metric columns, its family."""

from __future__ import annotations

import re
from pathlib import Path

from metrics.services.imports.problems import Problem

KEY_COLUMNS = {"year", "state", "county", "place", "subgroup", "subgroup_type"}
NAME_COLUMNS = {"state_name", "county_name", "place_name", "population"}
SUFFIXES = ("_lb", "_ub", "_quality")

# slug, and the names of its lower bound, upper bound and quality columns when present
MetricColumns = tuple[str, str | None, str | None, str | None]


def dataset_slug(path: Path) -> str:
    """A stable name for the family a file belongs to, the same across vintages:
    the file name without its number prefix and year ranges."""
    stem = path.stem.lower()
    stem = re.sub(r"^\d+_", "", stem)
    stem = re.sub(r"_?(19|20)\d\d(-(19|20)\d\d)?", "", stem)
    return re.sub(r"_+", "_", stem).strip("_")[:120]  # Dataset.slug


def metric_columns(header: list[str], catalog: set[str]) -> tuple[list[MetricColumns], list[str]]:
    """The catalog metrics a header holds, and the columns that are in no catalog."""
    present = set(header)
    metrics: list[MetricColumns] = []
    unknown: list[str] = []
    for name in header:
        if name in KEY_COLUMNS or name in NAME_COLUMNS:
            continue
        if name in catalog:
            lb, ub, q = (f"{name}{s}" for s in SUFFIXES)
            metrics.append(
                (
                    name,
                    lb if lb in present else None,
                    ub if ub in present else None,
                    q if q in present else None,
                )
            )
        elif not any(
            name.endswith(s) and name[: -len(s)] in catalog and name[: -len(s)] in present
            for s in SUFFIXES
        ):  # a bound or flag whose metric is not in the file would be dropped in silence
            unknown.append(name)
    return metrics, unknown


def header_problems(header: list[str], label: str) -> list[Problem]:
    """Why a header cannot be imported, or nothing."""
    missing = [c for c in ("year", "state") if c not in header]
    if "county" not in header and "place" not in header:
        missing.append("county or place")
    if missing:
        return [
            Problem(
                label,
                "this is not a kind of file Upward can import: a Mobility Metrics file needs "
                f"the key columns year, state, and county or place; missing: {', '.join(missing)}.",
                line=1,
            )
        ]
    if "county" in header and "place" in header:
        return [Problem(label, "the file has both a county and a place column.", line=1)]
    if ("subgroup" in header) != ("subgroup_type" in header):
        return [
            Problem(
                label,
                "a file with subgroups needs both the subgroup and subgroup_type columns.",
                line=1,
            )
        ]
    seen: set[str] = set()
    for name in header:
        if not name:
            return [Problem(label, "a column of the header has no name.", line=1)]
        if name in seen:
            return [Problem(label, f"the column {name!r} appears twice in the header.", line=1)]
        seen.add(name)
    return []
