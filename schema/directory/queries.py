"""Directory queries: lists with filters, single partners, the network and paths between partners."""

from __future__ import annotations

from typing import Annotated

import strawberry

from grants.directory import queries
from grants.directory.graph import MAX_NETWORK_DEPTH, MAX_PATH_LENGTH
from grants.models import OrganisationKind as OrganisationKindEnum
from grants.models import RelationshipKind as RelationshipKindEnum
from schema.base.connection import After, Connection, First
from schema.directory.prefetch import prefetch_organisations
from schema.directory.types import Organisation, PartnerNetwork, Relationship, Service

#: What the directory's `search` arguments match, and how.
SEARCH = "ignoring case and accents (auslanderdienst finds Ausländerdienst); every word must occur"
#: The `language` filter of directory lists.
LANGUAGE = "an ISO 639-1 code, e.g. ti; another value is refused with INVALID"
#: The `fundingArea` filter of directory lists.
FUNDING_AREA = "a funding area code, e.g. COUNSELLING; an unknown code is refused with INVALID"


@strawberry.input(
    description="What an organisation list is narrowed to; every part is optional, all must hold."
)
class OrganisationFilter:
    kind: list[OrganisationKindEnum] | None = strawberry.field(
        default=None,
        description="Only organisations of these kinds (any of them); null or empty: every kind.",
    )
    search: str | None = strawberry.field(
        default=None,
        description=f"Words in names, acronym, slug, locality, descriptions and services, {SEARCH}.",
    )
    language: str | None = strawberry.field(
        default=None,
        description=f"Only organisations that serve people in this language, themselves or through a "
        f"service: {LANGUAGE}.",
    )
    funding_area: str | None = strawberry.field(
        default=None, description=f"Only organisations with a service in this funding area: {FUNDING_AREA}."
    )
    include_retired: bool = strawberry.field(
        default=False, description="Also organisations that have left the network (retiredAt set)."
    )


@strawberry.type
class DirectoryQuery:
    @strawberry.field(
        description="Partners of the network, alphabetical by German name (ignoring case and accents), "
        "keyset-paged: a cursor keeps its place while partners are added. Public; retired ones on request."
    )
    async def organisations(
        self,
        info: strawberry.Info,
        filter: Annotated[
            OrganisationFilter | None,
            strawberry.argument(description="What to list; default: every partner."),
        ] = None,
        first: First = None,
        after: After = None,
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
        await prefetch_organisations(info, page.items, "edges.node")
        return Connection.from_page(page, Organisation.from_row)

    @strawberry.field(
        description="One organisation, retired ones included; null if no organisation has the slug."
    )
    async def organisation(
        self, slug: Annotated[str, strawberry.argument(description='Its slug, e.g. "ald".')]
    ) -> Organisation | None:
        row = await queries.organisation_by_slug(slug)
        return Organisation.from_row(row) if row else None

    @strawberry.field(
        description="The subgraph of partner relationships within `depth` steps of `root` (a slug)."
    )
    async def partner_network(
        self,
        info: strawberry.Info,
        root_slug: Annotated[
            str, strawberry.argument(name="root", description="Slug of the organisation to start from.")
        ],
        depth: Annotated[
            int | None,
            strawberry.argument(
                description=f"How many steps out, 0 to {MAX_NETWORK_DEPTH}, either direction; null means 1."
            ),
        ] = 1,
        kinds: Annotated[
            list[RelationshipKindEnum] | None,
            strawberry.argument(description="Follow only relationships of these kinds; default: every kind."),
        ] = None,
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
        description="The shortest chain of relationships between two organisations, each followed in "
        f"either direction, from `from` to `to`; empty if none is at most {MAX_PATH_LENGTH} steps long."
    )
    async def relationship_path(
        self,
        from_: Annotated[
            str, strawberry.argument(name="from", description="Slug of the first organisation.")
        ],
        to: Annotated[str, strawberry.argument(description="Slug of the last organisation.")],
    ) -> list[Relationship] | None:
        rows = await queries.relationship_path(source=from_, target=to)
        return [Relationship.from_row(row) for row in rows]

    @strawberry.field(
        description="Services of every organisation, alphabetical by German name, keyset-paged; every "
        "filter given must hold."
    )
    async def services(
        self,
        language: Annotated[
            str | None,
            strawberry.argument(description=f"Only services offered in this language: {LANGUAGE}."),
        ] = None,
        funding_area: Annotated[
            str | None,
            strawberry.argument(description=f"Only services in this funding area: {FUNDING_AREA}."),
        ] = None,
        search: Annotated[
            str | None,
            strawberry.argument(
                description=f"Words in the service's texts or its provider's name and acronym, {SEARCH}."
            ),
        ] = None,
        first: First = None,
        after: After = None,
    ) -> Connection[Service] | None:
        page = await queries.list_services(
            filter=queries.DirectoryFilter(search=search, language=language, funding_area=funding_area),
            first=first,
            after=after,
        )
        return Connection.from_page(page, Service.from_row)
