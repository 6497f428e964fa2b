"""Creating organisations and changing their policy pack."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.db import transaction

from supervise.audit.services import audit_record
from supervise.organisations.models import Organisation
from supervise.policy.pack import BUILT_IN, PackError, load_pack


class OrganisationError(ValueError):
    pass


def _pack_authority(policy: str) -> str | None:
    try:
        return load_pack(policy).authority
    except PackError:
        return None


def _pack_fields(policy: str) -> dict[str, str]:
    try:
        pack = load_pack(policy)
    except PackError as error:
        raise OrganisationError(str(error)) from error
    if policy in BUILT_IN:
        return {"policy": pack.slug, "pack_toml": ""}
    return {"policy": pack.slug, "pack_toml": Path(policy).read_text(encoding="utf-8")}


@transaction.atomic
def organisation_create(*, slug: str, name: str, policy: str, actor: Any = None) -> Organisation:
    if Organisation.objects.filter(slug=slug).exists():
        raise OrganisationError(f"an organisation {slug!r} already exists")
    organisation = Organisation.objects.create(slug=slug, name=name, **_pack_fields(policy))
    audit_record(
        action="organisation.created",
        actor=actor,
        organisation=organisation,
        obj=organisation,
        detail={"policy": organisation.policy},
    )
    return organisation


@transaction.atomic
def organisation_set_policy(
    *, organisation: Organisation, policy: str, actor: Any = None
) -> Organisation:
    fields = _pack_fields(policy)
    if fields["policy"] == organisation.policy and fields["pack_toml"] == organisation.pack_toml:
        return organisation
    before = organisation.policy
    for key, value in fields.items():
        setattr(organisation, key, value)
    organisation.save(update_fields=list(fields))
    organisation.__dict__.pop("pack", None)
    audit_record(
        action="organisation.policy_changed",
        actor=actor,
        organisation=organisation,
        obj=organisation,
        detail={"from": before, "to": organisation.policy},
    )
    return organisation


def organisation_for_import(
    *, slug: str, policy: str | None, name: str | None = None
) -> Organisation:
    """The organisation to import into: created when new (which needs a policy)."""
    organisation = Organisation.objects.filter(slug=slug).first()
    if organisation is None:
        if not policy:
            raise OrganisationError(
                f"there is no organisation {slug!r} yet: give --policy to create it"
            )
        # Without --name, the pack's authority names it (as `check` does in its report).
        return organisation_create(
            slug=slug, name=name or _pack_authority(policy) or slug, policy=policy
        )
    if policy:
        organisation_set_policy(organisation=organisation, policy=policy)
    return organisation
