"""Who may see and do what: the one place object-level rights are decided.

Views, the API and the admin all ask here; services ask again before they write.

- A personal supervision record: the supervisee, the session's supervisor, that supervisor's
  line manager, and nobody else by default (York standard 7; Hull "Storage and Retention";
  Bath & NE Somerset section 15). Business support only for the records they were asked to
  type up, and only while the record is a draft.
- A child's record (case supervision entries): the allocated worker, their supervisor and line
  management chain, and the roles the organisation grants for case records.
- Compliance figures (dates and counts, no content): the person themselves, their management
  chain, and organisation-wide roles (senior managers, quality assurance, inspectors).
- A supervision file (the supervisee's whole history): the supervisee (a subject access
  request), their current supervisor and that supervisor's line manager; HR for leavers' archived
  files; a third party only under an approved, unexpired access request for a stated purpose
  (York standard 7; Hull "Confidentiality"), within its date range, every read audited with the
  purpose. Entries kept confidential between supervisor and supervisee (Bath & NE Somerset
  section 12) are hidden from everyone else unless a formal concern's approver allows them;
  sections the Assistant Director agreed to remove are hidden from third parties (York).
- Nothing of another organisation, ever.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db.models import Q
from django.utils import timezone

from supervise.accounts.models import Role, RoleGrant
from supervise.cases.models import Allocation, Child
from supervise.people.models import StaffMember, SupervisionLine
from supervise.sessions.states import EDITABLE_RECORD

SENIOR_STAFF_ROLES = {"service_manager", "group_manager", "head_of_service"}
ORG_WIDE_COMPLIANCE = {Role.SENIOR_MANAGER, Role.QUALITY_ASSURANCE, Role.INSPECTOR, Role.HR}


def _today() -> date:
    return timezone.localdate()


def _in_force(day: date) -> Q:
    return Q(starts_on__lte=day) & (Q(ends_on__isnull=True) | Q(ends_on__gte=day))


def session_day(session: Any) -> date:
    """The day a third party's date range judges a session by: held, else planned (a planned
    or cancelled session's agenda is part of the file too); an undated one is outside any
    range."""
    return session.held_on or session.scheduled_on or date.min


class Viewer:
    """The signed-in user as the access rules see them, computed once per request."""

    def __init__(self, user: Any, day: date | None = None) -> None:
        self.user = user
        self.day = day or _today()
        self.organisation_id: int | None = getattr(user, "organisation_id", None)
        self.staff: StaffMember | None = (
            StaffMember.objects.filter(user=user, organisation_id=self.organisation_id).first()
            if getattr(user, "is_authenticated", False) and self.organisation_id
            else None
        )
        self._below: set[int] | None = None
        self._grants: list[Any] | None = None
        self._managers: dict[int, set[int]] = {}  # staff id -> their supervisors today
        self._removed: dict[int, set[int]] = {}  # supervisee -> entries removed for third parties
        self.roles = self._roles()

    # --- roles -----------------------------------------------------------------------------

    def _roles(self) -> set[str]:
        if not getattr(self.user, "is_authenticated", False) or self.organisation_id is None:
            return set()
        roles = set(RoleGrant.objects.filter(user=self.user).values_list("role", flat=True))
        if self.staff is not None:
            lines = SupervisionLine.objects.filter(_in_force(self.day))
            if lines.filter(supervisee=self.staff).exists():
                roles.add(Role.PRACTITIONER)
            if lines.filter(supervisor=self.staff).exists():
                roles.add(Role.SUPERVISOR)
            if self.staff.role in SENIOR_STAFF_ROLES:
                roles.add(Role.SENIOR_MANAGER)
        return roles

    def has(self, *roles: str) -> bool:
        return bool(self.roles & set(roles))

    # --- the management chain ----------------------------------------------------------------

    def supervisees(self) -> set[int]:
        """Staff this person supervises today (usual or cover lines)."""
        if self.staff is None:
            return set()
        return set(
            SupervisionLine.objects.filter(_in_force(self.day), supervisor=self.staff).values_list(
                "supervisee_id", flat=True
            )
        )

    def below(self) -> set[int]:
        """Everyone in this person's line-management chain below them, today."""
        if self._below is None:
            self._below = staff_below(self.staff, self.day) if self.staff else set()
        return self._below

    def line_manager_of(self, staff_id: int) -> bool:
        return staff_id in self.below()

    def managers_of(self, staff_id: int) -> set[int]:
        """The supervisors of `staff_id` today (cached for this request)."""
        if staff_id not in self._managers:
            self._managers[staff_id] = line_managers_of(staff_id, self.day)
        return self._managers[staff_id]

    # --- staff and compliance --------------------------------------------------------------

    def same_org(self, obj: Any) -> bool:
        return self.organisation_id is not None and obj.organisation_id == self.organisation_id

    def can_view_staff(self, staff: StaffMember) -> bool:
        """Dates, due dates and findings about a member of staff (not record content)."""
        if not self.same_org(staff):
            return False
        if self.staff is not None and staff.pk == self.staff.pk:
            return True
        return staff.pk in self.below() or self.has(*ORG_WIDE_COMPLIANCE)

    def can_view_org_compliance(self) -> bool:
        return self.has(*ORG_WIDE_COMPLIANCE) or bool(self.below())

    # --- personal supervision records ----------------------------------------------------------

    def record_relationship(self, session: Any) -> str | None:
        """Why this viewer may read this personal record, or None."""
        if not self.same_org(session):
            return None
        if self.staff is None and not self.has(Role.BUSINESS_SUPPORT):
            return None
        me = self.staff.pk if self.staff else None
        if me is not None and session.supervisee_id == me:
            return "supervisee"
        if me is not None and session.supervisor_id == me:
            return "supervisor"
        if me is not None and me in self.managers_of(session.supervisor_id):
            return "supervisor's line manager"
        if me is not None and session.supervisee_id:
            # The file moved with the supervisee: whoever supervises them now, and that
            # supervisor's line manager, read the earlier records too (Hull).
            current = self.managers_of(session.supervisee_id)
            if me in current:
                return "supervisor (file transferred)"
            if any(me in self.managers_of(supervisor) for supervisor in current):
                return "supervisor's line manager"
        if (
            session.typist_id == self.user.pk
            and self.has(Role.BUSINESS_SUPPORT)
            and session.record_status in EDITABLE_RECORD
        ):
            return "typing up"  # only while it is a draft: typing done, their access ends
        return None

    def can_view_record(self, session: Any) -> bool:
        if session.kind == "group":
            return self.can_view_group_session(session)
        if self.record_relationship(session) is not None:
            return True
        # A third party under an approved request, for records inside its date range, once
        # the supervisor has sent them: an unsent draft (perhaps typed up by business support
        # and not yet checked) is not yet the record of the session.
        if session.status == "held" and session.record_status in EDITABLE_RECORD:
            return False
        return self.grant_for(session.supervisee_id or 0, session_day(session)) is not None

    def can_edit_record(self, session: Any) -> bool:
        if session.record_status not in EDITABLE_RECORD or session.status == "cancelled":
            return False
        relation = self.record_relationship(session)
        if session.kind == "group":
            return self.staff is not None and session.supervisor_id == self.staff.pk
        return relation in ("supervisor", "typing up")

    def can_view_group_session(self, session: Any) -> bool:
        if not self.same_org(session) or self.staff is None:
            return False
        me = self.staff.pk
        if session.supervisor_id == me or session.participants.filter(pk=me).exists():
            return True
        return self.staff.pk in self.managers_of(session.supervisor_id)

    # --- children's records --------------------------------------------------------------------

    def can_view_child(self, child: Child) -> bool:
        if not self.same_org(child):
            return False
        granted = set(child.organisation.case_record_roles or [])
        if self.has(*granted):
            return True
        if self.staff is None:
            return False
        workers = set(
            Allocation.objects.filter(_in_force(self.day), child=child).values_list(
                "staff_id", flat=True
            )
        )
        me = self.staff.pk
        return me in workers or bool(workers & self.below())

    def visible_children(self, children: Iterable[Child]) -> list[Child]:
        return [c for c in children if self.can_view_child(c)]

    # --- supervision files, third parties, confidential entries ------------------------------

    def grants(self) -> list[Any]:
        """Approved, unexpired third-party access requests of this user."""
        from supervise.files.models import AccessRequest, AccessStatus

        if self._grants is None:
            self._grants = list(
                AccessRequest.objects.filter(
                    requested_by=self.user,
                    organisation_id=self.organisation_id,
                    status=AccessStatus.APPROVED,
                    expires_on__gte=self.day,
                )
            )
        return self._grants

    def grant_for(self, staff_id: int, day: date | None = None) -> Any | None:
        """The grant under which this user may read `staff_id`'s file (for `day`'s records)."""
        for grant in self.grants():
            if grant.subject_id != staff_id:
                continue
            if day is not None and (
                (grant.scope_from and day < grant.scope_from)
                or (grant.scope_to and day > grant.scope_to)
            ):
                continue
            return grant
        return None

    def file_relationship(self, staff: StaffMember) -> str | None:
        """Why this viewer may read `staff`'s supervision file, or None."""
        if not self.same_org(staff):
            return None
        if self.staff is not None:
            if staff.pk == self.staff.pk:
                return "own file"
            current = self.managers_of(staff.pk)
            if self.staff.pk in current:
                return "supervisor"
            if any(self.staff.pk in self.managers_of(s) for s in current):
                return "supervisor's line manager"
        if self.has(Role.HR) and staff.file_archived_on is not None:
            return "HR (leaver's archived file)"
        if self.grant_for(staff.pk) is not None:
            return "third party"
        return None

    def can_see_confidential(self, session: Any) -> bool:
        """Confidential entries: only the two people in the room, the typist of the draft, and
        a formal concern whose approver allowed them."""
        me = self.staff.pk if self.staff else None
        if me is not None and me in (session.supervisee_id, session.supervisor_id):
            return True
        if session.typist_id == self.user.pk and session.record_status in EDITABLE_RECORD:
            return True
        grant = self.grant_for(session.supervisee_id or 0, session_day(session))
        return bool(grant and grant.include_confidential)

    def visible_entries(self, session: Any, entries: Iterable[Any]) -> list[Any]:
        """The record's entries this viewer may read (confidential and removed ones left out).

        A third party does not read a section that someone has asked to remove until the
        Assistant Director has decided (York standard 7: removed "before a third party reads
        it"), nor, if the request is granted, afterwards."""
        from supervise.files.models import RedactionRequest, RedactionStatus

        shown = [e for e in entries if not e.confidential or self.can_see_confidential(session)]
        supervisee = session.supervisee_id or 0
        if self.record_relationship(session) is None and self.grant_for(
            supervisee, session_day(session)
        ):
            if supervisee not in self._removed:  # once per file, not per session
                self._removed[supervisee] = set(
                    RedactionRequest.objects.filter(
                        entry__session__supervisee_id=supervisee,
                        status__in=(RedactionStatus.REQUESTED, RedactionStatus.GRANTED),
                    ).values_list("entry_id", flat=True)
                )
            shown = [e for e in shown if e.pk not in self._removed[supervisee]]
        return shown


