"""An organisation's bank account as the schema shows it, to its own members and staff only."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import strawberry
from strawberry.dataloader import DataLoader

from grants import banking
from grants.models import BankAccount as AccountRow


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


#: Organisation.bankAccount's description.
SEEN_BY = "null for everyone but the organisation's members and staff."


async def bank_account_of(root: Any, info: strawberry.Info) -> BankAccount | None:
    """Organisation.bankAccount: for its own members and staff; null for everyone else (and anonymous)."""
    organisation_id: int = root.row.id
    if not banking.may_see(info.context.actor, organisation_id):
        return None
    return BankAccount.from_row(await info.context.loaders.bank_account.load(organisation_id))
