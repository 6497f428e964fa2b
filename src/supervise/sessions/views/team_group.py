"""Group case supervision: record one held group session in two steps (what, who and which
children; then one entry per child, written to each child's record), see it, and finalise it.
Works without JavaScript: step 1's answers travel with step 2 as hidden fields."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from supervise.accounts.models import Role
from supervise.cases.models import Child
from supervise.sessions.forms_record import DiscussionForm
from supervise.sessions.forms_team import GroupChooseForm
from supervise.sessions.models import Session
from supervise.sessions.selectors_group import GroupChoices, group_choices, group_page
from supervise.sessions.services import (
    ActionRefused,
    discussion_save,
    group_session_complete,
    group_session_record,
)
from supervise.sessions.services.group import GroupEntry
from supervise.sessions.states import RecordStatus, TransitionError
from supervise.web.permissions import READ, requires, viewer_of
from supervise.web.shortcuts import get_visible

REFUSALS = (ActionRefused, TransitionError, PermissionDenied)
STEP_1_FIELDS = ("held_on_0", "held_on_1", "held_on_2", "duration_minutes")


ENTRY_PREFIX = "child-"


def _entry_forms(
    request: HttpRequest, children: list[Child], sections: tuple[str, ...], bound: bool
) -> list[tuple[Child, DiscussionForm]]:
    """Step 2's forms: bound when saving; otherwise filled with anything written before the
    supervisor went back to step 1 (carried there as hidden fields), so nothing typed is lost."""
    data = request.POST if bound else None
    forms_ = []
    for child in children:
        prefix = f"{ENTRY_PREFIX}{child.pk}"
        initial = {
            name.removeprefix(f"{prefix}-"): request.POST.get(name)
            for name in request.POST
            if name.startswith(f"{prefix}-")
        }
        forms_.append(
            (child, DiscussionForm(data, sections=sections, prefix=prefix, initial=initial))
        )
    return forms_


def _written(request: HttpRequest) -> list[tuple[str, str]]:
    """Step 2's entries, carried through step 1 (hidden fields) when the supervisor goes back."""
    return [
        (name, value)
        for name in request.POST
        if name.startswith(ENTRY_PREFIX)
        for value in request.POST.getlist(name)
    ]


def _carried(request: HttpRequest) -> list[tuple[str, str]]:
    """Step 1's answers, to send again with step 2 (hidden fields)."""
    pairs = [(name, request.POST.get(name, "")) for name in STEP_1_FIELDS]
    for name in ("participants", "children"):
        pairs += [(name, value) for value in request.POST.getlist(name)]
    return pairs


def _entry_errors(entries: list[tuple[Child, DiscussionForm]]) -> list[tuple[str, str]]:
    """(anchor, message) for the error summary, each naming the child it is about."""
    found = []
    for child, form in entries:
        for name, errors in form.errors.items():
            bound = form[name]
            anchor = bound.auto_id + ("_0" if bound.widget_type == "radioselect" else "")
            found += [(anchor, f"{child}: {error}") for error in errors]
    return found


def _message_form() -> forms.Form:
    """An empty, valid form to carry a service's refusal to the error summary."""
    form = forms.Form(data={})
    form.is_valid()
    return form


def _step_1(request: HttpRequest, form: GroupChooseForm, choices: GroupChoices) -> HttpResponse:
    pack = request.user.organisation.pack  # type: ignore[union-attr]
    return render(
        request,
        "sessions/team/group_choose.html",
        {
            "form": form,
            "choices": choices,
            "written": _written(request),
            # Said before the work, not found out from the findings afterwards.
            "group_counts": "group" in pack.qualifying_kinds,
            "qualifying_source": pack.qualifying_source,
        },
    )


