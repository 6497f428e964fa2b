"""The engine run once for a page: every duty of some staff and of the children allocated to
them, mapped back to the people, children and sessions the page shows.

One `dataset_from_db` (a fixed number of queries, whatever the number of rows) and one
`engine.duties`; the rest is Python over the dataset, so a page never asks the database per row.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.urls import reverse

from supervise.accounts.access import Viewer
from supervise.cases.models import Child
from supervise.compliance.dataset import dataset_from_db, scope_for
from supervise.organisations.models import Organisation
from supervise.policy.categories import DESCRIPTIONS, ROLE_CATEGORY
from supervise.policy.engine import duties
from supervise.policy.findings import DEFAULT_SOON_DAYS, Duty, status_of
from supervise.policy.pack import Source
from supervise.policy.rules import RULES
from supervise.policy.situation import Situation
from supervise.sessions import duty_words
from supervise.sessions.models import Session

CHILD_RULES = frozenset(rule for rule, info in RULES.items() if info.subject == "child")
RULE_ORDER = {rule: index for index, rule in enumerate(RULES)}


@dataclass(frozen=True, slots=True)
class DutyRow:
    """A duty as a page shows it: what, about whom, by when, and why."""

    rule: str
    title: str
    subject: str
    url: str | None
    due_on: date
    why: str
    source: Source
    near: bool = False  # overdue or due within the usual window: the page shows the date too

    @property
    def sort_key(self) -> tuple[date, int, str]:
        return (self.due_on, RULE_ORDER.get(self.rule, 99), self.subject)


def is_finding(due_on: date, today: date) -> bool:
    """Overdue or due within the usual window (RULES.md section 1)."""
    return status_of(due_on, today, DEFAULT_SOON_DAYS) is not None


def rule_title(rule: str) -> str:
    info = RULES.get(rule)
    return info.title if info else rule.replace("_", " ").capitalize()


class PageDuties:
    """Duties of `staff_ids` (database ids) and of the children allocated to them on `today`."""

    def __init__(
        self,
        organisation: Organisation,
        staff_ids: Iterable[int],
        today: date,
        record_access: RecordAccess | None = None,
    ) -> None:
        self.organisation = organisation
        self.record_access = record_access
        self.pack = organisation.pack
        self.today = today
        self.scope = scope_for(organisation, staff_ids, today)
        self.dataset = dataset_from_db(organisation, self.scope)
        self.situation = Situation(self.dataset, self.pack, today)
        self.duties = list(duties(self.dataset, self.pack, today))
        self.names = {s.staff_id: s.name for s in self.dataset.staff}
        self.child_names = {c.child_id: c.name or c.child_id for c in self.dataset.children}
        self.by_subject: dict[str, list[Duty]] = defaultdict(list)
        for duty in self.duties:
            self.by_subject[duty.subject_id].append(duty)

    # --- words ---------------------------------------------------------------------------------

    def why(self, duty: Duty) -> str:
        return duty_words.why(duty, self.names)

    def category(self, external_id: str, role_label: str) -> str:
        """'Social worker: ASYE, 6 weeks to 6 months': the role and, when it says more, the
        category the pack sets the frequency by today."""
        staff = self.situation.staff.get(external_id)
        if staff is None:
            return role_label
        rule = self.pack.rules.get("personal_supervision")
        returning = getattr(getattr(rule, "returning_for", None), "interval", None)
        first = self.situation.categories(staff, self.today, returning)[0]
        if first == ROLE_CATEGORY.get(staff.role) or first == "manager":
            return role_label
        return f"{role_label}: {DESCRIPTIONS.get(first, first)}"

    def absent_today(self, external_id: str) -> bool:
        return self.situation.absent_on(external_id, self.today)

    # --- duties of a subject -----------------------------------------------------------------

    def of(self, subject_id: str, rule: str | None = None) -> list[Duty]:
        found = self.by_subject.get(subject_id, [])
        return [d for d in found if rule is None or d.rule == rule]

    def personal_supervision(self, external_id: str) -> Duty | None:
        found = self.of(external_id, "personal_supervision")
        return found[0] if found else None

    def case_duties(self, child_external_id: str) -> list[Duty]:
        """The child's case-supervision duties, soonest first."""
        found = [d for d in self.of(child_external_id) if d.rule in CHILD_RULES]
        return sorted(found, key=lambda d: d.due_on)

    def last_discussed(self, child_external_id: str) -> date | None:
        return self.situation.last_discussion(child_external_id, self.pack.qualifying_kinds)

    # --- sessions ------------------------------------------------------------------------------

    def session_people(self, session_id: str) -> tuple[str | None, str | None]:
        """(supervisee, supervisor) external ids of a session in the dataset."""
        session = self.situation.sessions.get(session_id)
        if session is None:
            return None, None
        return session.supervisee_id, session.supervisor_id

    def rows(
        self,
        wanted: Iterable[Duty],
        staff_urls: dict[str, str],
        child_urls: dict[str, str],
    ) -> list[DutyRow]:
        """Duties as rows, with the subject named and linked. Sessions are looked up in one
        query, whatever their number."""
        wanted = list(wanted)
        session_ids = {
            d.subject_id.partition("/")[0]
            for d in wanted
            if d.subject_type in ("session", "case_discussion")
        }
        session_urls = session_links(self.organisation, session_ids, self.record_access)
        self._name_children_discussed(wanted)
        rows = []
        for duty in wanted:
            subject, url = self._subject(duty, staff_urls, child_urls, session_urls)
            rows.append(
                DutyRow(
                    rule=duty.rule,
                    title=rule_title(duty.rule),
                    subject=subject,
                    url=url,
                    due_on=duty.due_on,
                    why=self.why(duty),
                    source=duty.source,
                    near=is_finding(duty.due_on, self.today),
                )
            )
        return sorted(rows, key=lambda row: row.sort_key)

    def _name_children_discussed(self, wanted: list[Duty]) -> None:
        """Children discussed in the page's sessions who are not (or no longer) on the page's
        caseloads: named from the database (one query), as the session's record names them."""
        missing = {
            d.subject_id.partition("/")[2] for d in wanted if d.subject_type == "case_discussion"
        } - set(self.child_names)
        if missing:
            for external_id, name in Child.objects.filter(
                organisation=self.organisation, external_id__in=missing
            ).values_list("external_id", "name"):
                self.child_names[external_id] = name or external_id

    def _subject(
        self,
        duty: Duty,
        staff_urls: dict[str, str],
        child_urls: dict[str, str],
        session_urls: dict[str, str],
    ) -> tuple[str, str | None]:
        if duty.subject_type == "staff":
            return self.names.get(duty.subject_id, duty.subject_id), staff_urls.get(duty.subject_id)
        if duty.subject_type == "child":
            name = self.child_names.get(duty.subject_id, duty.subject_id)
            return name, child_urls.get(duty.subject_id)
        # Sessions and discussions: the why says the date, the subject says who or which child.
        # A discussion's duty is done on the session's record: it links there when the viewer
        # may open it, else to the child.
        session_id, _, child_id = duty.subject_id.partition("/")
        if child_id:
            url = session_urls.get(session_id) or child_urls.get(child_id)
            return self.child_names.get(child_id, f"Child {child_id}"), url
        session = self.situation.sessions.get(session_id)
        supervisee = self.names.get(session.supervisee_id or "", "") if session else ""
        words = f"Session with {supervisee}" if supervisee else "Group session"
        return words, session_urls.get(session_id)


