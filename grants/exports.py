"""Staff exports of applications: typed rows produced page by page, so a large export never sits in memory.

A row holds typed cells (text, exact Decimal amounts, dates, counts) and each format renders them.
Every text cell, whichever column it sits in, passes through `formula_safe` in `application_rows`:
applicants, organisations and administrators choose titles and names, and a spreadsheet must never
read such text as a formula (OWASP "CSV Injection", ASVS 1.2.10).
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import AsyncIterator, Sequence
from datetime import date, datetime
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
from grants.money import CENT
from grants.permissions import require_role

#: One cell: text, an exact amount or score (shown with the decimals it carries), a count, a date
#: or a time (aware, UTC), or nothing. Never a float: money stays Decimal up to the file format.
Cell = str | Decimal | int | date | datetime | None
Row = list[Cell]

BATCH = 100
STAFF = (Role.REVIEWER, Role.APPROVER, Role.ADMIN)
SCORE = Decimal("0.001")
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
# What starts a formula (or, for TAB, CR, LF and NUL, may hide one behind a cell break or be
# dropped by a reader so that the next character leads). U+2212 is the typographic minus.
_FORMULA_STARTS = frozenset("=+-@\t\r\n\0\u2212")


def formula_safe(text: str) -> str:
    """`text` with a leading single quote when a spreadsheet could read it as a formula.

    The first character is compared after NFKC normalisation, so the full-width and small forms
    (＝ ＋ － ＠, ﹦ ﹢ ﹣ ﹫) that some spreadsheet apps fold to their ASCII twins are caught as well.
    """
    if text and unicodedata.normalize("NFKC", text[0])[:1] in _FORMULA_STARTS:
        return "'" + text
    return text


def require_staff(actor: User | None) -> User:
    """The actor if it may export applications (reviewers, approvers, admins); else the refusal."""
    return require_role(actor, *STAFF)


def _money(value: Decimal | None) -> Decimal | None:
    # Quantized so every amount carries exactly two decimals, whatever the database returned.
    return value.quantize(CENT) if value is not None else None


async def _rows(batch: Sequence[Application]) -> list[Row]:
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
    rows: list[Row] = []
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
                a.project_start,
                a.project_end,
                "; ".join(places[a.id]),
                _money(total_cost(lines[a.id])),
                _money(a.own_contribution),
                _money(a.third_party_funding),
                _money(a.requested_amount),
                _money(awards.get(a.id)),
                a.submitted_at,
                len(scores[a.id]),
                mean.quantize(SCORE) if mean is not None else None,
            ]
        )
    return rows


def _safe(row: Row) -> Row:
    # The one place every cell passes through: a column added later is neutralised by default.
    return [formula_safe(cell) if isinstance(cell, str) else cell for cell in row]


async def application_rows(*, actor: User | None, filter: ApplicationFilter) -> AsyncIterator[Row]:
    """The header, then one typed row per application the staff member may see, `BATCH` at a time."""
    require_staff(actor)
    yield _safe(list(HEADER))
    after: str | None = None
    while True:
        page = await list_applications(actor=actor, filter=filter, first=BATCH, after=after)
        for row in await _rows(page.items):
            yield _safe(row)
        if not page.has_next_page:
            return
        after = page.cursors[-1]
