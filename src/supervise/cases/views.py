"""A child's record: supervision entries, decisions and oversight notes."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from supervise.web.permissions import requires


@requires()
def child_record(request: HttpRequest, pk: int) -> HttpResponse:
    raise NotImplementedError("child_record: to be built")


@requires()
def note_new(request: HttpRequest, pk: int) -> HttpResponse:
    raise NotImplementedError("note_new: to be built")
