"""Importing a folder from the browser: upload a zip, see problems, confirm."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from supervise.web.permissions import requires


@requires()
def import_list(request: HttpRequest) -> HttpResponse:
    raise NotImplementedError("import_list: to be built")


@requires()
def import_new(request: HttpRequest) -> HttpResponse:
    raise NotImplementedError("import_new: to be built")


@requires()
def import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    raise NotImplementedError("import_detail: to be built")


@requires()
def import_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    raise NotImplementedError("import_confirm: to be built")


@requires()
def import_discard(request: HttpRequest, pk: int) -> HttpResponse:
    raise NotImplementedError("import_discard: to be built")
