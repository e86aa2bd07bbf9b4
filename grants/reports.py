"""Programme figures: funded measures, awarded money and indicator totals per phase or year."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from grants.errors import DomainError, ErrorCode
from grants.models import FundingArea, Indicator, Programme


@dataclass(frozen=True, slots=True)
class AreaFigures:
    """Measures and money of one funding area."""

    funding_area: FundingArea
    measure_count: int
    awarded: Decimal


@dataclass(frozen=True, slots=True)
class ReportFigures:
    """The figures of a programme phase, or of one of its years."""

    programme: Programme
    year: int | None
    measure_count: int
    awarded: Decimal
    by_funding_area: list[AreaFigures]
    indicators: list[tuple[Indicator, int]]


async def programme_report(*, programme: Programme, year: int | None) -> ReportFigures:
    """The figures of `programme` (of `year` if given, which must lie inside the phase).

    Awards and accepted reports are not yet recorded by kipnet (they come with grant applications),
    so every measure count, amount and indicator total is zero until then.
    """
    if year is not None and not programme.start_year <= year <= programme.end_year:
        raise DomainError.single(
            ErrorCode.INVALID,
            f"{programme.code} runs from {programme.start_year} to {programme.end_year}; {year} is outside",
            ("year",),
        )
    areas = await programme.funding_areas.all().order_by("position", "id")
    indicators = await Indicator.all().order_by("position", "id")
    return ReportFigures(
        programme=programme,
        year=year,
        measure_count=0,
        awarded=Decimal("0.00"),
        by_funding_area=[AreaFigures(area, 0, Decimal("0.00")) for area in areas],
        indicators=[(indicator, 0) for indicator in indicators],
    )
