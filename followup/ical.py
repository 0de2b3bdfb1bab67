"""A small iCalendar (RFC 5545) writer for all-day events: enough for calendar feeds of due
dates, with the format's escaping and its 75-octet line folding."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

CRLF = "\r\n"
FOLD_OCTETS = 75


@dataclass(frozen=True)
class Event:
    uid: str  # stable across fetches, so calendars update the event instead of adding one
    day: datetime.date
    summary: str
    description: str = ""
    url: str = ""
    categories: tuple[str, ...] = ()


def text_escape(value: str) -> str:
    """Escape a TEXT value: backslash, semicolon, comma and line breaks (RFC 5545 3.3.11)."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def line_fold(line: str) -> str:
    """Fold a content line so that no line is longer than 75 octets of UTF-8, never cutting
    a character in two; continuation lines start with one space (RFC 5545 3.1)."""
    parts: list[str] = []
    current, size = "", 0
    limit = FOLD_OCTETS
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            parts.append(current)
            current, size = " ", 1
            limit = FOLD_OCTETS
        current += char
        size += width
    parts.append(current)
    return CRLF.join(parts)


def _date(day: datetime.date) -> str:
    return day.strftime("%Y%m%d")


def _event_lines(event: Event, stamp: str) -> list[str]:
    lines = [
        "BEGIN:VEVENT",
        f"UID:{text_escape(event.uid)}",
        f"DTSTAMP:{stamp}",
        f"DTSTART;VALUE=DATE:{_date(event.day)}",
        f"DTEND;VALUE=DATE:{_date(event.day + datetime.timedelta(days=1))}",
        f"SUMMARY:{text_escape(event.summary)}",
        "TRANSP:TRANSPARENT",
    ]
    if event.description:
        lines.append(f"DESCRIPTION:{text_escape(event.description)}")
    if event.url:
        lines.append(f"URL;VALUE=URI:{event.url}")
    if event.categories:
        lines.append("CATEGORIES:" + ",".join(text_escape(c) for c in event.categories))
    lines.append("END:VEVENT")
    return lines


def calendar_render(*, name: str, events: Iterable[Event], now: datetime.datetime) -> str:
    """The whole VCALENDAR as text with CRLF line ends, every line folded."""
    stamp = now.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Upward//Follow-up calendar//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{text_escape(name)}",
    ]
    for event in events:
        lines.extend(_event_lines(event, stamp))
    lines.append("END:VCALENDAR")
    return "".join(line_fold(line) + CRLF for line in lines)
