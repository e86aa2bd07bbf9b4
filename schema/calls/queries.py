"""Queries of funding calls."""

from __future__ import annotations

import strawberry

from grants import calls
from grants.calls import CallStatus
from schema.calls.types import FundingCall


@strawberry.type
class CallQuery:
    @strawberry.field(description="Calls in order of opening, optionally only those with a status now.")
    async def funding_calls(
        self, info: strawberry.Info, status: CallStatus | None = None
    ) -> list[FundingCall] | None:
        rows = await calls.list_calls(status=status, now=info.context.now())
        return [FundingCall.from_row(row) for row in rows]
