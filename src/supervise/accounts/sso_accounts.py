"""Which account a single sign-on identity is: existing accounts of the configured organisation,
linked by the provider's subject once known, otherwise found by email address (then linked)."""

from __future__ import annotations

import re
from typing import Any

from django.db import transaction

from supervise.accounts.models import User
from supervise.accounts.oidc import Identity, Provider, SingleSignOnError
from supervise.audit.services import audit_record
from supervise.organisations.models import Organisation


@transaction.atomic
def account_for(config: Provider, identity: Identity) -> Any:
    organisation = Organisation.objects.filter(slug=config.organisation).first()
    if organisation is None:
        raise SingleSignOnError("organisation_not_found")
    members = User.objects.select_for_update().filter(organisation=organisation)
    linked = list(members.filter(single_sign_on_subject=identity.subject)[:2])
    if len(linked) == 1:
        user = linked[0]
    else:
        by_email = list(members.filter(email__iexact=identity.email)[:2])
        if len(by_email) > 1:
            raise SingleSignOnError("several_accounts_have_this_email")
        if not by_email:
            if not config.create_users:
                raise SingleSignOnError("no_account")
            return _create(organisation, identity)
        user = by_email[0]
        if user.single_sign_on_subject and user.single_sign_on_subject != identity.subject:
            # The address now belongs to someone else at the provider: never hand them this
            # account. An administrator clears the link if the provider re-created the person.
            raise SingleSignOnError("subject_mismatch")
        if not user.single_sign_on_subject:
            user.single_sign_on_subject = identity.subject
            user.save(update_fields=["single_sign_on_subject"])
            audit_record(
                action="account.single_sign_on_linked",
                actor=user,
                organisation=organisation,
                obj=user,
            )
    if not user.is_active:
        raise SingleSignOnError("account_disabled")
    return user


def _username_from(email: str) -> str:
    base = re.sub(r"[^\w.@+-]", "", email.lower())[:140] or "user"
    candidate, n = base, 1
    while User.objects.filter(username=candidate).exists():
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def _create(organisation: Organisation, identity: Identity) -> Any:
    """A new account with no roles and no password: it can see nothing until an administrator
    links it to a staff record or grants a role."""
    claims = identity.claims
    user = User(
        username=_username_from(identity.email),
        email=identity.email,
        first_name=str(claims.get("given_name", ""))[:150],
        last_name=str(claims.get("family_name", ""))[:150],
        organisation=organisation,
        single_sign_on_subject=identity.subject,
    )
    user.set_unusable_password()
    user.save()
    audit_record(
        action="account.created_by_single_sign_on",
        actor=None,
        organisation=organisation,
        obj=user,
    )
    return user
