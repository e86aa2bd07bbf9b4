"""Programme queries: the KIP phases, their funding areas and the indicators."""

from __future__ import annotations

from typing import Annotated

import strawberry

from grants import programmes
from grants.models import Indicator as IndicatorRow
from grants.programmes import SWISS_TIME
from schema.programme.types import FundingArea, Indicator, Programme


@strawberry.type
class ProgrammeQuery:
    @strawberry.field(description="The programme phases KIP1, KIP2, KIP2bis, KIP3, oldest first.")
    async def programmes(self) -> list[Programme]:
        return [Programme.from_row(row) for row in await programmes.list_programmes()]

    @strawberry.field(description="One programme phase; null if no phase has the code.")
    async def programme(
        self, code: Annotated[str, strawberry.argument(description="Its code, e.g. KIP3.")]
    ) -> Programme | None:
        row = await programmes.programme_by_code(code)
        return Programme.from_row(row) if row else None

    @strawberry.field(
        description="The phase running this year, else the latest that has begun, else the first; "
        "null if there is none. Its `owner` is the office running the programme."
    )
    async def current_programme(self, info: strawberry.Info) -> Programme | None:
        # the year in Switzerland, where the programme runs (New Year's Eve is already next year there)
        row = await programmes.current_programme(info.context.now().astimezone(SWISS_TIME).year)
        return Programme.from_row(row) if row else None

    @strawberry.field(
        description="Every funding area of every phase (a phase's own: `Programme.fundingAreas`)."
    )
    async def funding_areas(self) -> list[FundingArea]:
        return [FundingArea.from_row(row) for row in await programmes.list_funding_areas()]

    @strawberry.field(
        description="The figures the programme plans (application targets) and reports (project actuals)."
    )
    async def indicators(self) -> list[Indicator]:
        rows: list[IndicatorRow] = await programmes.list_indicators()
        return [Indicator.from_row(row) for row in rows]
