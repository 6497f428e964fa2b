"""Who may read a supervision file: transfer to a new supervisor, confidential entries, and
third-party access for a stated purpose that expires."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from supervise.accounts.access import Viewer
from supervise.agreements.models import Agreement
from supervise.files.models import AccessPurpose, AccessStatus
from supervise.files.services.third_party import (
    access_request_decide,
    access_request_make,
    access_request_withdraw,
)
from supervise.files.services.transfer import supervision_transfer
from supervise.people.models import SupervisionLine
from supervise.sessions.services import (
    ActionRefused,
    record_save,
    record_send,
    record_sign,
    session_hold,
    session_schedule,
)
from tests import factories as f
from tests.conftest import Team

pytestmark = pytest.mark.django_db


def finalised_record(team: Team, confidential: bool = True):
    day = date(2026, 11, 2)
    [session] = session_schedule(actor=team.manager.user, supervisee=team.worker, on=day)
    session = session_hold(actor=team.manager.user, session=session, held_on=day)
    record_save(
        actor=team.manager.user,
        session=session,
        entries={"wellbeing": "A health matter", "development": "PQ module"},
        confidential={"wellbeing"} if confidential else set(),
    )
    record_send(actor=team.manager.user, session=session)
    return record_sign(actor=team.worker.user, session=session)


def headings(viewer: Viewer, session) -> set[str]:
    return {e.heading for e in viewer.visible_entries(session, session.entries.all())}


def test_confidential_entries_stay_between_supervisor_and_supervisee(team) -> None:
    session = finalised_record(team)
    assert headings(Viewer(team.worker.user), session) == {"wellbeing", "development"}
    assert headings(Viewer(team.manager.user), session) == {"wellbeing", "development"}
    # The supervisor's line manager reads the record, but not what was agreed confidential.
    line_manager = Viewer(team.head.user)
    assert line_manager.can_view_record(session)
    assert headings(line_manager, session) == {"development"}


def test_a_record_is_closed_to_everyone_else_by_default(team) -> None:
    session = finalised_record(team)
    for outsider in (team.colleague, team.other_manager, team.other_worker):
        assert not Viewer(outsider.user).can_view_record(session), outsider
    assert not Viewer(
        f.UserFactory(organisation=team.org, roles=["quality_assurance"])
    ).can_view_record(session)


def test_third_party_access_needs_approval_and_expires(team) -> None:
    session = finalised_record(team)
    auditor = f.UserFactory(organisation=team.org, roles=["quality_assurance"])
    request = access_request_make(
        actor=auditor, subject=team.worker, purpose=AccessPurpose.AUDIT, reason="Annual audit"
    )
    assert not Viewer(auditor).can_view_record(session)  # requested, not approved
    with pytest.raises(ActionRefused, match="senior manager"):
        access_request_decide(
            actor=auditor, request=request, approve=True, expires_on=timezone.localdate()
        )
    with pytest.raises(ActionRefused, match="senior manager"):
        access_request_decide(
            actor=team.manager.user, request=request, approve=True, expires_on=timezone.localdate()
        )
    today = timezone.localdate()
    access_request_decide(
        actor=team.head.user, request=request, approve=True, expires_on=today + timedelta(days=7)
    )
    viewer = Viewer(auditor)
    assert viewer.can_view_record(session)
    assert viewer.file_relationship(team.worker) == "third party"
    assert headings(viewer, session) == {"development"}  # confidential stays hidden
    assert not viewer.can_view_record(finalised_record_of_colleague(team))
    # After the expiry date the access has gone.
    assert not Viewer(auditor, day=today + timedelta(days=8)).can_view_record(session)


def finalised_record_of_colleague(team: Team):
    day = date(2026, 11, 3)
    [session] = session_schedule(actor=team.manager.user, supervisee=team.colleague, on=day)
    return session_hold(actor=team.manager.user, session=session, held_on=day)


def test_nobody_approves_their_own_request(team) -> None:
    principal = f.UserFactory(organisation=team.org, roles=["senior_manager"])
    request = access_request_make(
        actor=principal, subject=team.worker, purpose=AccessPurpose.AUDIT, reason="Practice review"
    )
    with pytest.raises(ActionRefused, match="own request"):
        access_request_decide(
            actor=principal, request=request, approve=True, expires_on=timezone.localdate()
        )


def test_confidential_items_open_only_for_a_formal_concern_the_approver_allows(team) -> None:
    session = finalised_record(team)
    investigator = f.UserFactory(organisation=team.org, roles=["hr"])
    audit = access_request_make(
        actor=investigator, subject=team.worker, purpose=AccessPurpose.AUDIT, reason="Audit"
    )
    with pytest.raises(ActionRefused, match="formal concern"):
        access_request_decide(
            actor=team.head.user,
            request=audit,
            approve=True,
            expires_on=timezone.localdate(),
            include_confidential=True,
        )
    concern = access_request_make(
        actor=investigator,
        subject=team.worker,
        purpose=AccessPurpose.FORMAL_CONCERN,
        reason="Concern raised",
    )
    access_request_decide(
        actor=team.head.user,
        request=concern,
        approve=True,
        expires_on=timezone.localdate(),
        include_confidential=True,
    )
    assert headings(Viewer(investigator), session) == {"wellbeing", "development"}


def test_an_access_can_be_ended_early(team) -> None:
    auditor = f.UserFactory(organisation=team.org, roles=["quality_assurance"])
    request = access_request_make(
        actor=auditor, subject=team.worker, purpose=AccessPurpose.INSPECTION, reason="Ofsted"
    )
    access_request_decide(
        actor=team.head.user,
        request=request,
        approve=True,
        expires_on=timezone.localdate() + timedelta(days=30),
    )
    request = access_request_withdraw(actor=team.head.user, request=request)
    assert request.status == AccessStatus.WITHDRAWN
    assert Viewer(auditor).grant_for(team.worker.pk) is None


def test_the_file_moves_to_the_new_supervisor(team) -> None:
    session = finalised_record(team, confidential=False)
    on = date(2026, 11, 16)
    handover = supervision_transfer(
        actor=team.head.user,
        supervisee=team.worker,
        incoming=team.other_manager,
        on=on,
        meeting_held_on=date(2026, 11, 13),
        meeting_notes="Three-way handover",
    )
    assert handover.outgoing == team.manager
    old, new = SupervisionLine.objects.filter(supervisee=team.worker).order_by("starts_on")
    assert old.ends_on == on - timedelta(days=1)
    assert (new.supervisor, new.starts_on) == (team.other_manager, on)
    agreement = Agreement.objects.get(supervisee=team.worker, supervisor=team.other_manager)
    assert agreement.reason == Agreement.Reason.CHANGE_OF_SUPERVISOR
    assert agreement.venue.startswith("A private space")  # from Hull's agreement template
    after = on + timedelta(days=1)
    assert Viewer(team.other_manager.user, day=after).file_relationship(team.worker) == (
        "supervisor"
    )
    assert Viewer(team.manager.user, day=after).file_relationship(team.worker) is None
    # The earlier records stay readable in the file by the new supervisor's chain.
    assert Viewer(team.head.user, day=after).can_view_record(session)


def test_only_the_outgoing_supervisor_or_a_manager_above_both_hands_over(team) -> None:
    with pytest.raises(ActionRefused, match="hands over"):
        supervision_transfer(
            actor=team.colleague.user,
            supervisee=team.worker,
            incoming=team.other_manager,
            on=date(2026, 11, 16),
        )


def test_the_file_pdf_holds_the_records_but_not_the_confidential_ones_for_others(team) -> None:
    from supervise.files.pdf import file_pdf
    from supervise.files.selectors import file_contents

    finalised_record(team)
    own = file_contents(Viewer(team.worker.user), team.worker)
    assert own is not None
    pdf = file_pdf(own, requested_by="Alex Worker", purpose="subject access request")
    assert pdf.startswith(b"%PDF")
    text = pdf_text(pdf)
    assert "A health matter" in text
    assert "PQ module" in text
    manager_view = file_contents(Viewer(team.head.user), team.worker)
    assert manager_view is not None
    text = pdf_text(file_pdf(manager_view, requested_by="Sam", purpose="line management"))
    assert "PQ module" in text
    assert "A health matter" not in text
    assert file_contents(Viewer(team.other_manager.user), team.worker) is None


def pdf_text(pdf: bytes) -> str:
    import io

    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_the_assistant_director_decides_a_redaction_and_third_parties_see_less(team) -> None:
    from supervise.files.services.third_party import redaction_decide, redaction_request_make

    session = finalised_record(team, confidential=False)
    entry = session.entries.get(heading="wellbeing")
    request = redaction_request_make(
        actor=team.worker.user, entry=entry, reason="Health details not relevant to an audit"
    )
    with pytest.raises(ActionRefused, match="Assistant Director"):
        redaction_decide(actor=team.head.user, request=request, grant=True, reason="Agreed")
    auditor = f.UserFactory(organisation=team.org, roles=["quality_assurance"])
    grant = access_request_make(
        actor=auditor, subject=team.worker, purpose=AccessPurpose.AUDIT, reason="Audit"
    )
    access_request_decide(
        actor=team.head.user, request=grant, approve=True, expires_on=timezone.localdate()
    )
    # While the request waits, the third party does not read the section either.
    assert headings(Viewer(auditor), session) == {"development"}
    director = f.UserFactory(organisation=team.org, roles=["assistant_director"])
    redaction_decide(actor=director, request=request, grant=True, reason="HR advice followed")
    assert headings(Viewer(auditor), session) == {"development"}
    # The record itself is unchanged, and the people in it still read all of it.
    assert headings(Viewer(team.worker.user), session) == {"wellbeing", "development"}
    assert headings(Viewer(team.head.user), session) == {"wellbeing", "development"}


def test_a_refused_request_leaves_the_section_to_third_parties(team) -> None:
    from supervise.files.services.third_party import redaction_decide, redaction_request_make

    session = finalised_record(team, confidential=False)
    entry = session.entries.get(heading="wellbeing")
    request = redaction_request_make(actor=team.worker.user, entry=entry, reason="Private")
    auditor = f.UserFactory(organisation=team.org, roles=["quality_assurance"])
    grant = access_request_make(
        actor=auditor, subject=team.worker, purpose=AccessPurpose.AUDIT, reason="Audit"
    )
    access_request_decide(
        actor=team.head.user, request=grant, approve=True, expires_on=timezone.localdate()
    )
    director = f.UserFactory(organisation=team.org, roles=["assistant_director"])
    redaction_decide(actor=director, request=request, grant=False, reason="Relevant to audit")
    assert headings(Viewer(auditor), session) == {"wellbeing", "development"}


def test_an_empty_section_cannot_be_kept_from_third_parties(team) -> None:
    from supervise.files.models import RedactionRequest
    from supervise.files.services.third_party import redaction_request_make
    from supervise.sessions.models import RecordEntry

    session = finalised_record(team, confidential=False)
    entry = session.entries.get(heading="wellbeing")
    empty = RecordEntry(session=session, heading="development", text="")  # not saved: locked
    with pytest.raises(ActionRefused, match="Nothing is written"):
        redaction_request_make(actor=team.worker.user, entry=empty, reason="Private")
    assert entry.text  # the filled one can be asked about
    assert not RedactionRequest.objects.exists()


def test_after_a_transfer_the_new_supervisor_opens_the_earlier_records(team) -> None:
    session = finalised_record(team, confidential=False)
    supervision_transfer(
        actor=team.head.user,
        supervisee=team.worker,
        incoming=team.other_manager,
        on=date(2026, 11, 16),
    )
    after = date(2026, 11, 17)
    assert Viewer(team.other_manager.user, day=after).can_view_record(session)
    # …while the earlier supervisor keeps the records they wrote.
    assert Viewer(team.manager.user, day=after).can_view_record(session)
    assert not Viewer(team.colleague.user, day=after).can_view_record(session)


def test_a_third_partys_dates_limit_the_whole_file(team) -> None:
    from supervise.files.selectors import file_contents
    from supervise.files.services.learning import learning_add

    learning_add(
        actor=team.worker.user,
        staff=team.worker,
        kind="training",
        title="Before the audit period",
        on=date(2025, 1, 10),
    )
    learning_add(
        actor=team.worker.user,
        staff=team.worker,
        kind="training",
        title="Inside the audit period",
        on=date(2026, 6, 10),
    )
    auditor = f.UserFactory(organisation=team.org, roles=["quality_assurance"])
    request = access_request_make(
        actor=auditor,
        subject=team.worker,
        purpose=AccessPurpose.AUDIT,
        reason="Audit",
        scope_from=date(2026, 1, 1),
        scope_to=date(2026, 12, 31),
    )
    access_request_decide(
        actor=team.head.user, request=request, approve=True, expires_on=timezone.localdate()
    )
    contents = file_contents(Viewer(auditor), team.worker)
    assert contents is not None
    assert [e.title for e in contents.learning["training"]] == ["Inside the audit period"]


def test_cpd_is_signed_off_once(team) -> None:
    from supervise.files.services.learning import cpd_sign_off, learning_add

    entry = learning_add(
        actor=team.worker.user,
        staff=team.worker,
        kind="cpd",
        title="Trauma-informed practice",
        on=date(2026, 10, 1),
    )
    cpd_sign_off(actor=team.manager.user, entry=entry, impact_discussion="Using it with C.")
    with pytest.raises(ActionRefused, match="signed off already"):
        cpd_sign_off(actor=team.manager.user, entry=entry, impact_discussion="Rewritten")


def test_the_session_page_tells_a_third_party_what_is_withheld_and_why(client, team) -> None:
    from html import unescape

    from django.urls import reverse

    from supervise.files.services.third_party import redaction_decide, redaction_request_make

    session = finalised_record(team, confidential=False)
    entry = session.entries.get(heading="wellbeing")
    request = redaction_request_make(actor=team.worker.user, entry=entry, reason="Private")
    auditor = f.UserFactory(organisation=team.org, roles=["quality_assurance"])
    grant = access_request_make(
        actor=auditor, subject=team.worker, purpose=AccessPurpose.AUDIT, reason="Audit"
    )
    access_request_decide(
        actor=team.head.user, request=grant, approve=True, expires_on=timezone.localdate()
    )
    url = reverse("sessions:detail", args=[session.pk])
    client.force_login(auditor)
    html = client.get(url).content.decode()
    assert "Withheld while a request to remove it is decided." in html
    assert "A health matter" not in html
    assert "PQ module" in html
    director = f.UserFactory(organisation=team.org, roles=["assistant_director"])
    redaction_decide(actor=director, request=request, grant=True, reason="HR advice")
    html = unescape(client.get(url).content.decode())
    assert "Removed at the supervisee's request: decided by the Assistant Director" in html
    assert "A health matter" not in html
    # The supervisee reads their own record whole.
    client.force_login(team.worker.user)
    html = client.get(url).content.decode()
    assert "A health matter" in html
    assert "Withheld while" not in html


def test_a_confidential_section_is_not_even_mentioned_to_a_third_party(client, team) -> None:
    from django.urls import reverse

    session = finalised_record(team, confidential=True)
    auditor = f.UserFactory(organisation=team.org, roles=["quality_assurance"])
    grant = access_request_make(
        actor=auditor, subject=team.worker, purpose=AccessPurpose.AUDIT, reason="Audit"
    )
    access_request_decide(
        actor=team.head.user, request=grant, approve=True, expires_on=timezone.localdate()
    )
    client.force_login(auditor)
    html = client.get(reverse("sessions:detail", args=[session.pk])).content.decode()
    assert "Wellbeing" not in html
    assert "Withheld" not in html
    assert "PQ module" in html
