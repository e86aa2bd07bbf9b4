"""Application queries, scoped by viewer: a refused read is null or an empty list, never a hint."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import strawberry

from grants import applications
from grants.models import ApplicationStatus
from schema.applications.prefetch import prefetch_applications
from schema.applications.types import Application
from schema.base.connection import After, Connection, First
from schema.base.node import pk_of

strawberry.enum(applications.ApplicationOrderField, name="ApplicationOrderField")


@strawberry.enum(description="Sort direction.")
class OrderDirection(Enum):
    ASC = strawberry.enum_value("ASC", description="Ascending: earliest or A first.")
    DESC = strawberry.enum_value("DESC", description="Descending: latest or Z first.")


@strawberry.input(description="How to sort applications; ties keep the order of creation.")
class ApplicationOrder:
    field: applications.ApplicationOrderField = strawberry.field(description="What to sort by.")
    direction: OrderDirection = strawberry.field(
        default=OrderDirection.ASC, description="Which way; default ascending."
    )


@strawberry.input(description="What an application list is narrowed to; every part given must hold.")
class ApplicationFilter:
    status: list[ApplicationStatus] | None = strawberry.field(
        default=None, description="Only applications in one of these statuses; null or empty: any."
    )
    call: strawberry.ID | None = strawberry.field(
        default=None, description="Only those under this call (its global ID)."
    )
    funding_area: str | None = strawberry.field(
        default=None, description="Only those in this funding area (its code, e.g. KIP3_LANGUAGE)."
    )
    applicant: strawberry.ID | None = strawberry.field(
        default=None, description="Only those of this organisation (its global ID)."
    )
    search: str | None = strawberry.field(
        default=None,
        description="Words in the reference or title, ignoring case and accents; every word must occur.",
    )


@strawberry.type
class ApplicationQuery:
    @strawberry.field(
        description="Applications the viewer may see: an applicant its organisation's, staff those "
        "submitted at least once; anonymous callers none. Keyset-paged: a cursor keeps its place while "
        "applications are added."
    )
    async def applications(
        self,
        info: strawberry.Info,
        filter: Annotated[
            ApplicationFilter | None,
            strawberry.argument(description="What to list; default: every application you may see."),
        ] = None,
        first: First = None,
        after: After = None,
        order_by: Annotated[
            ApplicationOrder | None,
            strawberry.argument(
                description="Default: newest first for applicants, oldest submission first for staff."
            ),
        ] = None,
    ) -> Connection[Application] | None:
        wanted = filter or ApplicationFilter()
        order = (
            applications.ApplicationOrder(
                order_by.field, descending=order_by.direction is OrderDirection.DESC
            )
            if order_by is not None
            else None
        )
        page = await applications.list_applications(
            actor=info.context.actor,
            filter=applications.ApplicationFilter(
                statuses=wanted.status or (),
                call_id=pk_of(wanted.call, "FundingCall") or 0 if wanted.call else None,
                funding_area=wanted.funding_area,
                applicant_id=pk_of(wanted.applicant, "Organisation") or 0 if wanted.applicant else None,
                search=wanted.search,
            ),
            first=first,
            after=after,
            order=order,
        )
        await prefetch_applications(info, page.items, "edges.node")
        return Connection.from_page(page, Application.from_row)

    @strawberry.field(
        description="One application by its reference; null if there is none or you may not see it (no "
        "hint which)."
    )
    async def application(
        self,
        info: strawberry.Info,
        reference: Annotated[str, strawberry.argument(description="Its reference, e.g. KIP-2026-0042.")],
    ) -> Application | None:
        row = await applications.find(info.context.actor, reference=reference)
        return Application.from_row(row) if row else None
