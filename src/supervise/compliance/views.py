"""Senior managers' compliance: by team and supervisor over time, drill-down, exports."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from supervise.accounts.models import Role
from supervise.audit.services import audit_record
from supervise.compliance import exports
from supervise.compliance.current import (
    CurrentFindings,
    Filters,
    current_findings,
    group_by_rule,
)
from supervise.compliance.drift import CARRIED_TOO_OFTEN, drifting_actions
from supervise.compliance.forms import FindingsFilterForm, period_form
from supervise.compliance.presenters import (
    compliance_chart,
    describe_range,
    headlines,
    measures,
    over_time,
)
from supervise.compliance.scope import ComplianceScope, compliance_scope, teams_in_scope
from supervise.compliance.selectors import (
    CASE_RULES,
    SORTS,
    compliance,
    parse_sort,
    period_tables,
    sort_rows,
)
from supervise.organisations.models import Organisation, Team
from supervise.people.models import StaffMember
from supervise.web.permissions import READ, requires, viewer_of
from supervise.web.shortcuts import client_address, get_visible, page_prefix

# Team managers see their own chain; the organisation-wide roles see every team.
COMPLIANCE_ROLES = (
    Role.SENIOR_MANAGER,
    Role.QUALITY_ASSURANCE,
    Role.INSPECTOR,
    Role.HR,
    Role.SUPERVISOR,
)
FINDINGS_PER_PAGE = 50


def _scope(request: HttpRequest) -> ComplianceScope:
    scope = compliance_scope(viewer_of(request))
    if scope is None:
        raise PermissionDenied("Compliance figures are for managers and organisation-wide roles.")
    return scope


def _organisation(request: HttpRequest) -> Organisation:
    organisation = request.user.organisation  # type: ignore[union-attr]
    assert organisation is not None  # `requires` refuses users without one
    return organisation


def _sorting(request: HttpRequest) -> dict[str, Any]:
    column, descending = parse_sort(request.GET.get("sort"))
    links = {}
    for name in SORTS:
        # A second click on the sorted column turns it round.
        links[name] = f"-{name}" if name == column and not descending else name
    return {"column": column, "descending": descending, "links": links}


def _common(request: HttpRequest, scope: ComplianceScope) -> dict[str, Any]:
    form = period_form(request.GET)
    months = form.months_or_default()
    pack_rules = list(_organisation(request).pack.rules)
    return {
        "scope": scope,
        "period_form": form,
        "months": months,
        "pack_rules": pack_rules,
        "several_case_rules": len(set(pack_rules) & set(CASE_RULES)) > 1,
        "sorting": _sorting(request),
    }


def _figures_context(data, pack_rules: list[str]) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    frequency, others = measures(data, pack_rules)
    return {
        "data": data,
        "headlines": headlines(data, set(pack_rules)),
        "frequency_measures": frequency,
        "other_measures": others,
        "over_time": over_time(data),
        "period": describe_range(data.days),
    }


@requires(*COMPLIANCE_ROLES, methods=READ)
def overview(request: HttpRequest) -> HttpResponse:
    scope = _scope(request)
    context = _common(request, scope)
    data = compliance(scope, context["months"], series_by="team")
    sorting = context["sorting"]
    total_label = "Whole organisation" if scope.org_wide else "All your teams"
    context.update(_figures_context(data, context["pack_rules"]))
    context.update(
        chart=compliance_chart(chart_id="chart-teams", data=data, total_label=total_label,
                               what="by team"),
        by_team=sort_rows(data.by_team, sorting["column"], sorting["descending"]),
        by_supervisor=sort_rows(data.by_supervisor, sorting["column"], sorting["descending"]),
        drifting=drifting_actions(scope).count(),
        carried_too_often=CARRIED_TOO_OFTEN,
    )  # fmt: skip
    return render(request, "compliance/overview.html", context)


@requires(*COMPLIANCE_ROLES, methods=READ)
def team(request: HttpRequest, team_id: int) -> HttpResponse:
    scope = _scope(request)
    the_team = get_visible(
        request, Team.objects.all(), team_id, allowed=lambda t: scope.allows_team(t.pk)
    )
    context = _common(request, scope)
    data = compliance(scope, context["months"], team_id=the_team.pk, series_by="supervisor")
    sorting = context["sorting"]
    findings = current_findings(
        organisation=_organisation(request),
        scope=scope,
        viewer=viewer_of(request),
        filters=Filters(team=the_team),
    )
    context.update(_figures_context(data, context["pack_rules"]))
    context.update(
        team=the_team,
        chart=compliance_chart(chart_id="chart-team", data=data, total_label=the_team.name,
                               what=f"in {the_team.name} by supervisor"),
        by_supervisor=sort_rows(data.by_supervisor, sorting["column"], sorting["descending"]),
        findings_by_rule=group_by_rule(findings.rows()),
        findings_count=len(findings),
    )  # fmt: skip
    return render(request, "compliance/team.html", context)


@requires(*COMPLIANCE_ROLES, methods=READ)
def supervisor(request: HttpRequest, staff_id: int) -> HttpResponse:
    scope = _scope(request)
    staff = get_visible(
        request,
        StaffMember.objects.select_related("team"),
        staff_id,
        allowed=lambda s: scope.allows_supervisor(s.pk),
    )
    context = _common(request, scope)
    data = compliance(scope, context["months"], supervisor_id=staff.pk, series_by="supervisor")
    sorting = context["sorting"]
    findings = current_findings(
        organisation=_organisation(request),
        scope=scope,
        viewer=viewer_of(request),
        filters=Filters(supervisor=staff),
    )
    context.update(_figures_context(data, context["pack_rules"]))
    context.update(
        supervisor=staff,
        chart=compliance_chart(chart_id="chart-supervisor", data=data, total_label=staff.name,
                               what=f"of {staff.name}'s supervisees", series=[]),
        by_team=sort_rows(data.by_team, sorting["column"], sorting["descending"]),
        findings_by_rule=group_by_rule(findings.rows()),
        findings_count=len(findings),
    )  # fmt: skip
    return render(request, "compliance/supervisor.html", context)


def _findings_selected(
    request: HttpRequest,
) -> tuple[ComplianceScope, FindingsFilterForm, CurrentFindings | None]:
    """The findings page's filters applied: the page and its CSV download show the same."""
    scope = _scope(request)
    organisation = _organisation(request)
    teams = teams_in_scope(scope)
    form = FindingsFilterForm(request.GET or None, rules=list(organisation.pack.rules), teams=teams)
    found: CurrentFindings | None = None
    if not form.is_bound or form.is_valid():
        data = form.cleaned_data if form.is_bound else {}
        found = current_findings(
            organisation=organisation,
            scope=scope,
            viewer=viewer_of(request),
            filters=Filters(
                team=form.selected_team() if form.is_bound else None,
                rule=data.get("rule") or None,
                status=data.get("status") or None,
            ),
        )
        found.kept.sort(key=lambda item: (item[0].due_on, item[0].rule, item[0].subject_id))
    return scope, form, found


