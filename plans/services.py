"""Writes on plans: creating them, their members and invitations, steps 1 and 2."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from metrics.models import Geography
from metrics.selectors.insights import Insight, insights_for
from metrics.selectors.peers import peers_suggest
from plans.models import (
    InsightStatus,
    Invitation,
    Membership,
    Organisation,
    Plan,
    PlanInsight,
    PlanPeer,
    Role,
)

PRINCIPLES = {
    "collaboration": "Work across sectors: government, nonprofits, employers, schools, funders.",
    "engagement": "Engage residents deeply, especially those with lived experience of poverty.",
    "learning": "Learn continuously and change course when the evidence says so.",
    "equity": "Put racial equity at the centre of every decision.",
    "systems": "Aim at the systems that hold poverty in place, not only at programs.",
    "evidence": "Use evidence: data, research and what residents know.",
}


def _unique_code(title: str) -> str:
    base = slugify(title)[:50].strip("-") or "plan"
    code, n = base, 2
    while Plan.objects.filter(code=code).exists():
        code = f"{base}-{n}"
        n += 1
    return code


@transaction.atomic
def plan_create(
    *,
    user: User,
    title: str,
    geography: Geography,
    lead_name: str,
    lead_kind: str,
    code: str | None = None,
) -> Plan:
    """A new plan, its lead organisation, and the creator as its owner."""
    if geography.kind not in ("county", "place"):
        raise ValidationError("A plan belongs to a county or a city.")
    if code and Plan.objects.filter(code=code).exists():
        raise ValidationError(f"The code {code!r} is taken by another plan.")
    plan = Plan.objects.create(code=code or _unique_code(title), title=title, geography=geography)
    lead = Organisation.objects.create(plan=plan, name=lead_name, kind=lead_kind)
    plan.lead_organisation = lead
    plan.save(update_fields=["lead_organisation"])
    Membership.objects.create(plan=plan, user=user, role=Role.OWNER, organisation=lead)
    return plan


def plan_approach_update(*, plan: Plan, purpose: str, principles: list[str], notes: str) -> Plan:
    unknown = sorted(set(principles) - PRINCIPLES.keys())
    if unknown:
        raise ValidationError(f"Unknown principles: {', '.join(unknown)}.")
    plan.purpose, plan.principles, plan.approach_notes = purpose, principles, notes
    plan.save(update_fields=["purpose", "principles", "approach_notes", "updated_at"])
    return plan


def invitation_create(
    *, plan: Plan, email: str, role: str, invited_by: User, accept_url: str
) -> Invitation:
    """Invite someone by e-mail; the message carries a one-time link (accept_url + token)."""
    if Membership.objects.filter(plan=plan, user__email__iexact=email).exists():
        raise ValidationError(f"{email} is already a member of this plan.")
    invitation = Invitation.objects.create(plan=plan, email=email, role=role, invited_by=invited_by)
    inviter = invited_by.get_full_name() or invited_by.get_username()  # type: ignore[attr-defined]
    send_mail(
        subject=f"You are invited to work on {plan.title}",
        message=(
            f"{inviter} invited you to join the plan “{plan.title}” in Upward as "
            f"{invitation.get_role_display().lower()}.\n\n"
            f"Accept the invitation: {accept_url}{invitation.token}/\n\n"
            "If you did not expect this, you can ignore this message."
        ),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[email],
    )
    return invitation


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user: User) -> Membership:
    if not invitation.is_open():
        raise ValidationError("This invitation has already been used.")
    membership, _created = Membership.objects.get_or_create(
        plan=invitation.plan, user=user, defaults={"role": invitation.role}
    )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user  # type: ignore[assignment]
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return membership


def membership_role_set(*, membership: Membership, role: str) -> Membership:
    if role not in Role.values:
        raise ValidationError(f"{role!r} is not a role.")
    if membership.role == Role.OWNER and role != Role.OWNER:
        _keep_an_owner(membership)
    membership.role = role
    membership.save(update_fields=["role"])
    return membership


def membership_remove(*, membership: Membership) -> None:
    if membership.role == Role.OWNER:
        _keep_an_owner(membership)
    membership.delete()


def _keep_an_owner(membership: Membership) -> None:
    owners = Membership.objects.filter(plan=membership.plan, role=Role.OWNER)
    if not owners.exclude(pk=membership.pk).exists():
        raise ValidationError("A plan needs at least one owner: make someone else owner first.")


def plan_peers_set(*, plan: Plan, geographies: list[Geography], reasons: dict[str, str]) -> None:
    """Replace the plan's peer set (same kind of place as the plan's jurisdiction)."""
    wrong = [g for g in geographies if g.kind != plan.geography.kind or g == plan.geography]
    if wrong:
        raise ValidationError(
            "Peers must be other places of the same kind as the plan's: "
            + ", ".join(str(g) for g in wrong)
        )
    with transaction.atomic():
        PlanPeer.objects.filter(plan=plan).delete()
        PlanPeer.objects.bulk_create(
            PlanPeer(plan=plan, geography=g, reason=reasons.get(g.geoid, "")[:300])
            for g in geographies
        )


def plan_peers_choose(*, plan: Plan, geoids: list[str]) -> list[Geography]:
    """Set the peer set from GEOIDs among those suggested (or already chosen), keeping each
    suggested peer's reason."""
    reasons = {p.geoid: p.reason for p in peers_suggest(geoid=plan.geography.geoid, limit=15)}
    allowed = reasons.keys() | set(plan.peers.values_list("geography__geoid", flat=True))
    if set(geoids) - allowed:
        raise ValidationError("Choose peers from the list.")
    chosen = list(Geography.objects.filter(geoid__in=geoids))
    plan_peers_set(plan=plan, geographies=chosen, reasons=reasons)
    return chosen


