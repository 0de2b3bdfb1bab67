"""The framework catalog, geographies and the observations of the Mobility Metrics."""

from __future__ import annotations

from django.db import models

from lib.fields import JSONTextField


class Direction(models.TextChoices):
    HIGHER = "higher", "Higher is better"
    LOWER = "lower", "Lower is better"
    PARITY = "parity", "Closer to parity (1) is better"
    # Context for another figure, ranked neither way (the release's representation
    # benchmark: residents' shares, without the officials' shares to compare them with).
    CONTEXT = "context", "Context only: neither higher nor lower is better"


class Unit(models.TextChoices):
    DOLLARS = "dollars", "Dollars"
    SHARE = "share", "Share"
    RATE = "rate", "Rate per 100,000"
    RATIO = "ratio", "Ratio"
    INDEX = "index", "Index"
    COUNT = "count", "Count"
    GRADES = "grades", "Grade levels per year"
    PER_10K = "per_10k", "Per 10,000 people"
    PEOPLE = "people", "People per physician"


class Quality(models.IntegerChoices):
    STRONG = 1, "Strong"
    MARGINAL = 2, "Marginal"
    WEAK = 3, "Weak"


class GeographyKind(models.TextChoices):
    STATE = "state", "State"
    COUNTY = "county", "County"
    PLACE = "place", "City"


class Framework(models.Model):
    """One edition of the framework catalog (pillars, predictors, metrics)."""

    version = models.CharField(max_length=40, unique=True)
    title = models.CharField(max_length=200)
    loaded_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return self.title


class Pillar(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="pillars")
    slug = models.SlugField(max_length=80)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "slug"], name="pillar_unique_slug")
        ]

    def __str__(self) -> str:
        return self.name


class Predictor(models.Model):
    pillar = models.ForeignKey(Pillar, on_delete=models.CASCADE, related_name="predictors")
    slug = models.SlugField(max_length=80)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["pillar__order", "order"]
        constraints = [
            models.UniqueConstraint(fields=["pillar", "slug"], name="predictor_unique_slug")
        ]

    def __str__(self) -> str:
        return self.name


class Metric(models.Model):
    """One measured quantity: a column of the release files (its _lb/_ub/_quality follow)."""

    slug = models.CharField(max_length=80, unique=True)  # the release column name
    predictor = models.ForeignKey(Predictor, on_delete=models.CASCADE, related_name="metrics")
    name = models.CharField(max_length=200)
    short_name = models.CharField(max_length=80, blank=True)
    description = models.TextField(blank=True)
    unit = models.CharField(max_length=20, choices=Unit.choices)
    direction = models.CharField(max_length=10, choices=Direction.choices)
    levels = models.JSONField(default=list)  # ["county", "place"]
    mobility_parts = models.JSONField(default=list)  # economic-success, power-autonomy, dignity
    is_ratio_text = models.BooleanField(default=False)  # values written "a:b"
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["predictor__pillar__order", "predictor__order", "order"]

    def __str__(self) -> str:
        return self.name


class Geography(models.Model):
    geoid = models.CharField(max_length=7, unique=True)  # 2 state, 5 county, 7 place
    kind = models.CharField(max_length=10, choices=GeographyKind.choices)
    name = models.CharField(max_length=200)
    state_fips = models.CharField(max_length=2, db_index=True)
    state_name = models.CharField(max_length=100)
    population = models.BigIntegerField(null=True, blank=True)  # latest year known
    population_year = models.PositiveSmallIntegerField(null=True, blank=True)
    search_text = models.CharField(max_length=300, db_index=True, default="")

    class Meta:
        ordering = ["state_fips", "name"]
        indexes = [models.Index(fields=["kind", "state_fips"])]
        verbose_name_plural = "geographies"

    def __str__(self) -> str:
        if self.kind == GeographyKind.STATE:
            return self.name
        return f"{self.name}, {self.state_name}"


class GeographyYear(models.Model):
    """Name and population of a geography as a release file gives them for one year."""

    geography = models.ForeignKey(Geography, on_delete=models.CASCADE, related_name="years")
    year = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=200)
    population = models.BigIntegerField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["geography", "year"], name="geoyear_unique")]


class Release(models.Model):
    """One import run: which files, from where, and when."""

    label = models.CharField(max_length=100)
    source = models.TextField()
    files = models.JSONField(default=list)  # [{"name", "sha256", "rows"}]
    imported_at = models.DateTimeField(auto_now_add=True)
    observations_added = models.PositiveIntegerField(default=0)
    observations_revised = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-imported_at"]


class Dataset(models.Model):
    """A family of release files: its values for the whole population can differ from
    another family's (the subgroup files use other samples), so each keeps its own."""

    slug = models.CharField(max_length=120, unique=True)
    level = models.CharField(max_length=10, choices=GeographyKind.choices)
    has_subgroups = models.BooleanField(default=False)
    last_file = models.CharField(max_length=300, blank=True)


