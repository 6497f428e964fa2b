"""The supervisor's pages: My team, a supervisee, scheduling, cancelling, holding, group case supervision."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from supervise.web.permissions import requires


@requires()
def my_team(request: HttpRequest) -> HttpResponse:
    raise NotImplementedError("my_team: to be built")


@requires()
def supervisee(request: HttpRequest, staff_id: int) -> HttpResponse:
    raise NotImplementedError("supervisee: to be built")


@requires()
def schedule(request: HttpRequest, staff_id: int) -> HttpResponse:
    raise NotImplementedError("schedule: to be built")


@requires()
def cancel(request: HttpRequest, pk: int) -> HttpResponse:
    raise NotImplementedError("cancel: to be built")


@requires()
def hold(request: HttpRequest, pk: int) -> HttpResponse:
    raise NotImplementedError("hold: to be built")


@requires()
def group_new(request: HttpRequest) -> HttpResponse:
    raise NotImplementedError("group_new: to be built")


@requires()
def group_detail(request: HttpRequest, pk: int) -> HttpResponse:
    raise NotImplementedError("group_detail: to be built")


@requires()
def group_finalise(request: HttpRequest, pk: int) -> HttpResponse:
    raise NotImplementedError("group_finalise: to be built")
