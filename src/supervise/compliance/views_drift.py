"""Drift: the open actions carried into three sessions or more, for a manager's chain or the
whole organisation, with a team filter; each described only to those who may read it."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from supervise.audit.services import audit_record
from supervise.compliance.drift import CARRIED_TOO_OFTEN, drift_rows, drifting_actions, with_people
from supervise.compliance.forms import TeamFilterForm
from supervise.compliance.scope import teams_in_scope
from supervise.compliance.views import COMPLIANCE_ROLES, _organisation, _scope
from supervise.web.permissions import READ, requires, viewer_of
from supervise.web.shortcuts import client_address, page_prefix

ACTIONS_PER_PAGE = 50


@requires(*COMPLIANCE_ROLES, methods=READ)
def drift(request: HttpRequest) -> HttpResponse:
    scope = _scope(request)
    form = TeamFilterForm(request.GET or None, teams=teams_in_scope(scope))
    rows, page, total = [], None, 0
    if not form.is_bound or form.is_valid():
        team = form.selected_team() if form.is_bound else None
        actions = drifting_actions(scope, team.pk if team else None)
        page = Paginator(with_people(actions), ACTIONS_PER_PAGE).get_page(request.GET.get("page"))
        total = page.paginator.count
        rows = drift_rows(viewer_of(request), list(page.object_list))
        # What supervision records say is read here: audited, with counts only.
        audit_record(
            action="drift.listed",
            actor=request.user,
            organisation=_organisation(request),
            address=client_address(request),
            detail={"shown": len(rows), "described": sum(1 for r in rows if r.description)},
        )
    return render(
        request,
        "compliance/drift.html",
        {
            "scope": scope,
            "form": form,
            "rows": rows,
            "page": page,
            "total": total,
            "carried_too_often": CARRIED_TOO_OFTEN,
            "page_prefix": page_prefix(request),
            "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=2)
            if page
            else [],
        },
    )
