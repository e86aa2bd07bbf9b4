"""The partner directory: organisations, municipality profiles, services and relationships."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.models import Model

from grants.models.keys import KeyField

if TYPE_CHECKING:
    from grants.models.programme import FundingArea


class OrganisationKind(StrEnum):
    """What kind of actor an organisation is in the integration network."""

    FEDERAL_OFFICE = "FEDERAL_OFFICE"
    CANTONAL_OFFICE = "CANTONAL_OFFICE"
    MUNICIPALITY = "MUNICIPALITY"
    NGO = "NGO"
    ASSOCIATION = "ASSOCIATION"
    FOUNDATION = "FOUNDATION"
    OTHER = "OTHER"


class RelationshipKind(StrEnum):
    """The type of a directed edge between two organisations."""

    COORDINATES = "COORDINATES"
    FUNDS = "FUNDS"
    OPERATIONAL_PARTNER = "OPERATIONAL_PARTNER"
    REPORTS_TO = "REPORTS_TO"
    COOPERATES_WITH = "COOPERATES_WITH"
    MEMBER_OF = "MEMBER_OF"


class Organisation(Model):
    """A partner (Akteur) of the integration network."""

    id = fields.IntField(primary_key=True)
    slug = KeyField(max_length=80, unique=True)
    kind = fields.CharEnumField(OrganisationKind, max_length=24, db_index=True)
    acronym = fields.CharField(max_length=32, null=True)
    name: dict[str, str] = fields.JSONField()
    description: dict[str, str] = fields.JSONField(default=dict)
    street = fields.CharField(max_length=200, null=True)
    postal_code = fields.CharField(max_length=16, null=True)
    locality = fields.CharField(max_length=100, null=True)
    canton = fields.CharField(max_length=2, null=True)
    phone = fields.CharField(max_length=40, null=True)
    email = fields.CharField(max_length=200, null=True)
    website = fields.CharField(max_length=300, null=True)
    languages: list[str] = fields.JSONField(default=list)
    # The language kipnet writes to it in (decision letters): one of the portal's, whatever it serves in.
    correspondence_language = fields.CharField(
        max_length=2, default="de", description="The language of letters to it: de, fr, it or en."
    )
    is_sample = fields.BooleanField(default=False)
    note = fields.TextField(null=True)
    # shown beside the name where the organisation runs the programme (the portal's header)
    logo_svg: str | None = fields.TextField(
        null=True, description="Its logo as an SVG document, null if none."
    )
    # Set instead of deleting an organisation that applications, awards or relationships refer to.
    retired_at = fields.DatetimeField(null=True)
    # Derived, maintained by grants.directory.indexing: ordering, accent-free search, language filter.
    sort_name = KeyField(max_length=300, db_index=True)
    search_text = fields.TextField(default="")
    language_tags = fields.TextField(default="")
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    services: fields.ReverseRelation[Service]
    outgoing: fields.ReverseRelation[Relationship]
    incoming: fields.ReverseRelation[Relationship]
    municipality: fields.BackwardOneToOneRelation[MunicipalityProfile]

    class Meta:
        table = "organisation"
        ordering = ("sort_name", "id")


class MunicipalityProfile(Model):
    """Statistics of a municipality (Einwohnergemeinde), one per municipality organisation."""

    id = fields.IntField(primary_key=True)
    organisation: fields.OneToOneRelation[Organisation] = fields.OneToOneField(
        "models.Organisation", related_name="municipality", on_delete=fields.CASCADE
    )
    bfs_number = fields.IntField(unique=True)
    organisation_id: int
    district = fields.CharField(max_length=64, null=True)
    population = fields.IntField(null=True)
    foreign_national_share = fields.DecimalField(max_digits=5, decimal_places=4, null=True)
    population_year = fields.IntField(null=True)
    communis_since = fields.IntField(null=True)
    source = fields.TextField(null=True)

    class Meta:
        table = "municipality_profile"


class Service(Model):
    """An Angebot offered by an organisation, in some languages and one funding area."""

    id = fields.IntField(primary_key=True)
    slug = KeyField(max_length=80, unique=True)
    provider: fields.ForeignKeyRelation[Organisation] = fields.ForeignKeyField(
        "models.Organisation", related_name="services", on_delete=fields.CASCADE
    )
    funding_area: fields.ForeignKeyNullableRelation[FundingArea] = fields.ForeignKeyField(
        "models.FundingArea", related_name="services", null=True, on_delete=fields.SET_NULL
    )
    name: dict[str, str] = fields.JSONField()
    description: dict[str, str] = fields.JSONField(default=dict)
    languages: list[str] = fields.JSONField(default=list)
    is_sample = fields.BooleanField(default=False)
    note = fields.TextField(null=True)
    sort_name = KeyField(max_length=300, db_index=True)
    search_text = fields.TextField(default="")
    language_tags = fields.TextField(default="")
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    provider_id: int
    funding_area_id: int | None

    class Meta:
        table = "service"
        ordering = ("sort_name", "id")


class Relationship(Model):
    """A typed, directed edge: source —kind→ target."""

    id = fields.IntField(primary_key=True)
    source: fields.ForeignKeyRelation[Organisation] = fields.ForeignKeyField(
        "models.Organisation", related_name="outgoing", on_delete=fields.CASCADE
    )
    target: fields.ForeignKeyRelation[Organisation] = fields.ForeignKeyField(
        "models.Organisation", related_name="incoming", on_delete=fields.CASCADE
    )
    kind = fields.CharEnumField(RelationshipKind, max_length=24)
    since = fields.DateField(null=True)
    description: dict[str, str] = fields.JSONField(default=dict)
    is_sample = fields.BooleanField(default=False)
    created_at = fields.DatetimeField(auto_now_add=True)

    source_id: int
    target_id: int

    class Meta:
        table = "relationship"
        unique_together = (("source", "target", "kind"),)
        ordering = ("id",)
