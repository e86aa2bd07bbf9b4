"""Where an organisation is: its postal address and, for a municipality, its official figures."""

from __future__ import annotations

import strawberry

from grants.models import MunicipalityProfile as ProfileRow


@strawberry.type(description="A postal address in Switzerland.")
class Address:
    street: str | None = strawberry.field(description="Street and number; null if not known.")
    postal_code: str = strawberry.field(description="The four-digit Swiss postal code, e.g. 4410.")
    locality: str = strawberry.field(description="Town or village, e.g. Liestal.")
    canton: str | None = strawberry.field(description="Two-letter canton code, e.g. BL; null if not known.")


@strawberry.type(description="Official figures of a municipality (Federal Statistical Office, BFS).")
class MunicipalityProfile:
    bfs_number: int = strawberry.field(
        description="The municipality's number in the BFS register (Gemeindenummer), e.g. 2829 for Liestal."
    )
    population: int | None = strawberry.field(
        description="Resident population in `populationYear`; null if not known."
    )
    foreign_national_share: float | None = strawberry.field(
        description="Share of foreign nationals in the resident population, 0..1; null if not known."
    )
    communis_since: int | None = strawberry.field(
        description="The year it joined the municipal integration-strategy project (communis); null if it "
        "has not."
    )
    district: str | None = strawberry.field(description="The district (Bezirk), e.g. Arlesheim.")
    population_year: int | None = strawberry.field(description="The year population and share refer to.")
    source: str | None = strawberry.field(description="Where the figures come from.")

    @classmethod
    def from_row(cls, row: ProfileRow) -> MunicipalityProfile:
        """The GraphQL view of a municipality profile."""
        share = row.foreign_national_share
        return cls(
            bfs_number=row.bfs_number,
            population=row.population,
            foreign_national_share=float(share) if share is not None else None,
            communis_since=row.communis_since,
            district=row.district,
            population_year=row.population_year,
            source=row.source,
        )
