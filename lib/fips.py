"""Census FIPS codes: the states, and the shapes of county and city GEOIDs."""

from __future__ import annotations

import re

STATES: dict[str, tuple[str, str]] = {
    "01": ("AL", "Alabama"), "02": ("AK", "Alaska"), "04": ("AZ", "Arizona"),
    "05": ("AR", "Arkansas"), "06": ("CA", "California"), "08": ("CO", "Colorado"),
    "09": ("CT", "Connecticut"), "10": ("DE", "Delaware"), "11": ("DC", "District of Columbia"),
    "12": ("FL", "Florida"), "13": ("GA", "Georgia"), "15": ("HI", "Hawaii"),
    "16": ("ID", "Idaho"), "17": ("IL", "Illinois"), "18": ("IN", "Indiana"),
    "19": ("IA", "Iowa"), "20": ("KS", "Kansas"), "21": ("KY", "Kentucky"),
    "22": ("LA", "Louisiana"), "23": ("ME", "Maine"), "24": ("MD", "Maryland"),
    "25": ("MA", "Massachusetts"), "26": ("MI", "Michigan"), "27": ("MN", "Minnesota"),
    "28": ("MS", "Mississippi"), "29": ("MO", "Missouri"), "30": ("MT", "Montana"),
    "31": ("NE", "Nebraska"), "32": ("NV", "Nevada"), "33": ("NH", "New Hampshire"),
    "34": ("NJ", "New Jersey"), "35": ("NM", "New Mexico"), "36": ("NY", "New York"),
    "37": ("NC", "North Carolina"), "38": ("ND", "North Dakota"), "39": ("OH", "Ohio"),
    "40": ("OK", "Oklahoma"), "41": ("OR", "Oregon"), "42": ("PA", "Pennsylvania"),
    "44": ("RI", "Rhode Island"), "45": ("SC", "South Carolina"), "46": ("SD", "South Dakota"),
    "47": ("TN", "Tennessee"), "48": ("TX", "Texas"), "49": ("UT", "Utah"),
    "50": ("VT", "Vermont"), "51": ("VA", "Virginia"), "53": ("WA", "Washington"),
    "54": ("WV", "West Virginia"), "55": ("WI", "Wisconsin"), "56": ("WY", "Wyoming"),
    "72": ("PR", "Puerto Rico"),
}  # fmt: skip

ABBREVIATIONS = {abbr: code for code, (abbr, _name) in STATES.items()}

# Digits in each part of a GEOID.
PART_WIDTH = {"state": 2, "county": 3, "place": 5}
GEOID_WIDTH = {"state": 2, "county": 5, "place": 7}
_DIGITS = re.compile(r"^[0-9]+$")


class FipsError(ValueError):
    """A code that cannot be a FIPS code of the kind asked for."""


def fips_part(raw: str, *, part: str, state: str | None = None) -> str:
    """Normalise one FIPS column value: pad codes that lost their leading zeros.

    Padding is safe because each column holds exactly one kind of code. A county or
    place column may also hold the full GEOID (state code first); that is accepted when
    it starts with the row's state code.
    """
    text = raw.strip().strip('"').strip()
    if text.endswith(".0") and _DIGITS.match(text[:-2] or "x"):
        text = text[:-2]  # written by a spreadsheet as a number
    width = PART_WIDTH[part]
    if not text:
        raise FipsError(f"the {part} code is missing")
    if not _DIGITS.match(text):
        raise FipsError(f"the {part} code {raw.strip()!r} has characters other than digits")
    if len(text) > width:
        if state and part != "state" and len(text) == width + 2 and text.startswith(state):
            return text[2:]
        raise FipsError(f"the {part} code {text!r} is too long: a {part} code has {width} digits")
    return text.zfill(width)


def geoid_kind(geoid: str) -> str | None:
    """The kind of geography a GEOID names by its shape, or None when it has no valid shape."""
    if not _DIGITS.match(geoid or "x"):
        return None
    for kind, width in GEOID_WIDTH.items():
        if len(geoid) == width:
            return kind if geoid[:2] in STATES else None
    return None


def geoid_problem(geoid: str) -> str | None:
    """A sentence saying why a GEOID cannot name a county or city, or None if its shape is fine."""
    if not geoid or not _DIGITS.match(geoid):
        return f"{geoid!r} is not a GEOID: a GEOID is made of digits only."
    if len(geoid) not in (2, 5, 7):
        return (
            f"{geoid!r} has {len(geoid)} digits: a county GEOID has 5 (state 2 + county 3) "
            "and a city GEOID has 7 (state 2 + place 5)."
        )
    if geoid[:2] not in STATES:
        return f"{geoid!r} starts with {geoid[:2]!r}, which is not a state code."
    return None