@requires(Role.SUPERVISOR)
def group_new(request: HttpRequest) -> HttpResponse:
    viewer = viewer_of(request)
    today = viewer.day
    choices = group_choices(viewer, today)
    options: dict[str, Any] = {
        "today": today,
        "supervisees": choices.names,
        "caseloads": choices.caseloads,
    }
    if request.method != "POST":
        return _step_1(request, GroupChooseForm(initial={"held_on": today}, **options), choices)

    form = GroupChooseForm(request.POST, **options)
    if not form.is_valid() or "back" in request.POST:
        return _step_1(request, form, choices)
    assert viewer.staff is not None
    recording = viewer.staff.organisation.pack.recording
    sections = recording.case_sections if recording else ()
    chosen = form.chosen_children()
    children = sorted(
        Child.objects.filter(pk__in=chosen, organisation_id=viewer.organisation_id),
        key=lambda c: (c.name, c.external_id),
    )
    writing = request.POST.get("step") == "record"
    entries = _entry_forms(request, children, sections, bound=writing)
    refusal = _message_form()
    if writing and all(entry.is_valid() for _, entry in entries):
        staff = choices.staff
        try:
            session = group_session_record(
                actor=request.user,
                held_on=form.cleaned_data["held_on"],
                duration_minutes=form.cleaned_data["duration_minutes"],
                participants=[staff[pk] for pk in form.chosen_participants()],
                entries=[
                    GroupEntry(
                        child=child,
                        worker=staff[form.worker_of[child.pk]],
                        fields={k: v for k, v in entry.values().items() if v},
                    )
                    for child, entry in entries
                ],
            )
        except REFUSALS as error:
            refusal.add_error(None, str(error.args[0]) if error.args else "You cannot do that.")
        else:
            count = len(entries)
            messages.success(
                request,
                f"Group case supervision recorded: {count} "
                f"{'entry' if count == 1 else 'entries'} written to the children's records",
            )
            return redirect("sessions:group-detail", pk=session.pk)
    return render(
        request,
        "sessions/team/group_record.html",
        {
            "form": refusal,
            "choose": form,
            "carried": _carried(request),
            "took_part": [choices.staff[pk].name for pk in form.chosen_participants()],
            "entries": [
                (child, choices.staff[form.worker_of[child.pk]], entry) for child, entry in entries
            ],
            "entry_errors": _entry_errors(entries) if writing else [],
        },
    )


def group_session_visible(request: HttpRequest, pk: int, *, audit: bool) -> Session:
    """A group session the viewer may read (facilitator, participants, the facilitator's line
    manager), else 404 (audited); the web pages and the API both fetch it here."""
    viewer = viewer_of(request)
    return get_visible(
        request,
        Session.objects.filter(kind=Session.Kind.GROUP).select_related("supervisor"),
        pk,
        allowed=viewer.can_view_group_session,
        audit_as="record.viewed" if audit else None,
    )


def _detail(request: HttpRequest, session: Session, form: forms.Form | None) -> HttpResponse:
    viewer = viewer_of(request)
    page = group_page(viewer, session, viewer.day)
    return render(request, "sessions/team/group_detail.html", {"page": page, "form": form})


@requires(methods=READ)
def group_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, group_session_visible(request, pk, audit=True), None)


@requires()
@require_POST
def group_finalise(request: HttpRequest, pk: int) -> HttpResponse:
    session = group_session_visible(request, pk, audit=False)
    try:
        group_session_complete(actor=request.user, session=session)
    except REFUSALS as error:
        form = _message_form()
        if isinstance(error, TransitionError):
            form.add_error(None, "This record is already finalised and cannot be changed.")
        else:
            form.add_error(None, str(error.args[0]) if error.args else "You cannot do that.")
        session.refresh_from_db()
        return _detail(request, session, form)
    messages.success(request, "Group case supervision record finalised")
    return redirect("sessions:group-detail", pk=session.pk)


@requires()
def group_entry(request: HttpRequest, pk: int, child_id: int) -> HttpResponse:
    """Change one child's entry while the group record is a draft (the facilitator only); the
    child's record changes with it, and says so."""
    session = group_session_visible(request, pk, audit=request.method != "POST")
    page = group_page(viewer_of(request), session, viewer_of(request).day)
    if not page.can_finalise:  # the facilitator, while it is a draft
        form = _message_form()
        form.add_error(
            None,
            "This record is finalised and cannot be changed."
            if session.record_status == RecordStatus.FINALISED
            else "Only the person who led the session can change its entries.",
        )
        return _detail(request, session, form)
    entries = {entry.discussion.child_id: entry.discussion for entry in page.entries}
    discussion = entries.get(child_id)
    if discussion is None:
        raise Http404("Not found")
    recording = session.organisation.pack.recording
    sections = recording.case_sections if recording else ()
    if request.method == "POST":
        form = DiscussionForm(request.POST, sections=sections)
        if form.is_valid():
            try:
                discussion_save(
                    actor=request.user, session=session, child=discussion.child,
                    fields=form.values(),
                )  # fmt: skip
            except REFUSALS as error:
                form.add_error(None, str(error.args[0]) if error.args else "You cannot do that.")
            else:
                messages.success(request, f"Entry for {discussion.child} saved on their record")
                return redirect("sessions:group-detail", pk=session.pk)
    else:
        form = DiscussionForm(sections=sections)
        form.initial = {name: getattr(discussion, name) for name in form.fields}
    return render(
        request,
        "sessions/record/discussion.html",
        {
            "session": session,
            "child": discussion.child,
            "form": form,
            "existing": discussion,
            "back_url": reverse("sessions:group-detail", args=[session.pk]),
        },
    )
