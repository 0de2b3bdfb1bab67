from __future__ import annotations

import datetime

import pytest

from engagement import services
from engagement.models import Activity, Method, Mode, Spectrum

HOSTILE = "<script>alert('x')</script>"
ESCAPED = "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;"


def activity_make(plan, **changes) -> Activity:  # type: ignore[no-untyped-def]
    fields = {
        "title": "Listening session at the library",
        "method": Method.LISTENING,
        "spectrum": Spectrum.CONSULT,
        "date": datetime.date(2026, 3, 14),
        "mode": Mode.IN_PERSON,
        "place": "Rockford Public Library",
        "languages": ["English", "Spanish"],
        "accessibility": "Step-free access, interpretation",
        "compensation": ["meal", "child-care"],
        "participants": 24,
        "makeup": {"Renters": 15, "Youth": 4},
        "facilitator": None,
        "notes": "",
    }
    fields.update(changes)
    return services.activity_create(plan=plan, **fields)


@pytest.fixture
def activity(plan):  # type: ignore[no-untyped-def]
    return activity_make(plan)


@pytest.fixture
def facilitated(plan, people):  # type: ignore[no-untyped-def]
    """An activity whose facilitator is the contributor."""
    membership = plan.memberships.get(user=people["contributor"])
    return activity_make(plan, title="Data walk downtown", method=Method.DATA_WALK,
                         facilitator=membership)  # fmt: skip


def page_url(plan, path: str = "") -> str:  # type: ignore[no-untyped-def]
    return f"/plans/{plan.code}/engagement/{path}"
