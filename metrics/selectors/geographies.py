"""Finding a county or city: by GEOID, by name, with or without its state."""

from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass

from django.db.models import Count, Max, Sum
from django.http import Http404

from lib.fips import STATES  # FIPS code -> (postal abbreviation, name)
from metrics.models import Geography, GeographyKind

GEOID_SHAPES = {2: GeographyKind.STATE, 5: GeographyKind.COUNTY, 7: GeographyKind.PLACE}
SEARCH_KINDS = (GeographyKind.COUNTY, GeographyKind.PLACE)


@dataclass(frozen=True)
class GeographyHit:
    geoid: str
    name: str
    kind: str
    kind_label: str
    state_fips: str
    state_name: str
    state_abbr: str
    population: int | None
    population_year: int | None

    @property
    def label(self) -> str:
        return f"{self.name}, {self.state_name}"


def geography_or_404(*, geoid: str) -> Geography:
    """The geography with this Census GEOID, or a 404 that says what was wrong."""
    cleaned = (geoid or "").strip()
    if not cleaned.isdigit() or len(cleaned) not in GEOID_SHAPES:
        raise Http404(
            f"{cleaned[:20]!r} is not a Census GEOID. A county has 5 digits (17031 is Cook "
            "County, Illinois), a city 7 digits (1714000 is Chicago) and a state 2."
        )
    try:
        return Geography.objects.get(geoid=cleaned)
    except Geography.DoesNotExist:
        kind = "county or city" if len(cleaned) > 2 else "state"
        raise Http404(f"No {kind} has the code {cleaned}.") from None


def geography_label(geography: Geography) -> str:
    """ "Cook County, Illinois"; "District of Columbia" once, not twice."""
    if geography.name == geography.state_name:
        return geography.name
    return str(geography)


def _fold(text: str) -> str:
    """Lower case, accents dropped, punctuation as spaces: "Doña Ana" -> "dona ana"."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", plain).split())


_STATE_BY_WORDS = {_fold(name): fips for fips, (_, name) in STATES.items()}
_STATE_BY_ABBR = {abbr.lower(): fips for fips, (abbr, _) in STATES.items()}


@dataclass(frozen=True)
class _Entry:
    folded: str
    hit: GeographyHit


class _Index:
    """Every county and city, folded for matching, kept until the table changes."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._key: tuple[object, ...] | None = None
        self._entries: list[_Entry] = []

    def entries(self) -> list[_Entry]:
        key = tuple(
            Geography.objects.filter(kind__in=SEARCH_KINDS)
            .aggregate(n=Count("id"), last=Max("id"), people=Sum("population"))
            .values()
        )
        with self._lock:
            if key != self._key:
                self._entries = [_Entry(_fold(hit.name), hit) for hit in _all_hits()]
                self._key = key
            return self._entries


def _all_hits() -> list[GeographyHit]:
    labels = dict(GeographyKind.choices)
    rows = Geography.objects.filter(kind__in=SEARCH_KINDS).values_list(
        "geoid", "name", "kind", "state_fips", "state_name", "population", "population_year"
    )
    return [
        GeographyHit(
            geoid=geoid,
            name=name,
            kind=kind,
            kind_label=labels.get(kind, kind),
            state_fips=state,
            state_name=state_name,
            state_abbr=STATES.get(state, ("", ""))[0],
            population=population,
            population_year=year,
        )
        for geoid, name, kind, state, state_name, population, year in rows
    ]


_INDEX = _Index()


def state_fips_from_text(text: str) -> str | None:
    """ "IL", "illinois", "17" -> "17"; anything else -> None."""
    folded = _fold(text)
    if folded in STATES:
        return folded
    return _STATE_BY_ABBR.get(folded) or _STATE_BY_WORDS.get(folded)


def _split_state(words: list[str]) -> tuple[list[str], str | None]:
    """Take a state off the end of the words: ["cook", "county", "illinois"] -> 17."""
    for size in (3, 2, 1):
        if len(words) > size and " ".join(words[-size:]) in _STATE_BY_WORDS:
            return words[:-size], _STATE_BY_WORDS[" ".join(words[-size:])]
    if len(words) > 1 and words[-1] in _STATE_BY_ABBR:
        return words[:-1], _STATE_BY_ABBR[words[-1]]
    return words, None


def _score(entry: _Entry, phrase: str, words: list[str]) -> int | None:
    """Lower is a better match; None when a word is missing from the name."""
    name = entry.folded
    if not all(word in name for word in words):
        return None
    if name == phrase or name.rsplit(" ", 1)[0] == phrase:
        return 0
    if name.startswith(phrase):
        return 1
    if any(part.startswith(words[0]) for part in name.split()):
        return 2
    return 3


def _ranked(entries: list[_Entry], words: list[str], state: str | None) -> list[_Entry]:
    phrase = " ".join(words)
    scored = []
    for entry in entries:
        if state and entry.hit.state_fips != state:
            continue
        score = _score(entry, phrase, words) if words else 0
        if score is not None:
            scored.append((score, -(entry.hit.population or 0), entry.hit.geoid, entry))
    scored.sort(key=lambda item: item[:3])
    return [item[3] for item in scored]


def geography_search(
    *, q: str, kind: str | None = None, state: str | None = None, limit: int = 10
) -> list[GeographyHit]:
    """Counties and cities matching a name, a name with its state, or a GEOID.

    Better matches first (exact name, then name prefix, then a word prefix, then anywhere),
    the most populous first among equal matches.
    """
    entries = _INDEX.entries()
    if kind in SEARCH_KINDS:
        entries = [entry for entry in entries if entry.hit.kind == kind]
    state_filter = state_fips_from_text(state) if state else None
    if state_filter:
        entries = [entry for entry in entries if entry.hit.state_fips == state_filter]
    words = _fold(q).split()
    if not words:
        return []
    compact = "".join(words)
    if compact.isdigit():
        found = [entry for entry in entries if entry.hit.geoid.startswith(compact)]
        found.sort(key=lambda entry: (entry.hit.geoid != compact, -(entry.hit.population or 0)))
        return [entry.hit for entry in found[:limit]]
    name_words, named_state = _split_state(words)
    found = _ranked(entries, name_words, named_state)
    if not found and named_state:
        found = _ranked(entries, words, None)
    if not found:  # the words name only a state: its biggest places
        whole = " ".join(words)
        fips = _STATE_BY_WORDS.get(whole) or _STATE_BY_ABBR.get(whole)
        found = _ranked(entries, [], fips) if fips else []
    return [entry.hit for entry in found[:limit]]
