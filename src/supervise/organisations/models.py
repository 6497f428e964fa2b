"""Organisations: one per authority, each a separate tenant with its own policy pack."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import models

from supervise.policy.pack import Pack, PackError, load_pack, parse_pack


def default_case_record_roles() -> list[str]:
    return ["quality_assurance"]


class Organisation(models.Model):
    """An authority's children's services. Nothing of one organisation is visible from another."""

    slug = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=200)
    policy = models.CharField(
        max_length=60,
        help_text="The slug of the policy pack this organisation follows.",
    )
    pack_toml = models.TextField(
        blank=True,
        help_text="The organisation's own pack file (docs/pack-format.md), when it does not "
        "use one of the built-in packs.",
    )
    case_record_roles = models.JSONField(
        default=default_case_record_roles,
        blank=True,
        help_text="Roles (besides the allocated worker and their management chain) that may "
        "read children's case supervision entries.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        try:
            self.load_pack()
        except PackError as error:
            raise ValidationError({"policy": str(error)}) from error

    def load_pack(self) -> Pack:
        if self.pack_toml:
            return parse_pack(self.pack_toml, Path(f"{self.slug}.toml (stored)"))
        return load_pack(self.policy)

    @cached_property
    def pack(self) -> Pack:
        return self.load_pack()


class Team(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="teams")
    name = models.CharField(max_length=200)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="team_name_unique_in_org")
        ]

    def __str__(self) -> str:
        return self.name
