"""GraphQL types of programme phases, funding areas, indicators and money."""

from __future__ import annotations

from decimal import Decimal

import strawberry

from grants.models import FundingArea as FundingAreaRow
from grants.models import Indicator as IndicatorRow
from grants.models import Pillar as PillarEnum
from grants.models import Programme as ProgrammeRow
from grants.reports import programme_report
from schema.base.node import Node, to_global_id
from schema.base.text import Lang, localized

Pillar = strawberry.enum(PillarEnum, name="Pillar")


@strawberry.type(description="An amount of money, exact to the centime.")
class Money:
    amount: Decimal
    currency: str = "CHF"


@strawberry.type(description="A funding area (Förderbereich) of one or more programme phases.")
class FundingArea(Node):
    code: str
    pillar: PillarEnum
    row: strawberry.Private[FundingAreaRow]

    @strawberry.field
    def name(self, info: strawberry.Info, lang: Lang = None) -> str:
        return localized(self.row.name, lang, info) or self.code

    @classmethod
    def from_row(cls, row: FundingAreaRow) -> FundingArea:
        """The GraphQL view of a funding area row."""
        return cls(id=to_global_id("FundingArea", row.id), code=row.code, pillar=row.pillar, row=row)


@strawberry.type(description="A figure the programme plans and reports, e.g. COUNSELLING_SESSIONS.")
class Indicator:
    code: str
    row: strawberry.Private[IndicatorRow]

    @strawberry.field
    def name(self, info: strawberry.Info, lang: Lang = None) -> str:
        return localized(self.row.name, lang, info) or self.code

    @classmethod
    def from_row(cls, row: IndicatorRow) -> Indicator:
        """The GraphQL view of an indicator row."""
        return cls(code=row.code, row=row)


@strawberry.type
class IndicatorTotal:
    indicator: Indicator
    total: int


@strawberry.type
class FundingAreaReport:
    funding_area: FundingArea
    measure_count: int
    awarded: Money


@strawberry.type(description="Figures of a programme phase, or of one year of it.")
class ProgrammeReport:
    programme: Programme
    year: int | None
    measure_count: int = strawberry.field(description="Funded measures and projects in the period.")
    awarded: Money
    by_funding_area: list[FundingAreaReport]
    indicators: list[IndicatorTotal]


@strawberry.type(description="A phase of the cantonal integration programme, e.g. KIP2 (2018–2021).")
class Programme(Node):
    code: str = strawberry.field(description="e.g. KIP1, KIP2")
    start_year: int
    end_year: int
    row: strawberry.Private[ProgrammeRow]

    @strawberry.field
    def name(self, info: strawberry.Info, lang: Lang = None) -> str:
        return localized(self.row.name, lang, info) or self.code

    @strawberry.field
    async def funding_areas(self, info: strawberry.Info) -> list[FundingArea]:
        rows = await info.context.loaders.funding_areas_by_programme.load(self.row.id)
        return [FundingArea.from_row(row) for row in rows]

    @strawberry.field(
        description="Measures, awarded money and indicator totals; the whole phase without `year`."
    )
    async def report(self, year: int | None = None) -> ProgrammeReport:
        figures = await programme_report(programme=self.row, year=year)
        return ProgrammeReport(
            programme=self,
            year=figures.year,
            measure_count=figures.measure_count,
            awarded=Money(amount=figures.awarded),
            by_funding_area=[
                FundingAreaReport(
                    funding_area=FundingArea.from_row(area.funding_area),
                    measure_count=area.measure_count,
                    awarded=Money(amount=area.awarded),
                )
                for area in figures.by_funding_area
            ],
            indicators=[
                IndicatorTotal(indicator=Indicator.from_row(indicator), total=total)
                for indicator, total in figures.indicators
            ],
        )

    @classmethod
    def from_row(cls, row: ProgrammeRow) -> Programme:
        """The GraphQL view of a programme row."""
        return cls(
            id=to_global_id("Programme", row.id),
            code=row.code,
            start_year=row.start_year,
            end_year=row.end_year,
            row=row,
        )
