"""Agreements through the views: drafted from the template by the supervisor, changed while a
draft, signed and sent, e-signed by the supervisee; read by both and the chain above (audited);
refused to everyone else."""

from __future__ import annotations

import pytest
from django.urls import reverse

from supervise.agreements.models import Agreement, AgreementStatus
from supervise.audit.models import AuditEntry
from tests.conftest import Team
from tests.web.agreements.helpers import FORM, draft, sent
from tests.web.record.helpers import page_text

pytestmark = pytest.mark.django_db


def url(name, pk) -> str:  # type: ignore[no-untyped-def]
    key = "staff_id" if name == "new" else "pk"
    return reverse(f"agreements:{name}", kwargs={key: pk})


# --- new ------------------------------------------------------------------------------------------


def test_the_form_is_prefilled_from_the_template_and_the_policy(client, team) -> None:
    client.force_login(team.manager.user)
    response = client.get(url("new", team.worker.pk))
    assert response.status_code == 200
    text = page_text(response)
    assert "A private space, booked well in advance" in text  # Hull's policy
    assert 'value="90"' in text
    assert 'value="P1M" checked' in text  # Hull: monthly for an experienced worker
    assert 'value="new_relationship" checked' in text
    assert "at least every month" in text
    assert 'value="P2M"' not in text  # never less often than the policy


def test_drafting_calls_the_service(client, team) -> None:
    client.force_login(team.manager.user)
    response = client.post(url("new", team.worker.pk), {**FORM, "frequency": "P14D"})
    agreement = Agreement.objects.get()
    assert response["Location"] == url("detail", agreement.pk)
    assert agreement.status == AgreementStatus.DRAFT
    assert agreement.frequency == "P14D"
    assert agreement.venue == "Room 2, Guildhall"
    assert agreement.supervisor == team.manager


def test_errors_are_shown_and_what_was_typed_is_kept(client, team) -> None:
    client.force_login(team.manager.user)
    response = client.post(
        url("new", team.worker.pk), {**FORM, "venue": "", "duration_minutes": "ten"}
    )
    assert response.status_code == 200
    text = page_text(response)
    assert "Enter where you will meet" in text
    assert "How long each session lasts must be a number of minutes" in text
    assert "Talk first, then the service manager" in text
    assert not Agreement.objects.exists()


def test_a_frequency_less_often_than_the_policy_is_refused(client, team) -> None:
    client.force_login(team.manager.user)
    response = client.post(url("new", team.worker.pk), {**FORM, "frequency": "P2M"})
    assert response.status_code == 200
    assert "Select a valid choice" in page_text(response)
    assert not Agreement.objects.exists()


@pytest.mark.parametrize("who", ["other_worker", "other_manager"])
def test_only_for_my_own_supervisees(client, team, who) -> None:
    target = getattr(team, who)
    client.force_login(team.manager.user)
    assert client.get(url("new", target.pk)).status_code == 404
    assert client.post(url("new", target.pk), FORM).status_code == 404
    assert not Agreement.objects.exists()


def test_a_practitioner_is_not_a_supervisor(client, team) -> None:
    client.force_login(team.worker.user)
    assert client.get(url("new", team.colleague.pk)).status_code == 403


def test_another_organisations_staff_gives_404(client, team) -> None:
    elsewhere = Team(slug="other-org")
    client.force_login(team.manager.user)
    assert client.get(url("new", elsewhere.worker.pk)).status_code == 404


# --- detail ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["manager", "worker", "head"])
def test_both_parties_and_the_chain_above_read_it(client, team, who) -> None:
    agreement = sent(team)
    person = getattr(team, who)
    client.force_login(person.user)
    response = client.get(url("detail", agreement.pk))
    assert response.status_code == 200
    text = page_text(response)
    assert "Every month" in text
    assert "Waiting for signatures" in text
    assert "not signed yet" in text  # the supervisee
    entry = AuditEntry.objects.filter(action="agreement.viewed").last()
    assert entry.actor_id == person.user.pk
    assert entry.object_id == str(agreement.pk)


@pytest.mark.parametrize("who", ["colleague", "other_manager", "other_worker"])
def test_everyone_else_gets_404(client, team, who) -> None:
    agreement = sent(team)
    client.force_login(getattr(team, who).user)
    assert client.get(url("detail", agreement.pk)).status_code == 404