def staff_below(staff: StaffMember, day: date) -> set[int]:
    """Everyone supervised by `staff`, directly or down the chain, on `day` (usual lines)."""
    lines = SupervisionLine.objects.filter(_in_force(day), organisation_id=staff.organisation_id)
    edges: dict[int, set[int]] = {}
    for supervisor_id, supervisee_id in lines.values_list("supervisor_id", "supervisee_id"):
        edges.setdefault(supervisor_id, set()).add(supervisee_id)
    found: set[int] = set()
    frontier = [staff.pk]
    while frontier:
        current = frontier.pop()
        for supervisee in edges.get(current, ()):
            if supervisee not in found and supervisee != staff.pk:
                found.add(supervisee)
                frontier.append(supervisee)
    return found


def line_managers_of(staff_id: int, day: date) -> set[int]:
    """The supervisors of `staff_id` today (their line managers)."""
    return set(
        SupervisionLine.objects.filter(_in_force(day), supervisee_id=staff_id).values_list(
            "supervisor_id", flat=True
        )
    )


def is_line_manager_of(viewer: StaffMember | None, supervisor_id: int, day: date) -> bool:
    """Is `viewer` the line manager of the supervisor `supervisor_id`?"""
    return viewer is not None and viewer.pk in line_managers_of(supervisor_id, day)
