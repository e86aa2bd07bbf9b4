"""User administration in the schema: the ADMIN's user list, invitations, and changes to an account."""

from __future__ import annotations

from typing import Annotated

import strawberry

from grants import invitations, user_admin
from grants.errors import DomainError, ErrorCode, Problem
from grants.models import Role as RoleEnum
from schema.accounts.types import User
from schema.base.connection import After, Connection, First
from schema.base.errors import ERRORS, UserError, user_errors
from schema.base.node import pk_of

_NOT_LOGGED_IN = UserError.from_problem(Problem(ErrorCode.UNAUTHENTICATED, "Log in first"))
_UNKNOWN_USER = UserError.from_problem(Problem(ErrorCode.NOT_FOUND, "No such user", ("id",)))


@strawberry.input(description="What a user list is narrowed to; every part is optional, all must hold.")
class UserFilter:
    role: list[RoleEnum] | None = strawberry.field(default=None, description="Only these roles (any).")
    organisation: str | None = strawberry.field(default=None, description="Organisation slug.")
    search: str | None = strawberry.field(default=None, description="Part of the name or e-mail address.")
    active: bool | None = strawberry.field(
        default=None, description="Only active (or only inactive) accounts."
    )


@strawberry.input(description="Whom to invite, as what.")
class InviteUserInput:
    email: str = strawberry.field(description="The address the invitation goes to.")
    role: RoleEnum = strawberry.field(description="The role; an applicant may invite only APPLICANT.")
    organisation: str | None = strawberry.field(
        default=None, description="Organisation slug; required for applicants."
    )
    name: str | None = strawberry.field(default=None, description="The person's name, if known.")
    language: str | None = strawberry.field(default=None, description="de, fr, it or en; default de.")


@strawberry.input(description="What to change on an account; fields left out stay as they are.")
class UpdateUserInput:
    id: strawberry.ID = strawberry.field(description="The user's `id`.")
    role: RoleEnum | None = strawberry.field(default=None, description="ADMIN only.")
    active: bool | None = strawberry.field(
        default=None, description="ADMIN only; false revokes every session of the account."
    )
    name: str | None = strawberry.field(default=None, description="The name others see.")
    language: str | None = strawberry.field(default=None, description="de, fr, it or en.")


@strawberry.type(description="The result of inviting or changing a user.")
class UserPayload:
    user: User | None = strawberry.field(description="The account as it is now; null when refused.")
    errors: list[UserError] = strawberry.field(description=ERRORS)


InviteUserInputArgument = Annotated[
    InviteUserInput, strawberry.argument(description="Whom to invite, as what.")
]
UpdateUserInputArgument = Annotated[
    UpdateUserInput, strawberry.argument(description="The account and what to change.")
]


@strawberry.type
class UserAdminQuery:
    @strawberry.field(description="ADMIN: the accounts, filtered; null for everyone else.")
    async def users(
        self,
        info: strawberry.Info,
        filter: Annotated[
            UserFilter | None, strawberry.argument(description="What to list; default: every account.")
        ] = None,
        first: First = None,
        after: After = None,
    ) -> Connection[User] | None:
        actor = info.context.actor
        if actor is None or actor.role is not RoleEnum.ADMIN:
            return None
        wanted = filter or UserFilter()
        page = await user_admin.list_users(
            filter=user_admin.UserFilter(
                roles=wanted.role or (),
                organisation=wanted.organisation,
                search=wanted.search,
                active=wanted.active,
            ),
            first=first,
            after=after,
        )
        return Connection.from_page(page, User.from_row)


@strawberry.type
class UserAdminMutation:
    @strawberry.mutation(
        description="ADMIN: invite anyone; APPLICANT: invite a colleague into its own organisation. "
        "Sends the invitation mail."
    )
    async def invite_user(self, info: strawberry.Info, input: InviteUserInputArgument) -> UserPayload:
        actor = info.context.actor
        if actor is None:
            return UserPayload(user=None, errors=[_NOT_LOGGED_IN])
        try:
            user = await invitations.invite_user(
                actor=actor,
                email=input.email,
                role=input.role,
                organisation_slug=input.organisation,
                name=input.name,
                language=input.language,
                public_url=info.context.public_url,
                secret=info.context.secret,
                now=info.context.now(),
            )
        except DomainError as error:
            return UserPayload(user=None, errors=user_errors(error))
        return UserPayload(user=User.from_row(user), errors=[])

    @strawberry.mutation(description="ADMIN: role and active; anyone: their own name and language.")
    async def update_user(self, info: strawberry.Info, input: UpdateUserInputArgument) -> UserPayload:
        actor = info.context.actor
        if actor is None:
            return UserPayload(user=None, errors=[_NOT_LOGGED_IN])
        user_id = pk_of(input.id, "User")
        if user_id is None:
            return UserPayload(user=None, errors=[_UNKNOWN_USER])
        try:
            user = await user_admin.update_user(
                actor=actor,
                user_id=user_id,
                role=input.role,
                active=input.active,
                name=input.name,
                language=input.language,
                now=info.context.now(),
            )
        except DomainError as error:
            return UserPayload(user=None, errors=user_errors(error))
        return UserPayload(user=User.from_row(user), errors=[])
