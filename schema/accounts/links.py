"""The one-time links of mails in the schema: accepting an invitation, asking for and using a reset link."""

from __future__ import annotations

from typing import Annotated

import strawberry

from grants import invitations, password_reset
from grants.errors import DomainError, RateLimited
from schema.accounts.mutations import RETRY_AFTER, LoginPayload
from schema.accounts.types import User
from schema.base.errors import UserError, user_errors


@strawberry.input(description="The invitation link's token, and the password (and name) to set.")
class AcceptInvitationInput:
    token: str = strawberry.field(description="The token from the invitation link.")
    password: str = strawberry.field(
        description="At least 12 characters, not easy to guess, without your name or address."
    )
    name: str | None = strawberry.field(default=None, description="Your name as others see it.")


@strawberry.input(description="The address to send a reset link to.")
class RequestPasswordResetInput:
    email: str = strawberry.field(description="The account's e-mail address.")


@strawberry.input(description="The reset link's token and the new password.")
class ResetPasswordInput:
    token: str = strawberry.field(description="The token from the reset link.")
    new_password: str = strawberry.field(
        description="At least 12 characters, not easy to guess, without your name or address."
    )
    code: str | None = strawberry.field(
        default=None,
        description="For accounts with two-factor sign-in: the current TOTP code or an unused recovery code.",
    )


@strawberry.type(description="The answer to a reset request: the same whether or not the account exists.")
class RequestPasswordResetPayload:
    errors: list[UserError] = strawberry.field(
        description="Empty unless throttled or malformed: the answer never tells whether the account exists."
    )
    retry_after_seconds: int | None = strawberry.field(default=None, description=RETRY_AFTER)


AcceptInvitationInputArgument = Annotated[
    AcceptInvitationInput, strawberry.argument(description="The link's token and the password to set.")
]
RequestPasswordResetInputArgument = Annotated[
    RequestPasswordResetInput, strawberry.argument(description="The address to send the link to.")
]
ResetPasswordInputArgument = Annotated[
    ResetPasswordInput, strawberry.argument(description="The link's token and the new password.")
]


def _refused(error: DomainError) -> LoginPayload:
    wait = error.retry_after if isinstance(error, RateLimited) else None
    return LoginPayload(token=None, viewer=None, errors=user_errors(error), retry_after_seconds=wait)


@strawberry.type
class AccountLinkMutation:
    @strawberry.mutation(description="Set name and password from an invitation link, and sign in.")
    async def accept_invitation(
        self, info: strawberry.Info, input: AcceptInvitationInputArgument
    ) -> LoginPayload:
        try:
            token, user = await invitations.accept_invitation(
                token=input.token,
                password=input.password,
                name=input.name,
                secret=info.context.secret,
                now=info.context.now(),
                lifetime=info.context.token_lifetime,
            )
        except DomainError as error:
            return _refused(error)
        return LoginPayload(token=token, viewer=User.from_row(user), errors=[])

    @strawberry.mutation(description="Mail a reset link if the account exists; the same answer either way.")
    async def request_password_reset(
        self, info: strawberry.Info, input: RequestPasswordResetInputArgument
    ) -> RequestPasswordResetPayload:
        try:
            await password_reset.request_password_reset(
                email=input.email,
                public_url=info.context.public_url,
                secret=info.context.secret,
                now=info.context.now(),
                address=info.context.client_address,
                limits=info.context.login_limits,
            )
        except DomainError as error:
            wait = error.retry_after if isinstance(error, RateLimited) else None
            return RequestPasswordResetPayload(errors=user_errors(error), retry_after_seconds=wait)
        return RequestPasswordResetPayload(errors=[])

    @strawberry.mutation(description="Set a new password from a reset link; revokes every session, signs in.")
    async def reset_password(self, info: strawberry.Info, input: ResetPasswordInputArgument) -> LoginPayload:
        try:
            token, user = await password_reset.reset_password(
                token=input.token,
                new_password=input.new_password,
                code=input.code,
                secret=info.context.secret,
                now=info.context.now(),
                lifetime=info.context.token_lifetime,
                address=info.context.client_address,
                limits=info.context.login_limits,
            )
        except DomainError as error:
            return _refused(error)
        return LoginPayload(token=token, viewer=User.from_row(user), errors=[])
