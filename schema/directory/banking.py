"""updateBankAccount: an organisation's members, approvers and admins set its bank account."""

from __future__ import annotations

from typing import Annotated

import strawberry

from grants import banking
from grants.errors import DomainError
from schema.base.errors import ERRORS, UserError, user_errors
from schema.directory.types import Organisation


@strawberry.input(description="An organisation's new bank account.")
class UpdateBankAccountInput:
    organisation: str = strawberry.field(description="Organisation slug.")
    iban: str = strawberry.field(
        description="A Swiss (CH) or Liechtenstein (LI) IBAN, not a QR-IBAN; spaces and case do not matter."
    )
    holder: str = strawberry.field(
        description=f"The account holder's name; at most {banking.HOLDER_LENGTH} characters."
    )


@strawberry.type(description="The result of changing an organisation's bank account.")
class BankAccountPayload:
    organisation: Organisation | None = strawberry.field(
        description="The organisation, its bankAccount as saved; null if refused."
    )
    errors: list[UserError] = strawberry.field(description=ERRORS)


AccountChange = Annotated[
    UpdateBankAccountInput, strawberry.argument(description="Which organisation, and its account.")
]


@strawberry.type
class BankAccountMutation:
    @strawberry.mutation(
        description="The organisation's applicant members, approvers and admins: set its bank account. "
        "Every active member is told by mail; refused (CONFLICT) while a tranche of it is being paid."
    )
    async def update_bank_account(self, info: strawberry.Info, input: AccountChange) -> BankAccountPayload:
        ctx = info.context
        try:
            row = await banking.update_bank_account(
                actor=ctx.actor,
                organisation=input.organisation,
                iban=input.iban,
                holder=input.holder,
                now=ctx.now(),
                public_url=ctx.public_url,
            )
        except DomainError as error:
            return BankAccountPayload(organisation=None, errors=user_errors(error))
        return BankAccountPayload(organisation=Organisation.from_row(row), errors=[])
