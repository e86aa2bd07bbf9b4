"""Staff exports of applications: rows produced page by page, so a large export never sits in memory."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import AsyncIterator, Sequence
from decimal import Decimal

from grants.application_rules import total_cost
from grants.applications import ApplicationFilter, list_applications
from grants.models import (
    Application,
    Award,
    BudgetLine,
    FundingArea,
    FundingCall,
    Organisation,
    Review,
    Role,
    User,
)
from grants.permissions import require_role

BATCH = 100
HEADER = (
    "reference",
    "title",
    "applicant",
    "status",
    "call",
    "funding_area",
    "project_start",
    "project_end",
    "municipalities",
    "total_cost",
    "own_contribution",
    "third_party_funding",
    "requested_amount",
    "awarded",
    "submitted_at",
    "reviews",
    "mean_weighted_score",
)


def _money(value: Decimal | None) -> str:
    return f"{value:.2f}" if value is not None else ""


async def _rows(batch: Sequence[Application]) -> list[list[str]]:
    ids = [a.id for a in batch]
    organisations = {o.id: o for o in await Organisation.filter(id__in={a.applicant_id for a in batch})}
    calls = {c.id: c for c in await FundingCall.filter(id__in={a.call_id for a in batch})}
    areas = {f.id: f for f in await FundingArea.filter(id__in={a.funding_area_id for a in batch})}
    awards = {w.application_id: w.amount for w in await Award.filter(application_id__in=ids)}
    lines: dict[int, list[Decimal]] = defaultdict(list)
    for line in await BudgetLine.filter(application_id__in=ids):
        lines[line.application_id].append(line.amount)
    scores: dict[int, list[Decimal]] = defaultdict(list)
    for review in await Review.filter(application_id__in=ids):
        scores[review.application_id].append(review.weighted_score)
    places: dict[int, list[str]] = defaultdict(list)
    for application in await Application.filter(id__in=ids).prefetch_related("municipalities"):
        places[application.id] = sorted(place.name["de"] for place in application.municipalities)
    rows = []
    for a in batch:
        mean = sum(scores[a.id], Decimal(0)) / len(scores[a.id]) if scores[a.id] else None
        rows.append(
            [
                a.reference,
                a.title,
                organisations[a.applicant_id].name["de"],
                a.status.value,
                calls[a.call_id].reference,
                areas[a.funding_area_id].code,
                a.project_start.isoformat(),
                a.project_end.isoformat(),
                "; ".join(places[a.id]),
                _money(total_cost(lines[a.id])),
                _money(a.own_contribution),
                _money(a.third_party_funding),
                _money(a.requested_amount),
                _money(awards.get(a.id)),
                a.submitted_at.isoformat() if a.submitted_at else "",
                str(len(scores[a.id])),
                f"{mean:.3f}" if mean is not None else "",
            ]
        )
    return rows


async def application_rows(*, actor: User | None, filter: ApplicationFilter) -> AsyncIterator[list[str]]:
    """The header, then one row per application the staff member may see, `BATCH` at a time."""
    require_role(actor, Role.REVIEWER, Role.APPROVER, Role.ADMIN)
    yield list(HEADER)
    after: str | None = None
    while True:
        page = await list_applications(actor=actor, filter=filter, first=BATCH, after=after)
        for row in await _rows(page.items):
            yield row
        if not page.has_next_page:
            return
        after = page.cursors[-1]
