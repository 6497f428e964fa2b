"""What case discussions record, by team: shares of the discussions written in supervision that
record what the authority's case template asks for; imported ones left out; the columns are
the pack's own; each viewer counts only their scope."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from supervise.accounts.models import Role
from supervise.sessions.models import CaseDiscussion
from supervise.sessions.services import discussion_save
from tests import factories as f
from tests.web.compliance.conftest import granted
from tests.web.compliance.test_overview import table_rows, text
from tests.web.team.helpers import held, today

pytestmark = pytest.mark.django_db
QUALITY = reverse("compliance:quality")


@pytest.fixture
def discussions(team, places):  # type: ignore[no-untyped-def]
    reflective = held(team, today() - timedelta(days=20))
    discussion_save(actor=team.manager.user, session=reflective, child=team.child, fields={
        "childs_voice": "Wants to stay with Nan", "reflection": "We keep missing dad",
        "analysis": "Risk is rising when contact is unplanned", "decisions": "Plan contact",
    })  # fmt: skip
    second = f.ChildFactory(organisation=team.org, name="Second Child")
    f.AllocationFactory(child=second, staff=team.worker)
    task_list = held(team, today() - timedelta(days=10))
    discussion_save(actor=team.manager.user, session=task_list, child=second,
                    fields={"decisions": "Visit weekly"})  # fmt: skip
    # Imported: the export says the child was discussed, not what was said.
    imported = held(team, today() - timedelta(days=5))
    CaseDiscussion.objects.create(organisation=team.org, session=imported, child=team.child)


def test_the_shares_by_team_for_the_packs_template(client, team, discussions) -> None:
    client.force_login(granted(team.org, Role.QUALITY_ASSURANCE))
    response = client.get(QUALITY, {"months": "3"})
    page = text(response)
    assert "Case discussions: what they record" in page
    # Hull's template: child's voice, reflection and analysis, direction of risk, what needs
    # to happen, equality and diversity, decisions.
    rows = table_rows(response, "quality-caption")
    assert rows[0] == ["Alpha Team", "2", "50%", "50%", "0%", "0%", "0%", "100%"]
    assert rows[-1] == ["All teams", "2", "50%", "50%", "0%", "0%", "0%", "100%"]
    assert "supervision recordings should demonstrate" in page  # the policy's sentence


def test_another_authoritys_template_has_its_own_columns(client, team, discussions) -> None:
    team.org.policy = "hertfordshire"  # reflective cycle and equality only
    team.org.save(update_fields=["policy"])
    client.force_login(granted(team.org, Role.QUALITY_ASSURANCE))
    page = text(client.get(QUALITY, {"months": "3"}))
    assert "Reflection and analysis" in page
    assert "The child's voice" not in page
    assert "What needs to happen" not in page


def test_a_manager_counts_their_chain_only(client, team, discussions) -> None:
    client.force_login(team.other_manager.user)
    page = text(client.get(QUALITY))
    assert "No case discussions were written in supervision in this period." in page
    client.force_login(team.manager.user)
    assert "Alpha Team 2" in text(client.get(QUALITY))
    client.force_login(team.worker.user)
    assert client.get(QUALITY).status_code in (403, 404)
