"""Status fields and their transition tables. A status is one field; it changes only along these
edges, through the services (never in `save()`)."""

from __future__ import annotations

from typing import Any

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

# The signatures a record must carry to be in a state (checked with `check_record_transition`,
# after the service has written the signature it is adding): the supervisor signs by sending
# it, and it is finalised only "when both have signed" (issue 3), whatever the pack's steps.
# Without this, the supervisee's signature could finalise a record the supervisor never signed
# (an imported one, say), and P8 would then stay overdue on a record nobody can change.
RECORD_SIGNATURES: dict[str, tuple[str, ...]] = {
    RecordStatus.AWAITING_SUPERVISEE: ("supervisor_signed_on",),
    RecordStatus.AWAITING_FINALISATION: ("supervisor_signed_on", "supervisee_signed_on"),
    RecordStatus.FINALISED: ("supervisor_signed_on", "supervisee_signed_on"),
}
SIGNED_BY = {"supervisor_signed_on": "the supervisor", "supervisee_signed_on": "the supervisee"}

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


def check_record_transition(session: Any, new: str) -> None:
    """A one-to-one record's move to `new`: an edge of `RECORD_TRANSITIONS`, with the signatures
    `RECORD_SIGNATURES` asks of that state."""
    check_transition(RECORD_TRANSITIONS, session.record_status, new, "A record")
    missing = [
        SIGNED_BY[name] for name in RECORD_SIGNATURES.get(new, ()) if not getattr(session, name)
    ]
    if missing:
        raise TransitionError(
            f"A record cannot go from {session.record_status} to {new}: "
            f"{' and '.join(missing)} {'has' if len(missing) == 1 else 'have'} not signed it"
        )


class ActionStatus(models.TextChoices):
    OPEN = "open", "Open"
    DONE = "done", "Done"
    DROPPED = "dropped", "No longer needed"


ACTION_TRANSITIONS: dict[str, frozenset[str]] = {
    ActionStatus.OPEN: frozenset({ActionStatus.DONE, ActionStatus.DROPPED}),
    ActionStatus.DONE: frozenset({ActionStatus.OPEN}),
    ActionStatus.DROPPED: frozenset({ActionStatus.OPEN}),
}