def insight_decide_by_key(
    *, plan: Plan, key: str, keep: bool, user: User, statement: str = ""
) -> PlanInsight:
    """Keep or dismiss the computed insight named `kind:metric`; ValidationError when the
    data no longer give that insight (a stale page, or a forged key)."""
    found = next(
        (i for i in insights_for(geoid=plan.geography.geoid) if f"{i.kind}:{i.metric_slug}" == key),
        None,
    )
    if found is None:
        raise ValidationError("That insight no longer follows from the data.")
    return insight_decide(plan=plan, insight=found, keep=keep, user=user, statement=statement)


def insight_decide(
    *, plan: Plan, insight: Insight, keep: bool, user: User, statement: str = ""
) -> PlanInsight:
    """Keep (optionally reworded) or dismiss one computed insight."""
    key = f"{insight.kind}:{insight.metric_slug}"
    evidence = [
        {"label": e.label, "year": e.year, "value": e.value, "lb": e.lb, "ub": e.ub,
         "quality": e.quality, "text": e.text}
        for e in insight.evidence
    ]  # fmt: skip
    record, _ = PlanInsight.objects.update_or_create(
        plan=plan,
        key=key,
        defaults={
            "metric_slug": insight.metric_slug,
            "statement": statement.strip() or insight.sentence,
            "status": InsightStatus.KEPT if keep else InsightStatus.DISMISSED,
            "evidence": evidence,
            "created_by": user,
        },
    )
    return record


def insight_write(
    *, plan: Plan, statement: str, note: str, metric_slug: str, user: User
) -> PlanInsight:
    """An insight the coalition writes itself."""
    if not statement.strip():
        raise ValidationError("Write the insight.")
    return PlanInsight.objects.create(
        plan=plan,
        statement=statement.strip(),
        note=note.strip(),
        metric_slug=metric_slug,
        status=InsightStatus.KEPT,
        created_by=user,
    )


def insight_update(*, record: PlanInsight, statement: str, note: str, keep: bool) -> PlanInsight:
    if not statement.strip():
        raise ValidationError("An insight cannot be empty.")
    record.statement, record.note = statement.strip(), note.strip()
    record.status = InsightStatus.KEPT if keep else InsightStatus.DISMISSED
    record.save(update_fields=["statement", "note", "status", "updated_at"])
    return record
