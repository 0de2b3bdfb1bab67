"""Steps 1 and 2 of an import, run in DuckDB: read a CSV file as text, check every cell,
and reshape the rows into series.

Why DuckDB: the release holds 1.5M values. Checking and reshaping them one by one in
Python took 21 s of a 40 s import on a 2-core machine; DuckDB's vectorised engine does
the same checks in a few seconds. Python still decides what a FIPS code, a year and a
subgroup mean (on the few distinct values), so every rule has one home.
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from lib.fips import STATES, FipsError, fips_part
from metrics.services.imports.problems import Problem
from metrics.services.imports.reading import header_problems, metric_columns
from metrics.services.imports.validation import (
    FIRST_YEAR,
    MAX_PROBLEMS_PER_FILE,
    QUALITY_WORDS,
    RELATIVE_TOLERANCE,
    GeographyRecord,
    name_repair,
    subgroup_type_normalise,
    year_parse,
)

MISSING_TEXT = ["", "NA", "na", "N/A", "NaN", "nan", "NULL", "null", "."]
LEVEL_WIDTH = {"county": 3, "place": 5}
# What a file that is not CSV text most likely is, by its first bytes, and what to do.
OTHER_FORMATS = {
    b"PK\x03\x04": "a spreadsheet workbook (or another zip archive): save the sheet as "
    "CSV UTF-8 and import that file",
    b"\x1f\x8b": "a compressed (gzip) file: unpack it and import the CSV file inside",
    b"\xff\xfe": "UTF-16 text (a spreadsheet's Unicode Text): save it as CSV UTF-8",
    b"\xfe\xff": "UTF-16 text (a spreadsheet's Unicode Text): save it as CSV UTF-8",
}
# The widths of the database columns these texts are stored in (metrics/models.py).
NAME_LENGTH = 200
STATE_NAME_LENGTH = 100
SUBGROUP_TYPE_LENGTH = 40
SUBGROUP_NAME_LENGTH = 120


def ident(name: str) -> str:
    """Quote an identifier for DuckDB (the one place identifiers are quoted)."""
    return '"' + name.replace('"', '""') + '"'


@dataclass
class CheckedFile:
    """A file that passed every check, reshaped for loading."""

    name: str
    path: Path
    sha256: str
    dataset: str
    level: str
    has_subgroups: bool
    rows: int
    observations: int
    unknown_columns: list[str]
    geographies: dict[str, GeographyRecord]
    # (geoid's number, metric's number, subgroup's number, points as JSON text), numbers
    # being positions in the three lists below; in the order of (geoid, metric, subgroup)
    series: list[tuple[int, int, int, str]] = field(default_factory=list)
    geoids: list[str] = field(default_factory=list)
    metrics: list[str] = field(default_factory=list)
    subgroups: list[tuple[str, str]] = field(default_factory=list)

    def series_keyed(self) -> Iterator[tuple[str, str, str, str, str]]:
        """(geoid, metric, subgroup type, subgroup, points as JSON text) of each series."""
        for g, m, s, text in self.series:
            yield (self.geoids[g], self.metrics[m], *self.subgroups[s], text)


@dataclass
class NamesAhead:
    """The geographies a file names, handed over while the rest of its checks run, so
    they load meanwhile. Only the first file of a level of geography does this: no file
    before it can name the same geographies (see CheckStream)."""

    path: Path
    geographies: dict[str, GeographyRecord]


class _Problems:
    def __init__(self, file: str) -> None:
        self.file = file
        self.items: list[Problem] = []
        self.more = 0

    def add(self, message: str, line: int | None = None, column: str | None = None) -> None:
        if len(self.items) < MAX_PROBLEMS_PER_FILE:
            self.items.append(Problem(self.file, message, line=line, column=column))
        else:
            self.more += 1


def _header(data: bytes, label: str, out: _Problems) -> list[str] | None:
    if not data.strip():
        out.add("the file is empty: there is no header and no rows.")
        return None
    for magic, what in OTHER_FORMATS.items():
        if data.startswith(magic):
            out.add(f"this is {what}, not a CSV file in UTF-8.", 1)
            return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        _encoding_problem(data, exc.start, out)
        return None
    first = text.removeprefix("\ufeff").split("\n", 1)[0]
    header = [h.strip().lower() for h in next(csv.reader([first]))]
    for problem in header_problems(header, label):
        out.add(problem.message, problem.line)
    return None if out.items else header


def _encoding_problem(data: bytes, start: int, out: _Problems) -> None:
    """Say where the first byte that is not UTF-8 sits: its line, its column, its value
    as the Windows-1252 text a spreadsheet most likely meant."""
    line = data.count(b"\n", 0, start) + 1
    line_start = data.rfind(b"\n", 0, start) + 1
    line_end = data.find(b"\n", start)
    row = data[line_start : line_end if line_end >= 0 else len(data)]
    byte = data[start : start + 1].hex().upper()
    column: str | None = None
    where = ""
    if line > 1:
        first = data.split(b"\n", 1)[0].decode("utf-8", errors="replace")
        header = [h.strip().lower() for h in next(csv.reader([first]))]
        fields = next(csv.reader([row.decode("cp1252", errors="replace")]), [])
        index = len(next(csv.reader([data[line_start:start].decode("cp1252", "replace")]), [""]))
        if 0 < index <= len(header):
            column = header[index - 1]
        if 0 < index <= len(fields):
            where = f" in {fields[index - 1].strip()!r}"
    out.add(
        f"the file is not UTF-8 text: byte 0x{byte}{where} cannot be read (the file was "
        "probably saved as Latin-1 or Windows-1252). Save it as UTF-8 (CSV UTF-8 in a "
        "spreadsheet) and import it again.",
        line,
        column,
    )


class FileChecker:
    """Checks one file inside a DuckDB connection; tables are dropped when done."""

    def __init__(
        self,
        con: duckdb.DuckDBPyConnection,
        path: Path,
        label: str,
        dataset: str,
        catalog: set[str],
        ratios: set[str],
        keep: Callable[[FileChecker], None] | None = None,
    ) -> None:
        self.con, self.path, self.label, self.dataset = con, path, label, dataset
        self.catalog, self.ratios = catalog, ratios
        self.keep = keep  # called with the values of a file that passed, before they go
        # called with the geographies the file names once they passed their checks
        self.named: Callable[[dict[str, GeographyRecord]], None] | None = None
        self.out = _Problems(label)
        # The file's codes in sorted order; a series is numbered by their positions.
        self.geoids: list[str] = []
        self.subgroups: list[tuple[str, str]] = []
        self.metrics: list[str] = []
        self.unnamed: list[str] = []  # see run()

    def run(self, known_geoids: set[str] | None) -> CheckedFile | None:
        """The checked file, or None when it has problems (in self.out). With known_geoids
        None, the geographies the file refers to without naming them are not looked up
        but listed in self.unnamed, for the caller to look up once it knows them all."""
        data = self.path.read_bytes()
        header = _header(data, self.label, self.out)
        if header is None:
            return None
        metrics, unknown = metric_columns(header, self.catalog)
        if not metrics:
            self.out.add(
                "no column of this file is a metric Upward knows (columns: "
                + ", ".join(header[:12])
                + ("..." if len(header) > 12 else "")
                + ").",
                1,
            )
            return None
        self.header = header
        self.level = "county" if "county" in header else "place"
        self.has_subgroups = "subgroup" in header
        if not self._load_raw(data):
            return None
        try:
            return self._check(data, metrics, unknown, known_geoids)
        finally:
            for table in ("raw", "keys_geo", "keys_year", "keys_sg", "keyed", "vals"):
                self.con.execute(f"DROP TABLE IF EXISTS {table}")

    def _load_raw(self, data: bytes) -> bool:
        self.con.execute("DROP TABLE IF EXISTS raw")
        try:
            self.con.execute(
                "CREATE TEMP TABLE raw AS SELECT row_number() OVER () + 1 AS _line, * "
                "FROM read_csv(?, header = true, all_varchar = true, delim = ',', "
                "quote = '\"', escape = '\"', names = ?, nullstr = ?, store_rejects = true, "
                "rejects_table = 'rejects', rejects_scan = 'rejects_scan', "
                "sample_size = -1)",
                [str(self.path), self.header, MISSING_TEXT],
            )
        except duckdb.Error as exc:
            self._unreadable(data, exc)
            return False
        rejected = self._listed(
            "SELECT line, error_type, min(column_idx), arg_min(column_name, column_idx), "
            "arg_min(error_message, column_idx), count(*) OVER () FROM rejects "
            "GROUP BY line, error_type ORDER BY line LIMIT 50"
        )
        self.con.execute("DROP TABLE IF EXISTS rejects")
        self.con.execute("DROP TABLE IF EXISTS rejects_scan")
        for line, kind, index, column, message in rejected:
            text = _reject_message(str(kind), str(message), index, len(self.header))
            self.out.add(text, int(line), column if kind == "MISSING COLUMNS" else None)
        rows = _count_rows(self.con, "raw")
        if not rejected and not rows:
            self.out.add("the file has a header but no rows of data.")
        if not self.out.items:
            self._renumber(data, rows)
        return not self.out.items

    def _unreadable(self, data: bytes, exc: duckdb.Error) -> None:
        """DuckDB gives up on the whole file; Python's reader finds the line at fault."""
        text = data.decode("utf-8").removeprefix("\ufeff")
        reader = csv.reader(io.StringIO(text), strict=True)
        start = 1
        try:
            for _row in reader:
                start = reader.line_num + 1
        except csv.Error:
            rest = text.split("\n", start - 1)[-1]
            cells = next(csv.reader(io.StringIO(rest)), [])
            column = self.header[len(cells) - 1] if 0 < len(cells) <= len(self.header) else None
            self.out.add(
                "a quoted value that starts on this line is not closed properly (a double "
                "quote is missing or misplaced), so the rest of the file cannot be read.",
                start,
                column,
            )
            return
        reason = str(exc).splitlines()[0].replace(str(self.path), self.label)
        self.out.add(f"the file is not readable as CSV ({reason}).")

    def _renumber(self, data: bytes, rows: int) -> None:
        """Blank lines and values that span lines shift rows off their line numbers;
        when the count says so, take each row's first line from Python's reader."""
        lines = data.count(b"\n") + (0 if data.endswith(b"\n") else 1)
        if lines - 1 == rows:
            return
        reader = csv.reader(io.StringIO(data.decode("utf-8").removeprefix("\ufeff")))
        starts: list[int] = []
        previous = 0
        for row in reader:
            if row:
                starts.append(previous + 1)
            previous = reader.line_num
        if len(starts) - 1 != rows:
            return
        _table(self.con, "line_map", ["n", "line"], list(enumerate(starts[1:], start=2)))
        self.con.execute("UPDATE raw SET _line = m.line FROM line_map m WHERE raw._line = m.n")
        self.con.execute("DROP TABLE line_map")

    def _check(
        self,
        data: bytes,
        metrics: list[tuple[str, str | None, str | None, str | None]],
        unknown: list[str],
        known_geoids: set[str] | None,
    ) -> CheckedFile | None:
        self._keys()
        if self.out.items:
            return None
        geographies = self._geographies(known_geoids)
        if geographies and not self.out.items and self.named is not None:
            self.named(geographies)
        self._values(metrics)
        if self.out.items:
            return None
        rows = _count_rows(self.con, "raw")
        observations = _count_rows(self.con, "vals")
        if self.keep is not None:
            self.keep(self)
        series = self._series()
        return CheckedFile(
            name=self.label,
            path=self.path,
            sha256=hashlib.sha256(data).hexdigest(),
            dataset=self.dataset,
            level=self.level,
            has_subgroups=self.has_subgroups,
            rows=int(rows),
            observations=int(observations),
            unknown_columns=unknown,
            geographies=geographies,
            series=series,
            geoids=self.geoids,
            metrics=self.metrics,
            subgroups=self.subgroups,
        )

    @property
    def per_geo(self) -> int:
        """How many series numbers one geography spans: its number is k // per_geo."""
        return len(self.metrics) * len(self.subgroups)

    def _series(self) -> list[tuple[int, int, int, str]]:
        """(geoid's number, metric's number, subgroup's number, points as JSON text), in
        the order of the numbers (so SQLite inserts each file's series along its unique
        index). A series has one point per year, so its points are put in year order by
        taking each year's in turn: an aggregate ordered by year cost five times as much."""
        years = self.con.execute("SELECT DISTINCT year FROM vals ORDER BY 1").fetchall()
        point = "json_array(year, value, lb, ub, quality, numerator, denominator)::VARCHAR"
        by_year = ", ".join(f"any_value({point}) FILTER (WHERE year = {int(y)})" for (y,) in years)
        per_geo, per_metric = self.per_geo, len(self.subgroups)
        return self.con.execute(
            f"SELECT k // {per_geo}, k // {per_metric} % {len(self.metrics)}, k % {per_metric}, "
            f"'[' || concat_ws(',', {by_year}) || ']' FROM vals GROUP BY k ORDER BY k"
        ).fetchall()

    def _listed(self, query: str, params: list[object] | None = None) -> list[tuple[Any, ...]]:
        """Rows of a query whose last column is count(*) OVER (): the rows past its
        LIMIT are counted as problems not listed."""
        rows = self.con.execute(query, params).fetchall()
        if rows:
            self.out.more += int(rows[0][-1]) - len(rows)
        return [row[:-1] for row in rows]

    # -- keys ---------------------------------------------------------------------------

    def _keys(self) -> None:
        level, con = self.level, self.con
        pairs = con.execute(f"SELECT DISTINCT state, {ident(level)} FROM raw").fetchall()
        geo_keys = [(s, g, *_geoid(s, g, level)) for s, g in pairs]
        self.geoids = sorted({k[2] for k in geo_keys if k[2] is not None})
        geo_no: dict[str | None, int] = {geoid: n for n, geoid in enumerate(self.geoids)}
        _table(
            con,
            "keys_geo",
            ["s", "g", "geoid", "problem", "col", "geo_no"],
            [(*k, geo_no.get(k[2])) for k in geo_keys],
            types={"geo_no": "INTEGER"},
        )
        years = con.execute("SELECT DISTINCT year FROM raw").fetchall()
        _table(
            con,
            "keys_year",
            ["y", "year", "problem"],
            [(y, *_year(y)) for (y,) in years],
            types={"year": "INTEGER"},
        )
        sg_cols = "subgroup_type, subgroup" if self.has_subgroups else "'all', 'All'"
        groups = con.execute(f"SELECT DISTINCT {sg_cols} FROM raw").fetchall()
        sg_keys = [(t, n, *_subgroup(t, n)) for t, n in groups]
        self.subgroups = sorted({(k[2], k[3] or "") for k in sg_keys if k[2] is not None})
        sg_no: dict[tuple[str | None, str | None], int] = {
            sg: n for n, sg in enumerate(self.subgroups)
        }
        _table(
            con,
            "keys_sg",
            ["t", "n", "sg_type", "sg_name", "problem", "col", "sg_no"],
            [(*k, sg_no.get((k[2], k[3]))) for k in sg_keys],
            types={"sg_no": "INTEGER"},
        )
        self._key_problems(sg_cols)

    def _key_problems(self, sg_cols: str) -> None:
        con, level = self.con, ident(self.level)
        for line, problem, col in self._listed(
            f"SELECT r._line, k.problem, k.col, count(*) OVER () FROM raw r JOIN keys_geo k "
            f"ON r.state IS NOT DISTINCT FROM k.s AND r.{level} IS NOT DISTINCT FROM k.g "
            "WHERE k.problem IS NOT NULL ORDER BY r._line LIMIT 50"
        ):
            self.out.add(problem, line, col)
        for line, problem in self._listed(
            "SELECT r._line, k.problem, count(*) OVER () FROM raw r JOIN keys_year k "
            "ON r.year IS NOT DISTINCT FROM k.y WHERE k.problem IS NOT NULL "
            "ORDER BY r._line LIMIT 50"
        ):
            self.out.add(problem, line, "year")
        sg_join = (
            "r.subgroup_type IS NOT DISTINCT FROM s.t AND r.subgroup IS NOT DISTINCT FROM s.n"
            if self.has_subgroups
            else "true"
        )
        for line, problem, col in self._listed(
            f"SELECT r._line, s.problem, s.col, count(*) OVER () FROM raw r JOIN keys_sg s "
            f"ON {sg_join} WHERE s.problem IS NOT NULL ORDER BY r._line LIMIT 50"
        ):
            self.out.add(problem, line, col)
        if self.out.items:
            return
        con.execute(
            "CREATE TEMP TABLE keyed AS SELECT r._line, g.geoid, y.year AS year_n, s.sg_type, "
            "s.sg_name, g.geo_no, s.sg_no "
            f"FROM raw r JOIN keys_geo g ON r.state IS NOT DISTINCT FROM g.s "
            f"AND r.{level} IS NOT DISTINCT FROM g.g JOIN keys_year y "
            f"ON r.year IS NOT DISTINCT FROM y.y JOIN keys_sg s ON {sg_join}"
        )
        for geoid, year, sg_name, lines in self._listed(
            "SELECT geoid, year_n, sg_name, list(_line ORDER BY _line), count(*) OVER () "
            "FROM keyed GROUP BY geoid, year_n, sg_type, sg_name HAVING count(*) > 1 "
            "ORDER BY min(_line) LIMIT 50"
        ):
            self.out.add(
                f"this row repeats {self.level} {geoid}, year {year}, subgroup {sg_name!r} "
                f"(first given on line {lines[0]}).",
                lines[1],
            )

    # -- geographies ------------------------------------------------------------------

    def _geographies(self, known: set[str] | None) -> dict[str, GeographyRecord]:
        level = self.level
        name_col = f"{level}_name"
        records: dict[str, GeographyRecord] = {}
        if name_col in self.header:
            self._name_problems(name_col)
            if self.out.items:
                return {}
            records = self._records(name_col)
        for geoid, line in self.con.execute(
            "SELECT geoid, min(_line) FROM keyed GROUP BY geoid ORDER BY 2"
        ).fetchall():
            if known is None and geoid not in records:
                self.unnamed.append(geoid)
            elif known is not None and geoid not in known and geoid not in records:
                self.out.add(
                    f"{level} {geoid} is not a {level} Upward knows and this file gives no "
                    f"name for it. Import the release's combined {level} file first, or "
                    "check the code.",
                    line,
                    level,
                )
        return records

    def _name_problems(self, name_col: str) -> None:
        widths = {name_col: NAME_LENGTH, "state_name": STATE_NAME_LENGTH}
        for column, width in widths.items():
            if column not in self.header:
                continue
            text = f"trim({ident(column)})"
            for line, name in self._listed(
                f"SELECT _line, {text}, count(*) OVER () FROM raw WHERE contains({text}, '<') "
                f"OR contains({text}, '>') OR length({text}) > ? ORDER BY _line LIMIT 50",
                [width],
            ):
                if "<" in name or ">" in name:
                    message = (
                        f"the name {name!r} contains markup characters (< or >), which "
                        "no place name has."
                    )
                else:
                    message = f"the name is longer than {width} characters."
                self.out.add(message, line, column)
        if "population" in self.header:
            for line, pop in self._listed(
                "SELECT _line, population, count(*) OVER () FROM raw WHERE population IS NOT "
                "NULL AND coalesce(TRY_CAST(population AS DOUBLE) < 0 OR NOT "
                "isfinite(TRY_CAST(population AS DOUBLE)), true) ORDER BY _line LIMIT 50"
            ):
                self.out.add(f"{pop!r} is not a number of people.", line, "population")

    def _records(self, name_col: str) -> dict[str, GeographyRecord]:
        """Name and population per geography and year. Names are on every row; the
        population is the whole population's, so only rows of subgroup all give it."""
        population = (
            "CAST(TRY_CAST(population AS DOUBLE) AS BIGINT)"
            if "population" in self.header
            else "NULL::BIGINT"
        )
        rows = self.con.execute(
            f"SELECT geoid, year_n, first(trim({ident(name_col)}) ORDER BY sg_type <> 'all', "
            f"_line) FILTER (WHERE nullif(trim({ident(name_col)}), '') IS NOT NULL), "
            f"first({population} ORDER BY _line) FILTER (WHERE sg_type = 'all') "
            "FROM raw JOIN keyed USING (_line) GROUP BY geoid, year_n ORDER BY geoid, year_n"
        ).fetchall()
        records: dict[str, GeographyRecord] = {}
        for geoid, year, name, people in rows:
            if not name:
                continue
            record = records.get(geoid)
            if record is None:
                # The state's name comes from its code: the release's state_name column
                # holds "New Mexico, Doña Ana County" on one row.
                state_name = STATES[geoid[:2]][1]
                record = records[geoid] = GeographyRecord(
                    geoid, self.level, geoid[:2], state_name=state_name
                )
            record.name = name_repair(name)
            record.years[int(year)] = (record.name, None if people is None else int(people))
        return records

    # -- values -----------------------------------------------------------------------

    def _values(self, metrics: list[tuple[str, str | None, str | None, str | None]]) -> None:
        def col(name: str | None) -> str:
            return f"trim({ident(name)})" if name else "NULL::VARCHAR"

        self.metrics = sorted(slug for slug, *_ in metrics)
        metric_no = {slug: n for n, slug in enumerate(self.metrics)}
        structs = ", ".join(
            f"{{'m': '{slug}', 'i': {metric_no[slug]}, 'v': {col(slug)}, 'lb': {col(lb)}, "
            f"'ub': {col(ub)}, 'q': {col(q)}, 'r': {'true' if slug in self.ratios else 'false'}}}"
            for slug, lb, ub, q in metrics
        )  # slugs come from our catalog, never from the file
        # One number per series, in the order of (geoid, metric, subgroup): grouping by it
        # is several times cheaper than by the four texts.
        series_no = f"(geo_no::BIGINT * {len(self.metrics)} + u.i) * {len(self.subgroups)} + sg_no"
        quality = " ".join(f"WHEN '{w}' THEN {q}" for w, q in QUALITY_WORDS.items())
        ratio = "u.r AND contains(u.v, ':')"
        self.con.execute(
            "CREATE TEMP TABLE vals AS SELECT _line, year_n AS year, sg_type = 'all' AS whole, "
            f"{series_no} AS k, "
            "u.m AS metric, u.v AS v_text, u.lb AS lb_text, u.ub AS ub_text, u.q AS q_text, "
            f"{ratio} AS is_ratio, "
            f"CASE WHEN {ratio} THEN TRY_CAST(split_part(u.v, ':', 1) AS DOUBLE) END AS numerator, "
            f"CASE WHEN {ratio} THEN TRY_CAST(split_part(u.v, ':', 2) AS DOUBLE) END "
            "AS denominator, "
            f"CASE WHEN {ratio} THEN NULL ELSE TRY_CAST(u.v AS DOUBLE) END AS value, "
            "TRY_CAST(u.lb AS DOUBLE) AS lb, TRY_CAST(u.ub AS DOUBLE) AS ub, "
            f"CASE lower(u.q) {quality} END AS quality "
            f"FROM (SELECT _line, geoid, year_n, sg_type, sg_name, geo_no, sg_no, "
            f"unnest([{structs}]) AS u "
            "FROM raw JOIN keyed USING (_line)) WHERE u.v IS NOT NULL"
        )
        self.con.execute(
            "UPDATE vals SET value = CASE WHEN denominator <> 0 THEN numerator / denominator END "
            "WHERE numerator IS NOT NULL AND denominator IS NOT NULL"
        )
        self._value_problems()

    def _value_problems(self) -> None:
        tol = RELATIVE_TOLERANCE
        scale = "greatest(1.0, abs(value), abs(lb), abs(ub))"
        checks = [
            (
                "NOT is_ratio AND (value IS NULL OR NOT isfinite(value))",
                "metric",
                "'''' || v_text || ''' is not a number.'",
            ),
            (
                "is_ratio AND (len(string_split(v_text, ':')) <> 2 OR NOT "
                "coalesce(isfinite(numerator) AND isfinite(denominator), false))",
                "metric",
                "'''' || v_text || ''' is not a ratio written as two numbers a:b.'",
            ),
            (
                "lb_text IS NOT NULL AND (lb IS NULL OR NOT isfinite(lb))",
                "metric || '_lb'",
                "'''' || lb_text || ''' is not a number.'",
            ),
            (
                "ub_text IS NOT NULL AND (ub IS NULL OR NOT isfinite(ub))",
                "metric || '_ub'",
                "'''' || ub_text || ''' is not a number.'",
            ),
            (
                "q_text IS NOT NULL AND quality IS NULL",
                "metric || '_quality'",
                "'''' || q_text || ''' is not a quality flag (expected Strong, Marginal or Weak, "
                "or 1, 2 or 3).'",
            ),
            (
                f"lb > ub + {tol} * {scale}",
                "metric || '_lb'",
                "'the lower bound ' || lb || ' is above the upper bound ' || ub || '.'",
            ),
            (
                f"lb <= ub + {tol} * {scale} AND (value < lb - {tol} * {scale} OR "
                f"value > ub + {tol} * {scale})",
                "metric",
                "'the value ' || value || ' lies outside its interval ' || lb || ' to ' "
                "|| ub || '.'",
            ),
        ]
        union = " UNION ALL ".join(
            f"(SELECT _line, {column} AS col, {message} AS msg, {i} AS k, count(*) OVER () "
            f"AS total FROM vals WHERE {where} ORDER BY _line LIMIT 50)"
            for i, (where, column, message) in enumerate(checks)
        )
        query = f"SELECT * FROM ({union}) ORDER BY _line, k"
        found = self.con.execute(query).fetchall()
        totals = {k: total for *_, k, total in found}
        self.out.more += sum(totals.values()) - len(found)
        place = {name: i for i, name in enumerate(self.header)}  # left to right in a row
        found.sort(key=lambda row: (row[0], place.get(row[1], len(place))))
        for line, column, message, *_ in found:
            self.out.add(message, line, column)


