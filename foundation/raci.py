"""Reading cells of the RACI matrix from the grid's form or the API by their public keys:
an action's or measure's UUID, and an organisation ("o<id>" in the grid, its name in the
API) or a member ("m<uuid>")."""

from __future__ import annotations

import uuid as uuidlib
from collections.abc import Mapping

from django.core.exceptions import ValidationError

from foundation.services import CellChange, Party, Subject
from plans.models import Membership, Organisation, Plan
from strategy.models import Measure, StrategicAction


def _uuid(text: str) -> uuidlib.UUID | None:
    try:
        return uuidlib.UUID(text)
    except ValueError:
        return None


class Parties:
    """The plan's actions, measures, organisations and members, looked up by key."""

    def __init__(self, plan: Plan) -> None:
        self.actions = {str(a.uuid): a for a in StrategicAction.objects.filter(plan=plan)}
        self.measures = {str(m.uuid): m for m in Measure.objects.filter(plan=plan)}
        organisations = list(Organisation.objects.filter(plan=plan))
        self.organisations = {f"o{o.pk}": o for o in organisations}
        self.organisation_names = {o.name.casefold(): o for o in organisations}
        members = Membership.objects.filter(plan=plan).select_related("user")
        self.members = {f"m{m.uuid}": m for m in members}
        self.usernames = {m.user.get_username().casefold(): m for m in members}

    def subject(self, kind: str, key: str) -> Subject:
        found = _uuid(key)
        table: Mapping[str, Subject] = self.actions if kind in ("a", "action") else self.measures
        subject = table.get(str(found)) if found else None
        if subject is None:
            raise ValidationError(f"No {'action' if kind in ('a', 'action') else 'measure'} "
                                  "with that key in this plan.")  # fmt: skip
        return subject

    def party(self, key: str) -> Party:
        party: Party | None = self.organisations.get(key) or self.members.get(key)
        if party is None:
            raise ValidationError("No organization or member with that key in this plan.")
        return party

    def party_named(self, kind: str, name: str) -> Party:
        """For the API: an organisation by its name, a member by UUID or username."""
        text = name.strip()
        party: Party | None
        if kind == "organisation":
            party = self.organisation_names.get(text.casefold())
        else:
            found = _uuid(text)
            party = self.members.get(f"m{found}") if found else None
            party = party or self.usernames.get(text.casefold())
        if party is None:
            raise ValidationError(f"No {kind} called {text!r} in this plan.")
        return party


def raci_changes_from_post(*, plan: Plan, data: Mapping[str, str]) -> list[CellChange]:
    """The grid posts `cell|a|<uuid>|<column>` with the role and `was|...` with what the
    cell held when the page was loaded; only the cells that differ become changes."""
    parties = Parties(plan)
    changes = []
    for name, role in data.items():
        if not name.startswith("cell|"):
            continue
        bits = name.split("|")
        if len(bits) != 4:
            raise ValidationError("The form was not the grid's.")
        _, kind, key, column = bits
        was = data.get("was|" + "|".join(bits[1:]), "")
        if role == was:
            continue
        changes.append(CellChange(parties.subject(kind, key), parties.party(column), role, was))
    return changes
