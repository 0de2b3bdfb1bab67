"""Who may see and change a plan: the one place that decides.

Outsiders get 404 (a private plan does not exist for them); members whose role is too low
get 403 (they know it exists, they may not change it).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from plans.models import Membership, Organisation, Plan, Role

Need = Literal["view", "contribute", "edit", "manage"]


@dataclass(frozen=True)
class PlanAccess:
    """Who is acting on a plan: a member (through the pages or a personal API key), or a
    partner organisation's reporting system (through the organisation's key, with a
    contributor's rights on the actions the organisation owns and their measures only; its
    `membership` is then an unsaved contributor row with no user, never saved)."""

    plan: Plan
    membership: Membership
    organisation: Organisation | None = None

    @property
    def user(self) -> User | None:
        """The person acting, or None when an organisation's system is."""
        return None if self.organisation is not None else self.membership.user

    @property
    def role(self) -> str:
        return self.membership.role

    @property
    def can_edit(self) -> bool:
        return self.membership.can_edit()

    @property
    def can_manage(self) -> bool:
        return self.membership.can_manage()

    @property
    def can_contribute(self) -> bool:
        return self.membership.can_contribute()

    def may_change(self, *, assigned_to: object | None) -> bool:
        """Editors change anything; a contributor only what is assigned to them (a user,
        or a membership of theirs). An organisation's key is never a member's assignment."""
        if self.organisation is not None:
            return False
        if self.can_edit:
            return True
        if self.membership.role != Role.CONTRIBUTOR or assigned_to is None:
            return False
        return assigned_to in (self.membership.user, self.membership, self.membership.user_id)


def partner_access(*, plan: Plan, organisation: Organisation) -> PlanAccess:
    """The access of an organisation's reporting system to `plan`: a contributor who is no
    person, limited to the actions the organisation owns (see tracking and results)."""
    if organisation.plan_id != plan.pk:
        raise Http404("No plan with this code is open to this key.")
    return PlanAccess(
        plan=plan,
        membership=Membership(plan=plan, role=Role.CONTRIBUTOR),
        organisation=organisation,
    )


def signed_in_user(request: HttpRequest) -> User:
    """The request's user, for views behind @login_required."""
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied("Sign in first.")
    return user


def plan_access(*, user: User, code: str, need: Need = "view") -> PlanAccess:
    """The plan with this code and the user's membership, or Http404 / PermissionDenied."""
    membership = (
        Membership.objects.select_related("plan", "plan__geography", "user")
        .filter(plan__code=code, user_id=user.pk)
        .first()
    )
    if membership is None:
        raise Http404("No plan with this code is open to you.")
    allowed = {
        "view": True,
        "contribute": membership.can_contribute(),
        "edit": membership.can_edit(),
        "manage": membership.can_manage(),
    }[need]
    if not allowed:
        raise PermissionDenied(
            f"Your role on this plan ({membership.get_role_display().lower()}) "
            "does not allow this change."
        )
    return PlanAccess(plan=membership.plan, membership=membership)


def plan_for_user(request: HttpRequest, code: str, *, need: Need = "view") -> PlanAccess:
    """The view-side helper: the signed-in user's access to the plan `code`."""
    return plan_access(user=signed_in_user(request), code=code, need=need)