@dataclass(frozen=True, slots=True)
class RecordAccess:
    """Whose session records the viewer may open, decided as `Viewer.record_relationship` and
    `Viewer.can_view_group_session` decide it, but for many sessions in a fixed number of
    queries: the supervisee, the supervisor, and the supervisor's line manager (a group
    session's participants can open it too; links to those are left out here)."""

    me: int | None
    line_managed: frozenset[int]  # the viewer's direct supervisees today

    @classmethod
    def of(cls, viewer: Viewer) -> RecordAccess:
        me = viewer.staff.pk if viewer.staff else None
        return cls(me=me, line_managed=frozenset(viewer.supervisees()))

    def can_open(self, supervisor_id: int, supervisee_id: int | None) -> bool:
        if self.me is None:
            return False
        return (
            supervisor_id == self.me
            or supervisee_id == self.me
            or supervisor_id in self.line_managed
        )


def session_url(pk: int, kind: str) -> str | None:
    if kind == Session.Kind.FORMAL:
        return reverse("sessions:detail", args=[pk])
    if kind == Session.Kind.GROUP:
        return reverse("sessions:group-detail", args=[pk])
    return None


def session_links(
    organisation: Organisation, external_ids: set[str], access: RecordAccess | None
) -> dict[str, str]:
    """External session id -> the page of that session, for those the viewer may open (one
    query)."""
    if not external_ids or access is None:
        return {}
    links = {}
    for external_id, pk, kind, supervisor_id, supervisee_id in Session.objects.filter(
        organisation=organisation, external_id__in=external_ids
    ).values_list("external_id", "pk", "kind", "supervisor_id", "supervisee_id"):
        url = session_url(pk, kind)
        if url and access.can_open(supervisor_id, supervisee_id):
            links[external_id] = url
    return links
