"""The coalition's questions about early wins, in our words."""

from __future__ import annotations

QUESTIONS: dict[str, str] = {
    "residents": "Which of our wins would residents notice most in their daily lives?",
    "messenger": "Who do residents trust most to tell them about a win, and why?",
    "credit": "Who deserves the credit for each win, and have we thanked them in public?",
    "next": "Which win can we build on next, and what would make it last?",
    "quiet": "Which groups have not yet heard about our wins, and how will we reach them?",
}
