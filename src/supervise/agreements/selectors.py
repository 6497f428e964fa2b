"""Reads for the agreement pages: who may see an agreement, what the template proposes, and when
a renewal is due (from the engine's A1/A2 duties, via `agreements.services.agreement_due`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet

from supervise.accounts.access import Viewer
from supervise.agreements.models import Agreement, AgreementStatus
from supervise.agreements.services import AgreementDue, agreement_due
from supervise.people.models import StaffMember
from supervise.policy.dates import Interval
from supervise.sessions.services.scheduling import required_interval

# Frequencies offered in the agreement form, as the policies write them.
COMMON_FREQUENCIES = ("P7D", "P14D", "P21D", "P28D", "P1M", "P6W", "P2M", "P3M", "P6M")


def interval_words(text: str) -> str:
    """'P1M' -> 'every month', 'P14D' -> 'every 2 weeks' (unknown text is returned as it is)."""
    try:
        interval = Interval.parse(text)
    except ValueError:
        return text
    months, days = interval.months, interval.days
    if months and not days:
        if months % 12 == 0:
            years = months // 12
            return "every year" if years == 1 else f"every {years} years"
        return "every month" if months == 1 else f"every {months} months"
    if days and not months:
        if days % 7 == 0:
            weeks = days // 7
            return "every week" if weeks == 1 else f"every {weeks} weeks"
        return "every day" if days == 1 else f"every {days} days"
    return (
        f"every {months} month{'s' if months != 1 else ''} and {days} day{'s' if days != 1 else ''}"
    )


def is_longer(candidate: str, than: str, on: date) -> bool:
    """Does `candidate` give a later date than `than` counted from `on`? (months and days mix)"""
    return Interval.parse(candidate).after(on) > Interval.parse(than).after(on)


def frequency_choices(required: str, on: date) -> list[tuple[str, str]]:
    """The common frequencies no longer than the required one, plus the required one itself."""
    values = [f for f in COMMON_FREQUENCIES if not is_longer(f, required, on)]
    if required not in values:
        values.append(required)
    values.sort(key=lambda f: Interval.parse(f).after(on))
    return [(value, interval_words(value).capitalize()) for value in values]


def agreements_for_page() -> QuerySet[Agreement]:
    return Agreement.objects.select_related(
        "supervisee", "supervisor", "supervisee__user", "supervisor__user"
    )


def may_view_agreement(viewer: Viewer, agreement: Agreement) -> bool:
    """Both parties and the management chain above them (not organisation-wide roles: the terms
    are part of the supervision file)."""
    if not viewer.same_org(agreement) or viewer.staff is None:
        return False
    me = viewer.staff.pk
    if me in (agreement.supervisee_id, agreement.supervisor_id):
        return True
    below = viewer.below()
    return agreement.supervisee_id in below or agreement.supervisor_id in below


@dataclass(frozen=True, slots=True)
class Renewal:
    """Why a (new) agreement is needed now, in words, and the reason to preselect."""

    reason: str
    reason_label: str
    due_on: date | None
    why: str


def renewal_for(supervisee: StaffMember, supervisor_id: int | None, on: date) -> Renewal | None:
    """What the pack asks for next (A1/A2); without a duty yet (A1 is due at the first session),
    a supervisee with no signed agreement with their supervisor still needs one."""
    due: AgreementDue | None = agreement_due(supervisee=supervisee, on=on)
    earlier = list(
        Agreement.objects.filter(
            supervisee=supervisee,
            status__in=(AgreementStatus.SIGNED, AgreementStatus.SUPERSEDED),
        ).values_list("supervisor_id", flat=True)
    )
    signed_with_supervisor = supervisor_id in earlier
    changed_supervisor = bool(earlier) and not signed_with_supervisor
    if due is not None:
        reason = due.reason
        why = due.why
        if reason == Agreement.Reason.NEW_RELATIONSHIP and changed_supervisor:
            reason, why = Agreement.Reason.CHANGE_OF_SUPERVISOR, "change of supervisor"
        return Renewal(reason, Agreement.Reason(reason).label, due.due_on, why)
    if signed_with_supervisor:
        return None
    if changed_supervisor:
        return Renewal(
            Agreement.Reason.CHANGE_OF_SUPERVISOR,
            Agreement.Reason.CHANGE_OF_SUPERVISOR.label,
            None,
            "change of supervisor: due at the first session together",
        )
    return Renewal(
        Agreement.Reason.NEW_RELATIONSHIP,
        Agreement.Reason.NEW_RELATIONSHIP.label,
        None,
        "new supervisory relationship: due at the first session together",
    )


def required_frequency(supervisee: StaffMember, on: date) -> str:
    """The pack's interval for this supervisee today (as an ISO duration)."""
    return str(required_interval(supervisee.organisation, supervisee, on))


def current_agreements(supervisee: StaffMember) -> tuple[Agreement | None, Agreement | None]:
    """(the agreement in force, the newest one waiting for a signature or still a draft)."""
    rows = list(
        agreements_for_page()
        .filter(supervisee=supervisee)
        .exclude(status=AgreementStatus.SUPERSEDED)
        .order_by("-created_at", "-id")
    )
    in_force = next((a for a in rows if a.status == AgreementStatus.SIGNED), None)
    pending = next(
        (
            a
            for a in rows
            if a.status in (AgreementStatus.AWAITING_SIGNATURES, AgreementStatus.DRAFT)
        ),
        None,
    )
    return in_force, pending
