"""Reads for the supervision file's web pages (the file's own contents are in selectors.py):
what the viewer may do on the file, who read a file, the access and redaction queues, and HR's
leavers. Each uses a fixed number of queries, whatever the number of rows."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Prefetch, Q

from supervise.accounts.access import Viewer, line_managers_of
from supervise.accounts.models import Role
from supervise.agreements.selectors import may_view_agreement
from supervise.files.models import (
    AccessRequest,
    AccessStatus,
    LearningEntry,
    LegalHold,
    RedactionRequest,
    RedactionStatus,
    Tombstone,
)
from supervise.files.selectors import THIRD_PARTY, FileContents
from supervise.files.services.retention import destroy_on
from supervise.organisations.models import Organisation
from supervise.people.models import StaffMember, SupervisionLine
from supervise.policy.model import MANAGER_ROLES
from supervise.policy.pack import Within
from supervise.sessions.duty_words import interval_words
from supervise.sessions.models import Session

# --- the file page -----------------------------------------------------------------------------

LEARNING_HEADINGS = {
    LearningEntry.Kind.DEVELOPMENT_PLAN: "Personal development plan",
    LearningEntry.Kind.INDUCTION: "Induction checklist",
    LearningEntry.Kind.CPD: "Continuing professional development (CPD)",
    LearningEntry.Kind.TRAINING: "Training",
}
PARTIES = ("own file", "supervisor")  # the two people in the room


@dataclass(slots=True)
class FilePage:
    contents: FileContents
    grant: AccessRequest | None
    agreement_links: set[int]  # agreements whose own page the viewer may open
    redactions: dict[int, list[RedactionRequest]]  # entry id -> requests (parties only)
    can_add_learning: bool
    can_sign_off: bool
    can_appraise: bool
    can_record_complaint: bool
    can_transfer: bool
    can_download: bool
    can_ask_redaction: bool
    can_see_readers: bool
    current_supervisors: list[StaffMember]
    learning: list[tuple[str, str, list[LearningEntry]]]  # (kind, heading, entries)
    openable: set[int]  # sessions whose own page the viewer may open
    is_party: bool  # the worker or their supervisor: sees confidential tags and redactions
    has_current_period: bool

    @property
    def log(self) -> list[Session]:
        """Every session, latest first, planned and cancelled ones by their planned day."""
        return sorted(self.contents.log, key=lambda s: (s.day or date.min, s.pk), reverse=True)

    @property
    def log_rows(self) -> list[tuple[Session, int, date | None]]:
        """The log with, for each session held after supervision had fallen due, how many days
        after, and when it was due."""
        due = self.contents.due_before
        return [(s, self.contents.late_by(s), due.get(s.pk)) for s in self.log]

    @property
    def purpose_words(self) -> str:
        """The third party's purpose mid-sentence: 'inspection (Ofsted)', 'audit or quality
        assurance' (only the first letter lowered: names such as Ofsted keep their capital)."""
        return mid_sentence(self.grant.get_purpose_display()) if self.grant else ""

    @property
    def relationship_words(self) -> str:
        return {
            "own file": "your own file",
            "supervisor": "their supervisor",
            "supervisor's line manager": "their supervisor's line manager",
            "HR (leaver's archived file)": "HR, holding a leaver's archived file",
            THIRD_PARTY: "a third party with approved access",
        }.get(self.contents.relationship, self.contents.relationship)


def mid_sentence(label: str) -> str:
    """A choice's label inside a sentence: 'Inspection (Ofsted)' -> 'inspection (Ofsted)'; an
    initialism ('HR investigation') is left as it is."""
    if len(label) > 1 and label[1].isupper():
        return label
    return label[:1].lower() + label[1:]


