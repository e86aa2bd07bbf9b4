"""Account queries: who is calling."""

from __future__ import annotations

import strawberry

from schema.accounts.types import User


@strawberry.type
class AccountQuery:
    @strawberry.field(description="The logged-in caller, or null.")
    def viewer(self, info: strawberry.Info) -> User | None:
        # Someone who must set up two-factor sign-in first is still themselves (see schema/accounts/gate.py).
        actor = info.context.actor or info.context.two_factor_pending
        return User.from_row(actor) if actor else None
