"""The reflective quality of case discussions, by team, over a period (counts only)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from supervise.compliance.forms import period_form
from supervise.compliance.quality import discussion_quality
from supervise.compliance.views import COMPLIANCE_ROLES, _organisation, _scope
from supervise.web.permissions import READ, requires, viewer_of


@requires(*COMPLIANCE_ROLES, methods=READ)
def quality(request: HttpRequest) -> HttpResponse:
    scope = _scope(request)
    organisation = _organisation(request)
    form = period_form(request.GET)
    months = form.months_or_default()
    data = discussion_quality(scope, organisation.pack, viewer_of(request).day, months)
    recording = organisation.pack.recording
    return render(
        request,
        "compliance/quality.html",
        {
            "scope": scope,
            "period_form": form,
            "months": months,
            "data": data,
            "source": recording.case_source if recording else None,
        },
    )
