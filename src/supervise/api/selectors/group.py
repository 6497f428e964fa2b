"""One group case supervision session, as its page shows it."""

from __future__ import annotations

from typing import Any

from supervise.accounts.access import Viewer
from supervise.sessions.models import Session
from supervise.sessions.selectors_group import group_page


def group_record(session: Session, viewer: Viewer) -> dict[str, Any]:
    """The session, who took part and each child's entry the viewer may read (the web page's
    `group_page`: an entry follows its child's record)."""
    page = group_page(viewer, session, viewer.day)
    return {
        "id": session.pk,
        "external_id": session.external_id,
        "kind": session.kind,
        "status": session.status,
        "record_status": session.record_status,
        "facilitator": session.supervisor,
        "held_on": session.held_on,
        "duration_minutes": session.duration_minutes,
        "finalised_on": session.finalised_on,
        "participants": page.participants,
        "entries_withheld": page.withheld,
        "entries": [
            {
                **{name: getattr(row.discussion, name) for name in ENTRY_FIELDS},
                "text": row.text,
                "child_visible": row.child_visible,
            }
            for row in page.entries
        ],
    }


ENTRY_FIELDS = (
    "id", "child", "worker", "recorded_on", "experience", "reflection", "analysis",
    "action_planning", "previous_actions_reviewed", "childs_voice", "progress_against_plan",
    "direction_of_risk", "worried_about", "working_well", "needs_to_happen",
    "equality_and_diversity", "decisions",
)  # fmt: skip
