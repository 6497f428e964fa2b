"""The supervisee's My supervision, and business support's typing queue."""

from __future__ import annotations

from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from supervise.accounts.models import Role
from supervise.agreements.models import AgreementStatus
from supervise.agreements.selectors import current_agreements, renewal_for
from supervise.people.models import SupervisionLine
from supervise.sessions.forms_record import AgendaForm
from supervise.sessions.record_selectors import my_supervision as my_supervision_data
from supervise.sessions.record_selectors import typing_queue
from supervise.web.permissions import READ, requires, viewer_of


@requires(Role.PRACTITIONER, methods=READ)
def my_supervision(request: HttpRequest) -> HttpResponse:
    viewer = viewer_of(request)
    me = viewer.staff
    if me is None:  # a practitioner is someone with a supervision line, so a staff member
        raise PermissionDenied("This page is for supervisees.")
    today = timezone.localdate()
    data = my_supervision_data(me, today)
    agenda_form = None
    if data.next_session is not None:
        agenda_form = AgendaForm(
            children={child.pk: child for child in data.children},
            initial={"next": reverse("sessions:mine")},
        )
    line = (
        SupervisionLine.objects.filter(supervisee=me, cover=False, starts_on__lte=today)
        .exclude(ends_on__lt=today)
        .select_related("supervisor")
        .order_by("-starts_on")
        .first()
    )
    in_force, pending = current_agreements(me)
    renewal = renewal_for(me, line.supervisor_id if line else None, today) if line else None
    return render(
        request,
        "sessions/record/mine.html",
        {
            "me": me,
            "data": data,
            "agenda_form": agenda_form,
            "supervisor": line.supervisor if line else None,
            "in_force": in_force,
            "pending": pending,
            # Waiting for this supervisee's signature: said in the banner, like a record.
            "agreement_to_sign": pending is not None
            and pending.status == AgreementStatus.AWAITING_SIGNATURES
            and not pending.supervisee_signed_on,
            "renewal": renewal,
            "today": today,
            "soon": today + timedelta(days=7),  # tags for what is overdue or due within a week
        },
    )


@requires(Role.BUSINESS_SUPPORT, methods=READ)
def typing(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "sessions/record/typing.html",
        {"sessions": typing_queue(request.user), "today": timezone.localdate()},
    )