class Subgroup(models.Model):
    type = models.CharField(max_length=40)  # "all", "race-ethnicity", "age", ...
    name = models.CharField(max_length=120)  # "All", "Black, Non-Hispanic", ...

    class Meta:
        constraints = [models.UniqueConstraint(fields=["type", "name"], name="subgroup_unique")]

    def __str__(self) -> str:
        return f"{self.type}: {self.name}"


class Series(models.Model):
    """Every year of one metric for one geography, subgroup and dataset, stored as one row.

    Storage choice, measured: a long table (one row per value, 1.5M rows for the release)
    took 3.6 s for the inserts alone on SQLite, more than the whole import may take; one
    row per series is 300k rows. Read values through `Observation`, a database view that
    unfolds the points into one row per year.
    """

    # No index per foreign key: the unique key starts with the geography and the second
    # index with the metric; seven indexes made the import's inserts three times slower.
    geography = models.ForeignKey(Geography, on_delete=models.CASCADE, db_index=False)
    metric = models.ForeignKey(Metric, on_delete=models.CASCADE, db_index=False)
    dataset = models.ForeignKey(Dataset, on_delete=models.CASCADE, db_index=False)
    subgroup = models.ForeignKey(Subgroup, on_delete=models.PROTECT, db_index=False)
    # [[year, value, lb, ub, quality, numerator, denominator], ...] sorted by year
    points = JSONTextField(default=list)
    release = models.ForeignKey(Release, on_delete=models.PROTECT, db_index=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["geography", "metric", "subgroup", "dataset"], name="series_unique_key"
            )
        ]
        indexes = [models.Index(fields=["metric", "subgroup"])]
        verbose_name_plural = "series"


class Observation(models.Model):
    """One value: a read-only view over `Series.points` (see migration 0002).

    Query it like a table; write through the importer only.
    """

    id = models.BigIntegerField(primary_key=True)  # series id * 1000 + position
    series = models.ForeignKey(Series, on_delete=models.DO_NOTHING, related_name="+")
    geography = models.ForeignKey(Geography, on_delete=models.DO_NOTHING, related_name="+")
    metric = models.ForeignKey(Metric, on_delete=models.DO_NOTHING, related_name="+")
    dataset = models.ForeignKey(Dataset, on_delete=models.DO_NOTHING, related_name="+")
    subgroup = models.ForeignKey(Subgroup, on_delete=models.DO_NOTHING, related_name="+")
    year = models.PositiveSmallIntegerField()
    value = models.FloatField(null=True)
    lb = models.FloatField(null=True)
    ub = models.FloatField(null=True)
    quality = models.PositiveSmallIntegerField(choices=Quality.choices, null=True)
    numerator = models.FloatField(null=True)  # for ratios written "a:b"
    denominator = models.FloatField(null=True)
    release = models.ForeignKey(Release, on_delete=models.DO_NOTHING, related_name="+")

    class Meta:
        managed = False
        db_table = "metrics_observation"


class Revision(models.Model):
    """A value that a later release changed: the old one is kept here."""

    series = models.ForeignKey(Series, on_delete=models.CASCADE, related_name="revisions")
    year = models.PositiveSmallIntegerField()
    release = models.ForeignKey(Release, on_delete=models.CASCADE)
    old_value = models.FloatField(null=True)
    old_lb = models.FloatField(null=True)
    old_ub = models.FloatField(null=True)
    old_quality = models.PositiveSmallIntegerField(null=True)
    new_value = models.FloatField(null=True)
    new_lb = models.FloatField(null=True)
    new_ub = models.FloatField(null=True)
    new_quality = models.PositiveSmallIntegerField(null=True)


class Distribution(models.Model):
    """Every value of one metric in one year across one level of geography, in one state
    (or the nation, state_fips ""), whole population only. Built after each import so a
    profile can place a value without scanning the observations again."""

    metric = models.ForeignKey(Metric, on_delete=models.CASCADE)
    year = models.PositiveSmallIntegerField()
    level = models.CharField(max_length=10, choices=GeographyKind.choices)
    state_fips = models.CharField(max_length=2, blank=True)  # "" = the nation
    count = models.PositiveIntegerField()
    median = models.FloatField(null=True)
    p25 = models.FloatField(null=True)
    p75 = models.FloatField(null=True)
    values = models.JSONField(default=list)  # sorted ascending

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["metric", "year", "level", "state_fips"], name="distribution_unique"
            )
        ]


class PeerProfile(models.Model):
    """The features used to find similar jurisdictions, one row per county or city."""

    geography = models.OneToOneField(Geography, on_delete=models.CASCADE, related_name="peer")
    features = models.JSONField(default=dict)  # {"log_population": 11.2, ...}; missing = absent
    updated_at = models.DateTimeField(auto_now=True)
