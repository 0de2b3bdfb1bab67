"""The coalition's questions about building on its foundation, in our words."""

from __future__ import annotations

QUESTIONS: dict[str, str] = {
    "carry": "Who among us is best placed to keep this work going for years, not months?",
    "share": "Now that the plan is out, who else must share the responsibility and the "
    "accountability for it?",
    "strengths": "Where are we strong enough to carry the work, and where are the gaps?",
    "learn": "What do we still need to learn, and from whom?",
    "mission": "How should our mission change now that we are carrying out a plan rather than "
    "writing one?",
}
