"""Load an edition of the framework catalog (a JSON file in metrics/catalog/) into the database.

The file is checked whole before anything is written; loading is one transaction and only
writes what differs, so loading the same file twice changes nothing."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, TypeVar

from django.db import models, transaction

from metrics.models import Direction, Framework, Metric, Pillar, Predictor, Unit

CATALOG_DIR = Path(__file__).resolve().parent.parent / "catalog"
DEFAULT_CATALOG = CATALOG_DIR / "framework-2025.json"
LEVELS = ("county", "place")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
COLUMN = re.compile(r"^[a-z][a-z0-9_]*$")
SHORT_NAME_MAX = 30

M = TypeVar("M", bound=models.Model)


class CatalogError(ValueError):
    """A catalog file that cannot be loaded; `problems` lists each one with its location."""

    def __init__(self, path: Path, problems: list[str]) -> None:
        self.path = path
        self.problems = problems
        lines = "\n".join(f"  - {problem}" for problem in problems)
        super().__init__(f"The framework catalog {path} cannot be loaded:\n{lines}")


def catalog_read(*, path: Path | None = None) -> dict[str, Any]:
    """The parsed catalog file, checked; raises CatalogError listing every problem."""
    path = path or DEFAULT_CATALOG
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise CatalogError(path, [f"the file cannot be read ({exc.strerror})"]) from exc
    except UnicodeDecodeError as exc:
        raise CatalogError(path, ["the file is not UTF-8 text"]) from exc
    except json.JSONDecodeError as exc:
        raise CatalogError(
            path, [f"not valid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"]
        ) from exc
    problems = catalog_problems(data=data)
    if problems:
        raise CatalogError(path, problems)
    return data  # type: ignore[no-any-return]


def catalog_problems(*, data: object) -> list[str]:
    """Every problem in a parsed catalog, each naming where it is and which field."""
    if not isinstance(data, dict):
        return ["the file must hold one JSON object with version, title and pillars"]
    problems = _require_text(data, ("version", "title"), "the catalog")
    parts = data.get("mobility_parts")
    part_slugs: set[str] = set()
    if not isinstance(parts, list) or not parts:
        problems.append("the catalog: mobility_parts must be a non-empty list")
    else:
        for index, part in enumerate(parts, start=1):
            where = f"mobility part #{index}"
            if not isinstance(part, dict):
                problems.append(f"{where}: must be an object")
                continue
            problems += _require_text(part, ("slug", "name"), where)
            part_slugs.add(str(part.get("slug")))
    pillars = data.get("pillars")
    if not isinstance(pillars, list) or not pillars:
        problems.append("the catalog: pillars must be a non-empty list")
        return problems
    seen: dict[str, str] = {}
    _check_children(pillars, "pillar", None, problems, part_slugs, seen)
    return problems


def _check_children(
    items: list[Any],
    kind: str,
    parent: str | None,
    problems: list[str],
    part_slugs: set[str],
    seen: dict[str, str],
) -> None:
    """Check the pillars of the catalog, or the predictors of a pillar."""
    slugs: set[str] = set()
    child_kind = "predictor" if kind == "pillar" else "metric"
    for index, item in enumerate(items, start=1):
        where = _where(parent, kind, item, index)
        if not isinstance(item, dict):
            problems.append(f"{where}: must be an object")
            continue
        problems += _require_text(item, ("slug", "name"), where)
        slug = item.get("slug")
        if isinstance(slug, str) and slug:
            if not SLUG.match(slug):
                problems.append(f"{where}: slug must be lowercase words joined by hyphens")
            if slug in slugs:
                problems.append(f"{where}: slug {slug!r} is used twice")
            slugs.add(slug)
        children = item.get(child_kind + "s")
        if not isinstance(children, list) or not children:
            problems.append(f"{where}: {child_kind}s must be a non-empty list")
        elif child_kind == "predictor":
            _check_children(children, "predictor", where, problems, part_slugs, seen)
        else:
            for number, metric in enumerate(children, start=1):
                problems += _metric_problems(metric, where, number, part_slugs, seen)


def _metric_problems(
    metric: object, parent: str, index: int, part_slugs: set[str], seen: dict[str, str]
) -> list[str]:
    where = _where(parent, "metric", metric, index)
    if not isinstance(metric, dict):
        return [f"{where}: must be an object"]
    problems = _require_text(metric, ("slug", "name"), where)
    slug = metric.get("slug")
    if isinstance(slug, str) and slug:
        if not COLUMN.match(slug):
            problems.append(f"{where}: slug must be a release column name (a-z, 0-9, _)")
        if slug in seen:
            problems.append(f"{where}: slug {slug!r} is already used by {seen[slug]}")
        else:
            seen[slug] = where
    short = metric.get("short_name", "")
    if not isinstance(short, str) or len(short) > SHORT_NAME_MAX:
        problems.append(f"{where}: short_name must be text of at most {SHORT_NAME_MAX} characters")
    if not isinstance(metric.get("description", ""), str):
        problems.append(f"{where}: description must be text")
    problems += _choice(metric, "unit", Unit.values, where)
    problems += _choice(metric, "direction", Direction.values, where)
    levels = metric.get("levels")
    if not isinstance(levels, list) or not levels or not set(levels) <= set(LEVELS):
        problems.append(f"{where}: levels must list one or both of {', '.join(LEVELS)}")
    parts = metric.get("mobility_parts")
    if not isinstance(parts, list) or not set(parts) <= part_slugs:
        problems.append(
            f"{where}: mobility_parts must list parts declared in the catalog "
            f"({', '.join(sorted(part_slugs))})"
        )
    if not isinstance(metric.get("ratio_text", False), bool):
        problems.append(f"{where}: ratio_text must be true or false")
    return problems


def _where(parent: str | None, kind: str, item: object, index: int) -> str:
    slug = item.get("slug") if isinstance(item, dict) else None
    label = f'{kind} "{slug}"' if isinstance(slug, str) and slug else f"{kind} #{index}"
    return f"{parent} > {label}" if parent else label


def _require_text(item: dict[str, Any], fields: tuple[str, ...], where: str) -> list[str]:
    return [
        f"{where}: {field} is missing or empty"
        for field in fields
        if not isinstance(item.get(field), str) or not item[field].strip()
    ]


def _choice(metric: dict[str, Any], field: str, allowed: list[str], where: str) -> list[str]:
    value = metric.get(field)
    if value in allowed:
        return []
    return [f"{where}: {field} {value!r} is not one of {', '.join(allowed)}"]


def framework_load(*, path: Path | None = None) -> Framework:
    """Load one edition of the catalog; a metric already known moves to its new predictor."""
    data = catalog_read(path=path)
    with transaction.atomic():
        framework = _framework_upsert(data)
        pillars = {p.slug: p for p in Pillar.objects.filter(framework=framework)}
        predictors = {
            (p.pillar.slug, p.slug): p
            for p in Predictor.objects.filter(pillar__framework=framework).select_related("pillar")
        }
        metrics = {m.slug: m for m in Metric.objects.all()}
        for p_order, p_data in enumerate(data["pillars"]):
            pillar = _upsert(
                Pillar,
                pillars.get(p_data["slug"]),
                {"framework": framework, "slug": p_data["slug"]},
                name=p_data["name"],
                description=p_data.get("description", ""),
                order=p_order,
            )
            for r_order, r_data in enumerate(p_data["predictors"]):
                predictor = _upsert(
                    Predictor,
                    predictors.get((pillar.slug, r_data["slug"])),
                    {"pillar": pillar, "slug": r_data["slug"]},
                    name=r_data["name"],
                    description=r_data.get("description", ""),
                    order=r_order,
                )
                for m_order, m_data in enumerate(r_data["metrics"]):
                    _metric_upsert(metrics.get(m_data["slug"]), predictor, m_data, m_order)
        _prune(framework, data)
    return framework


def _framework_upsert(data: dict[str, Any]) -> Framework:
    framework = Framework.objects.filter(version=data["version"]).first()
    if framework is None:
        return Framework.objects.create(version=data["version"], title=data["title"])
    newer = Framework.objects.filter(loaded_at__gt=framework.loaded_at).exists()
    if framework.title != data["title"] or newer:
        # Saving touches loaded_at: the edition loaded last is the one the site shows.
        framework.title = data["title"]
        framework.save()
    return framework


def _metric_upsert(
    metric: Metric | None, predictor: Predictor, data: dict[str, Any], order: int
) -> Metric:
    return _upsert(
        Metric,
        metric,
        {"slug": data["slug"]},
        predictor=predictor,
        name=data["name"],
        short_name=data.get("short_name", ""),
        description=data.get("description", ""),
        unit=data["unit"],
        direction=data["direction"],
        levels=list(data["levels"]),
        mobility_parts=list(data["mobility_parts"]),
        is_ratio_text=bool(data.get("ratio_text", False)),
        order=order,
    )


def _upsert(model: type[M], row: M | None, key: dict[str, Any], **values: Any) -> M:
    """Create the row, or save it only when one of the values differs."""
    if row is None:
        return model._default_manager.create(**key, **values)
    changed = [name for name, value in values.items() if getattr(row, name) != value]
    for name in changed:
        setattr(row, name, values[name])
    if changed:
        row.save(update_fields=changed)
    return row


def _prune(framework: Framework, data: dict[str, Any]) -> None:
    """Drop pillars and predictors this edition no longer has, once no metric is left in them.
    Metrics are never deleted here: their observations would go with them."""
    wanted = {(p["slug"], r["slug"]) for p in data["pillars"] for r in p["predictors"]}
    for predictor in Predictor.objects.filter(pillar__framework=framework).select_related("pillar"):
        if (predictor.pillar.slug, predictor.slug) not in wanted and not predictor.metrics.exists():
            predictor.delete()
    pillar_slugs = {p["slug"] for p in data["pillars"]}
    Pillar.objects.filter(framework=framework, predictors__isnull=True).exclude(
        slug__in=pillar_slugs
    ).delete()
