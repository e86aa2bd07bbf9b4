"""GraphQL types of the partner directory: organisations, services, relationships, the network."""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum
from typing import Annotated

import strawberry

from grants.models import Organisation as OrganisationRow
from grants.models import OrganisationKind as OrganisationKindEnum
from grants.models import Relationship as RelationshipRow
from grants.models import RelationshipKind as RelationshipKindEnum
from grants.models import Service as ServiceRow
from grants.pagination import slice_page
from schema.base.connection import After, Connection, First
from schema.base.loading import Later, then
from schema.base.node import Node, to_global_id
from schema.base.text import Lang, localized
from schema.directory.addresses import Address, MunicipalityProfile
from schema.directory.bank_account import SEEN_BY, BankAccount, bank_account_of
from schema.programme.types import FundingArea

OrganisationKind = strawberry.enum(OrganisationKindEnum, name="OrganisationKind")
RelationshipKind = strawberry.enum(RelationshipKindEnum, name="RelationshipKind")


@strawberry.enum(description="Which of an organisation's relationships to list, seen from it.")
class Direction(Enum):
    OUTGOING = strawberry.enum_value("OUTGOING", description="Where it is the source: it —kind→ other.")
    INCOMING = strawberry.enum_value("INCOMING", description="Where it is the target: other —kind→ it.")
    BOTH = strawberry.enum_value("BOTH", description="Both ways (the default).")


@strawberry.type(description="A partner of the integration network.")
class Organisation(Node):
    slug: str = strawberry.field(
        description='Short stable name for links and inputs, e.g. "sem": lower-case words joined by hyphens.'
    )
    acronym: str | None = strawberry.field(description="The usual abbreviation, e.g. SEM; null if none.")
    kind: OrganisationKindEnum = strawberry.field(description="What kind of actor it is.")
    phone: str | None = strawberry.field(description="Public phone number as written; null if none.")
    email: str | None = strawberry.field(description="Public contact e-mail address; null if none.")
    website: str | None = strawberry.field(description="Public website (http or https); null if none.")
    languages: list[str] = strawberry.field(
        description="Languages (ISO 639-1 codes, e.g. de, ti) in which it serves people."
    )
    correspondence_language: str = strawberry.field(
        description="The language kipnet writes its letters to it in (decision letters): de, fr, it or en."
    )
    is_sample: bool = strawberry.field(description="True for illustrative example data, not a real partner.")
    note: str | None = strawberry.field(description="What in this record is fact and what is illustrative.")
    bank_account: BankAccount | None = strawberry.field(resolver=bank_account_of, description=SEEN_BY)
    row: strawberry.Private[OrganisationRow]

    @strawberry.field(description="The name in the chosen language, else in German.")
    def name(self, info: strawberry.Info, lang: Lang = None) -> str:
        return localized(self.row.name, lang, info) or self.slug

    @strawberry.field(description="What it does, in the chosen language, else in German; null if none.")
    def description(self, info: strawberry.Info, lang: Lang = None) -> str | None:
        return localized(self.row.description, lang, info)

    @strawberry.field(
        description="Its logo as an SVG document (image/svg+xml) holding only shapes and text: no "
        "scripts, styles or links; null if none."
    )
    def logo_svg(self) -> str | None:
        return self.row.logo_svg

    @strawberry.field(
        description="When the organisation left the network; it stays in the history of its "
        "applications and relationships. Null while it takes part."
    )
    def retired_at(self) -> datetime | None:
        return self.row.retired_at

    @strawberry.field(description="Postal address; null unless postal code and locality are known.")
    def address(self) -> Address | None:
        row = self.row
        if not (row.postal_code and row.locality):
            return None
        return Address(
            street=row.street, postal_code=row.postal_code, locality=row.locality, canton=row.canton
        )

    @strawberry.field(
        description="The services it offers, alphabetical by German name.", graphql_type="Connection[Service]"
    )
    def services(
        self, info: strawberry.Info, first: First = None, after: After = None
    ) -> Later[Connection[Service]]:
        return then(
            info.context.loaders.services_by_organisation.load(self.row.id),
            lambda rows: Connection.from_page(
                slice_page(rows, kind="Service", first=first, after=after), Service.from_row
            ),
        )

    @strawberry.field(
        description="Its relationships with other organisations, oldest entry first.",
        graphql_type="Connection[Relationship]",
    )
    def relationships(
        self,
        info: strawberry.Info,
        kind: Annotated[
            RelationshipKindEnum | None,
            strawberry.argument(description="Only this kind; default: every kind."),
        ] = None,
        direction: Annotated[
            Direction | None, strawberry.argument(description="Which ends to list; null means BOTH.")
        ] = Direction.BOTH,
        first: First = None,
        after: After = None,
    ) -> Later[Connection[Relationship]]:
        me = self.row.id

        def page(rows: list[RelationshipRow]) -> Connection[Relationship]:
            # a null direction means BOTH, like the default
            chosen = [
                row
                for row in rows
                if (kind is None or row.kind == kind)
                and (direction is not Direction.OUTGOING or row.source_id == me)
                and (direction is not Direction.INCOMING or row.target_id == me)
            ]
            return Connection.from_page(
                slice_page(chosen, kind="Relationship", first=first, after=after), Relationship.from_row
            )

        return then(info.context.loaders.relationships_by_organisation.load(me), page)

    @strawberry.field(
        description="The municipality's official figures; null for other kinds.",
        graphql_type=MunicipalityProfile | None,
    )
    def municipality(self, info: strawberry.Info) -> Later[MunicipalityProfile | None]:
        if self.row.kind is not OrganisationKindEnum.MUNICIPALITY:
            return None
        return then(
            info.context.loaders.municipality_profile.load(self.row.id),
            lambda profile: MunicipalityProfile.from_row(profile) if profile else None,
        )

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
            correspondence_language=row.correspondence_language,
            is_sample=row.is_sample,
            note=row.note,
            row=row,
        )


