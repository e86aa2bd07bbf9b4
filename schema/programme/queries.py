"""Programme queries: the KIP phases, their funding areas and the indicators."""

from __future__ import annotations

import strawberry

from grants import programmes
from grants.models import Indicator as IndicatorRow
from schema.programme.types import FundingArea, Indicator, Programme


@strawberry.type
class ProgrammeQuery:
    @strawberry.field(description="The programme phases KIP1, KIP2, KIP2bis, KIP3, oldest first.")
    async def programmes(self) -> list[Programme]:
        return [Programme.from_row(row) for row in await programmes.list_programmes()]

    @strawberry.field
    async def programme(self, code: str) -> Programme | None:
        row = await programmes.programme_by_code(code)
        return Programme.from_row(row) if row else None

    @strawberry.field(description="Every funding area of every phase.")
    async def funding_areas(self) -> list[FundingArea]:
        return [FundingArea.from_row(row) for row in await programmes.list_funding_areas()]

    @strawberry.field(description="The figures the programme plans and reports.")
    async def indicators(self) -> list[Indicator]:
        rows: list[IndicatorRow] = await programmes.list_indicators()
        return [Indicator.from_row(row) for row in rows]
