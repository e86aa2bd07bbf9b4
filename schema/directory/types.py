"""GraphQL types of the partner directory: organisations, services, relationships, the network."""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum

import strawberry

from grants.models import MunicipalityProfile as ProfileRow
from grants.models import Organisation as OrganisationRow
from grants.models import OrganisationKind as OrganisationKindEnum
from grants.models import Relationship as RelationshipRow
from grants.models import RelationshipKind as RelationshipKindEnum
from grants.models import Service as ServiceRow
from grants.pagination import slice_page
from schema.base.connection import Connection
from schema.base.node import Node, to_global_id
from schema.base.text import Lang, localized
from schema.programme.types import FundingArea

OrganisationKind = strawberry.enum(OrganisationKindEnum, name="OrganisationKind")
RelationshipKind = strawberry.enum(RelationshipKindEnum, name="RelationshipKind")


@strawberry.enum
class Direction(Enum):
    OUTGOING = "OUTGOING"
    INCOMING = "INCOMING"
    BOTH = "BOTH"


@strawberry.type
class Address:
    street: str | None
    postal_code: str
    locality: str
    canton: str | None


@strawberry.type
class MunicipalityProfile:
    bfs_number: int
    population: int | None
    foreign_national_share: float | None = strawberry.field(
        description="Share of foreign nationals in the resident population, 0..1."
    )
    communis_since: int | None = strawberry.field(
        description="Participation in the municipal integration-strategy project (communis), if any."
    )
    district: str | None
    population_year: int | None = strawberry.field(description="The year population and share refer to.")
    source: str | None = strawberry.field(description="Where the figures come from.")

    @classmethod
    def from_row(cls, row: ProfileRow) -> MunicipalityProfile:
        """The GraphQL view of a municipality profile."""
        share = row.foreign_national_share
        return cls(
            bfs_number=row.bfs_number,
            population=row.population,
            foreign_national_share=float(share) if share is not None else None,
            communis_since=row.communis_since,
            district=row.district,
            population_year=row.population_year,
            source=row.source,
        )


