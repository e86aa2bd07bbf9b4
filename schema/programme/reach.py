"""The municipal view in the schema: does the money follow the foreign-national share?"""

from __future__ import annotations

from typing import Annotated

import strawberry

from grants.reach import MunicipalReach as ReachRow
from grants.reach import ReachOrder, cantonal_foreign_share, municipal_reach
from schema.directory.types import Organisation
from schema.programme.types import Money

strawberry.enum(ReachOrder, name="ReachOrder")


@strawberry.type(description="The programme's projects and money in one municipality.")
class MunicipalReach:
    municipality: Organisation = strawberry.field(description="The municipality.")
    project_count: int = strawberry.field(
        description="Funded projects (approved or closed) taking place there."
    )
    awarded: Money = strawberry.field(
        description="Its share of their awards: each award split equally among the project's municipalities."
    )
    per_inhabitant: Money = strawberry.field(
        description="Awarded money per inhabitant; 0 when the population is not known."
    )
    population: int | None = strawberry.field(description="Resident population; null if not known.")
    foreign_national_share: float | None = strawberry.field(
        description="Share of foreign nationals in the resident population, 0..1; null if not known."
    )
    above_cantonal_share: bool = strawberry.field(
        description="True if its foreign-national share is above the canton's (false when not known)."
    )

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


@strawberry.type(
    description="Every municipality of the canton with the programme's projects and money there."
)
class MunicipalReachReport:
    cantonal_foreign_share: float = strawberry.field(
        description="The foreign-national share of all municipalities together (by population), 0..1."
    )
    municipalities: list[MunicipalReach] = strawberry.field(
        description="Every municipality, those without projects too, in the order asked for."
    )


@strawberry.type
class ReachQuery:
    @strawberry.field(
        description="Projects and awarded money per municipality, next to population and "
        "foreign-national share; a project in several municipalities shares its award equally among them."
    )
    async def municipal_reach(
        self,
        programme: Annotated[
            str | None,
            strawberry.argument(
                description="Only this phase's projects (its code, e.g. KIP1); default: all."
            ),
        ] = None,
        order_by: Annotated[
            ReachOrder, strawberry.argument(description="What to sort by, largest first.")
        ] = (ReachOrder.MONEY_PER_INHABITANT),
    ) -> MunicipalReachReport | None:
        rows = await municipal_reach(programme_code=programme, order=order_by)
        cantonal = float(cantonal_foreign_share([row.profile for row in rows]))
        return MunicipalReachReport(
            cantonal_foreign_share=cantonal,
            municipalities=[MunicipalReach.from_row(row, cantonal) for row in rows],
        )
