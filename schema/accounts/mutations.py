"""Logging in and out, everywhere at once, and changing one's password."""

from __future__ import annotations

from typing import Annotated

import strawberry

from grants import accounts
from grants.errors import DomainError, ErrorCode, Problem, RateLimited
from schema.accounts.types import User
from schema.base.errors import ERRORS, UserError, user_errors

#: What a client is told to do when attempts were counted too often.
RETRY_AFTER = "When refused as RATE_LIMITED: seconds to wait before trying again; else null."


@strawberry.input(description="The credentials of an account.")
class LoginInput:
    email: str = strawberry.field(description="The account's e-mail address; case does not matter.")
    password: str = strawberry.field(description="The account's password.")
    code: str | None = strawberry.field(
        default=None,
        description="The current TOTP code, or one unused recovery code, for accounts with two-factor "
        "sign-in.",
    )


@strawberry.input(description="The password now and the one to take its place.")
class ChangePasswordInput:
    current_password: str = strawberry.field(
        description="The password in use now; a wrong one counts like a failed login."
    )
    new_password: str = strawberry.field(description="At least 12 characters.")


@strawberry.type(description="The result of a login.")
class LoginPayload:
    token: str | None = strawberry.field(
        description="Bearer token for the Authorization header, valid for the server's token lifetime "
        "(12 hours by default); null when refused."
    )
    viewer: User | None = strawberry.field(description="The user now logged in; null when refused.")
    errors: list[UserError] = strawberry.field(
        description="Empty on success; UNAUTHENTICATED for a wrong e-mail address or password alike (the "
        "answer never tells which), RATE_LIMITED after too many attempts, TWO_FACTOR_REQUIRED (field "
        "input.code) when the password is right and the account needs its second factor."
    )
    retry_after_seconds: int | None = strawberry.field(default=None, description=RETRY_AFTER)


@strawberry.type(description="The result of a logout.")
class LogoutPayload:
    revoked: bool = strawberry.field(description="True if the token was valid until now.")
    errors: list[UserError] = strawberry.field(description="Always empty: logging out cannot fail.")


@strawberry.type(description="The result of logging out on every device.")
class LogoutEverywherePayload:
    revoked_count: int = strawberry.field(description="How many tokens (sessions) were revoked.")
    errors: list[UserError] = strawberry.field(description="UNAUTHENTICATED when not logged in; else empty.")


@strawberry.type(description="The result of a password change.")
class ChangePasswordPayload:
    token: str | None = strawberry.field(
        description="A new bearer token: every earlier token, this request's included, is revoked. Null "
        "when refused."
    )
    errors: list[UserError] = strawberry.field(description=ERRORS)
    retry_after_seconds: int | None = strawberry.field(default=None, description=RETRY_AFTER)


Credentials = Annotated[LoginInput, strawberry.argument(description="E-mail address and password.")]
PasswordChange = Annotated[
    ChangePasswordInput, strawberry.argument(description="The current password and the new one.")
]


_NOT_LOGGED_IN = UserError.from_problem(Problem(ErrorCode.UNAUTHENTICATED, "Log in first"))


def _wait(error: DomainError) -> int | None:
    return error.retry_after if isinstance(error, RateLimited) else None


@strawberry.type
class AccountMutation:
    @strawberry.mutation(description="Exchange e-mail and password for a bearer token.")
    async def login(self, info: strawberry.Info, input: Credentials) -> LoginPayload:
        try:
            token, user = await accounts.login(
                email=input.email,
                password=input.password,
                secret=info.context.secret,
                lifetime=info.context.token_lifetime,
                address=info.context.client_address,
                limits=info.context.login_limits,
                code=input.code,
            )
        except DomainError as error:
            return LoginPayload(
                token=None, viewer=None, errors=user_errors(error), retry_after_seconds=_wait(error)
            )
        return LoginPayload(token=token, viewer=User.from_row(user), errors=[])

    @strawberry.mutation(description="Revoke the bearer token this request was sent with.")
    async def logout(self, info: strawberry.Info) -> LogoutPayload:
        token = info.context.bearer_token
        revoked = await accounts.logout(token, secret=info.context.secret) if token else False
        return LogoutPayload(revoked=revoked, errors=[])

    @strawberry.mutation(description="Revoke every bearer token of the logged-in user (all devices).")
    async def logout_everywhere(self, info: strawberry.Info) -> LogoutEverywherePayload:
        actor = info.context.actor
        if actor is None:
            return LogoutEverywherePayload(revoked_count=0, errors=[_NOT_LOGGED_IN])
        return LogoutEverywherePayload(revoked_count=await accounts.logout_everywhere(user=actor), errors=[])

    @strawberry.mutation(description="Change the logged-in user's password; logs out every other session.")
    async def change_password(self, info: strawberry.Info, input: PasswordChange) -> ChangePasswordPayload:
        actor = info.context.actor
        if actor is None:
            return ChangePasswordPayload(token=None, errors=[_NOT_LOGGED_IN])
        try:
            token = await accounts.change_password(
                user=actor,
                current_password=input.current_password,
                new_password=input.new_password,
                secret=info.context.secret,
                lifetime=info.context.token_lifetime,
                limits=info.context.login_limits,
                address=info.context.client_address,
            )
        except DomainError as error:
            return ChangePasswordPayload(
                token=None, errors=user_errors(error), retry_after_seconds=_wait(error)
            )
        return ChangePasswordPayload(token=token, errors=[])
