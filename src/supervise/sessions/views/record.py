"""Writing, sending, signing and finalising a session's record; the supervisee's My supervision; business support's typing queue."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from supervise.web.permissions import requires


@requires()
def my_supervision(request: HttpRequest) -> HttpResponse:
    raise NotImplementedError("my_supervision: to be built")


@requires()
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    raise NotImplementedError("session_detail: to be built")


@requires()
def agenda_add(request: HttpRequest, pk: int) -> HttpResponse:
    raise NotImplementedError("agenda_add: to be built")


@requires()
def record_edit(request: HttpRequest, pk: int) -> HttpResponse:
    raise NotImplementedError("record_edit: to be built")


@requires()
def discussion_edit(request: HttpRequest, pk: int, child_id: int) -> HttpResponse:
    raise NotImplementedError("discussion_edit: to be built")


@requires()
def action_new(request: HttpRequest, pk: int) -> HttpResponse:
    raise NotImplementedError("action_new: to be built")


@requires()
def action_status(request: HttpRequest, pk: int) -> HttpResponse:
    raise NotImplementedError("action_status: to be built")


@requires()
def send(request: HttpRequest, pk: int) -> HttpResponse:
    raise NotImplementedError("send: to be built")


@requires()
def sign(request: HttpRequest, pk: int) -> HttpResponse:
    raise NotImplementedError("sign: to be built")


@requires()
def decline(request: HttpRequest, pk: int) -> HttpResponse:
    raise NotImplementedError("decline: to be built")


@requires()
def reopen(request: HttpRequest, pk: int) -> HttpResponse:
    raise NotImplementedError("reopen: to be built")


@requires()
def finalise(request: HttpRequest, pk: int) -> HttpResponse:
    raise NotImplementedError("finalise: to be built")


@requires()
def addendum(request: HttpRequest, pk: int) -> HttpResponse:
    raise NotImplementedError("addendum: to be built")


@requires()
def typist(request: HttpRequest, pk: int) -> HttpResponse:
    raise NotImplementedError("typist: to be built")


@requires()
def typing(request: HttpRequest) -> HttpResponse:
    raise NotImplementedError("typing: to be built")