def test_another_organisation_gets_404(client, team) -> None:
    agreement = sent(team)
    client.force_login(Team(slug="other-org").manager.user)
    for name in ("detail", "edit", "send", "sign"):
        assert client.get(url(name, agreement.pk)).status_code == 404


# --- edit -----------------------------------------------------------------------------------------


def test_the_supervisor_changes_the_draft(client, team) -> None:
    agreement = draft(team)
    client.force_login(team.manager.user)
    assert "Change the agreement" in page_text(client.get(url("edit", agreement.pk)))
    data = {k: v for k, v in FORM.items() if k != "reason"}
    response = client.post(url("edit", agreement.pk), {**data, "other_terms": "Notes shared"})
    assert response.status_code == 302
    agreement.refresh_from_db()
    assert agreement.other_terms == "Notes shared"


def test_edit_errors_keep_the_text(client, team) -> None:
    agreement = draft(team)
    client.force_login(team.manager.user)
    data = {k: v for k, v in FORM.items() if k != "reason"}
    response = client.post(url("edit", agreement.pk), {**data, "preparation": "", "venue": "Kept"})
    assert "Enter how you will both prepare" in page_text(response)
    assert 'value="Kept"' in page_text(response)


def test_a_sent_agreement_cannot_be_changed(client, team) -> None:
    agreement = sent(team)
    client.force_login(team.manager.user)
    response = client.post(url("edit", agreement.pk), {**FORM, "venue": "Elsewhere"}, follow=True)
    assert "while it is a draft" in page_text(response)
    agreement.refresh_from_db()
    assert agreement.venue != "Elsewhere"


def test_the_supervisee_cannot_change_the_draft(client, team) -> None:
    agreement = draft(team)
    client.force_login(team.worker.user)
    response = client.post(url("edit", agreement.pk), {**FORM, "venue": "Pub"}, follow=True)
    assert "Only the supervisor can change an agreement" in page_text(response)


# --- send and sign --------------------------------------------------------------------------------


def test_the_supervisor_signs_and_sends(client, team) -> None:
    agreement = draft(team)
    client.force_login(team.manager.user)
    assert "By sending you sign this agreement" in page_text(client.get(url("send", agreement.pk)))
    response = client.post(url("send", agreement.pk), follow=True)
    assert "You signed the agreement and sent it to Alex Worker" in page_text(response)
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.AWAITING_SIGNATURES
    assert agreement.supervisor_signed_at is not None


@pytest.mark.parametrize("who", ["worker", "head"])
def test_send_is_refused_to_others(client, team, who) -> None:
    agreement = draft(team)
    client.force_login(getattr(team, who).user)
    response = client.post(url("send", agreement.pk), follow=True)
    assert "Only the supervisor can send" in page_text(response)
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.DRAFT


def test_the_supervisee_e_signs(client, team) -> None:
    agreement = sent(team)
    client.force_login(team.worker.user)
    assert "By signing you agree" in page_text(client.get(url("sign", agreement.pk)))
    response = client.post(url("sign", agreement.pk), follow=True)
    text = page_text(response)
    assert "It is now in force" in text
    assert "In force" in text
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.SIGNED
    assert agreement.supervisee_signed_at is not None
    assert AuditEntry.objects.filter(action="agreement.signed", object_id=str(agreement.pk))


@pytest.mark.parametrize("who", ["manager", "head"])
def test_sign_is_refused_to_others(client, team, who) -> None:
    agreement = sent(team)
    client.force_login(getattr(team, who).user)
    response = client.post(url("sign", agreement.pk), follow=True)
    assert "Only the supervisee can sign this agreement" in page_text(response)
    agreement.refresh_from_db()
    assert agreement.supervisee_signed_at is None


def test_sign_gives_404_to_the_colleague(client, team) -> None:
    agreement = sent(team)
    client.force_login(team.colleague.user)
    assert client.post(url("sign", agreement.pk)).status_code == 404


def test_a_draft_cannot_be_signed_by_the_supervisee(client, team) -> None:
    agreement = draft(team)
    client.force_login(team.worker.user)
    client.post(url("sign", agreement.pk))
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.DRAFT


def test_each_missing_term_says_what_to_enter_in_words() -> None:
    """ "Enter confidentiality" says nothing: each message says what is missing."""
    from supervise.agreements.forms import TERM_TEXTS

    for name, label, _, missing in TERM_TEXTS:
        if name == "other_terms":
            assert missing == ""  # optional
            continue
        assert missing.startswith("Enter ")
        assert missing != f"Enter {label.lower()}" or len(label.split()) > 2, name
