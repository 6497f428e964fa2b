"""Supervision agreements: draft from the pack's template, e-sign, renew.

The supervisor drafts (terms prefilled from the pack's agreement template and the supervisee's
required frequency), changes the draft, then signs and sends it; the supervisee e-signs (an
authenticated POST, dated and timed). Both parties and the management chain above them can read
it; the read is audited.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from supervise.accounts.models import Role
from supervise.agreements.forms import AgreementNewForm, AgreementTermsForm
from supervise.agreements.frequency import canonical, initial_frequency
from supervise.agreements.models import Agreement, AgreementStatus
from supervise.agreements.selectors import (
    agreements_for_page,
    frequency_terms,
    may_view_agreement,
    renewal_for,
)
from supervise.agreements.services import (
    TERMS,
    agreement_draft,
    agreement_send,
    agreement_sign,
    agreement_update,
    template_terms,
)
from supervise.people.models import StaffMember
from supervise.sessions.services import ActionRefused
from supervise.sessions.states import TransitionError
from supervise.web.permissions import READ, requires, viewer_of
from supervise.web.shortcuts import get_visible

# What the agreement services raise when they will not do what was asked.
REFUSALS = (ActionRefused, TransitionError, PermissionDenied)


def refusal_words(error: Exception) -> str:
    if isinstance(error, TransitionError):
        return "That cannot be done at this stage of the agreement."
    return str(error.args[0]) if error.args else "You cannot do that."


def _visible(request: HttpRequest, pk: int, *, read: bool = False) -> Agreement:
    viewer = viewer_of(request)
    return get_visible(
        request,
        agreements_for_page(),
        pk,
        allowed=lambda a: may_view_agreement(viewer, a),
        audit_as="agreement.viewed" if read else None,
    )


def _parties(request: HttpRequest, agreement: Agreement) -> tuple[bool, bool]:
    me = viewer_of(request).staff
    my_id = me.pk if me else None
    return my_id == agreement.supervisor_id, my_id == agreement.supervisee_id


def _refuse(request: HttpRequest, agreement: Agreement, message: str) -> HttpResponse:
    messages.error(request, message)
    return redirect("agreements:detail", pk=agreement.pk)


@requires(Role.SUPERVISOR)
def new(request: HttpRequest, staff_id: int) -> HttpResponse:
    viewer = viewer_of(request)
    if staff_id not in viewer.supervisees():
        raise Http404("Not found")
    supervisee = StaffMember.objects.select_related("organisation").get(
        pk=staff_id, organisation_id=viewer.organisation_id
    )
    today = timezone.localdate()
    frequency = frequency_terms(supervisee, today)
    assert viewer.staff is not None  # a supervisor has a staff record
    renewal = renewal_for(supervisee, viewer.staff.pk, today)
    pack = supervisee.organisation.pack
    arguments: dict[str, Any] = {
        "frequency": frequency,
        "on": today,
        "template": pack.agreement_template,
    }
    if request.method == "POST":
        form = AgreementNewForm(request.POST, **arguments)
        if form.is_valid():
            try:
                agreement = agreement_draft(
                    actor=request.user,
                    supervisee=supervisee,
                    reason=form.cleaned_data["reason"],
                    terms=form.terms(),
                )
            except REFUSALS as error:
                form.add_error(None, refusal_words(error))
            else:
                messages.success(
                    request, f"Draft saved. Check it, then sign it and send it to {supervisee}."
                )
                return redirect("agreements:detail", pk=agreement.pk)
    else:
        initial = {
            **template_terms(pack),
            "frequency": initial_frequency(frequency.policy, today, frequency.agreed or ""),
        }
        if renewal is not None:
            initial["reason"] = renewal.reason
        form = AgreementNewForm(initial=initial, **arguments)
    return render(
        request,
        "agreements/form.html",
        {"form": form, "supervisee": supervisee, "renewal": renewal, "new": True, "pack": pack},
    )


@requires(methods=READ)
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = _visible(request, pk, read=True)
    is_supervisor, is_supervisee = _parties(request, agreement)
    draft = agreement.status == AgreementStatus.DRAFT
    waiting = agreement.status == AgreementStatus.AWAITING_SIGNATURES
    renewal = None
    if agreement.status == AgreementStatus.SIGNED:
        renewal = renewal_for(agreement.supervisee, agreement.supervisor_id, timezone.localdate())
    return render(
        request,
        "agreements/detail.html",
        {
            "agreement": agreement,
            "is_supervisor": is_supervisor,
            "is_supervisee": is_supervisee,
            "can_edit": is_supervisor and draft,
            "can_sign": is_supervisee and waiting and agreement.supervisee_signed_at is None,
            "renewal": renewal,
            "today": timezone.localdate(),
        },
    )


@requires()
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = _visible(request, pk)
    is_supervisor, _ = _parties(request, agreement)
    if not (is_supervisor and agreement.status == AgreementStatus.DRAFT):
        return _refuse(
            request, agreement, "Only the supervisor can change an agreement, while it is a draft."
        )
    today = timezone.localdate()
    arguments: dict[str, Any] = {
        "frequency": frequency_terms(agreement.supervisee, today),
        "on": today,
        "template": agreement.supervisee.organisation.pack.agreement_template,
    }
    if request.method == "POST":
        form = AgreementTermsForm(request.POST, **arguments)
        if form.is_valid():
            try:
                agreement_update(actor=request.user, agreement=agreement, terms=form.terms())
            except REFUSALS as error:
                form.add_error(None, refusal_words(error))
            else:
                messages.success(request, "Draft agreement saved")
                return redirect("agreements:detail", pk=agreement.pk)
    else:
        initial = {name: getattr(agreement, name) for name in TERMS}
        # A draft saved as P3W is the form's P21D choice (one radio per period).
        initial["frequency"] = canonical(agreement.frequency)
        form = AgreementTermsForm(initial=initial, **arguments)
    return render(
        request,
        "agreements/form.html",
        {"form": form, "supervisee": agreement.supervisee, "agreement": agreement, "new": False},
    )


@requires()
def send(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = _visible(request, pk, read=request.method != "POST")
    is_supervisor, _ = _parties(request, agreement)
    if not (is_supervisor and agreement.status == AgreementStatus.DRAFT):
        return _refuse(
            request, agreement, "Only the supervisor can send a draft agreement for signature."
        )
    if request.method == "POST":
        try:
            agreement_send(actor=request.user, agreement=agreement)
        except REFUSALS as error:
            return _refuse(request, agreement, refusal_words(error))
        messages.success(request, f"You signed the agreement and sent it to {agreement.supervisee}")
        return redirect("agreements:detail", pk=agreement.pk)
    return _confirm(
        request,
        agreement,
        title="Sign and send the agreement",
        statement=f"By sending you sign this agreement as {agreement.supervisee}'s supervisor "
        "and agree to keep to its terms. The date and time are recorded.",
        button="Sign and send",
    )


@requires()
def sign(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = _visible(request, pk, read=request.method != "POST")
    _, is_supervisee = _parties(request, agreement)
    waiting = agreement.status == AgreementStatus.AWAITING_SIGNATURES
    if not (is_supervisee and waiting and agreement.supervisee_signed_at is None):
        return _refuse(
            request,
            agreement,
            "Only the supervisee can sign this agreement, once the supervisor has sent it.",
        )
    if request.method == "POST":
        try:
            agreement_sign(actor=request.user, agreement=agreement)
        except REFUSALS as error:
            return _refuse(request, agreement, refusal_words(error))
        messages.success(request, "You signed the agreement. It is now in force.")
        return redirect("agreements:detail", pk=agreement.pk)
    return _confirm(
        request,
        agreement,
        title="Sign the agreement",
        statement=f"By signing you agree to the terms of this agreement with "
        f"{agreement.supervisor}. Your signature is recorded with the date and time.",
        button="Sign the agreement",
    )


def _confirm(request: HttpRequest, agreement: Agreement, **page: Any) -> HttpResponse:
    return render(
        request,
        "agreements/confirm.html",
        {
            "agreement": agreement,
            **page,
        },
    )