def _count_rows(con: duckdb.DuckDBPyConnection, table: str) -> int:
    found = con.execute(f"SELECT count(*) FROM {ident(table)}").fetchone()
    return int(found[0]) if found else 0


def _table(
    con: duckdb.DuckDBPyConnection,
    name: str,
    columns: list[str],
    rows: Sequence[tuple[object, ...]],
    types: dict[str, str] | None = None,
) -> None:
    """A temporary table from Python rows, sent as one list per column (one statement)."""
    types = types or {}
    select = ", ".join(f"unnest(?::{types.get(c, 'VARCHAR')}[]) AS {ident(c)}" for c in columns)
    values = [[row[i] for row in rows] for i in range(len(columns))]
    con.execute(f"CREATE TEMP TABLE {ident(name)} AS SELECT {select}", values)


def _reject_message(kind: str, message: str, index: int | None, width: int) -> str:
    if kind == "MISSING COLUMNS":
        # DuckDB reports one reject per missing column; the first one says where the row stops.
        found = "fewer values" if index is None else _plural(index, "value")
        return (
            f"this row has {found} but the header has {width} columns (a row cut "
            "short: the file may be truncated, or a comma is missing)."
        )
    if kind == "TOO MANY COLUMNS":
        found = message.rsplit("Found:", 1)[-1].strip()
        return (
            f"this row has {found} values but the header has {width} columns (a stray comma, "
            "or a value with a comma that is not in double quotes)."
        )
    if kind == "INVALID ENCODING":
        return "this row is not UTF-8 text."
    if kind == "UNQUOTED VALUE":
        return "a quoted value is not closed properly on this row."
    return f"this row cannot be read as CSV ({message})."


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _geoid(
    state: str | None, geo: str | None, level: str
) -> tuple[str | None, str | None, str | None]:
    """(geoid, problem, column) for one distinct pair of codes."""
    try:
        code = fips_part(state or "", part="state")
    except FipsError as exc:
        return None, f"{exc}.", "state"
    if code not in STATES:
        return None, f"the state code {code!r} is not a state.", "state"
    try:
        return code + fips_part(geo or "", part=level, state=code), None, None
    except FipsError as exc:
        return None, f"{exc}.", level


