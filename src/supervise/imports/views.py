"""Importing a folder from the browser: upload a zip, see problems, confirm."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from supervise.accounts.models import Role
from supervise.audit.services import audit_record
from supervise.compliance.services import snapshot_take
from supervise.imports.exports import problems_csv
from supervise.imports.forms import UploadForm
from supervise.imports.models import ImportRun, ImportStatus
from supervise.imports.selectors import (
    change_rows,
    change_totals,
    import_runs,
    problem_page,
    problem_rows,
    problem_summary,
)
from supervise.imports.services import import_confirm as confirm_run
from supervise.imports.services import import_discard as discard_run
from supervise.imports.services import import_upload
from supervise.sessions.states import TransitionError
from supervise.web.permissions import READ, requires, viewer_of
from supervise.web.shortcuts import client_address, get_visible

RUNS_PER_PAGE = 25
# A generated folder can have thousands of problems: a page of them, with a summary and the CSV.
PROBLEMS_PER_PAGE = 100


def _run(request: HttpRequest, pk: int, *, with_archive: bool = False) -> ImportRun:
    """The run, if it is this organisation's (404 otherwise, audited)."""
    runs = ImportRun.objects.select_related("started_by")
    if not with_archive:
        runs = runs.defer("archive")
    return get_visible(request, runs, pk, allowed=lambda run: True)


def _summary(changes: dict[str, dict[str, int]]) -> str:
    total = change_totals(change_rows(changes))
    return f"{total.created:,} new, {total.updated:,} updated, {total.deleted:,} removed"


@requires(Role.ADMINISTRATOR, methods=READ)
def import_list(request: HttpRequest) -> HttpResponse:
    viewer = viewer_of(request)
    page = Paginator(import_runs(viewer.organisation_id or 0), RUNS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    rows = [
        {
            "run": run,
            "summary": _summary(run.changes) if run.changes else "",
            "problems": len(run.problems or []),
        }
        for run in page.object_list
    ]
    return render(request, "imports/list.html", {"page": page, "rows": rows})


@requires(Role.ADMINISTRATOR)
def import_new(request: HttpRequest) -> HttpResponse:
    form = UploadForm(request.POST, request.FILES) if request.method == "POST" else UploadForm()
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["archive"]
        outcome = import_upload(
            organisation=request.user.organisation,  # type: ignore[union-attr]
            actor=request.user,
            archive=upload.read(),
            name=upload.name,
        )
        if outcome.ok:
            messages.success(request, "The folder has been checked. Nothing is imported yet.")
            return redirect("imports:detail", pk=outcome.run.pk)
        # The problems' summary and first page (the others are on the run's page), and the
        # form to upload a corrected folder.
        return render(
            request,
            "imports/new.html",
            {"form": UploadForm(), "run": outcome.run, **_problems(outcome.run)},
        )
    return render(request, "imports/new.html", {"form": form})


def _problems(run: ImportRun, page_number: object = None) -> dict[str, Any]:
    rows = problem_rows(list(run.problems or []))
    summary = problem_summary(rows, PROBLEMS_PER_PAGE)
    page, page_rows = problem_page(rows, summary, page_number, PROBLEMS_PER_PAGE)
    return {
        "problem_summary": summary,
        "problem_page": page,
        "problem_rows": page_rows,
        "problem_page_range": list(
            page.paginator.get_elided_page_range(page.number, on_each_side=2)
        ),
    }


def _detail_context(run: ImportRun, page_number: object = None) -> dict[str, Any]:
    changes = change_rows(run.changes)
    return {
        "run": run,
        "changes": changes,
        "totals": change_totals(changes),
        "kept": sum(int(counts.get("kept", 0)) for counts in (run.changes or {}).values()),
        "can_confirm": run.status == ImportStatus.VALIDATED,
        **_problems(run, page_number),
    }


@requires(Role.ADMINISTRATOR, methods=READ)
def import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    run = _run(request, pk)
    return render(request, "imports/detail.html", _detail_context(run, request.GET.get("page")))


@requires(Role.ADMINISTRATOR, methods=READ)
def import_problems_csv(request: HttpRequest, pk: int) -> HttpResponse:
    """Every problem of the run, for a spreadsheet: audited as an export."""
    run = _run(request, pk)
    rows = problem_rows(list(run.problems or []))
    audit_record(
        action="import.problems_exported",
        actor=request.user,
        organisation=run.organisation,
        obj=run,
        address=client_address(request),
        detail={"format": "csv", "rows": len(rows)},
    )
    response = HttpResponse(problems_csv(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="import-{run.pk}-problems.csv"'
    return response


@requires(Role.ADMINISTRATOR)
@require_POST
def import_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    run = _run(request, pk, with_archive=True)
    try:
        outcome = confirm_run(run=run, actor=request.user)
    except TransitionError:
        context = _detail_context(run)
        context["refusal"] = "This import has already been confirmed or discarded."
        return render(request, "imports/detail.html", context, status=409)
    if not outcome.applied:
        # The database changed since the check (e.g. a record was finalised): nothing written.
        messages.error(
            request,
            "The folder was not imported: checked again, it has problems. Nothing was changed.",
        )
        return redirect("imports:detail", pk=outcome.run.pk)
    snapshot_take(organisation=run.organisation, actor=request.user)
    messages.success(request, f"The folder has been imported: {_summary(outcome.run.changes)}.")
    return redirect("imports:detail", pk=run.pk)


@requires(Role.ADMINISTRATOR)
@require_POST
def import_discard(request: HttpRequest, pk: int) -> HttpResponse:
    run = _run(request, pk)
    try:
        discard_run(run=run, actor=request.user)
    except TransitionError:
        context = _detail_context(run)
        context["refusal"] = "This import has already been confirmed or discarded."
        return render(request, "imports/detail.html", context, status=409)
    messages.success(request, "The upload has been discarded. Nothing was imported.")
    return redirect("imports:list")
