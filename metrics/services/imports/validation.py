"""The rules a release file's values follow, shared by the checks in engine.py."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

MAX_PROBLEMS_PER_FILE = 50
QUALITY_WORDS = {
    "1": 1,
    "2": 2,
    "3": 3,
    "1.0": 1,
    "2.0": 2,
    "3.0": 3,
    "strong": 1,
    "marginal": 2,
    "weak": 3,
}
SUBGROUP_TYPE_ALIASES = {"race-ethncity": "race-ethnicity", "raceethnicity": "race-ethnicity"}
FIRST_YEAR = 2000
# Bounds are rounded in the release; a value may sit a hair outside them.
RELATIVE_TOLERANCE = 1e-6


@dataclass
class GeographyRecord:
    geoid: str
    kind: str
    state_fips: str
    name: str = ""
    state_name: str = ""
    years: dict[int, tuple[str, int | None]] = field(default_factory=dict)


def subgroup_type_normalise(raw: str) -> str:
    """One spelling per subgroup type: race_ethnicity and race-ethncity are race-ethnicity."""
    text = raw.strip().lower().replace("_", "-").replace(" ", "-")
    return SUBGROUP_TYPE_ALIASES.get(text, text)


def name_repair(text: str) -> str:
    """Undo the commonest mojibake: UTF-8 text once read as Windows-1252 and saved again
    (the release spells Doña Ana County "DoÃ±a Ana County" in some years)."""
    if "Ã" not in text and "Â" not in text:
        return text
    try:
        return text.encode("cp1252").decode("utf-8")
    except UnicodeError:
        return text


def year_parse(text: str) -> int:
    """A plausible data year, or ValueError whose message is the last year accepted."""
    last_year = date.today().year + 1
    try:
        number = float(text.strip())
    except ValueError:
        raise ValueError(str(last_year)) from None
    if not number.is_integer() or not FIRST_YEAR <= number <= last_year:
        raise ValueError(str(last_year))
    return int(number)