def file_page(viewer: Viewer, contents: FileContents) -> FilePage:
    staff = contents.staff
    relationship = contents.relationship
    grant = viewer.grant_for(staff.pk) if relationship == THIRD_PARTY else None
    is_party = relationship in PARTIES
    redactions: dict[int, list[RedactionRequest]] = {}
    if is_party:
        for request in RedactionRequest.objects.filter(
            entry__session__supervisee=staff, organisation_id=staff.organisation_id
        ).select_related("decided_by", "requested_by"):
            redactions.setdefault(request.entry_id, []).append(request)
    left = staff.left_on is not None and staff.left_on <= viewer.day
    me = viewer.staff.pk if viewer.staff else None
    sessions = []
    for period in contents.periods:
        for view in period.sessions:
            sessions.append(view.session)
            # Only the two people in that session's room ask to keep a section from others.
            view.session.redactable = me is not None and me in (
                view.session.supervisor_id,
                view.session.supervisee_id,
            )
            for entry in view.entries:  # words for the template
                entry.label = contents.headings.get(entry.heading, entry.heading)
                entry.redactions = redactions.get(entry.pk, [])
                entry.redaction_open = any(
                    r.status != RedactionStatus.REFUSED for r in entry.redactions
                )
    if relationship == "own file":
        openable = {s.pk for s in sessions}
    else:
        openable = {s.pk for s in sessions if me is not None and s.supervisor_id == me}
    return FilePage(
        contents=contents,
        grant=grant,
        agreement_links={a.pk for a in contents.agreements if may_view_agreement(viewer, a)},
        redactions=redactions,
        can_add_learning=is_party and not left,
        can_sign_off=relationship == "supervisor",
        can_appraise=relationship == "supervisor",
        can_record_complaint=relationship == "supervisor" or viewer.has(Role.HR),
        can_transfer=relationship in ("supervisor", "supervisor's line manager") and not left,
        can_download=relationship in ("own file", THIRD_PARTY),
        can_ask_redaction=is_party,
        can_see_readers=relationship == "own file",
        current_supervisors=list(
            StaffMember.objects.filter(pk__in=line_managers_of(staff.pk, viewer.day))
        ),
        learning=[
            (kind, LEARNING_HEADINGS.get(kind, kind), entries)
            for kind, entries in contents.learning.items()
        ],
        openable=openable,
        is_party=is_party,
        has_current_period=any(p.current for p in contents.periods),
    )


def purpose_of(viewer: Viewer, relationship: str, staff_id: int) -> str:
    """Why the viewer reads the file, in the audit trail's words."""
    if relationship == THIRD_PARTY:
        grant = viewer.grant_for(staff_id)
        if grant is not None:
            return f"{grant.get_purpose_display()} (access request {grant.pk})"
    if relationship == "own file":
        return "Subject access: their own file"
    return ""


# --- third-party access --------------------------------------------------------------------


def access_requests(viewer: Viewer) -> dict[str, list[AccessRequest]]:
    """The viewer's own requests; for a senior manager, also the queue and the access in force."""
    base = AccessRequest.objects.filter(organisation_id=viewer.organisation_id).select_related(
        "subject", "requested_by", "decided_by"
    )
    lists: dict[str, list[AccessRequest]] = {"mine": list(base.filter(requested_by=viewer.user))}
    if viewer.has(Role.SENIOR_MANAGER):
        others = base.exclude(requested_by=viewer.user)
        lists["waiting"] = list(
            others.filter(status=AccessStatus.REQUESTED).order_by("requested_at")
        )
        lists["in_force"] = list(
            others.filter(status=AccessStatus.APPROVED, expires_on__gte=viewer.day).order_by(
                "expires_on"
            )
        )
    return lists


def staff_search(organisation_id: int, text: str, *, exclude: int | None) -> list[StaffMember]:
    """Staff whose name (or staff id) matches, for choosing whose file; at most 50."""
    text = text.strip()
    if not text:
        return []
    found = (
        StaffMember.objects.filter(organisation_id=organisation_id, file_destroyed_on__isnull=True)
        .filter(Q(name__icontains=text) | Q(external_id__iexact=text))
        .select_related("team")
        .order_by("name")
    )
    if exclude:
        found = found.exclude(pk=exclude)
    return list(found[:50])


# --- transfer ----------------------------------------------------------------------------------


def current_line(staff: StaffMember, day: date) -> SupervisionLine | None:
    """The usual (not cover) supervision line in force, the one a transfer ends."""
    return (
        SupervisionLine.objects.filter(supervisee=staff, cover=False, starts_on__lte=day)
        .filter(ends_on__isnull=True)
        .select_related("supervisor")
        .first()
    )


