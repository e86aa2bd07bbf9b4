"""Organisations' bank accounts in the schema: the type, who sees it, and updateBankAccount."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated

import strawberry
from strawberry.dataloader import DataLoader

from grants import banking
from grants.errors import DomainError
from grants.models import BankAccount as AccountRow
from schema.base.errors import ERRORS, UserError, user_errors
from schema.base.loading import Later, then
from schema.directory.types import Organisation


@strawberry.type(description="Visible to the organisation's own members and to staff only.")
class BankAccount:
    iban: str = strawberry.field(
        description="The IBAN in its electronic form: no spaces, upper case (CH9300762011623852957)."
    )
    holder: str = strawberry.field(description="The account holder's name, as payments are addressed.")

    @classmethod
    def from_row(cls, row: AccountRow | None) -> BankAccount | None:
        """The GraphQL view of an account row (None stays None)."""
        return cls(iban=row.iban, holder=row.holder) if row else None


async def _accounts_by_organisation(keys: Sequence[int]) -> list[AccountRow | None]:
    rows = {row.organisation_id: row for row in await AccountRow.filter(organisation_id__in=list(set(keys)))}
    return [rows.get(key) for key in keys]


class BankAccountByOrganisationLoader(DataLoader[int, AccountRow | None]):
    """The bank account of an organisation, if it has one."""

    def __init__(self) -> None:
        super().__init__(load_fn=_accounts_by_organisation)


def bank_account_of(info: strawberry.Info, organisation_id: int) -> Later[BankAccount | None]:
    """The organisation's account for its own members and staff; null for everyone else (and anonymous)."""
    if not banking.may_see(info.context.actor, organisation_id):
        return None
    return then(info.context.loaders.bank_account.load(organisation_id), BankAccount.from_row)


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
