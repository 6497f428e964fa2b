"""Separation of duties (security review): an administrator grants roles, so they may not change
their own, and the administrator role cannot be held with a role that approves third-party
access to supervision files (senior manager) or decides redactions (the Assistant Director):
otherwise one person could grant themselves access and approve it. Refused on the service (a
ValidationError on `roles`) and on the pages (an error on the roles field); changes that are
allowed are audited as before."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from supervise.accounts.administration import account_create, account_roles_set
from supervise.accounts.models import Role, RoleGrant, User
from supervise.audit.models import AuditEntry
from tests import factories as f
from tests.conftest import Team

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(team: Team) -> User:
    return f.UserFactory(organisation=team.org, roles=[Role.ADMINISTRATOR], first_name="Ada")


def roles_of(user: User) -> set[str]:
    return set(RoleGrant.objects.filter(user=user).values_list("role", flat=True))


@pytest.mark.parametrize(
    "extra",
    [Role.SENIOR_MANAGER, Role.HR, Role.QUALITY_ASSURANCE, Role.ASSISTANT_DIRECTOR],
)
def test_an_administrator_cannot_grant_themselves_a_role(admin: User, extra: str) -> None:
    with pytest.raises(ValidationError) as refused:
        account_roles_set(actor=admin, user=admin, roles={Role.ADMINISTRATOR, extra})
    assert "roles" in refused.value.error_dict
    assert roles_of(admin) == {Role.ADMINISTRATOR}
    assert not AuditEntry.objects.filter(action="account.roles_changed").exists()


@pytest.mark.parametrize("approver", [Role.SENIOR_MANAGER, Role.ASSISTANT_DIRECTOR])
def test_the_administrator_role_is_not_held_with_an_approving_role(
    team: Team, admin: User, approver: str
) -> None:
    user = team.worker.user
    with pytest.raises(ValidationError, match="Administrator cannot be given with"):
        account_roles_set(actor=admin, user=user, roles={Role.ADMINISTRATOR, approver})
    assert roles_of(user) == set()
    # Either alone is fine, and audited as before.
    account_roles_set(actor=admin, user=user, roles={approver})
    assert roles_of(user) == {approver}
    with pytest.raises(ValidationError, match="Administrator cannot be given with"):
        account_roles_set(actor=admin, user=user, roles={approver, Role.ADMINISTRATOR})
    row = AuditEntry.objects.filter(action="account.roles_changed").latest("id")
    assert row.detail == {"granted": [approver], "withdrawn": []}


def test_nor_given_to_someone_whose_post_makes_them_a_senior_manager(
    team: Team, admin: User
) -> None:
    with pytest.raises(ValidationError, match="their post makes them a senior manager"):
        account_roles_set(actor=admin, user=team.head.user, roles={Role.ADMINISTRATOR})
    assert roles_of(team.head.user) == set()


def test_nor_at_the_accounts_creation(admin: User) -> None:
    with pytest.raises(ValidationError, match="Administrator cannot be given with"):
        account_create(
            actor=admin, username="two.hats", first_name="Two", last_name="Hats", email="",
            roles={Role.ADMINISTRATOR, Role.SENIOR_MANAGER},
        )  # fmt: skip
    assert not User.objects.filter(username="two.hats").exists()


def test_the_page_shows_the_error_on_the_roles_field(
    client: Client, team: Team, admin: User
) -> None:
    client.force_login(admin)
    url = f"/organisation/people/{team.worker.user.pk}/"
    response = client.post(url, {"roles": [Role.ADMINISTRATOR, Role.SENIOR_MANAGER]})
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert 'href="#id_roles_0"' in html  # the summary links to the roles field
    assert 'id="id_roles-error"' in html
    assert "Administrator cannot be given with Senior manager" in html
    assert roles_of(team.worker.user) == set()
    new = client.post("/organisation/people/new/", {
        "first_name": "Two", "last_name": "Hats", "username": "two.hats",
        "roles": [Role.ADMINISTRATOR, Role.ASSISTANT_DIRECTOR],
    })  # fmt: skip
    html = new.content.decode()
    assert 'id="id_roles-error"' in html
    assert "Administrator cannot be given with Assistant Director" in html
    assert not User.objects.filter(username="two.hats").exists()


def test_an_administrator_cannot_change_their_own_roles_on_the_page(
    client: Client, admin: User
) -> None:
    client.force_login(admin)
    url = f"/organisation/people/{admin.pk}/"
    assert (
        "another administrator of your organisation changes them"
        in client.get(url).content.decode()
    )
    html = client.post(url, {"roles": [Role.ADMINISTRATOR, Role.SENIOR_MANAGER]}).content.decode()
    assert "You cannot change your own roles" in html
    assert roles_of(admin) == {Role.ADMINISTRATOR}


def test_another_administrator_may_change_theirs(team: Team, admin: User) -> None:
    other = f.UserFactory(organisation=team.org, roles=[Role.ADMINISTRATOR])
    account_roles_set(actor=other, user=admin, roles={Role.ADMINISTRATOR, Role.INSPECTOR})
    assert roles_of(admin) == {Role.ADMINISTRATOR, Role.INSPECTOR}
    row = AuditEntry.objects.get(action="account.roles_changed")
    assert (row.actor, row.object_id) == (other, str(admin.pk))
