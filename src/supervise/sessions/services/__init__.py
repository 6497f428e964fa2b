"""Business actions on supervision sessions: one atomic function per action, each writing its
own audit entry. Views and the API call these; nothing else changes a session."""

from supervise.sessions.services.common import ActionRefused, InputRefused
from supervise.sessions.services.group import group_session_complete, group_session_record
from supervise.sessions.services.recording import (
    action_add,
    action_remove,
    action_set_status,
    addendum_add,
    agenda_item_add,
    discussion_save,
    record_decline,
    record_finalise,
    record_reopen,
    record_save,
    record_send,
    record_sign,
    typist_assign,
)
from supervise.sessions.services.scheduling import (
    replacement_proposal,
    session_cancel,
    session_held_on_change,
    session_hold,
    session_schedule,
)

__all__ = [
    "ActionRefused",
    "InputRefused",
    "action_add",
    "action_remove",
    "action_set_status",
    "addendum_add",
    "agenda_item_add",
    "discussion_save",
    "group_session_complete",
    "group_session_record",
    "record_decline",
    "record_finalise",
    "record_reopen",
    "record_save",
    "record_send",
    "record_sign",
    "replacement_proposal",
    "session_cancel",
    "session_held_on_change",
    "session_hold",
    "session_schedule",
    "typist_assign",
]
