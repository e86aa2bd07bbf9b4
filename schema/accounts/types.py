"""GraphQL types of user accounts."""

from __future__ import annotations

import strawberry

from grants.models import Role as RoleEnum
from grants.models import User as UserRow
from grants.second_factor import setup_required
from schema.base.node import Node, to_global_id
from schema.directory.types import Organisation

Role = strawberry.enum(RoleEnum, name="Role")


@strawberry.type(description="A person who logs in: an NGO's project lead or programme staff.")
class User(Node):
    email: str = strawberry.field(
        description="The address the person logs in with and gets kipnet's mail at."
    )
    display_name: str = strawberry.field(description="The person's name as others see it.")
    role: RoleEnum = strawberry.field(description="What the person may do.")
    language: str = strawberry.field(
        description="Preferred language for the portal and mails: de, fr, it or en."
    )
    active: bool = strawberry.field(
        description="False for an account deactivated by an administrator or invited and not accepted yet."
    )
    row: strawberry.Private[UserRow]

    @strawberry.field(description="The organisation an applicant acts for; null for staff.")
    async def organisation(self, info: strawberry.Info) -> Organisation | None:
        if self.row.organisation_id is None:
            return None
        row = await info.context.loaders.organisation.load(self.row.organisation_id)
        return Organisation.from_row(row) if row else None

    @strawberry.field(description="Sign-in asks for a TOTP code (or a recovery code) besides the password.")
    def two_factor_enabled(self) -> bool:
        return self.row.two_factor_enabled

    @strawberry.field(
        description="True while the person must set up two-factor sign-in before doing anything else "
        "(approvers and administrators in production); the portal sends them to its setup page."
    )
    def two_factor_setup_required(self, info: strawberry.Info) -> bool:
        return setup_required(self.row, production=info.context.production)

    @classmethod
    def from_row(cls, row: UserRow) -> User:
        """The GraphQL view of a user."""
        return cls(
            id=to_global_id("User", row.id),
            email=row.email,
            display_name=row.display_name,
            role=row.role,
            language=row.language,
            active=row.is_active,
            row=row,
        )
