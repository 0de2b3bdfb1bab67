"""Reads of the framework catalog: the tree for pages, one metric, the columns for the importer."""

from __future__ import annotations

from dataclasses import dataclass

from metrics.models import Direction, Framework, Metric, Pillar, Unit
from metrics.services.catalog import DEFAULT_CATALOG, catalog_read

DIRECTION_WORDS = {
    Direction.HIGHER: "Higher is better",
    Direction.LOWER: "Lower is better",
    Direction.PARITY: "Closer to parity is better",
    Direction.CONTEXT: "Context only: not ranked better or worse",
}
LEVEL_WORDS = {
    ("county", "place"): "Counties and cities",
    ("county",): "Counties only",
    ("place",): "Cities only",
}


@dataclass(frozen=True)
class MobilityPart:
    slug: str
    name: str
    description: str


@dataclass(frozen=True)
class MetricNode:
    slug: str
    name: str
    short_name: str
    description: str
    unit: str
    unit_label: str
    direction: str
    direction_label: str
    levels: tuple[str, ...]
    levels_label: str
    mobility_parts: tuple[MobilityPart, ...]
    is_ratio_text: bool


@dataclass(frozen=True)
class PredictorNode:
    slug: str
    name: str
    description: str
    metrics: list[MetricNode]


@dataclass(frozen=True)
class PillarNode:
    slug: str
    name: str
    description: str
    predictors: list[PredictorNode]


@dataclass(frozen=True)
class MetricInfo:
    """What the importer needs to know about a release column."""

    id: int
    slug: str
    unit: str
    direction: str
    ratio_text: bool
    levels: tuple[str, ...]


@dataclass(frozen=True)
class FrameworkOverview:
    """The framework page: the parts of mobility and the (possibly filtered) tree."""

    title: str
    parts: list[MobilityPart]
    pillars: list[PillarNode]
    pillar_count: int
    predictor_count: int
    metric_count: int
    shown_metric_count: int
    part: MobilityPart | None  # the part the list is narrowed to
    unknown_part: str  # a part asked for that does not exist, to say so


def mobility_parts_list() -> list[MobilityPart]:
    """The three parts of mobility, as the catalog file describes them."""
    data = catalog_read(path=DEFAULT_CATALOG)
    return [
        MobilityPart(p["slug"], p["name"], p.get("description", "")) for p in data["mobility_parts"]
    ]


def framework_current() -> Framework | None:
    """The edition loaded last: metrics belong to one predictor, that of the last load."""
    return Framework.objects.order_by("-loaded_at", "-id").first()


def catalog_tree(*, part: str | None = None) -> list[PillarNode]:
    """Pillars, predictors and metrics of the current edition, in order; with `part`, only
    the metrics that inform that part of mobility (and their predictors and pillars)."""
    framework = framework_current()
    if framework is None:
        return []
    parts = {p.slug: p for p in mobility_parts_list()}
    pillars = Pillar.objects.filter(framework=framework).prefetch_related("predictors__metrics")
    tree = []
    for pillar in pillars:
        predictors = []
        for predictor in pillar.predictors.all():
            metrics = [
                _metric_node(m, parts)
                for m in predictor.metrics.all()
                if part is None or part in m.mobility_parts
            ]
            if metrics:
                predictors.append(
                    PredictorNode(predictor.slug, predictor.name, predictor.description, metrics)
                )
        if predictors:
            tree.append(PillarNode(pillar.slug, pillar.name, pillar.description, predictors))
    return tree


def _metric_node(metric: Metric, parts: dict[str, MobilityPart]) -> MetricNode:
    levels = tuple(level for level in ("county", "place") if level in metric.levels)
    return MetricNode(
        slug=metric.slug,
        name=metric.name,
        short_name=metric.short_name or metric.name,
        description=metric.description,
        unit=metric.unit,
        unit_label=Unit(metric.unit).label,
        direction=metric.direction,
        direction_label=DIRECTION_WORDS[Direction(metric.direction)],
        levels=levels,
        levels_label=LEVEL_WORDS.get(levels, ", ".join(levels)),
        mobility_parts=tuple(parts[s] for s in metric.mobility_parts if s in parts),
        is_ratio_text=metric.is_ratio_text,
    )


def framework_overview(*, part: str = "") -> FrameworkOverview:
    """Everything the framework page shows, narrowed to one part of mobility when asked."""
    parts = mobility_parts_list()
    chosen = next((p for p in parts if p.slug == part), None)
    full = catalog_tree()
    shown = catalog_tree(part=chosen.slug) if chosen else full
    framework = framework_current()
    return FrameworkOverview(
        title=framework.title if framework else "",
        parts=parts,
        pillars=shown,
        pillar_count=len(full),
        predictor_count=sum(len(p.predictors) for p in full),
        metric_count=_metric_count(full),
        part=chosen,
        unknown_part=part if part and chosen is None else "",
        shown_metric_count=_metric_count(shown),
    )


def _metric_count(tree: list[PillarNode]) -> int:
    return sum(len(r.metrics) for p in tree for r in p.predictors)


def metric_by_slug(*, slug: str) -> Metric | None:
    return Metric.objects.select_related("predictor__pillar").filter(slug=slug).first()


def catalog_columns() -> dict[str, MetricInfo]:
    """Every metric in the catalog by release column name."""
    return {
        m.slug: MetricInfo(
            id=m.id,
            slug=m.slug,
            unit=m.unit,
            direction=m.direction,
            ratio_text=m.is_ratio_text,
            levels=tuple(m.levels),
        )
        for m in Metric.objects.all()
    }
