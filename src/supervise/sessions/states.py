"""Status fields and their transition tables. A status is one field; it changes only along these
edges, through the services (never in `save()`)."""

from __future__ import annotations

from django.db import models


class TransitionError(ValueError):
    """A change of status the table does not allow."""


class SessionStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    HELD = "held", "Held"
    CANCELLED = "cancelled", "Cancelled"


SESSION_TRANSITIONS: dict[str, frozenset[str]] = {
    SessionStatus.PLANNED: frozenset({SessionStatus.HELD, SessionStatus.CANCELLED}),
    SessionStatus.HELD: frozenset(),
    SessionStatus.CANCELLED: frozenset(),
}


class RecordStatus(models.TextChoices):
    """The written record of a held session, from first draft to locked."""

    NOT_STARTED = "not_started", "Not started"
    DRAFT = "draft", "Draft"
    AWAITING_SUPERVISEE = "awaiting_supervisee", "Waiting for the supervisee to sign"
    DECLINED = "declined", "Declined by the supervisee"
    AWAITING_FINALISATION = "awaiting_finalisation", "Waiting for the manager to finalise"
    FINALISED = "finalised", "Finalised"


RECORD_TRANSITIONS: dict[str, frozenset[str]] = {
    RecordStatus.NOT_STARTED: frozenset({RecordStatus.DRAFT}),
    RecordStatus.DRAFT: frozenset({RecordStatus.AWAITING_SUPERVISEE}),
    RecordStatus.AWAITING_SUPERVISEE: frozenset(
        {RecordStatus.DECLINED, RecordStatus.FINALISED, RecordStatus.AWAITING_FINALISATION}
    ),
    RecordStatus.DECLINED: frozenset({RecordStatus.DRAFT}),
    RecordStatus.AWAITING_FINALISATION: frozenset({RecordStatus.FINALISED}),
    RecordStatus.FINALISED: frozenset(),
}

# A group session's record has no supervisee to sign: the facilitator finalises the draft.
GROUP_RECORD_TRANSITIONS: dict[str, frozenset[str]] = {
    RecordStatus.DRAFT: frozenset({RecordStatus.FINALISED}),
    RecordStatus.FINALISED: frozenset(),
}

# While a record is in one of these states its content can be edited (by the supervisor, or by
# business support typing up notes); afterwards only addenda.
EDITABLE_RECORD = frozenset({RecordStatus.NOT_STARTED, RecordStatus.DRAFT})


def check_transition(table: dict[str, frozenset[str]], current: str, new: str, what: str) -> None:
    if new not in table.get(current, frozenset()):
        raise TransitionError(f"{what} cannot go from {current} to {new}")


class ActionStatus(models.TextChoices):
    OPEN = "open", "Open"
    DONE = "done", "Done"
    DROPPED = "dropped", "No longer needed"


ACTION_TRANSITIONS: dict[str, frozenset[str]] = {
    ActionStatus.OPEN: frozenset({ActionStatus.DONE, ActionStatus.DROPPED}),
    ActionStatus.DONE: frozenset({ActionStatus.OPEN}),
    ActionStatus.DROPPED: frozenset({ActionStatus.OPEN}),
}
