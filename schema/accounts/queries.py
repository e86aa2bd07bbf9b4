"""Account queries: who is calling."""

from __future__ import annotations

import strawberry

from schema.accounts.types import User


@strawberry.type
class AccountQuery:
    @strawberry.field(description="The logged-in caller, or null.")
    def viewer(self, info: strawberry.Info) -> User | None:
        actor = info.context.actor
        return User.from_row(actor) if actor else None