@requires(*COMPLIANCE_ROLES, methods=READ)
def findings(request: HttpRequest) -> HttpResponse:
    scope, form, found = _findings_selected(request)
    kept = found.kept if found else []
    page = Paginator(kept, FINDINGS_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "compliance/findings.html",
        {
            "form": form,
            "scope": scope,
            "page": page,
            "rows": found.rows(list(page.object_list)) if found else [],
            "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=2),
            "total": len(kept),
            "overdue": found.overdue if found else 0,
            "query": query.urlencode(),
            "page_prefix": page_prefix(request),
            "today": timezone.localdate(),
        },
    )


@requires(*COMPLIANCE_ROLES, methods=READ)
def findings_csv(request: HttpRequest) -> HttpResponse:
    """Every finding the page would list with these filters, not just one page of them."""
    _, form, found = _findings_selected(request)
    if found is None:
        return redirect(f"{reverse('compliance:findings')}?{request.GET.urlencode()}")
    rows = found.rows()
    audit_record(
        action="compliance.exported",
        actor=request.user,
        organisation=_organisation(request),
        address=client_address(request),
        detail={"format": "csv", "table": "findings", "rows": len(rows)},
    )
    response = HttpResponse(
        exports.findings_csv(rows, found.as_of), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{_findings_filename(form, found)}"'
    return response


def _findings_filename(form: FindingsFilterForm, found: CurrentFindings) -> str:
    """The organisation, the filters and the day in the name: two downloads never look alike.
    E.g. supervision-findings-demo-record_signoff-overdue-northgate-1-2026-11-23.csv"""
    parts = ["supervision-findings", found.organisation.slug]
    if form.is_bound:
        data = form.cleaned_data
        team = form.selected_team()
        parts += [data.get("rule") or "", data.get("status") or ""]
        parts.append(slugify(team.name)[:40] if team else "")
    parts.append(found.as_of.isoformat())
    return "-".join(part for part in parts if part) + ".csv"


def _export(request: HttpRequest, fmt: str) -> HttpResponse:
    scope = _scope(request)
    months = period_form(request.GET).months_or_default()
    table = "supervisor" if request.GET.get("table") == "supervisor" else "team"
    tables = period_tables(scope, months)
    if fmt == "csv":
        body, count = exports.to_csv(tables, table)
        content_type = "text/csv; charset=utf-8"
        name = f"supervision-compliance-by-{table}"
    else:
        body, count = exports.to_xlsx(tables)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        name = "supervision-compliance"
        table = "team and supervisor"
    audit_record(
        action="compliance.exported",
        actor=request.user,
        organisation=_organisation(request),
        address=client_address(request),
        detail={"format": fmt, "table": table, "rows": count, "months": months},
    )
    response = HttpResponse(body, content_type=content_type)
    day = tables.days[-1].isoformat() if tables.days else timezone.localdate().isoformat()
    # The period is in the name: a 3-month and a 12-month download of one day differ.
    filename = f"{name}-{_organisation(request).slug}-{months}-months-to-{day}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@requires(*COMPLIANCE_ROLES, methods=READ)
def export_csv(request: HttpRequest) -> HttpResponse:
    return _export(request, "csv")


@requires(*COMPLIANCE_ROLES, methods=READ)
def export_xlsx(request: HttpRequest) -> HttpResponse:
    return _export(request, "xlsx")
