"""Supervision agreements: drafted from the pack's template, e-signed by both (an authenticated
action with its timestamp), superseding the previous one; renewals prompted when the pack asks."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from supervise.agreements.models import AGREEMENT_TRANSITIONS, Agreement, AgreementStatus
from supervise.audit.services import audit_record
from supervise.compliance.dataset import dataset_from_db, scope_for
from supervise.people.models import StaffMember, SupervisionLine
from supervise.policy.dates import Interval
from supervise.policy.engine import duties
from supervise.policy.pack import AGREEMENT_TERMS, Pack
from supervise.sessions.services.common import (
    ActionRefused,
    new_external_id,
    same_organisation,
    staff_of,
)
from supervise.sessions.states import check_transition

# The agreement's terms, as the pack's `[agreement_template]` names them (docs/pack-format.md).
TERMS = AGREEMENT_TERMS


def template_terms(pack: Pack) -> dict[str, Any]:
    """A new agreement's starting terms under `pack`: the words (and session length) its
    `[agreement_template]` gives each term; a term it leaves out, or a pack without a template,
    starts empty. The frequency is not among them: left empty, an agreement follows the policy
    (the supervisee's own interval), and the agreement form preselects that interval."""
    template = pack.agreement_template
    if template is None:
        return {}
    terms: dict[str, Any] = {}
    for name, term in template.terms.items():
        if name == "duration_minutes":
            if term.minutes is not None:
                terms[name] = term.minutes
        elif name != "frequency":
            terms[name] = term.text
    return terms


def _check_terms(terms: dict[str, Any]) -> None:
    unknown = set(terms) - set(TERMS)
    if unknown:
        raise ActionRefused(f"Unknown terms: {', '.join(sorted(unknown))}")
    frequency = terms.get("frequency")
    if frequency:
        try:
            Interval.parse(frequency)
        except ValueError as error:
            raise ActionRefused(f"Frequency: {error}") from None


@transaction.atomic
def agreement_draft(
    *, actor: Any, supervisee: StaffMember, reason: str, terms: dict[str, Any]
) -> Agreement:
    """The supervisor drafts an agreement with their supervisee from the pack's template: each
    term not given starts as the template has it."""
    supervisor = staff_of(actor)
    same_organisation(actor, supervisee)
    if not SupervisionLine.objects.filter(
        supervisee=supervisee, supervisor=supervisor, ends_on__isnull=True
    ).exists():
        raise ActionRefused("You can only draft an agreement with someone you supervise.")
    if reason not in Agreement.Reason.values or reason == Agreement.Reason.IMPORTED:
        raise ActionRefused("Say why the agreement is being made.")
    _check_terms(terms)
    agreement = Agreement.objects.create(
        organisation=supervisee.organisation,
        external_id=new_external_id("AG"),
        supervisee=supervisee,
        supervisor=supervisor,
        reason=reason,
        status=AgreementStatus.DRAFT,
        **{**template_terms(supervisee.organisation.pack), **terms},
    )
    audit_record(action="agreement.drafted", actor=actor, obj=agreement, detail={"reason": reason})
    return agreement


def _lock(agreement: Agreement) -> Agreement:
    return Agreement.objects.select_for_update().get(pk=agreement.pk)


@transaction.atomic
def agreement_update(*, actor: Any, agreement: Agreement, terms: dict[str, Any]) -> Agreement:
    agreement = _lock(agreement)
    same_organisation(actor, agreement)
    if staff_of(actor).pk != agreement.supervisor_id:
        raise ActionRefused("Only the supervisor can change the draft.")
    if agreement.status != AgreementStatus.DRAFT:
        raise ActionRefused("Only a draft can be changed. Signed agreements are renewed.")
    _check_terms(terms)
    for name, value in terms.items():
        setattr(agreement, name, value)
    agreement.save()
    audit_record(
        action="agreement.updated", actor=actor, obj=agreement, detail={"terms": sorted(terms)}
    )
    return agreement


@transaction.atomic
def agreement_send(*, actor: Any, agreement: Agreement) -> Agreement:
    """The supervisor offers the draft for signature (and signs it)."""
    agreement = _lock(agreement)
    same_organisation(actor, agreement)
    if staff_of(actor).pk != agreement.supervisor_id:
        raise ActionRefused("Only the supervisor can send the agreement for signature.")
    check_transition(
        AGREEMENT_TRANSITIONS, agreement.status, AgreementStatus.AWAITING_SIGNATURES, "An agreement"
    )
    now = timezone.now()
    agreement.status = AgreementStatus.AWAITING_SIGNATURES
    agreement.supervisor_signed_on = timezone.localdate(now)
    agreement.supervisor_signed_at = now
    agreement.save()
    audit_record(action="agreement.sent", actor=actor, obj=agreement)
    return agreement


@transaction.atomic
def agreement_sign(*, actor: Any, agreement: Agreement) -> Agreement:
    """The supervisee (or the supervisor, if they have not yet) signs; with both signatures the
    agreement is in force and the earlier one between them is superseded."""
    agreement = _lock(agreement)
    same_organisation(actor, agreement)
    me = staff_of(actor)
    now = timezone.now()
    if agreement.status != AgreementStatus.AWAITING_SIGNATURES:
        raise ActionRefused("This agreement is not waiting for signatures.")
    if me.pk == agreement.supervisee_id and agreement.supervisee_signed_at is None:
        agreement.supervisee_signed_on, agreement.supervisee_signed_at = (
            timezone.localdate(now),
            now,
        )
    elif me.pk == agreement.supervisor_id and agreement.supervisor_signed_at is None:
        agreement.supervisor_signed_on, agreement.supervisor_signed_at = (
            timezone.localdate(now),
            now,
        )
    else:
        raise ActionRefused("You have already signed, or this agreement is not yours to sign.")
    if agreement.supervisee_signed_at and agreement.supervisor_signed_at:
        check_transition(
            AGREEMENT_TRANSITIONS, agreement.status, AgreementStatus.SIGNED, "An agreement"
        )
        agreement.status = AgreementStatus.SIGNED
        superseded = Agreement.objects.filter(
            supervisee_id=agreement.supervisee_id, status=AgreementStatus.SIGNED
        ).exclude(pk=agreement.pk)
        for earlier in superseded.select_for_update():
            earlier.status = AgreementStatus.SUPERSEDED
            earlier.save(update_fields=["status"])
            audit_record(
                action="agreement.superseded", actor=actor, obj=earlier, detail={"by": agreement.pk}
            )
    agreement.save()
    audit_record(
        action="agreement.signed",
        actor=actor,
        obj=agreement,
        detail={
            "as": "supervisee" if me.pk == agreement.supervisee_id else "supervisor",
            "in_force": agreement.status == AgreementStatus.SIGNED,
        },
    )
    return agreement


@dataclass(frozen=True, slots=True)
class AgreementDue:
    reason: str  # an Agreement.Reason value
    due_on: date
    why: str


def agreement_due(*, supervisee: StaffMember, on: date) -> AgreementDue | None:
    """Does the pack ask for a new agreement with this supervisee, and by when?

    The engine's agreement (A1) and agreement_review (A2) duties say so; the reason is
    taken from their facts (new relationship, return from absence, grade change, annual review).
    """
    organisation = supervisee.organisation
    dataset = dataset_from_db(organisation, scope_for(organisation, [supervisee.pk], on))
    found: list[AgreementDue] = []
    for duty in duties(dataset, organisation.pack, on):
        if duty.subject_id != supervisee.external_id:
            continue
        if duty.rule == "agreement":
            because = str(duty.facts.get("because", ""))
            reason = {
                "returned from extended absence": Agreement.Reason.RETURN_FROM_ABSENCE,
                "grade change": Agreement.Reason.GRADE_CHANGE,
            }.get(because, Agreement.Reason.NEW_RELATIONSHIP)
            found.append(AgreementDue(reason, duty.due_on, because or "new supervisor"))
        elif duty.rule == "agreement_review":
            found.append(AgreementDue(Agreement.Reason.ANNUAL_REVIEW, duty.due_on, "annual review"))
    return min(found, key=lambda d: d.due_on) if found else None
