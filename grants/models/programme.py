"""Programme phases (KIP1 … KIP3), their funding areas and pillars, and indicators."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.models import Model

from grants.models.keys import KeyField

if TYPE_CHECKING:
    from grants.models.directory import Organisation


class Pillar(StrEnum):
    """The three pillars of the cantonal integration programmes."""

    INFORMATION_AND_COUNSELLING = "INFORMATION_AND_COUNSELLING"
    EDUCATION_AND_WORK = "EDUCATION_AND_WORK"
    UNDERSTANDING_AND_SOCIAL_INTEGRATION = "UNDERSTANDING_AND_SOCIAL_INTEGRATION"


class FundingArea(Model):
    """A Förderbereich (KIP1 and KIP2 share eight, KIP3 has seven of its own)."""

    id = fields.IntField(primary_key=True)
    code = KeyField(max_length=64, unique=True)
    name: dict[str, str] = fields.JSONField()
    pillar = fields.CharEnumField(Pillar, max_length=48)
    position = fields.IntField(default=0)

    programmes: fields.ManyToManyRelation[Programme]

    class Meta:
        table = "funding_area"
        ordering = ("position", "id")


class Programme(Model):
    """A KIP phase such as KIP2 (2018–2021)."""

    id = fields.IntField(primary_key=True)
    code = KeyField(max_length=16, unique=True)
    name: dict[str, str] = fields.JSONField()
    start_year = fields.IntField()
    end_year = fields.IntField()
    funding_areas: fields.ManyToManyRelation[FundingArea] = fields.ManyToManyField(
        "models.FundingArea", related_name="programmes", through="programme_funding_area"
    )
    # The office that runs the phase (the canton's integration office): the portal takes the
    # canton's name, address and contact from here instead of writing them into templates.
    owner: fields.ForeignKeyNullableRelation[Organisation] = fields.ForeignKeyField(
        "models.Organisation",
        related_name="owned_programmes",
        null=True,
        on_delete=fields.SET_NULL,
        description="The office that runs the phase, null if not recorded.",
    )
    owner_id: int | None

    class Meta:
        table = "programme"
        ordering = ("start_year", "id")


class Indicator(Model):
    """A Kennzahl whose targets and actuals are reported, e.g. COUNSELLING_SESSIONS."""

    id = fields.IntField(primary_key=True)
    code = KeyField(max_length=64, unique=True)
    name: dict[str, str] = fields.JSONField()
    position = fields.IntField(default=0)

    class Meta:
        table = "indicator"
        ordering = ("position", "id")
