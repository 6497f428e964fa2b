"""A new agreement starts from the pack's `[agreement_template]`: each authority's own terms (the
words of its policy), the frequency the policy asks of the supervisee, and empty terms where the
policy says nothing. An organisation's own pack changes the starting terms."""

from __future__ import annotations

import pytest
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from supervise.agreements.frequency import canonical
from supervise.agreements.models import Agreement
from supervise.agreements.selectors import policy_frequency
from supervise.agreements.services import agreement_draft, template_terms
from supervise.policy.pack import AGREEMENT_TERMS, BUILT_IN, load_pack
from tests.conftest import Team
from tests.policy.world import pack_text
from tests.web.record.helpers import page_text

pytestmark = pytest.mark.django_db

WRITTEN = [t for t in AGREEMENT_TERMS if t not in ("frequency", "duration_minutes")]


def new_page(client: Client, team: Team) -> HttpResponse:
    client.force_login(team.manager.user)
    response = client.get(reverse("agreements:new", kwargs={"staff_id": team.worker.pk}))
    assert response.status_code == 200
    return response


@pytest.mark.parametrize("slug", BUILT_IN)
def test_a_new_agreement_starts_with_its_packs_terms(slug: str) -> None:
    team = Team(policy=slug, slug=f"org-{slug}")
    template = load_pack(slug).agreement_template
    assert template is not None
    agreement = agreement_draft(
        actor=team.manager.user,
        supervisee=team.worker,
        reason=Agreement.Reason.NEW_RELATIONSHIP,
        terms={},
    )
    for name in WRITTEN:
        term = template.terms.get(name)
        assert getattr(agreement, name) == (term.text if term else ""), name
    length = template.terms.get("duration_minutes")
    assert agreement.duration_minutes == (length.minutes if length else None)
    assert agreement.frequency == ""  # follows the policy: the supervisee's own interval


@pytest.mark.parametrize("slug", BUILT_IN)
def test_the_new_agreement_page_starts_from_the_packs_terms_and_says_whose(
    client: Client, slug: str
) -> None:
    team = Team(policy=slug, slug=f"org-{slug}")
    pack = load_pack(slug)
    text = page_text(new_page(client, team))
    assert escape(pack.authority) in text
    for name, value in template_terms(pack).items():
        assert escape(str(value)) in text, name
    interval, _ = policy_frequency(team.worker, timezone.localdate())
    assert f'value="{canonical(interval)}" checked' in text  # the supervisee's own frequency
    assert "A private room where case details cannot be overheard" not in text  # the old words


def test_the_five_packs_start_differently() -> None:
    venues = {slug: template_terms(load_pack(slug)).get("venue") for slug in BUILT_IN}
    written = [v for v in venues.values() if v]
    assert len(set(written)) == len(written) >= 3
    assert "5 working days" in template_terms(load_pack("hull"))["cancellation_arrangements"]
    assert "not confidential" in template_terms(load_pack("bath-ne-somerset"))["confidentiality"]


def test_a_term_the_policy_is_silent_on_starts_empty_and_says_so(client: Client) -> None:
    team = Team(policy="york", slug="york")
    assert "venue" not in template_terms(team.org.pack)
    response = new_page(client, team)
    assert not response.context["form"]["venue"].value()
    assert "The policy does not say: agree this between you." in page_text(response)


def test_an_organisations_own_pack_changes_the_starting_terms(client: Client) -> None:
    team = Team(policy="hull", slug="ours")
    hull_venue = template_terms(load_pack("hull"))["venue"]
    team.org.pack_toml = (
        pack_text("hull")
        .replace(hull_venue, "The quiet room on the second floor of the Guildhall.")
        .replace("minutes = 90", "minutes = 60")
    )
    team.org.full_clean()
    team.org.save()
    agreement = agreement_draft(
        actor=team.manager.user,
        supervisee=team.worker,
        reason=Agreement.Reason.NEW_RELATIONSHIP,
        terms={},
    )
    assert agreement.venue == "The quiet room on the second floor of the Guildhall."
    assert agreement.duration_minutes == 60
    text = page_text(new_page(client, team))
    assert "The quiet room on the second floor of the Guildhall." in text
    assert escape(hull_venue) not in text


def test_a_pack_without_a_template_starts_empty(client: Client) -> None:
    team = Team(policy="hull", slug="bare")
    text = pack_text("hull")
    team.org.pack_toml = text[: text.index("# The supervision agreement's starting terms")]
    team.org.save()
    assert team.org.pack.agreement_template is None
    agreement = agreement_draft(
        actor=team.manager.user,
        supervisee=team.worker,
        reason=Agreement.Reason.NEW_RELATIONSHIP,
        terms={},
    )
    assert agreement.venue == ""
    assert agreement.duration_minutes is None
    assert "has no agreement template" in page_text(new_page(client, team))
