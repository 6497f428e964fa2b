"""Which open actions a session carries forward (issue 3: "Previous actions are carried into the
new session's agenda automatically; an action carried three times is flagged").

One rule, for the agenda shown before the session (so that the supervisee can prepare) and for
the carry made when the session is held (`session_hold`). A session carries the open actions
agreed in the same supervisee's earlier sessions:

- held on an earlier day than this session's (the day it was held, or, while planned, the day
  it is booked for): never a later session's, which this one cannot have discussed;
- whose record has been sent (signed by the supervisor) or finalised: while a record is a draft
  its actions can still be taken back (`action_remove`), so they join the agenda once sent;
- not already carried into this session.

`Action.times_carried` counts the sessions an action was carried into. It goes up once per
session, when that session is held; showing the action on a planned session's agenda does not
count, so it is never counted twice, and a session cancelled never carried anything.
"""

from __future__ import annotations

from django.db.models import QuerySet

from supervise.sessions.models import Action, AgendaItem, Session
from supervise.sessions.states import EDITABLE_RECORD, ActionStatus, SessionStatus


def actions_to_carry(session: Session) -> QuerySet[Action]:
    """The open actions `session` carries (or, while planned, will carry), in due order."""
    day = session.held_on or session.scheduled_on
    if session.supervisee_id is None or day is None:
        return Action.objects.none()
    return (
        Action.objects.filter(
            organisation_id=session.organisation_id,
            session__supervisee_id=session.supervisee_id,
            session__status=SessionStatus.HELD,
            session__held_on__lt=day,
            status=ActionStatus.OPEN,
        )
        .exclude(session__record_status__in=EDITABLE_RECORD)
        .exclude(session_id=session.pk)
        .exclude(agenda_items__session_id=session.pk)
        .order_by("due_on", "id")
    )


def agenda_to_come(session: Session) -> list[AgendaItem]:
    """A planned session's agenda as the supervisee prepares for it: the items already added,
    then the open actions it will carry, as the (unsaved) items holding it will create."""
    items = list(session.agenda.select_related("added_by", "child", "carried_action"))
    if session.status != SessionStatus.PLANNED:
        return items
    return items + carried_items(session)


def carried_items(session: Session) -> list[AgendaItem]:
    """Unsaved agenda items for the actions a planned session will carry (shown, not stored)."""
    return [
        carried_item(session, action)
        for action in actions_to_carry(session).select_related("owner", "child")
    ]


def carried_item(session: Session, action: Action) -> AgendaItem:
    return AgendaItem(
        session=session,
        added_by_id=session.supervisor_id,
        text=f"Carried forward: {action.description[:400]}",
        child=action.child,
        carried_action=action,
    )
