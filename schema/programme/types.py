"""GraphQL types of programme phases, funding areas, indicators and money."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Annotated

import strawberry

from grants.models import FundingArea as FundingAreaRow
from grants.models import Indicator as IndicatorRow
from grants.models import Pillar as PillarEnum
from grants.models import Programme as ProgrammeRow
from grants.reports import programme_report
from schema.base.node import Node, to_global_id
from schema.base.text import Lang, localized

if TYPE_CHECKING:
    from schema.directory.types import Organisation

Pillar = strawberry.enum(PillarEnum, name="Pillar")


def _organisation_type() -> type[Organisation]:
    """The Organisation type, imported late: the directory's types refer to this module's."""
    from schema.directory.types import Organisation

    return Organisation


@strawberry.type(description="An amount of money in Swiss francs, exact to the centime.")
class Money:
    amount: Decimal = strawberry.field(description='The amount with two decimals, e.g. "1250.50".')
    currency: str = strawberry.field(default="CHF", description="Always CHF.")


@strawberry.type(description="A funding area (Förderbereich) of one or more programme phases.")
class FundingArea(Node):
    code: str = strawberry.field(
        description="Stable code that inputs and filters use, e.g. COUNSELLING or KIP3_LANGUAGE."
    )
    pillar: PillarEnum = strawberry.field(description="The pillar it belongs to.")
    row: strawberry.Private[FundingAreaRow]

    @strawberry.field(description="The name in the chosen language, else in German.")
    def name(self, info: strawberry.Info, lang: Lang = None) -> str:
        return localized(self.row.name, lang, info) or self.code

    @classmethod
    def from_row(cls, row: FundingAreaRow) -> FundingArea:
        """The GraphQL view of a funding area row."""
        return cls(id=to_global_id("FundingArea", row.id), code=row.code, pillar=row.pillar, row=row)


@strawberry.type(description="A figure the programme plans and reports, e.g. COUNSELLING_SESSIONS.")
class Indicator:
    code: str = strawberry.field(description="Stable code that inputs use, e.g. PARTICIPANTS.")
    row: strawberry.Private[IndicatorRow]

    @strawberry.field(description="The name in the chosen language, else in German.")
    def name(self, info: strawberry.Info, lang: Lang = None) -> str:
        return localized(self.row.name, lang, info) or self.code

    @classmethod
    def from_row(cls, row: IndicatorRow) -> Indicator:
        """The GraphQL view of an indicator row."""
        return cls(code=row.code, row=row)


@strawberry.type(description="What the funded measures of a period achieved in one indicator.")
class IndicatorTotal:
    indicator: Indicator = strawberry.field(description="The indicator.")
    total: int = strawberry.field(
        description="Sum over the measures of the actuals in each one's accepted report (the final one, "
        "else the latest interim); 0 if none reported."
    )


@strawberry.type(description="The funded measures of a period in one funding area.")
class FundingAreaReport:
    funding_area: FundingArea = strawberry.field(description="The funding area.")
    measure_count: int = strawberry.field(description="How many funded measures it had in the period.")
    awarded: Money = strawberry.field(description="The sum of their awards.")


@strawberry.type(description="Figures of a programme phase, or of one year of it.")
class ProgrammeReport:
    programme: Programme = strawberry.field(description="The phase reported on.")
    year: int | None = strawberry.field(description="The year reported on; null for the whole phase.")
    measure_count: int = strawberry.field(
        description="Funded measures: approved or closed applications under the phase's calls (with "
        "`year`: those whose project starts in that year)."
    )
    awarded: Money = strawberry.field(description="The sum of their awards.")
    by_funding_area: list[FundingAreaReport] = strawberry.field(
        description="The same per funding area of the phase, every area in the phase's order, empty ones too."
    )
    indicators: list[IndicatorTotal] = strawberry.field(description="Reported totals, one per indicator.")


@strawberry.type(description="A phase of the cantonal integration programme, e.g. KIP2 (2018–2021).")
class Programme(Node):
    code: str = strawberry.field(description="The phase's code: KIP1, KIP2, KIP2bis or KIP3.")
    start_year: int = strawberry.field(description="The first year of the phase, e.g. 2024.")
    end_year: int = strawberry.field(description="The last year of the phase (inclusive), e.g. 2027.")
    row: strawberry.Private[ProgrammeRow]

    @strawberry.field(description="The name in the chosen language, else in German.")
    def name(self, info: strawberry.Info, lang: Lang = None) -> str:
        return localized(self.row.name, lang, info) or self.code

    @strawberry.field(
        description="The office that runs the phase, e.g. the canton's integration office (FIBL), "
        "with its name, address and contact; null if not recorded."
    )
    async def owner(
        self, info: strawberry.Info
    ) -> Annotated[Organisation, strawberry.lazy("schema.directory.types")] | None:
        if self.row.owner_id is None:
            return None
        row = await info.context.loaders.organisation.load(self.row.owner_id)
        return None if row is None else _organisation_type().from_row(row)

    @strawberry.field(description="The funding areas of this phase, in the programme's order.")
    async def funding_areas(self, info: strawberry.Info) -> list[FundingArea]:
        rows = await info.context.loaders.funding_areas_by_programme.load(self.row.id)
        return [FundingArea.from_row(row) for row in rows]

    @strawberry.field(
        description="Measures, awarded money and indicator totals; the whole phase without `year`."
    )
    async def report(
        self,
        year: Annotated[
            int | None,
            strawberry.argument(description="A year of the phase; another year is refused with INVALID."),
        ] = None,
    ) -> ProgrammeReport:
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
