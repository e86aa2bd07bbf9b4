"""Paying an award's tranches: handed to the finance office (being paid), cancelled, or marked paid.

A tranche is unpaid, being paid (`payment_started_at` set: the finance office has it, with the
organisation's account copied onto the tranche) or paid (`paid_on`). These are not application
statuses: the application stays APPROVED throughout, so the workflow's status table is untouched.
While a tranche is being paid the organisation's account cannot change (grants.banking), so what the
finance office pays to is what the organisation last confirmed.

Marking paid does not require the hand-over first: a payment made outside kipnet can be recorded
directly. Then the account is copied at that moment, and the organisation must have one — the
tranche always records the account it was paid to.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from grants import audit
from grants.aftercare import CARETAKERS, final_accepted
from grants.applications import require_visible
from grants.atomic import atomic
from grants.banking import masked
from grants.errors import DomainError, ErrorCode
from grants.models import Application, Award, BankAccount, PaymentTranche, User
from grants.moves import record_event
from grants.notifications import day, tell_applicant
from grants.permissions import require_role

#: How long after today or the project's end a payment may be dated (late final tranches).
PAYMENT_HORIZON = timedelta(days=366)


def payment_state(tranche: PaymentTranche) -> str:
    """UNPAID, BEING_PAID or PAID."""
    if tranche.paid_on is not None:
        return "PAID"
    return "BEING_PAID" if tranche.payment_started_at is not None else "UNPAID"


async def _tranche(
    actor: User | None, application_id: int, position: int
) -> tuple[Application, User, Award, PaymentTranche]:
    application = await require_visible(actor, application_id)
    staff = require_role(actor, *CARETAKERS)
    award = await Award.get_or_none(application_id=application.id)
    tranche = await PaymentTranche.get_or_none(award_id=award.id, position=position) if award else None
    if tranche is None or award is None:
        raise DomainError.single(ErrorCode.NOT_FOUND, "No such tranche", ("tranche",))
    return application, staff, award, tranche


async def _released(application: Application, tranche: PaymentTranche) -> None:
    if tranche.due == "FINAL_REPORT" and not await final_accepted(application.id):
        raise DomainError.single(
            ErrorCode.INVALID_TRANSITION,
            "The last tranche is released by an accepted final report",
            ("tranche",),
        )


async def _account(application: Application) -> BankAccount:
    # Locked (PostgreSQL) so that updateBankAccount waits, then sees the tranche being paid.
    account = await BankAccount.select_for_update().get_or_none(organisation_id=application.applicant_id)
    if account is None:
        raise DomainError.single(
            ErrorCode.INVALID_TRANSITION,
            "The organisation has no bank account yet; its members or staff enter one first",
            ("tranche",),
        )
    return account


def _paid_already(tranche: PaymentTranche) -> DomainError:
    return DomainError.single(
        ErrorCode.CONFLICT, "Tranche {position} is paid already", ("tranche",), position=tranche.position
    )


async def start_tranche_payment(
    *, actor: User | None, application_id: int, position: int, now: datetime
) -> Application:
    """Staff hand a tranche to the finance office, with the organisation's account as it is now."""
    application, staff, _, tranche = await _tranche(actor, application_id, position)
    await _released(application, tranche)
    if tranche.paid_on is not None:
        raise _paid_already(tranche)
    async with atomic():
        # Read inside the transaction: the account copied is the one the refusal to change it guards.
        account = await _account(application)
        started = await PaymentTranche.filter(
            id=tranche.id, paid_on__isnull=True, payment_started_at__isnull=True
        ).update(payment_started_at=now, payee_iban=account.iban, payee_holder=account.holder)
        if not started:
            raise DomainError.single(
                ErrorCode.CONFLICT,
                "Tranche {position} is with the finance office already",
                ("tranche",),
                position=position,
            )
        await audit.record(
            actor=staff,
            action="tranche.start_payment",
            entity_type="PaymentTranche",
            entity_id=tranche.id,
            changes={"amount": str(tranche.amount), "iban": masked(account.iban), "holder": account.holder},
        )
    return application


async def cancel_tranche_payment(
    *, actor: User | None, application_id: int, position: int, now: datetime
) -> Application:
    """Staff take a tranche back from the finance office (not paid after all): unpaid again."""
    application, staff, _, tranche = await _tranche(actor, application_id, position)
    async with atomic():
        cancelled = await PaymentTranche.filter(
            id=tranche.id, paid_on__isnull=True, payment_started_at__isnull=False
        ).update(payment_started_at=None, payee_iban=None, payee_holder=None)
        if not cancelled:
            if tranche.paid_on is not None:
                raise _paid_already(tranche)
            raise DomainError.single(
                ErrorCode.INVALID_TRANSITION,
                "Tranche {position} is not with the finance office",
                ("tranche",),
                position=position,
            )
        await audit.record(
            actor=staff,
            action="tranche.cancel_payment",
            entity_type="PaymentTranche",
            entity_id=tranche.id,
            changes={"cancelled_at": now.isoformat(), "iban": masked(tranche.payee_iban)},
        )
    return application


async def mark_tranche_paid(
    *,
    actor: User | None,
    application_id: int,
    position: int,
    paid_on: date,
    now: datetime,
    public_url: str,
) -> Application:
    """Staff record a payment (to the account handed over, else the current one); the final tranche only
    after the final report was accepted; never to an organisation without an account."""
    application, staff, award, tranche = await _tranche(actor, application_id, position)
    await _released(application, tranche)
    latest = max(now.date(), application.project_end) + PAYMENT_HORIZON
    if not award.decided_at.date() <= paid_on <= latest:
        raise DomainError.single(
            ErrorCode.INVALID,
            "A payment date lies between the award ({decided_at}) and {latest}",
            ("paid_on",),
            decided_at=award.decided_at.date().isoformat(),
            latest=latest.isoformat(),
        )
    if tranche.paid_on is not None:
        raise _paid_already(tranche)
    async with atomic():
        if tranche.payment_started_at is not None and tranche.payee_iban and tranche.payee_holder:
            iban, holder = tranche.payee_iban, tranche.payee_holder
        else:
            account = await _account(application)
            iban, holder = account.iban, account.holder
        if not await PaymentTranche.filter(id=tranche.id, paid_on__isnull=True).update(
            paid_on=paid_on, payee_iban=iban, payee_holder=holder
        ):
            raise _paid_already(tranche)
        await record_event(
            application=application, actor=staff, kind="TRANCHE_PAID", message=f"CHF {tranche.amount}"
        )
        await tell_applicant(
            application=application,
            kind="TRANCHE_PAID",
            message=None,
            now=now,
            public_url=public_url,
            extra={"amount": f"CHF {tranche.amount}", "paid_on": day(paid_on)},
        )
        await audit.record(
            actor=staff,
            action="tranche.pay",
            entity_type="PaymentTranche",
            entity_id=tranche.id,
            changes={
                "paid_on": paid_on.isoformat(),
                "amount": str(tranche.amount),
                "iban": masked(iban),
                "holder": holder,
            },
        )
    return application
