"""Writing up a held session: the personal headings, each child's discussion, actions, carried
actions, and asking business support to type up handwritten notes.

Who may write is decided by `record_selectors.edit_refusal` (the supervisor, or the typist while
the record is a draft); the services check again. Everything typed is kept when a form fails.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from supervise.accounts.models import User
from supervise.policy.pack import CASE_SECTIONS
from supervise.sessions.forms_record import (
    ActionForm,
    ActionStatusForm,
    DiscussionForm,
    RecordForm,
    TypistForm,
)
from supervise.sessions.models import Action, CaseDiscussion, Session
from supervise.sessions.record_selectors import (
    abilities_of,
    action_refusal,
    business_support_users,
    carried_actions,
    discussable_children,
    edit_refusal,
    may_view,
    personal_headings,
    record_of,
)
from supervise.sessions.services import (
    action_add,
    action_remove,
    action_set_status,
    discussion_save,
    record_save,
    typist_assign,
)
from supervise.sessions.views.record_common import (
    REFUSALS,
    detail_url,
    refusal_words,
    refuse,
    safe_next,
    visible_session,
)
from supervise.web.permissions import requires, viewer_of
from supervise.web.shortcuts import get_visible


def _record_url(session: Session, anchor: str = "") -> str:
    return reverse("sessions:record", kwargs={"pk": session.pk}) + (f"#{anchor}" if anchor else "")


CARRIED_WORDS = {"done": "done", "dropped": "no longer needed", "open": "open again"}


def _carried_change(request: HttpRequest, session: Session) -> tuple[Action, str] | None:
    """A carried action's Done / No longer needed / Open again pressed on the record page
    (`carried_status=<action id>:<status>`), if it names an action carried into this session."""
    action_id, _, status = request.POST.get("carried_status", "").partition(":")
    if not action_id.isdigit() or status not in CARRIED_WORDS:
        return None
    carried = {item.carried_action_id: item.carried_action for item in carried_actions(session)}
    action = carried.get(int(action_id))
    return (action, status) if action is not None else None


def _removed_action(request: HttpRequest, session: Session) -> Action | None:
    """An action of this session whose Remove button was pressed (`remove_action=<id>`)."""
    raw = request.POST.get("remove_action", "")
    if not raw.isdigit():
        return None
    return Action.objects.filter(pk=int(raw), session=session).first()


@requires()
def record_edit(request: HttpRequest, pk: int) -> HttpResponse:
    viewer = viewer_of(request)
    session = visible_session(request, pk, read=request.method != "POST")
    refusal = edit_refusal(viewer, session)
    if refusal:
        return refuse(request, session, refusal)
    record = record_of(session, viewer_of(request))
    discussed = {d.discussion.child_id for d in record.discussions}
    children = discussable_children(session, timezone.localdate())
    to_add = {pk: child for pk, child in children.items() if pk not in discussed}
    headings = personal_headings(session.organisation)
    if request.method == "POST":
        form = RecordForm(request.POST, headings=headings, children=to_add)
        if form.is_valid():
            try:
                typing = abilities_of(viewer, session).relation == "typing up"
                record_save(
                    actor=request.user,
                    session=session,
                    entries=form.entries(),
                    # The supervisor decides what is confidential; the typist's page has no
                    # such field, and the marks stay as they are.
                    confidential=None if typing else form.confidential_headings(),
                )
            except REFUSALS as error:
                form.add_error(None, refusal_words(error))
            else:
                removed = _removed_action(request, session)
                if removed is not None:
                    # As with Done: what was typed is saved first.
                    words = removed.description
                    try:
                        action_remove(actor=request.user, action=removed)
                    except REFUSALS as error:
                        messages.error(request, refusal_words(error))
                    else:
                        messages.success(request, f"Record saved. Action removed: {words[:80]}")
                    return redirect(_record_url(session, "actions"))
                change = _carried_change(request, session)
                if change is not None:
                    # The record's text is saved first: pressing Done loses nothing typed.
                    action, status = change
                    try:
                        action_set_status(actor=request.user, action=action, status=status)
                    except REFUSALS as error:
                        messages.error(request, refusal_words(error))
                    else:
                        messages.success(
                            request,
                            f"Record saved. Action marked as {CARRIED_WORDS[status]}",
                        )
                    return redirect(_record_url(session, "carried"))
                step = form.next_step()
                if step == "discuss":
                    child_id = int(form.cleaned_data["discuss"])
                    return redirect("sessions:discussion", pk=session.pk, child_id=child_id)
                if step == "action":
                    return redirect("sessions:action-new", pk=session.pk)
                if step == "send":
                    return redirect("sessions:send", pk=session.pk)
                messages.success(request, "Record saved")
                return redirect(_record_url(session))
    else:
        texts = {key: text for key, _, text in record.headings}
        form = RecordForm(
            headings=headings,
            children=to_add,
            initial={
                **{f"entry_{key}": texts.get(key, "") for key, _, _ in headings},
                "confidential": sorted(record.confidential),
            },
        )
    return render(
        request,
        "sessions/record/edit.html",
        {
            "session": session,
            "form": form,
            "record": record,
            "carried": carried_actions(session),
            "can": abilities_of(viewer, session),
            "detail_url": detail_url(session),
        },
    )


@requires()
def discussion_edit(request: HttpRequest, pk: int, child_id: int) -> HttpResponse:
    viewer = viewer_of(request)
    session = visible_session(request, pk, read=request.method != "POST")
    refusal = edit_refusal(viewer, session)
    if refusal:
        return refuse(request, session, refusal)
    child = discussable_children(session, timezone.localdate()).get(child_id)
    if child is None:
        # Not allocated to the supervisee, not tabled, not discussed here: not this record's.
        raise Http404("Not found")
    template = session.organisation.pack.recording
    sections = template.case_sections if template else CASE_SECTIONS
    existing = CaseDiscussion.objects.filter(session=session, child=child).first()
    if request.method == "POST":
        form = DiscussionForm(request.POST, sections=sections)
        if form.is_valid():
            try:
                discussion_save(
                    actor=request.user, session=session, child=child, fields=form.values()
                )
            except REFUSALS as error:
                form.add_error(None, refusal_words(error))
            else:
                messages.success(
                    request, f"Discussion of {child} saved and written to their record"
                )
                return redirect(_record_url(session, "discussions"))
    else:
        form = DiscussionForm(sections=sections)
        if existing is not None:
            form.initial = {name: getattr(existing, name) for name in form.fields}
    return render(
        request,
        "sessions/record/discussion.html",
        {
            "session": session,
            "child": child,
            "form": form,
            "existing": existing,
            "back_url": _record_url(session, "discussions"),
        },
    )


@requires()
def action_new(request: HttpRequest, pk: int) -> HttpResponse:
    viewer = viewer_of(request)
    session = visible_session(request, pk)
    refusal = edit_refusal(viewer, session)
    if refusal:
        return refuse(request, session, refusal)
    people = {s.pk: s for s in (session.supervisor, session.supervisee) if s is not None}
    owners = [(session.supervisor_id, f"{session.supervisor} (supervisor)")]
    if session.supervisee is not None:
        owners.append((session.supervisee_id, f"{session.supervisee} (supervisee)"))
    children = discussable_children(session, timezone.localdate())
    arguments = {"owners": owners, "children": children, "held_on": session.held_on}
    if request.method == "POST":
        form = ActionForm(request.POST, **arguments)
        if form.is_valid():
            data = form.cleaned_data
            try:
                action_add(
                    actor=request.user,
                    session=session,
                    owner=people[int(data["owner"])],
                    description=data["description"],
                    due_on=data["due_on"],
                    child=children.get(int(data["child"] or 0)),
                )
            except REFUSALS as error:
                form.add_error(None, refusal_words(error))
            else:
                messages.success(request, "Action added")
                return redirect(_record_url(session, "actions"))
    else:
        form = ActionForm(**arguments)
    return render(request, "sessions/record/action.html", {"session": session, "form": form})


@requires()
def action_status(request: HttpRequest, pk: int) -> HttpResponse:
    """Done, no longer needed, or open again: by the action's owner or the supervisor."""
    viewer = viewer_of(request)
    action = get_visible(
        request,
        Action.objects.select_related("session", "session__organisation"),
        pk,
        allowed=lambda a: may_view(viewer, a.session),
    )
    back = detail_url(action.session)
    if request.method != "POST":
        return redirect(back)
    form = ActionStatusForm(request.POST)
    back = safe_next(request, request.POST.get("next"), back)
    if not form.is_valid():
        messages.error(request, "Select done, no longer needed or open")
        return redirect(back)
    try:
        action_set_status(actor=request.user, action=action, status=form.cleaned_data["status"])
    except REFUSALS as error:
        messages.error(request, refusal_words(error))
    else:
        words = {"done": "done", "dropped": "no longer needed", "open": "open again"}
        messages.success(request, f"Action marked as {words[form.cleaned_data['status']]}")
    return redirect(back)


@requires()
def typist(request: HttpRequest, pk: int) -> HttpResponse:
    viewer = viewer_of(request)
    session = visible_session(request, pk)
    abilities = abilities_of(viewer, session)
    if not abilities.assign_typist:
        return refuse(request, session, action_refusal("typist", session, abilities))
    users = business_support_users(session.organisation_id)
    if request.method == "POST":
        form = TypistForm(request.POST, users=users)
        if form.is_valid():
            chosen = form.cleaned_data["typist"]
            person = None if chosen == TypistForm.NOBODY else User.objects.get(pk=int(chosen))
            try:
                typist_assign(actor=request.user, session=session, typist=person)
            except REFUSALS as error:
                form.add_error(None, refusal_words(error))
            else:
                messages.success(
                    request,
                    f"{person.get_full_name() or person.username} can now type up this record"
                    if person
                    else "Nobody else is typing up this record",
                )
                return redirect(detail_url(session))
    else:
        current = str(session.typist_id) if session.typist_id else None
        form = TypistForm(users=users, initial={"typist": current})
    return render(
        request,
        "sessions/record/typist.html",
        {"session": session, "form": form, "users": users},
    )
