"""The municipal view in the schema: does the money follow the foreign-national share?"""

from __future__ import annotations

import strawberry

from grants.reach import MunicipalReach as ReachRow
from grants.reach import ReachOrder, cantonal_foreign_share, municipal_reach
from schema.directory.types import Organisation
from schema.programme.types import Money

strawberry.enum(ReachOrder, name="ReachOrder")


@strawberry.type(description="The programme's projects and money in one municipality.")
class MunicipalReach:
    municipality: Organisation
    project_count: int
    awarded: Money
    per_inhabitant: Money = strawberry.field(description="Awarded money per inhabitant.")
    population: int | None
    foreign_national_share: float | None
    above_cantonal_share: bool = strawberry.field(description="Foreign-national share above the canton's.")

    @classmethod
    def from_row(cls, row: ReachRow, cantonal: float) -> MunicipalReach:
        """The GraphQL view of one municipality's figures."""
        share = row.profile.foreign_national_share
        return cls(
            municipality=Organisation.from_row(row.municipality),
            project_count=row.project_count,
            awarded=Money(amount=row.awarded),
            per_inhabitant=Money(amount=row.per_inhabitant),
            population=row.profile.population,
            foreign_national_share=float(share) if share is not None else None,
            above_cantonal_share=share is not None and float(share) > cantonal,
        )


@strawberry.type
class MunicipalReachReport:
    cantonal_foreign_share: float = strawberry.field(
        description="The share of all municipalities together, 0..1."
    )
    municipalities: list[MunicipalReach]


@strawberry.type
class ReachQuery:
    @strawberry.field(
        description="Projects and awarded money per municipality, next to population and "
        "foreign-national share; a project in several municipalities shares its award equally among them."
    )
    async def municipal_reach(
        self, programme: str | None = None, order_by: ReachOrder = ReachOrder.MONEY_PER_INHABITANT
    ) -> MunicipalReachReport | None:
        rows = await municipal_reach(programme_code=programme, order=order_by)
        cantonal = float(cantonal_foreign_share([row.profile for row in rows]))
        return MunicipalReachReport(
            cantonal_foreign_share=cantonal,
            municipalities=[MunicipalReach.from_row(row, cantonal) for row in rows],
        )
