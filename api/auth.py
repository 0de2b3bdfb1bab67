"""Bearer authentication for the JSON API.

Two kinds of key:
- a personal token (`upw_...`, made at /accounts/tokens/): `request.user` is set to the
  token's user, so the same access helpers as the pages apply (`PLAN_AUTH`, every plan
  endpoint);
- a partner organisation's reporting key (`upk_...`, made by a plan's owner at
  /plans/<code>/tracking/keys/): accepted only by the reporting endpoints (tracking and
  results, `REPORTING_AUTH`), where `reporting_access` gives it a contributor's rights on the
  actions the organisation owns and the measures under them, on its own plan only.

    from api.auth import PLAN_AUTH
    @router.get("plans/{code}/...", auth=PLAN_AUTH)
"""

from __future__ import annotations

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from ninja.security import HttpBearer

from accounts.services import token_authenticate
from plans.access import Need, PlanAccess, partner_access, plan_for_user
from tracking.keys import partner_key_authenticate
from tracking.models import PartnerKey


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        user = token_authenticate(raw=token)
        if user is not None:
            request.user = user
        return user


class PartnerKeyAuth(HttpBearer):
    """A partner organisation's reporting key: `request.auth` is the key; no user is set."""

    def authenticate(self, request: HttpRequest, token: str) -> PartnerKey | None:
        return partner_key_authenticate(raw=token)


# Every plan endpoint: a personal token (the same user, so the same role rules as the pages).
PLAN_AUTH = [TokenAuth()]
# The endpoints a partner's own system reports through: a personal token or an
# organisation's reporting key.
REPORTING_AUTH = [TokenAuth(), PartnerKeyAuth()]

KEY_LIMIT = (
    "An organisation's reporting key posts updates, milestones and values on the actions "
    "the organisation owns; this needs an editor's personal token."
)


def reporting_access(request: HttpRequest, code: str, *, need: Need = "view") -> PlanAccess:
    """The access of whoever calls a reporting endpoint: the token's user as on the pages,
    or the organisation of a reporting key (404 for another plan's code, 403 beyond a
    contributor's rights)."""
    key = getattr(request, "auth", None)
    if not isinstance(key, PartnerKey):
        return plan_for_user(request, code, need=need)
    if key.plan.code != code:
        raise Http404("No plan with this code is open to this key.")
    if need not in ("view", "contribute"):
        raise PermissionDenied(KEY_LIMIT)
    return partner_access(plan=key.plan, organisation=key.organisation)
