"""From a written record to a locked one: send (the supervisor signs), sign or decline (the
supervisee), reopen after a decline, finalise after the manager's review (packs that have one),
and addenda afterwards. Each action has a confirmation page showing the whole record."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from supervise.sessions.forms_record import AddendumForm, DeclineForm, SignForm
from supervise.sessions.models import Session
from supervise.sessions.record_selectors import (
    Abilities,
    abilities_of,
    action_refusal,
    needs_manager_review,
    record_of,
)
from supervise.sessions.services import (
    addendum_add,
    record_decline,
    record_finalise,
    record_reopen,
    record_send,
    record_sign,
)
from supervise.sessions.states import RecordStatus
from supervise.sessions.views.record_common import (
    REFUSALS,
    detail_url,
    refusal_words,
    refuse,
    visible_session,
)
from supervise.web.permissions import requires, viewer_of


def _session_and_abilities(request: HttpRequest, pk: int) -> tuple[Session, Abilities]:
    session = visible_session(request, pk, read=request.method != "POST")
    return session, abilities_of(viewer_of(request), session)


def _confirm(request: HttpRequest, session: Session, **page: Any) -> HttpResponse:
    return render(
        request,
        "sessions/record/confirm.html",
        {"session": session, "record": record_of(session, viewer_of(request)), **page},
    )


@requires()
def send(request: HttpRequest, pk: int) -> HttpResponse:
    session, can = _session_and_abilities(request, pk)
    if not can.send:
        return refuse(request, session, action_refusal("send", session, can))
    record = record_of(session, viewer_of(request))
    if request.method == "POST":
        if not record.written:
            return refuse(request, session, "Write the record before you send it.")
        try:
            record_send(actor=request.user, session=session)
        except REFUSALS as error:
            return refuse(request, session, refusal_words(error))
        messages.success(request, f"Record signed by you and sent to {session.supervisee} to sign")
        return redirect(detail_url(session))
    return _confirm(
        request,
        session,
        title="Check the record and send it",
        statement=f"By sending you sign this record. {session.supervisee} will be asked to read "
        "and sign it.",
        button="Sign and send the record",
        action=reverse("sessions:send", kwargs={"pk": session.pk}),
        blocked="Write the record before you send it." if not record.written else "",
    )


# The sign page is one form with two buttons (Sign, and Decline to sign, which posts the same
# boxes to `decline`), so that whichever is pressed, both boxes come back as they were typed.
# Text typed in the other box than the button pressed is never dropped silently: the page asks.
SIGN_WITH_A_REASON = (
    "You wrote why you are not signing. To sign the record, delete that reason first; to "
    "decline, press Decline to sign"
)
DECLINE_WITH_A_COMMENT = (
    "You wrote a comment to sign with. To decline, delete the comment or move it into your "
    "reason for not signing"
)


@requires()
def sign(request: HttpRequest, pk: int) -> HttpResponse:
    session, can = _session_and_abilities(request, pk)
    if not can.sign:
        return refuse(request, session, action_refusal("sign", session, can))
    posted = request.method == "POST"
    sign_form = SignForm(request.POST if posted else None)
    decline_form = DeclineForm(initial={"reason": request.POST.get("reason", "")})
    shown: Any = sign_form
    if posted and sign_form.is_valid():
        if request.POST.get("reason", "").strip():
            decline_form = _asked(DeclineForm(request.POST), "reason", SIGN_WITH_A_REASON)
            shown = decline_form
        else:
            try:
                session = record_sign(
                    actor=request.user, session=session, comment=sign_form.cleaned_data["comment"]
                )
            except REFUSALS as error:
                sign_form.add_error(None, refusal_words(error))
            else:
                if session.record_status == RecordStatus.FINALISED:
                    done = "You signed the record. It is finalised and cannot be changed."
                else:
                    done = (
                        f"You signed the record. {session.supervisor} will review it for "
                        "accuracy and finalise it."
                    )
                messages.success(request, done)
                return redirect(detail_url(session))
    return _sign_page(request, session, sign_form, decline_form, shown=shown)


def _asked(form: Any, field: str, question: str) -> Any:
    """`form` as posted, with `question` beside `field`."""
    form.is_valid()
    form.add_error(field, question)
    return form


def _sign_page(
    request: HttpRequest,
    session: Session,
    sign_form: SignForm,
    decline_form: DeclineForm,
    *,
    shown: Any,
) -> HttpResponse:
    return render(
        request,
        "sessions/record/sign.html",
        {
            "session": session,
            "record": record_of(session, viewer_of(request)),
            "sign_form": sign_form,
            "decline_form": decline_form,
            "form": shown,  # the form whose errors the summary lists
            "review": needs_manager_review(session),
        },
    )


@requires()
def decline(request: HttpRequest, pk: int) -> HttpResponse:
    session, can = _session_and_abilities(request, pk)
    if not can.sign:
        return refuse(request, session, action_refusal("sign", session, can))
    if request.method != "POST":
        return redirect("sessions:sign", pk=session.pk)
    form = DeclineForm(request.POST)
    sign_form = SignForm(initial={"comment": request.POST.get("comment", "")})
    shown: Any = form
    if form.is_valid():
        if request.POST.get("comment", "").strip():
            sign_form = _asked(SignForm(request.POST), "comment", DECLINE_WITH_A_COMMENT)
            shown = sign_form
        else:
            try:
                record_decline(
                    actor=request.user, session=session, reason=form.cleaned_data["reason"]
                )
            except REFUSALS as error:
                form.add_error(None, refusal_words(error))
            else:
                messages.success(
                    request,
                    f"You declined to sign. {session.supervisor} has your reason and can "
                    "reopen the record to put it right.",
                )
                return redirect(detail_url(session))
    return _sign_page(request, session, sign_form, form, shown=shown)


@requires()
def reopen(request: HttpRequest, pk: int) -> HttpResponse:
    session, can = _session_and_abilities(request, pk)
    if not can.reopen:
        return refuse(request, session, action_refusal("reopen", session, can))
    if request.method == "POST":
        try:
            record_reopen(actor=request.user, session=session)
        except REFUSALS as error:
            return refuse(request, session, refusal_words(error))
        messages.success(
            request, "Record reopened. Your signature is withdrawn until you send it again."
        )
        return redirect("sessions:record", pk=session.pk)
    return _confirm(
        request,
        session,
        title="Reopen the record",
        statement="Reopening withdraws your signature. Change the record, then send it again.",
        button="Reopen the record",
        action=reverse("sessions:reopen", kwargs={"pk": session.pk}),
        declined_reason=session.declined_reason,
    )


@requires()
def finalise(request: HttpRequest, pk: int) -> HttpResponse:
    session, can = _session_and_abilities(request, pk)
    if not can.finalise:
        return refuse(request, session, action_refusal("finalise", session, can))
    if request.method == "POST":
        try:
            record_finalise(actor=request.user, session=session)
        except REFUSALS as error:
            return refuse(request, session, refusal_words(error))
        messages.success(request, "Record finalised. It can no longer be changed.")
        return redirect(detail_url(session))
    return _confirm(
        request,
        session,
        title="Review and finalise the record",
        statement="Check the record and the case notes for accuracy. Once finalised the record "
        "cannot be changed: only addenda can be added.",
        button="Finalise the record",
        action=reverse("sessions:finalise", kwargs={"pk": session.pk}),
    )


@requires()
def addendum(request: HttpRequest, pk: int) -> HttpResponse:
    session, can = _session_and_abilities(request, pk)
    if not can.addendum:
        return refuse(request, session, action_refusal("addendum", session, can))
    form = AddendumForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            addendum_add(actor=request.user, session=session, text=form.cleaned_data["text"])
        except REFUSALS as error:
            form.add_error(None, refusal_words(error))
        else:
            messages.success(request, "Addendum added to the record")
            return redirect(detail_url(session) + "#addenda")
    return render(
        request,
        "sessions/record/addendum.html",
        {"session": session, "form": form, "record": record_of(session, viewer_of(request))},
    )
