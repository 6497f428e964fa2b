"""How often supervision happens: one wording for every stored value, one choice per period in
the form, and a form whose limit and hint come from the policy (the supervisee's category), not
from the agreement in force."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from supervise.agreements.frequency import (
    allowed_frequencies,
    canonical,
    frequency_choices,
    frequency_words,
)
from supervise.agreements.models import Agreement
from supervise.agreements.selectors import policy_frequency
from tests import factories as f
from tests.web.agreements.helpers import FORM, draft, signed_on
from tests.web.record.helpers import page_text

ON = date(2026, 3, 2)


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("", "as the policy requires"),
        (None, "as the policy requires"),
        ("P7D", "every week"),
        ("P1W", "every week"),
        ("P14D", "every 2 weeks"),
        ("P21D", "every 3 weeks"),
        ("P3W", "every 3 weeks"),
        ("P4W", "every 4 weeks"),
        ("P28D", "every 4 weeks"),
        ("P1M", "every month"),
        ("P6W", "every 6 weeks"),
        ("P2M", "every 2 months"),
        ("P10D", "every 10 days"),
    ],
)
def test_every_stored_frequency_has_words(value, words) -> None:
    assert frequency_words(value) == words


@pytest.mark.parametrize(
    ("value", "form_value"),
    [("P3W", "P21D"), ("P4W", "P28D"), ("P2W", "P14D"), ("P1W", "P7D"), ("P42D", "P6W")],
)
def test_equivalent_periods_are_one_choice(value, form_value) -> None:
    assert canonical(value) == form_value


def test_the_choices_have_one_radio_per_period_and_reach_the_policy() -> None:
    choices = frequency_choices("P1M", ON, agreed="P3W")
    labels = [label for _, label in choices]
    assert labels == [
        "Every week",
        "Every 2 weeks",
        "Every 3 weeks",
        "Every 4 weeks",
        "Every month",
    ]
    assert [value for value, _ in choices] == ["P7D", "P14D", "P21D", "P28D", "P1M"]


def test_the_choices_depend_on_the_policy_not_on_a_common_agreement() -> None:
    monthly = allowed_frequencies("P1M", ON)
    for agreed in ("", "P21D", "P3W", "P4W", "P14D", "P1M", "P6W"):
        assert allowed_frequencies("P1M", ON, agreed) == monthly, agreed
    # An unusual stricter agreed value is kept as a choice; a longer one is not offered.
    assert "P10D" in allowed_frequencies("P1M", ON, "P10D")
    assert "P6W" not in allowed_frequencies("P1M", ON, "P6W")


def test_the_hint_words_a_category_without_its_own_interval_as_my_team_does() -> None:
    from supervise.agreements.forms import hint
    from supervise.agreements.selectors import FrequencyTerms

    why = "qualified under 12 months: the pack's general minimum applies"
    assert hint(FrequencyTerms("P1M", why, None)) == (
        "The policy asks for supervision at least every month (qualified under 12 months, "
        "general minimum). The agreement can make it more often than the policy, never less often."
    )


def test_a_policy_of_three_weeks_is_offered_once() -> None:
    # Bath & NE Somerset write P21D; a pack writing P3W must not add a second "every 3 weeks".
    assert allowed_frequencies("P3W", ON) == ["P7D", "P14D", "P21D"]


# --- the form -------------------------------------------------------------------------------------


def new_form(client, team) -> str:  # type: ignore[no-untyped-def]
    client.force_login(team.manager.user)
    return page_text(client.get(reverse("agreements:new", kwargs={"staff_id": team.worker.pk})))


def radio_labels(text: str) -> list[str]:
    """The frequency radios' labels, in order."""
    return re.findall(r'for="id_frequency_\d+">([^<]*)</label>', text)


def three_weekly(team) -> Agreement:  # type: ignore[no-untyped-def]
    """Alex Worker, experienced (supervised last week), under a three-weekly agreement."""
    day = timezone.localdate() - timedelta(days=7)
    f.SessionFactory(
        supervisor=team.manager, supervisee=team.worker, status="held", scheduled_on=day,
        held_on=day, record_status="finalised",
    )  # fmt: skip
    return signed_on(team, timezone.localdate() - timedelta(days=100), frequency="P3W")


@pytest.mark.django_db
def test_a_three_weekly_agreement_does_not_narrow_the_renewal(client, team) -> None:
    three_weekly(team)
    text = new_form(client, team)
    labels = radio_labels(text)
    assert labels.count("Every 3 weeks") == 1, labels
    assert "Every 4 weeks" in labels
    assert "Every month" in labels
    assert "Every 6 weeks" not in labels  # never less often than the policy
    # Hull asks monthly for an experienced worker; the 3 weeks is the agreement's.
    assert "The policy asks for supervision at least every month (experienced)." in text
    assert "The current agreement says every 3 weeks." in text
    assert "at least every 3 weeks" not in text
    assert 'value="P21D" checked' in text  # a renewal keeps the agreed terms unless changed


@pytest.mark.django_db
def test_a_renewal_can_go_back_to_monthly(client, team) -> None:
    three_weekly(team)
    client.force_login(team.manager.user)
    response = client.post(
        reverse("agreements:new", kwargs={"staff_id": team.worker.pk}),
        {**FORM, "reason": "annual_review", "frequency": "P1M"},
    )
    assert response.status_code == 302
    assert Agreement.objects.get(status="draft").frequency == "P1M"


@pytest.mark.django_db
def test_every_supervisee_under_the_same_policy_gets_the_same_choices(client, team) -> None:
    without = radio_labels(new_form(client, team))
    three_weekly(team)
    assert radio_labels(new_form(client, team)) == without


@pytest.mark.django_db
def test_the_hint_gives_the_policys_interval_for_the_supervisees_category(client, team) -> None:
    team.worker.asye = True
    team.worker.started_on = timezone.localdate() - timedelta(days=10)
    team.worker.qualified_on = team.worker.started_on
    team.worker.save()
    assert policy_frequency(team.worker, timezone.localdate())[0] == "P7D"
    text = new_form(client, team)
    assert "at least every week (ASYE, first 6 weeks)." in text
    assert radio_labels(text) == ["Every week"]
    assert "current agreement" not in text  # none in force


@pytest.mark.django_db
def test_an_agreement_leaving_it_to_the_policy_is_said_so(client, team) -> None:
    agreement = signed_on(team, timezone.localdate() - timedelta(days=100), frequency="")
    assert "The current agreement leaves it to the policy." in new_form(client, team)
    client.force_login(team.worker.user)
    detail = page_text(client.get(reverse("agreements:detail", kwargs={"pk": agreement.pk})))
    assert "As the policy requires" in detail


@pytest.mark.django_db
def test_a_draft_saved_as_weeks_is_checked_in_the_edit_form(client, team) -> None:
    agreement = draft(team)
    agreement.frequency = "P3W"
    agreement.save()
    client.force_login(team.manager.user)
    text = page_text(client.get(reverse("agreements:edit", kwargs={"pk": agreement.pk})))
    assert 'value="P21D" checked' in text
    detail = page_text(client.get(reverse("agreements:detail", kwargs={"pk": agreement.pk})))
    assert "Every 3 weeks" in detail
    assert "P3W" not in detail
