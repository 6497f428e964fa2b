"""Current findings, worked out live for a team, a supervisor or the viewer's scope.

The engine is run on the part of the database the findings can come from (`scope_for`), then
`Attribution` keeps the findings that belong to the team or supervisor asked for. A fixed number
of queries: the dataset's (one per table) and two to turn external ids into links.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.urls import reverse

from supervise.accounts.access import Viewer
from supervise.cases.models import Child
from supervise.compliance.attribution import Attribution, Owner
from supervise.compliance.dataset import dataset_from_db, scope_for
from supervise.compliance.scope import ComplianceScope
from supervise.compliance.selectors import NO_SUPERVISOR, NO_TEAM
from supervise.compliance.wording import STAFF_KEYS, facts_in_words
from supervise.organisations.models import Organisation, Team
from supervise.people.models import StaffMember, SupervisionLine
from supervise.policy.dates import format_long
from supervise.policy.engine import evaluate
from supervise.policy.findings import OVERDUE, Finding
from supervise.policy.gc_pause import cyclic_gc_paused
from supervise.policy.model import Dataset
from supervise.policy.rules import RULES
from supervise.sessions.page_duties import RecordAccess, session_links

STATUS_WORDS = {"overdue": "Overdue", "due_soon": "Due soon"}


@dataclass(slots=True)
class FindingRow:
    rule: str
    rule_title: str
    status: str
    due_on: date
    about: str
    about_href: str | None
    team: str
    supervisor: str
    why: list[tuple[str, str]] = field(default_factory=list)
    policy: str = ""
    # As the report names them (`supervise report`), to reconcile a download with it.
    subject_type: str = ""
    subject_id: str = ""

    @property
    def overdue(self) -> bool:
        return self.status == OVERDUE


@dataclass(slots=True)
class Filters:
    team: Team | None = None
    supervisor: StaffMember | None = None
    rule: str | None = None
    status: str | None = None


def rule_title(rule: str) -> str:
    info = RULES.get(rule)
    return f"{info.title} ({info.number})" if info else rule.replace("_", " ")


def _people(
    organisation: Organisation, scope: ComplianceScope, viewer: Viewer, f: Filters, as_of: date
) -> tuple[set[int], set[int]] | None:
    """Whose data the findings can come from: (the staff whose duties are wanted, the
    supervisors whose sessions are wanted with anyone), or None for the whole organisation.
    Findings about a session belong to its supervisor (`Attribution`), so a supervisor's
    sessions with people who have since moved or left, and a team's group sessions, count."""
    if f.supervisor is not None:
        supervisees = set(
            SupervisionLine.objects.filter(
                organisation=organisation,
                supervisor=f.supervisor,
                starts_on__lte=as_of,
            )
            .exclude(ends_on__lt=as_of)
            .values_list("supervisee_id", flat=True)
        )
        return supervisees, {f.supervisor.pk}
    if f.team is not None:
        members = set(
            StaffMember.objects.filter(organisation=organisation, team=f.team).values_list(
                "pk", flat=True
            )
        )
        return members, members
    if scope.org_wide:
        return None
    return set(viewer.below()), set(scope.supervisors)


@dataclass(slots=True)
class CurrentFindings:
    """The findings kept, soonest due first; turned into rows (names, links, words) only for
    the ones shown, so that a page of 50 out of thousands costs 50."""

    organisation: Organisation
    viewer: Viewer
    dataset: Dataset
    as_of: date
    kept: list[tuple[Finding, Owner]]

    def __len__(self) -> int:
        return len(self.kept)

    @property
    def overdue(self) -> int:
        return sum(1 for finding, _ in self.kept if finding.status == OVERDUE)

    def rows(self, kept: list[tuple[Finding, Owner]] | None = None) -> list[FindingRow]:
        return _rows(self, self.kept if kept is None else kept)


def current_findings(
    *,
    organisation: Organisation,
    scope: ComplianceScope,
    viewer: Viewer,
    filters: Filters | None = None,
    as_of: date | None = None,
) -> CurrentFindings:
    f = filters or Filters()
    as_of = as_of or viewer.day
    people = _people(organisation, scope, viewer, f, as_of)
    if people is not None and not any(people):
        return CurrentFindings(organisation, viewer, Dataset(), as_of, [])
    # The whole of this builds objects without cycles by the hundred thousand for a large
    # authority: see `cyclic_gc_paused`.
    with cyclic_gc_paused():
        return _current_findings(organisation, scope, viewer, f, as_of, people)


def _current_findings(
    organisation: Organisation,
    scope: ComplianceScope,
    viewer: Viewer,
    f: Filters,
    as_of: date,
    people: tuple[set[int], set[int]] | None,
) -> CurrentFindings:
    dataset = dataset_from_db(
        organisation,
        scope_for(organisation, people[0], as_of, supervisors=people[1])
        if people is not None
        else None,
    )
    attribution = Attribution(dataset, as_of)
    in_view: set[str] | None = None
    if not scope.org_wide:
        in_view = set(
            StaffMember.objects.filter(pk__in=scope.supervisors).values_list(
                "external_id", flat=True
            )
        )

    def wanted(owner: Owner) -> bool:
        if in_view is not None and owner.supervisor not in in_view:
            return False
        if f.team is not None and owner.team != f.team.name:
            return False
        return f.supervisor is None or owner.supervisor == f.supervisor.external_id

    kept = []
    for finding in evaluate(dataset, organisation.pack, as_of):
        if f.rule and finding.rule != f.rule:
            continue
        if f.status and finding.status != f.status:
            continue
        owner = attribution.of(finding)
        if wanted(owner):
            kept.append((finding, owner))
    return CurrentFindings(organisation, viewer, dataset, as_of, kept)


