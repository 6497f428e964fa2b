"""Supervision agreements: draft from the template, e-sign, renew."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from supervise.web.permissions import requires


@requires()
def new(request: HttpRequest, staff_id: int) -> HttpResponse:
    raise NotImplementedError("new: to be built")


@requires()
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    raise NotImplementedError("detail: to be built")


@requires()
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    raise NotImplementedError("edit: to be built")


@requires()
def send(request: HttpRequest, pk: int) -> HttpResponse:
    raise NotImplementedError("send: to be built")


@requires()
def sign(request: HttpRequest, pk: int) -> HttpResponse:
    raise NotImplementedError("sign: to be built")
