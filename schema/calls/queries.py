"""Queries of funding calls."""

from __future__ import annotations

from typing import Annotated

import strawberry

from grants import calls
from grants.calls import CallStatus
from schema.calls.types import FundingCall


@strawberry.type
class CallQuery:
    @strawberry.field(description="Every funding call, in order of opening; public.")
    async def funding_calls(
        self,
        info: strawberry.Info,
        status: Annotated[
            CallStatus | None,
            strawberry.argument(description="Only calls with this status now; default: all."),
        ] = None,
    ) -> list[FundingCall] | None:
        rows = await calls.list_calls(status=status, now=info.context.now())
        return [FundingCall.from_row(row) for row in rows]