def _organisation(info: strawberry.Info, organisation_id: int) -> Later[Organisation]:
    return then(info.context.loaders.organisation.load(organisation_id), Organisation.from_row)


@strawberry.type(description="A service (Angebot) an organisation offers.")
class Service(Node):
    slug: str = strawberry.field(description="Short stable name, lower-case words joined by hyphens.")
    languages: list[str] = strawberry.field(
        description="Languages (ISO 639-1 codes, e.g. ti) in which the service is offered."
    )
    is_sample: bool = strawberry.field(description="True for illustrative example data, not a real service.")
    note: str | None = strawberry.field(description="What in this record is fact and what is illustrative.")
    row: strawberry.Private[ServiceRow]

    @strawberry.field(description="The name in the chosen language, else in German.")
    def name(self, info: strawberry.Info, lang: Lang = None) -> str:
        return localized(self.row.name, lang, info) or self.slug

    @strawberry.field(description="What it offers, in the chosen language, else in German; null if none.")
    def description(self, info: strawberry.Info, lang: Lang = None) -> str | None:
        return localized(self.row.description, lang, info)

    @strawberry.field(description="The organisation offering it.", graphql_type=Organisation)
    def provider(self, info: strawberry.Info) -> Later[Organisation]:
        return _organisation(info, self.row.provider_id)

    @strawberry.field(
        description="The programme's funding area it belongs to; null if none.",
        graphql_type=FundingArea | None,
    )
    def funding_area(self, info: strawberry.Info) -> Later[FundingArea | None]:
        if self.row.funding_area_id is None:
            return None
        return then(
            info.context.loaders.funding_area.load(self.row.funding_area_id),
            lambda area: FundingArea.from_row(area) if area else None,
        )

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
    kind: RelationshipKindEnum = strawberry.field(description="What the source is or does to the target.")
    since: date | None = strawberry.field(description="When it began; null if not known.")
    is_sample: bool = strawberry.field(
        description="True for an illustrative example, not a real relationship."
    )
    row: strawberry.Private[RelationshipRow]

    @strawberry.field(
        description="The organisation the edge starts from (its subject).", graphql_type=Organisation
    )
    def source(self, info: strawberry.Info) -> Later[Organisation]:
        return _organisation(info, self.row.source_id)

    @strawberry.field(
        description="The organisation the edge points to (its object).", graphql_type=Organisation
    )
    def target(self, info: strawberry.Info) -> Later[Organisation]:
        return _organisation(info, self.row.target_id)

    @strawberry.field(description="What it consists of, in the chosen language, else German; null if none.")
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
    organisations: list[Organisation] = strawberry.field(
        description="The root first, then the others by their distance from it, then alphabetically."
    )
    relationships: list[Relationship] = strawberry.field(
        description="Every relationship of the chosen kinds that touches an organisation fewer than `depth` "
        "steps from the root."
    )
