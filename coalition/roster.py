"""The roster as CSV: read a file to rows, validate the rows (each problem names its line
and column), load them in one transaction (all or nothing); and write the roster back out.

Columns: name, title, email, organisation, organisation_kind, roles, lived_experience.
Roles are separated by ";" and may be written as their value (advocate) or their label
(Mobility Advocate). A person already on the roster (same e-mail, or same name when no
e-mail is given) is updated, not added twice.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction

from coalition.models import CoalitionRole, LivedExperience, Person
from coalition.selectors import people_rows
from lib.spreadsheet import csv_cell, csv_cell_read
from plans.models import Organisation, OrganisationKind, Plan

COLUMNS = (
    "name",
    "title",
    "email",
    "organisation",
    "organisation_kind",
    "roles",
    "lived_experience",
)
REQUIRED = ("name",)
MAX_BYTES = 2_000_000
LIMITS = {"name": 200, "title": 200, "email": 254, "organisation": 200}
# Accepted spellings, lower-cased, for the coded columns.
ROLE_WORDS = {
    **{v: v for v in CoalitionRole.values},
    **{str(label).lower(): v for v, label in CoalitionRole.choices},
}
KIND_WORDS = {
    **{v: v for v in OrganisationKind.values},
    **{str(label).lower(): v for v, label in OrganisationKind.choices},
}
LIVED_WORDS = {
    "": "",
    "yes": LivedExperience.YES,
    "no": LivedExperience.NO,
    "prefer not to say": LivedExperience.DECLINED,
    "declined": LivedExperience.DECLINED,
}
TEMPLATE_ROWS = [
    [
        "Ana Example",
        "Director of Housing",
        "ana@example.org",
        "City of Example",
        "government",
        "Mobility Advocate; Management team",
        "prefer not to say",
    ],
    [
        "Sam Example",
        "Parent and tenant organiser",
        "",
        "Eastside Tenants Union",
        "residents",
        "Working-group member",
        "yes",
    ],
]


@dataclass(frozen=True)
class Problem:
    line: int
    column: str
    message: str

    def __str__(self) -> str:
        where = f"line {self.line}" + (f", column “{self.column}”" if self.column else "")
        return f"{where}: {self.message}"


@dataclass
class RosterRow:
    line: int
    cells: dict[str, str]
    roles: list[str] = field(default_factory=list)
    kind: str = ""
    lived: str = ""


@dataclass
class RosterRead:
    rows: list[RosterRow]
    problems: list[Problem]


def roster_read(*, data: bytes) -> RosterRead:
    """File bytes to rows; problems with the file as a whole (encoding, header) stop here."""
    if len(data) > MAX_BYTES:
        return RosterRead([], [Problem(1, "", "The file is larger than 2 MB.")])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return RosterRead(
            [],
            [
                Problem(
                    line, "", "The file is not UTF-8 text; save it as “CSV UTF-8” and try again."
                )
            ],
        )
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [h.strip().lower() for h in next(reader)]
    except StopIteration:
        return RosterRead([], [Problem(1, "", "The file is empty.")])
    problems = [
        Problem(1, column, "This column is missing from the header.")
        for column in COLUMNS
        if column not in header
    ]
    problems += [
        Problem(1, name or f"column {i + 1}", "This column is not one of ours; remove it.")
        for i, name in enumerate(header)
        if name not in COLUMNS
    ]
    if problems:
        return RosterRead([], problems)
    rows = []
    try:
        for cells in reader:
            line = reader.line_num
            if not any(c.strip() for c in cells):
                continue
            if len(cells) != len(header):
                problems.append(
                    Problem(
                        line, "", f"This line has {len(cells)} cells; the header has {len(header)}."
                    )
                )
                continue
            rows.append(RosterRow(line, {h: _plain(c) for h, c in zip(header, cells, strict=True)}))
    except csv.Error as exc:
        problems.append(Problem(reader.line_num, "", f"The file cannot be read here ({exc})."))
    return RosterRead(rows, problems)


def _plain(cell: str) -> str:
    """The cell's text, without the quote our export puts before formula-like text."""
    return csv_cell_read(cell.strip())


