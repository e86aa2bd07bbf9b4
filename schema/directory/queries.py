"""Directory queries: lists with filters, single partners, the network and paths between partners."""

from __future__ import annotations

from typing import Annotated

import strawberry

from grants.directory import queries
from grants.models import OrganisationKind as OrganisationKindEnum
from grants.models import RelationshipKind as RelationshipKindEnum
from schema.base.connection import Connection
from schema.directory.types import Organisation, PartnerNetwork, Relationship, Service


@strawberry.input
class OrganisationFilter:
    kind: list[OrganisationKindEnum] | None = None
    search: str | None = strawberry.field(
        default=None, description="Full-text search over names, acronyms, descriptions and services."
    )
    language: str | None = strawberry.field(
        default=None, description="Only organisations that serve people in this language."
    )
    funding_area: str | None = strawberry.field(
        default=None, description="Only organisations with a service in this funding area (code)."
    )
    include_retired: bool = strawberry.field(
        default=False, description="Also organisations that have left the network (retiredAt set)."
    )


@strawberry.type
class DirectoryQuery:
    @strawberry.field(description="Partners of the network in alphabetical order; at most 100 per page.")
    async def organisations(
        self,
        info: strawberry.Info,
        filter: OrganisationFilter | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[Organisation] | None:
        wanted = filter or OrganisationFilter()
        page = await queries.list_organisations(
            filter=queries.DirectoryFilter(
                kinds=wanted.kind or (),
                search=wanted.search,
                language=wanted.language,
                funding_area=wanted.funding_area,
                include_retired=wanted.include_retired,
            ),
            first=first,
            after=after,
        )
        for row in page.items:  # nested providers and relationship ends are often on the page itself
            info.context.loaders.organisation.prime(row.id, row)
        return Connection.from_page(page, Organisation.from_row)

    @strawberry.field
    async def organisation(self, slug: str) -> Organisation | None:
        row = await queries.organisation_by_slug(slug)
        return Organisation.from_row(row) if row else None

    @strawberry.field(
        description="The subgraph of partner relationships within `depth` steps of `root` (a slug)."
    )
    async def partner_network(
        self,
        info: strawberry.Info,
        root_slug: Annotated[str, strawberry.argument(name="root")],
        depth: int | None = 1,
        kinds: list[RelationshipKindEnum] | None = None,
    ) -> PartnerNetwork | None:
        network = await queries.partner_network(
            root=root_slug, depth=1 if depth is None else depth, kinds=kinds or ()
        )
        for row in network.organisations:  # the relationships' ends are these: no second query
            info.context.loaders.organisation.prime(row.id, row)
        return PartnerNetwork(
            organisations=[Organisation.from_row(row) for row in network.organisations],
            relationships=[Relationship.from_row(row) for row in network.relationships],
        )

    @strawberry.field(
        description="The shortest chain of relationships between two organisations (slugs), "
        "either direction; empty if none."
    )
    async def relationship_path(
        self, from_: Annotated[str, strawberry.argument(name="from")], to: str
    ) -> list[Relationship] | None:
        rows = await queries.relationship_path(source=from_, target=to)
        return [Relationship.from_row(row) for row in rows]

    @strawberry.field
    async def services(
        self,
        language: str | None = None,
        funding_area: str | None = None,
        search: str | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[Service] | None:
        page = await queries.list_services(
            filter=queries.DirectoryFilter(search=search, language=language, funding_area=funding_area),
            first=first,
            after=after,
        )
        return Connection.from_page(page, Service.from_row)