@strawberry.type(description="A partner of the integration network.")
class Organisation(Node):
    id: strawberry.ID
    slug: str
    acronym: str | None
    kind: OrganisationKindEnum
    phone: str | None
    email: str | None
    website: str | None
    languages: list[str] = strawberry.field(
        description="Languages (ISO 639 codes) in which the organisation serves people."
    )
    is_sample: bool = strawberry.field(description="True for illustrative example data, not a real partner.")
    note: str | None = strawberry.field(description="What in this record is fact and what is illustrative.")
    row: strawberry.Private[OrganisationRow]

    @strawberry.field
    def name(self, info: strawberry.Info, lang: Lang = None) -> str:
        return localized(self.row.name, lang, info) or self.slug

    @strawberry.field
    def description(self, info: strawberry.Info, lang: Lang = None) -> str | None:
        return localized(self.row.description, lang, info)

    @strawberry.field(
        description="When the organisation left the network; it stays in the history of its "
        "applications and relationships. Null while it takes part."
    )
    def retired_at(self) -> datetime | None:
        return self.row.retired_at

    @strawberry.field
    def address(self) -> Address | None:
        row = self.row
        if not (row.postal_code and row.locality):
            return None
        return Address(
            street=row.street, postal_code=row.postal_code, locality=row.locality, canton=row.canton
        )

    @strawberry.field
    async def services(
        self, info: strawberry.Info, first: int | None = None, after: str | None = None
    ) -> Connection[Service]:
        rows = await info.context.loaders.services_by_organisation.load(self.row.id)
        return Connection.from_page(
            slice_page(rows, kind="Service", first=first, after=after), Service.from_row
        )

    @strawberry.field
    async def relationships(
        self,
        info: strawberry.Info,
        kind: RelationshipKindEnum | None = None,
        direction: Direction | None = Direction.BOTH,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[Relationship]:
        rows = await info.context.loaders.relationships_by_organisation.load(self.row.id)
        # a null direction means BOTH, like the default
        chosen = [
            row
            for row in rows
            if (kind is None or row.kind == kind)
            and (direction is not Direction.OUTGOING or row.source_id == self.row.id)
            and (direction is not Direction.INCOMING or row.target_id == self.row.id)
        ]
        page = slice_page(chosen, kind="Relationship", first=first, after=after)
        return Connection.from_page(page, Relationship.from_row)

    @strawberry.field(description="Set for municipalities.")
    async def municipality(self, info: strawberry.Info) -> MunicipalityProfile | None:
        if self.row.kind is not OrganisationKindEnum.MUNICIPALITY:
            return None
        profile = await info.context.loaders.municipality_profile.load(self.row.id)
        return MunicipalityProfile.from_row(profile) if profile else None

    @classmethod
    def from_row(cls, row: OrganisationRow) -> Organisation:
        """The GraphQL view of an organisation row."""
        return cls(
            id=to_global_id("Organisation", row.id),
            slug=row.slug,
            acronym=row.acronym,
            kind=row.kind,
            phone=row.phone,
            email=row.email,
            website=row.website,
            languages=list(row.languages),
            is_sample=row.is_sample,
            note=row.note,
            row=row,
        )


async def _organisation(info: strawberry.Info, organisation_id: int) -> Organisation:
    row = await info.context.loaders.organisation.load(organisation_id)
    return Organisation.from_row(row)


@strawberry.type(description="A service (Angebot) an organisation offers.")
class Service(Node):
    id: strawberry.ID
    slug: str
    languages: list[str]
    is_sample: bool
    note: str | None
    row: strawberry.Private[ServiceRow]

    @strawberry.field
    def name(self, info: strawberry.Info, lang: Lang = None) -> str:
        return localized(self.row.name, lang, info) or self.slug

    @strawberry.field
    def description(self, info: strawberry.Info, lang: Lang = None) -> str | None:
        return localized(self.row.description, lang, info)

    @strawberry.field
    async def provider(self, info: strawberry.Info) -> Organisation:
        return await _organisation(info, self.row.provider_id)

    @strawberry.field
    async def funding_area(self, info: strawberry.Info) -> FundingArea | None:
        if self.row.funding_area_id is None:
            return None
        area = await info.context.loaders.funding_area.load(self.row.funding_area_id)
        return FundingArea.from_row(area) if area else None

    @classmethod
    def from_row(cls, row: ServiceRow) -> Service:
        """The GraphQL view of a service row."""
        return cls(
            id=to_global_id("Service", row.id),
            slug=row.slug,
            languages=list(row.languages),
            is_sample=row.is_sample,
            note=row.note,
            row=row,
        )


@strawberry.type(description="A typed, directed relationship: source —kind→ target.")
class Relationship(Node):
    id: strawberry.ID
    kind: RelationshipKindEnum
    since: date | None
    is_sample: bool
    row: strawberry.Private[RelationshipRow]

    @strawberry.field
    async def source(self, info: strawberry.Info) -> Organisation:
        return await _organisation(info, self.row.source_id)

    @strawberry.field
    async def target(self, info: strawberry.Info) -> Organisation:
        return await _organisation(info, self.row.target_id)

    @strawberry.field
    def description(self, info: strawberry.Info, lang: Lang = None) -> str | None:
        return localized(self.row.description, lang, info)

    @classmethod
    def from_row(cls, row: RelationshipRow) -> Relationship:
        """The GraphQL view of a relationship row."""
        return cls(
            id=to_global_id("Relationship", row.id),
            kind=row.kind,
            since=row.since,
            is_sample=row.is_sample,
            row=row,
        )


@strawberry.type(description="Partners within some steps of a root, and the relationships between them.")
class PartnerNetwork:
    organisations: list[Organisation]
    relationships: list[Relationship]