def _cell_problems(row: RosterRow) -> list[Problem]:
    cells, problems = row.cells, []
    for column in REQUIRED:
        if not cells[column]:
            problems.append(Problem(row.line, column, "This cell is empty; a name is needed."))
    for column, limit in LIMITS.items():
        if len(cells[column]) > limit:
            problems.append(Problem(row.line, column, f"Longer than {limit} characters."))
    if cells["email"]:
        try:
            validate_email(cells["email"])
        except ValidationError:
            problems.append(
                Problem(row.line, "email", f"“{cells['email'][:80]}” is not an e-mail address.")
            )
    for word in filter(None, (w.strip().lower() for w in cells["roles"].split(";"))):
        if word in ROLE_WORDS:
            row.roles.append(ROLE_WORDS[word])
        else:
            known = ", ".join(str(label) for label in CoalitionRole.labels)
            problems.append(
                Problem(row.line, "roles", f"“{word[:60]}” is not a role. Roles: {known}.")
            )
    kind = cells["organisation_kind"].lower()
    if kind and kind not in KIND_WORDS:
        known = ", ".join(OrganisationKind.values)
        problems.append(
            Problem(
                row.line,
                "organisation_kind",
                f"“{kind[:60]}” is not a kind of organization: {known}.",
            )
        )
    row.kind = KIND_WORDS.get(kind, "")
    lived = cells["lived_experience"].lower()
    if lived not in LIVED_WORDS:
        problems.append(
            Problem(
                row.line, "lived_experience", "Write yes, no, prefer not to say, or leave it empty."
            )
        )
    row.lived = LIVED_WORDS.get(lived, "")
    return problems


def roster_validate(*, plan: Plan, rows: list[RosterRow]) -> list[Problem]:
    """Every problem of every row, in file order."""
    problems: list[Problem] = []
    known = {o.name.lower() for o in Organisation.objects.filter(plan=plan)}
    seen: dict[str, int] = {}
    for row in rows:
        problems += _cell_problems(row)
        org = row.cells["organisation"]
        if org and org.lower() not in known and not row.kind:
            problems.append(
                Problem(
                    row.line,
                    "organisation_kind",
                    f"“{org[:80]}” is new to this plan: say what kind of organization it is.",
                )
            )
        key = _key(row.cells)
        if key in seen:
            problems.append(
                Problem(
                    row.line,
                    "email" if row.cells["email"] else "name",
                    f"The same person is already on line {seen[key]}.",
                )
            )
        seen.setdefault(key, row.line)
    return sorted(
        problems, key=lambda p: (p.line, COLUMNS.index(p.column) if p.column in COLUMNS else -1)
    )


def _key(cells: dict[str, str]) -> str:
    return (
        ("email:" + cells["email"].lower()) if cells["email"] else "name:" + cells["name"].lower()
    )


@dataclass
class LoadResult:
    added: int
    updated: int
    organisations_added: int


def roster_load(*, plan: Plan, rows: list[RosterRow]) -> LoadResult:
    """Load validated rows in one transaction."""
    added = updated = orgs_added = 0
    with transaction.atomic():
        organisations = {o.name.lower(): o for o in Organisation.objects.filter(plan=plan)}
        people = {
            ("email:" + p.email.lower()) if p.email else "name:" + p.name.lower(): p
            for p in Person.objects.filter(plan=plan)
        }
        for row in rows:
            cells, organisation = row.cells, None
            if cells["organisation"]:
                organisation = organisations.get(cells["organisation"].lower())
                if organisation is None:
                    organisation = Organisation.objects.create(
                        plan=plan, name=cells["organisation"], kind=row.kind
                    )
                    organisations[organisation.name.lower()] = organisation
                    orgs_added += 1
            person = people.get(_key(cells)) or Person(plan=plan)
            added, updated = (added + 1, updated) if person.pk is None else (added, updated + 1)
            person.name, person.title, person.email = cells["name"], cells["title"], cells["email"]
            person.organisation, person.lived_experience = organisation, row.lived
            person.roles = sorted(
                set(person.roles) | set(row.roles), key=list(CoalitionRole.values).index
            )
            person.save()
            people[_key(cells)] = person
    return LoadResult(added, updated, orgs_added)


def roster_import(*, plan: Plan, data: bytes) -> tuple[LoadResult | None, list[Problem]]:
    """Read, validate and load; nothing is loaded when there is any problem."""
    read = roster_read(data=data)
    problems = read.problems + roster_validate(plan=plan, rows=read.rows)
    if problems:
        return None, sorted(problems, key=lambda p: p.line)
    if not read.rows:
        return None, [Problem(2, "", "The file has a header but no people.")]
    return roster_load(plan=plan, rows=read.rows), []


def roster_template_csv() -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    writer.writerows(TEMPLATE_ROWS)
    return out.getvalue()


def roster_export_csv(*, plan: Plan) -> str:
    """The roster in the import's columns, so it can be edited and loaded again."""
    lived: dict[str, str] = {
        LivedExperience.YES: "yes",
        LivedExperience.NO: "no",
        LivedExperience.DECLINED: "prefer not to say",
    }
    kinds = dict(Organisation.objects.filter(plan=plan).values_list("name", "kind"))
    answers = {
        str(uuid): answer
        for uuid, answer in Person.objects.filter(plan=plan).values_list("uuid", "lived_experience")
    }
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for row in people_rows(plan=plan):
        writer.writerow(
            [
                csv_cell(x)
                for x in (
                    row.name,
                    row.title,
                    row.email,
                    row.organisation,
                    kinds.get(row.organisation, ""),
                    "; ".join(row.roles),
                    lived.get(answers.get(row.uuid, ""), ""),
                )
            ]
        )
    return out.getvalue()
