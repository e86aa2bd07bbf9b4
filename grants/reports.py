"""Programme figures: funded measures, awarded money and indicator totals per phase or year.

A measure is an awarded application (APPROVED or CLOSED) under a call of the programme; it counts
in the year its project starts. Indicator totals come from each measure's latest accepted report,
the final one when there is one (reports carry totals so far, so earlier ones are not added).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from grants.errors import DomainError, ErrorCode
from grants.models import (
    Application,
    ApplicationStatus,
    Award,
    FundingArea,
    Indicator,
    Programme,
    ProjectReport,
    ReportKind,
    ReportStatus,
)

ZERO = Decimal("0.00")
FUNDED = (ApplicationStatus.APPROVED, ApplicationStatus.CLOSED)


@dataclass(frozen=True, slots=True)
class Measure:
    """What the figures need of one funded application."""

    year: int
    funding_area_id: int
    awarded: Decimal
    actuals: Sequence[tuple[str, int]]


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


def figures(
    measures: Iterable[Measure], areas: Sequence[FundingArea], indicators: Sequence[Indicator]
) -> tuple[int, Decimal, list[tuple[FundingArea, int, Decimal]], list[tuple[Indicator, int]]]:
    """Count, money, per-area rows (every area, in order) and indicator totals of `measures`."""
    count, money = 0, ZERO
    per_area: dict[int, tuple[int, Decimal]] = defaultdict(lambda: (0, ZERO))
    totals: dict[str, int] = defaultdict(int)
    for measure in measures:
        count, money = count + 1, money + measure.awarded
        area_count, area_money = per_area[measure.funding_area_id]
        per_area[measure.funding_area_id] = (area_count + 1, area_money + measure.awarded)
        for code, value in measure.actuals:
            totals[code] += value
    rows = [(area, *per_area.get(area.id, (0, ZERO))) for area in areas]
    return count, money, rows, [(indicator, totals.get(indicator.code, 0)) for indicator in indicators]


def latest_accepted(reports: Sequence[ProjectReport]) -> ProjectReport | None:
    """The accepted report that speaks for the measure: the final one, else the latest interim."""
    accepted = [r for r in reports if r.status is ReportStatus.ACCEPTED]
    finals = [r for r in accepted if r.kind is ReportKind.FINAL]
    chosen = finals or accepted
    return max(chosen, key=lambda r: r.id) if chosen else None


async def measures_of(programme: Programme, year: int | None) -> list[Measure]:
    """The funded measures of `programme` (starting in `year` if given), with their actuals."""
    applications = Application.filter(call__programme_id=programme.id, status__in=list(FUNDED))
    rows = await applications
    if year is not None:
        rows = [row for row in rows if row.project_start.year == year]
    ids = [row.id for row in rows]
    awards = {award.application_id: award.amount for award in await Award.filter(application_id__in=ids)}
    reports: dict[int, list[ProjectReport]] = defaultdict(list)
    for report in await ProjectReport.filter(application_id__in=ids, status=ReportStatus.ACCEPTED):
        reports[report.application_id].append(report)
    measures = []
    for row in rows:
        speaking = latest_accepted(reports[row.id])
        actuals = [(item["indicator"], item["value"]) for item in speaking.actuals] if speaking else []
        measures.append(
            Measure(row.project_start.year, row.funding_area_id, awards.get(row.id, ZERO), actuals)
        )
    return measures


async def programme_report(*, programme: Programme, year: int | None) -> ReportFigures:
    """The figures of `programme` (of `year` if given, which must lie inside the phase)."""
    if year is not None and not programme.start_year <= year <= programme.end_year:
        raise DomainError.single(
            ErrorCode.INVALID,
            "{programme} runs from {start_year} to {end_year}; {year} is outside",
            ("year",),
            programme=programme.code,
            start_year=programme.start_year,
            end_year=programme.end_year,
            year=year,
        )
    areas = await programme.funding_areas.all().order_by("position", "id")
    indicators = await Indicator.all().order_by("position", "id")
    count, money, rows, totals = figures(await measures_of(programme, year), areas, indicators)
    return ReportFigures(
        programme=programme,
        year=year,
        measure_count=count,
        awarded=money,
        by_funding_area=[AreaFigures(area, n, amount) for area, n, amount in rows],
        indicators=totals,
    )
