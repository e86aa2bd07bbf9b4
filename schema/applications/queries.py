"""Application queries, scoped by viewer: a refused read is null or an empty list, never a hint."""

from __future__ import annotations

import strawberry

from grants import applications
from grants.models import ApplicationStatus
from schema.applications.types import Application
from schema.base.connection import Connection
from schema.base.node import pk_of


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
        description="Applications the viewer may see: an applicant its organisation's, staff all but drafts."
    )
    async def applications(
        self,
        info: strawberry.Info,
        filter: ApplicationFilter | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[Application]:
        wanted = filter or ApplicationFilter()
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
        )
        return Connection.from_page(page, Application.from_row)

    @strawberry.field
    async def application(self, info: strawberry.Info, reference: str) -> Application | None:
        row = await applications.find(info.context.actor, reference=reference)
        return Application.from_row(row) if row else None
