"""Reads for the agreement pages: who may see an agreement, what the template proposes, and when
a renewal is due (from the engine's A1/A2 duties, via `agreements.services.agreement_due`)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from django.db.models import QuerySet

from supervise.accounts.access import Viewer
from supervise.agreements.frequency import interval_words as interval_words  # for sessions
from supervise.agreements.models import Agreement, AgreementStatus
from supervise.agreements.services import AgreementDue, agreement_due
from supervise.compliance.dataset import dataset_from_db, scope_for
from supervise.people.models import StaffMember
from supervise.policy.engine import duties


def agreements_for_page() -> QuerySet[Agreement]:
    return Agreement.objects.select_related(
        "supervisee", "supervisor", "supervisee__user", "supervisor__user"
    )


def may_view_agreement(viewer: Viewer, agreement: Agreement) -> bool:
    """Both parties and the management chain above them (not organisation-wide roles: the terms
    are part of the supervision file)."""
    if not viewer.same_org(agreement) or viewer.staff is None:
        return False
    me = viewer.staff.pk
    if me in (agreement.supervisee_id, agreement.supervisor_id):
        return True
    below = viewer.below()
    return agreement.supervisee_id in below or agreement.supervisor_id in below


@dataclass(frozen=True, slots=True)
class Renewal:
    """Why a (new) agreement is needed now, in words, and the reason to preselect."""

    reason: str
    reason_label: str
    due_on: date | None
    why: str


def renewal_for(supervisee: StaffMember, supervisor_id: int | None, on: date) -> Renewal | None:
    """What the pack asks for next (A1/A2); without a duty yet (A1 is due at the first session),
    a supervisee with no signed agreement with their supervisor still needs one."""
    due: AgreementDue | None = agreement_due(supervisee=supervisee, on=on)
    earlier = list(
        Agreement.objects.filter(
            supervisee=supervisee,
            status__in=(AgreementStatus.SIGNED, AgreementStatus.SUPERSEDED),
        ).values_list("supervisor_id", flat=True)
    )
    signed_with_supervisor = supervisor_id in earlier
    changed_supervisor = bool(earlier) and not signed_with_supervisor
    if due is not None:
        reason = due.reason
        why = due.why
        if reason == Agreement.Reason.NEW_RELATIONSHIP and changed_supervisor:
            reason, why = Agreement.Reason.CHANGE_OF_SUPERVISOR, "change of supervisor"
        return Renewal(reason, Agreement.Reason(reason).label, due.due_on, why)
    if signed_with_supervisor:
        return None
    if changed_supervisor:
        return Renewal(
            Agreement.Reason.CHANGE_OF_SUPERVISOR,
            Agreement.Reason.CHANGE_OF_SUPERVISOR.label,
            None,
            "change of supervisor: due at the first session together",
        )
    return Renewal(
        Agreement.Reason.NEW_RELATIONSHIP,
        Agreement.Reason.NEW_RELATIONSHIP.label,
        None,
        "new supervisory relationship: due at the first session together",
    )


@dataclass(frozen=True, slots=True)
class FrequencyTerms:
    """What the agreement form says about how often: the policy's own interval for this
    supervisee and why (their category), and what the agreement in force says (None: there is
    none; "": it leaves the frequency to the policy)."""

    policy: str
    why: str
    agreed: str | None


def policy_frequency(supervisee: StaffMember, on: date) -> tuple[str, str]:
    """(the pack's interval for this supervisee on `on`, why, in words), leaving out any
    frequency their agreement sets.

    The engine's personal supervision duty (RULES.md P1) uses the agreed frequency when it is
    shorter, so it is asked again with the agreements' frequencies removed: what is left is the
    interval of the supervisee's category, chosen exactly as the engine chooses it."""
    organisation = supervisee.organisation
    dataset = dataset_from_db(organisation, scope_for(organisation, [supervisee.pk], on))
    dataset.agreements = [replace(a, frequency=None) for a in dataset.agreements]
    for duty in duties(dataset, organisation.pack, on):
        if duty.rule == "personal_supervision" and duty.subject_id == supervisee.external_id:
            return str(duty.facts["interval"]), str(duty.facts.get("why", ""))
    # No duty (e.g. nobody supervises them in the data): the pack's general minimum.
    rule = organisation.pack.rules.get("personal_supervision")
    default = getattr(rule, "every", {}).get("default")
    return (str(default.interval) if default else "P1M"), ""


def frequency_terms(supervisee: StaffMember, on: date) -> FrequencyTerms:
    policy, why = policy_frequency(supervisee, on)
    in_force, _ = current_agreements(supervisee)
    return FrequencyTerms(policy, why, in_force.frequency if in_force else None)


def current_agreements(supervisee: StaffMember) -> tuple[Agreement | None, Agreement | None]:
    """(the agreement in force, the newest one waiting for a signature or still a draft)."""
    rows = list(
        agreements_for_page()
        .filter(supervisee=supervisee)
        .exclude(status=AgreementStatus.SUPERSEDED)
        .order_by("-created_at", "-id")
    )
    in_force = next((a for a in rows if a.status == AgreementStatus.SIGNED), None)
    pending = next(
        (
            a
            for a in rows
            if a.status in (AgreementStatus.AWAITING_SIGNATURES, AgreementStatus.DRAFT)
        ),
        None,
    )
    return in_force, pending
