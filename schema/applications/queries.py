"""Application queries, scoped by viewer: a refused read is null or an empty list, never a hint."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import strawberry

from grants import applications
from grants.models import ApplicationStatus
from schema.applications.types import Application
from schema.base.connection import Connection
from schema.base.node import pk_of

strawberry.enum(
    applications.ApplicationOrderField,
    name="ApplicationOrderField",
    description="What applications can be sorted by: CREATED_AT (start of the draft), SUBMITTED_AT "
    "(latest submission; never-submitted drafts last), DEADLINE (the call's closing time), STATUS "
    "(grouped by status, alphabetically).",
)


@strawberry.enum(description="Sort direction.")
class OrderDirection(Enum):
    ASC = "ASC"
    DESC = "DESC"


@strawberry.input(description="How to sort applications; ties keep the order of creation.")
class ApplicationOrder:
    field: applications.ApplicationOrderField
    direction: OrderDirection = OrderDirection.ASC


@strawberry.input
class ApplicationFilter:
    status: list[ApplicationStatus] | None = None
    call: strawberry.ID | None = None
    funding_area: str | None = None
    applicant: strawberry.ID | None = None
    search: str | None = None


@strawberry.type
class ApplicationQuery:
    @strawberry.field(
        description="Applications the viewer may see: an applicant its organisation's, staff those "
        "submitted at least once; anonymous callers none."
    )
    async def applications(
        self,
        info: strawberry.Info,
        filter: ApplicationFilter | None = None,
        first: int | None = None,
        after: str | None = None,
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
        return Connection.from_page(page, Application.from_row)

    @strawberry.field
    async def application(self, info: strawberry.Info, reference: str) -> Application | None:
        row = await applications.find(info.context.actor, reference=reference)
        return Application.from_row(row) if row else None
