"""Paying tranches in the schema: hand a tranche to the finance office, take it back, list what is due."""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum
from typing import Annotated

import strawberry

from grants import payment_list, payments
from grants.payment_list import DueTranche
from schema.applications.inputs import application_pk
from schema.applications.mutations import APPLICATION_FIELD, ApplicationPayload, _payload
from schema.base.node import to_global_id
from schema.directory.bank_account import BankAccount
from schema.programme.types import Money

#: The most tranches `duePayments` lists; the exports list them all.
MAX_DUE = 200


@strawberry.enum(description="Where an unpaid tranche stands for the finance office.")
class DuePaymentStatus(Enum):
    PAYABLE = strawberry.enum_value("PAYABLE", description="Released, and the organisation has an account.")
    BEING_PAID = strawberry.enum_value(
        "BEING_PAID", description="Handed to the finance office, with the account copied then."
    )
    NO_ACCOUNT = strawberry.enum_value("NO_ACCOUNT", description="The organisation has no bank account yet.")
    AWAITING_FINAL_REPORT = strawberry.enum_value(
        "AWAITING_FINAL_REPORT", description="The last tranche, released by an accepted final report."
    )


@strawberry.type(description="An unpaid tranche due by the day asked, and the account it goes to.")
class DuePayment:
    application: strawberry.ID = strawberry.field(description="The application's global ID.")
    reference: str = strawberry.field(description="The application's reference, e.g. KIP-2026-0007.")
    organisation_slug: str = strawberry.field(description="The applicant organisation's slug.")
    organisation_name: str = strawberry.field(description="The applicant organisation's German name.")
    tranche: int = strawberry.field(description="Position of the tranche in the award's plan, from 0.")
    amount: Money = strawberry.field(description="The tranche's amount.")
    due_on: date = strawberry.field(description="When it falls due.")
    status: DuePaymentStatus = strawberry.field(description="Payable, being paid, or why not yet.")
    payment_started_at: datetime | None = strawberry.field(
        description="When it was handed to the finance office; null if not."
    )
    bank_account: BankAccount | None = strawberry.field(
        description="Where it goes: the account copied when handed over, else the current one; null if none."
    )

    @classmethod
    def of(cls, due: DueTranche) -> DuePayment:
        """The GraphQL view of a due tranche."""
        account = BankAccount(iban=due.iban, holder=due.holder) if due.iban and due.holder else None
        return cls(
            application=to_global_id("Application", due.application_id),
            reference=due.reference,
            organisation_slug=due.organisation_slug,
            organisation_name=due.organisation,
            tranche=due.position,
            amount=Money(amount=due.amount),
            due_on=due.due_on,
            status=DuePaymentStatus(due.status),
            payment_started_at=due.payment_started_at,
            bank_account=account,
        )


@strawberry.type(description="Unpaid tranches due by a day, earliest first.")
class DuePayments:
    total_count: int = strawberry.field(description="How many there are in all.")
    items: list[DuePayment] = strawberry.field(
        description=f"The first {MAX_DUE} of them; /exports/payments.csv and .xlsx list all."
    )


@strawberry.input(description="One tranche of an award.")
class TranchePaymentInput:
    application: strawberry.ID = strawberry.field(description="The application's global ID.")
    tranche: int = strawberry.field(description="Position of the tranche in the award's plan, from 0.")


TrancheArgument = Annotated[TranchePaymentInput, strawberry.argument(description="Which tranche.")]


@strawberry.type
class PaymentQuery:
    @strawberry.field(
        description="Staff: the unpaid tranches due on or before a day, with the account each goes to."
    )
    async def due_payments(
        self,
        info: strawberry.Info,
        due_before: Annotated[date, strawberry.argument(description="The last due day included.")],
    ) -> DuePayments:
        found = await payment_list.due_tranches(actor=info.context.actor, due_on_or_before=due_before)
        return DuePayments(total_count=len(found), items=[DuePayment.of(due) for due in found[:MAX_DUE]])


@strawberry.type
class PaymentMutation:
    @strawberry.mutation(
        description="Approver or admin: hand a released, unpaid tranche to the finance office, with the "
        "organisation's account as it is now; the account cannot change until it is paid or taken back."
    )
    async def start_tranche_payment(
        self, info: strawberry.Info, input: TrancheArgument
    ) -> ApplicationPayload:
        ctx = info.context
        return await _payload(
            payments.start_tranche_payment(
                actor=ctx.actor,
                application_id=application_pk(input.application),
                position=input.tranche,
                now=ctx.now(),
            ),
            relocate=APPLICATION_FIELD,
        )

    @strawberry.mutation(
        description="Approver or admin: take a tranche back from the finance office (not paid): unpaid again."
    )
    async def cancel_tranche_payment(
        self, info: strawberry.Info, input: TrancheArgument
    ) -> ApplicationPayload:
        ctx = info.context
        return await _payload(
            payments.cancel_tranche_payment(
                actor=ctx.actor,
                application_id=application_pk(input.application),
                position=input.tranche,
                now=ctx.now(),
            ),
            relocate=APPLICATION_FIELD,
        )