def _mentioned(kept: list[tuple[Finding, Owner]], worker_of: dict[str, str]):  # type: ignore[no-untyped-def]
    """External ids of the staff and children these findings name (for the link lookups)."""
    staff: set[str] = set()
    children: set[str] = set()
    for finding, owner in kept:
        kind, subject = finding.subject_type, finding.subject_id
        if kind == "staff":
            staff.add(subject)
        elif kind == "child":
            children.add(subject)
        elif kind == "case_discussion":
            children.add(subject.partition("/")[2])
        staff.update(str(v) for k, v in finding.facts.items() if k in STAFF_KEYS and v)
        if owner.worker:
            staff.add(owner.worker)
    staff.update(worker_of[c] for c in children if c in worker_of)
    return staff, children


def _rows(found: CurrentFindings, kept: list[tuple[Finding, Owner]]) -> list[FindingRow]:
    organisation, viewer, dataset = found.organisation, found.viewer, found.dataset
    as_of = found.as_of
    staff_names = {s.staff_id: s.name for s in dataset.staff}
    child_names = {c.child_id: c.name for c in dataset.children}
    sessions = {s.session_id: s for s in dataset.sessions}
    worker_of = {
        a.child_id: a.staff_id
        for a in sorted(dataset.allocations, key=lambda a: a.starts_on)
        if a.starts_on <= as_of and (a.ends_on is None or a.ends_on >= as_of)
    }
    staff_ids, child_ids = _mentioned(kept, worker_of)
    staff_pk = dict(
        StaffMember.objects.filter(
            organisation=organisation, external_id__in=sorted(staff_ids)
        ).values_list("external_id", "pk")
    )
    child_pk = dict(
        Child.objects.filter(
            organisation=organisation, external_id__in=sorted(child_ids)
        ).values_list("external_id", "pk")
    )
    # A finding about a session or a discussion in it is dealt with on the session's record:
    # linked there for those who may open it (one query).
    session_urls = session_links(
        organisation,
        {
            finding.subject_id.partition("/")[0]
            for finding, _ in kept
            if finding.subject_type in ("session", "case_discussion")
        },
        RecordAccess.of(viewer),
    )
    mine = set(viewer.below()) | ({viewer.staff.pk} if viewer.staff else set())
    # A supervisee's page is for their supervisors and management chain only
    # (`may_view_supervisee`): organisation-wide roles see the name and the figures, no link.
    supervises = set(viewer.below())
    sees_all_children = viewer.has(*(organisation.case_record_roles or []))

    def staff_name(staff_id: str) -> str:
        return staff_names.get(staff_id) or staff_id

    def child_visible(child_id: str) -> bool:
        worker = staff_pk.get(worker_of.get(child_id, ""))
        return sees_all_children or (worker is not None and worker in mine)

    def child_name(child_id: str) -> str:
        # A child's name only to those who may open the child's record.
        if child_visible(child_id):
            return child_names.get(child_id) or f"Child {child_id}"
        return f"Child {child_id}"

    def staff_link(staff_id: str | None) -> str | None:
        pk = staff_pk.get(staff_id or "")
        if pk is None or pk not in supervises:
            return None
        return reverse("sessions:supervisee", args=[pk])

    def child_link(child_id: str) -> str | None:
        pk = child_pk.get(child_id)
        return reverse("cases:child", args=[pk]) if pk and child_visible(child_id) else None

    rows = []
    for finding, owner in kept:
        kind, subject = finding.subject_type, finding.subject_id
        if kind == "staff":
            about, href = staff_name(subject), staff_link(subject)
        elif kind == "child":
            about, href = child_name(subject), child_link(subject)
        elif kind == "case_discussion":
            session_id, _, child_id = subject.partition("/")
            held = finding.facts.get("held_on")
            about = child_name(child_id)
            if isinstance(held, date):
                about += f", discussed on {format_long(held)}"
            href = session_urls.get(session_id) or child_link(child_id)
        else:
            session = sessions.get(subject)
            person = session.supervisee_id if session else None
            on = finding.facts.get("held_on") or finding.facts.get("scheduled_on")
            about = f"Supervision of {staff_name(person)}" if person else f"Session {subject}"
            if isinstance(on, date):
                about += f" on {format_long(on)}"
            href = session_urls.get(subject) or staff_link(person)
        rows.append(
            FindingRow(
                rule=finding.rule,
                rule_title=rule_title(finding.rule),
                status=finding.status,
                due_on=finding.due_on,
                about=about,
                about_href=href,
                team=owner.team or NO_TEAM,
                supervisor=staff_name(owner.supervisor) if owner.supervisor else NO_SUPERVISOR,
                why=facts_in_words(finding.facts, staff_name, child_name, finding.due_on),
                policy=finding.source.section,
                subject_type=kind,
                subject_id=subject,
            )
        )
    return rows


def group_by_rule(findings: list[FindingRow]) -> list[tuple[str, list[FindingRow]]]:
    """(heading with count, findings soonest due first) for each rule, in RULES.md order."""
    grouped: dict[str, list[FindingRow]] = {}
    for finding in sorted(findings, key=lambda f: (f.due_on, f.about)):
        grouped.setdefault(finding.rule, []).append(finding)
    rank = {rule: index for index, rule in enumerate(RULES)}
    return [
        (f"{rule_title(rule)}: {len(grouped[rule])}", grouped[rule])
        for rule in sorted(grouped, key=lambda r: (rank.get(r, len(rank)), r))
    ]