def _year(raw: str | None) -> tuple[int | None, str | None]:
    if raw is None or not raw.strip():
        return None, "the year is missing."
    try:
        return year_parse(raw or ""), None
    except ValueError as exc:
        return (
            None,
            f"{raw!r} is not a plausible year (expected a whole year from {FIRST_YEAR} to {exc}).",
        )


def _subgroup(
    raw_type: str | None, raw_name: str | None
) -> tuple[str | None, str | None, str | None, str | None]:
    """(type, name, problem, column) for one distinct pair of subgroup cells."""
    if raw_type is None or not raw_type.strip():
        return (
            None,
            None,
            "the subgroup type is missing (write all for the whole population).",
            ("subgroup_type"),
        )
    sg_type = subgroup_type_normalise(raw_type)
    if sg_type == "all":
        return "all", "All", None, None
    name = (raw_name or "").strip()
    if not name:
        return None, None, "the subgroup is empty.", "subgroup"
    for text, column in ((raw_type, "subgroup_type"), (name, "subgroup")):
        if "<" in text or ">" in text:
            return None, None, f"{text!r} contains markup characters (< or >).", column
    if len(sg_type) > SUBGROUP_TYPE_LENGTH:
        return (
            None,
            None,
            f"the subgroup type is longer than {SUBGROUP_TYPE_LENGTH} characters.",
            ("subgroup_type"),
        )
    if len(name) > SUBGROUP_NAME_LENGTH:
        return (
            None,
            None,
            f"the subgroup is longer than {SUBGROUP_NAME_LENGTH} characters.",
            ("subgroup"),
        )
    return sg_type, name, None, None
