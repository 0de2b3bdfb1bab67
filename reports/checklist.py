"""The release checklist: what a coalition should have done before it releases its plan.
Our own words; each item is checked by a person, and we keep who and when."""

from __future__ import annotations

CHECKLIST: dict[str, tuple[str, str]] = {
    "format": (
        "Formats chosen",
        "Decide how the plan goes out: the web page, the PDF, the Word file, the two-page "
        "summary, printed copies.",
    ),
    "letter": (
        "Letter from leadership written",
        "The people who lead the coalition say in their own words why the plan matters.",
    ),
    "findings": (
        "Findings reviewed by residents",
        "Residents who took part saw the findings and could correct them before release.",
    ),
    "baselines": (
        "Every measure has a baseline",
        "Each measure in the Measurement Plan starts from a known value and year.",
    ),
    "partners": (
        "Lead partners agreed to their actions",
        "Every organization named as a lead has agreed to what the plan asks of it.",
    ),
    "accessibility": (
        "Documents checked for accessibility",
        "Headings in order, tables with headers, every chart with its figures in words.",
    ),
    "translations": (
        "Translations ready",
        "The plan, or at least its summary, in the languages residents speak.",
    ),
    "launch": (
        "Launch event planned",
        "A date and a place residents can reach, with interpretation and childcare if needed.",
    ),
    "messages": (
        "Press and message plan",
        "Who speaks for the plan, the few messages to repeat, and where they go out.",
    ),
}
