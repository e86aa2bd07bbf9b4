"""The tranches the finance office is to pay: unpaid, due on or before a day, with the account to pay to.

One query reads the tranches with their applications and organisations (a join), one the accounts and
one the accepted final reports of those applications: never a query per tranche. The due day is the
tranche's `due_on`, which the award wrote from its milestone and the project's dates
(`grants.tranches.due_date`), so the database filters and sorts on it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from grants.exports import STAFF, Row, formula_safe
from grants.models import BankAccount, PaymentTranche, ProjectReport, ReportKind, ReportStatus, User
from grants.money import CENT
from grants.payments import payment_state
from grants.permissions import require_role

HEADER = (
    "organisation",
    "holder",
    "iban",
    "amount",
    "currency",
    "reference",
    "tranche",
    "due_on",
    "status",
    "payment_started_at",
)


@dataclass(frozen=True, slots=True)
class DueTranche:
    """An unpaid tranche due by the day asked, and where it goes.

    `status`: BEING_PAID (with the finance office: the account copied then), PAYABLE, NO_ACCOUNT
    (the organisation has none) or AWAITING_FINAL_REPORT (the last tranche, not released yet).
    """

    organisation_slug: str
    organisation: str
    holder: str | None
    iban: str | None
    amount: Decimal
    reference: str
    application_id: int
    position: int
    due_on: date
    status: str
    payment_started_at: datetime | None


async def due_tranches(*, actor: User | None, due_on_or_before: date) -> list[DueTranche]:
    """Staff: every unpaid tranche due on or before the day, earliest first (then by reference)."""
    require_role(actor, *STAFF)
    tranches = (
        await PaymentTranche.filter(paid_on__isnull=True, due_on__lte=due_on_or_before)
        .select_related("award__application__applicant")
        .order_by("due_on", "award__application__reference", "position")
    )
    applications = {t.award.application for t in tranches}
    organisations = {a.applicant_id for a in applications}
    accounts = {a.organisation_id: a for a in await BankAccount.filter(organisation_id__in=organisations)}
    accepted = ProjectReport.filter(
        application_id__in={a.id for a in applications}, kind=ReportKind.FINAL, status=ReportStatus.ACCEPTED
    )
    released = {int(report.application_id) for report in await accepted}
    found: list[DueTranche] = []
    for tranche in tranches:
        application = tranche.award.application
        account = accounts.get(application.applicant_id)
        status = payment_state(tranche)
        if status == "BEING_PAID":
            holder, iban = tranche.payee_holder, tranche.payee_iban
        else:
            holder, iban = (account.holder, account.iban) if account else (None, None)
            if tranche.due == "FINAL_REPORT" and application.id not in released:
                status = "AWAITING_FINAL_REPORT"
            else:
                status = "PAYABLE" if account else "NO_ACCOUNT"
        found.append(
            DueTranche(
                organisation_slug=application.applicant.slug,
                organisation=application.applicant.name["de"],
                holder=holder,
                iban=iban,
                amount=tranche.amount.quantize(CENT),
                reference=application.reference,
                application_id=application.id,
                position=tranche.position,
                due_on=tranche.due_on,
                status=status,
                payment_started_at=tranche.payment_started_at,
            )
        )
    return found


async def payment_rows(*, actor: User | None, due_on_or_before: date) -> list[Row]:
    """The export: the header, then a typed row per due tranche, every text made formula-safe."""
    rows: list[Row] = [list(HEADER)]
    for t in await due_tranches(actor=actor, due_on_or_before=due_on_or_before):
        rows.append(
            [
                t.organisation,
                t.holder,
                t.iban,
                t.amount,
                "CHF",
                t.reference,
                t.position,
                t.due_on,
                t.status,
                t.payment_started_at,
            ]
        )
    return [[formula_safe(cell) if isinstance(cell, str) else cell for cell in row] for row in rows]
