"""Senior managers' compliance: by team and supervisor over time, drill-down, exports."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from supervise.web.permissions import requires


@requires()
def overview(request: HttpRequest) -> HttpResponse:
    raise NotImplementedError("overview: to be built")


@requires()
def team(request: HttpRequest, team_id: int) -> HttpResponse:
    raise NotImplementedError("team: to be built")


@requires()
def supervisor(request: HttpRequest, staff_id: int) -> HttpResponse:
    raise NotImplementedError("supervisor: to be built")


@requires()
def findings(request: HttpRequest) -> HttpResponse:
    raise NotImplementedError("findings: to be built")


@requires()
def export_csv(request: HttpRequest) -> HttpResponse:
    raise NotImplementedError("export_csv: to be built")


@requires()
def export_xlsx(request: HttpRequest) -> HttpResponse:
    raise NotImplementedError("export_xlsx: to be built")
