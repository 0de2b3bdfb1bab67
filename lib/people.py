"""How people (and partners' reporting systems) are named on pages, in documents and in
the API: a person by their full name, or their user name when they gave none."""

from __future__ import annotations

from typing import Any


def person_name(user: Any | None) -> str:
    """A user's full name, or their user name; "" for nobody."""
    if user is None:
        return ""
    return str(user.get_full_name() or user.get_username())


def reporter_name(user: Any | None, organisation: Any | None = None) -> str:
    """Who sent an update, a value or a story: a person, or a partner organisation's own
    system reporting with the organisation's key."""
    if user is not None:
        return person_name(user)
    if organisation is not None:
        return f"{organisation.name} (reporting system)"
    return ""