def transfer_choices(staff: StaffMember, line: SupervisionLine, day: date) -> list[tuple[int, str]]:
    """Who could take over: managers and anyone supervising today, still in post."""
    supervising = SupervisionLine.objects.filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=day),
        organisation_id=staff.organisation_id,
        starts_on__lte=day,
    ).values("supervisor_id")
    people = (
        StaffMember.objects.filter(organisation_id=staff.organisation_id)
        .filter(Q(left_on__isnull=True) | Q(left_on__gt=day))
        .filter(Q(role__in=MANAGER_ROLES | {"head_of_service"}) | Q(pk__in=supervising))
        .exclude(pk__in=[staff.pk, line.supervisor_id])
        .select_related("team")
        .order_by("name")
    )
    return [(p.pk, f"{p.name} ({p.team.name})" if p.team else p.name) for p in people]


# --- redaction requests ----------------------------------------------------------------------


def redaction_queue(organisation_id: int) -> dict[str, list[RedactionRequest]]:
    base = RedactionRequest.objects.filter(organisation_id=organisation_id).select_related(
        "entry__session__supervisee", "entry__session__supervisor", "requested_by", "decided_by"
    )
    return {
        "waiting": list(base.filter(status=RedactionStatus.REQUESTED).order_by("requested_at")),
        "decided": list(
            base.exclude(status=RedactionStatus.REQUESTED).order_by("-decided_at")[:50]
        ),
    }


# --- HR: leavers and retention ---------------------------------------------------------------


@dataclass(slots=True)
class Leaver:
    staff: StaffMember
    archive_due_on: date | None
    destroy_on: date | None
    hold: LegalHold | None
    due: bool = False  # the destruction date has come
    holds: list[LegalHold] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Gone:
    """A destroyed file's tombstone, in words."""

    tombstone: Tombstone
    name: str  # while the staff row exists (the file is gone, the HR record may not be)
    section: str  # the policy's section that set the retention
    deleted: list[tuple[str, int]]


@dataclass(slots=True)
class Retention:
    leavers: list[Leaver]
    tombstones: list[Gone]
    retention_words: str  # what the policy says, or that it names no period
    retention_quote: str


def leavers_page(organisation: Organisation, today: date) -> Retention:
    pack = organisation.pack
    archive_rule = pack.rules.get("file_archive")
    destruction_rule = pack.rules.get("file_destruction")
    staff = (
        StaffMember.objects.filter(
            organisation=organisation, left_on__isnull=False, left_on__lte=today
        )
        .filter(file_destroyed_on__isnull=True)
        .select_related("team")
        .prefetch_related(
            Prefetch(
                "legal_holds",
                queryset=LegalHold.objects.select_related("placed_by", "lifted_by"),
            )
        )
        .order_by("-left_on", "name")
    )
    rows = []
    for person in staff:
        person.organisation = organisation  # share the parsed pack
        holds = list(person.legal_holds.all())
        day = destroy_on(person)
        rows.append(
            Leaver(
                staff=person,
                archive_due_on=archive_rule.within.after(person.left_on)
                if isinstance(archive_rule, Within)
                else None,
                destroy_on=day,
                hold=next((h for h in holds if h.active), None),
                due=day is not None and day <= today,
                holds=holds,
            )
        )
    tombstones = list(Tombstone.objects.filter(organisation=organisation)[:200])
    names = dict(
        StaffMember.objects.filter(
            organisation=organisation, external_id__in=[t.staff_external_id for t in tombstones]
        ).values_list("external_id", "name")
    )
    if isinstance(destruction_rule, Within):
        words = (
            f"Your policy keeps a leaver's file for {interval_words(destruction_rule.within)} "
            "after they leave; then it is destroyed."
        )
        quote = destruction_rule.source.quote or ""
    else:
        words = "Your policy names no retention period: leavers' files are never destroyed here."
        quote = ""
    rows.sort(key=lambda row: not row.due)  # files whose date has come first (stable)
    return Retention(
        leavers=rows,
        tombstones=[
            Gone(
                tombstone=t,
                name=names.get(t.staff_external_id, ""),
                section=t.policy_source.split(": ", 1)[-1],
                deleted=[(label, n) for label, n in (t.counts or {}).items() if n],
            )
            for t in tombstones
        ],
        retention_words=words,
        retention_quote=quote,
    )
